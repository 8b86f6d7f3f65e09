"""Write a long stream of stored events in batches, all inside one transaction: a copy is all or nothing.

`ApplicationRecorder.insert_events` takes one list and commits it: a whole store in one list is a whole
store in memory. The recorders of eventsourcing 9.5 (pinned in pyproject.toml) insert a batch through
a cursor of a transaction their caller opens; this module opens that transaction once and feeds it
batch after batch.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Protocol

from eventsourcing.persistence import ApplicationRecorder, StoredEvent


class BatchWriter(Protocol):
    """Inserts one batch inside the open transaction."""

    def __call__(self, batch: Sequence[StoredEvent]) -> None: ...


@contextmanager
def one_transaction(recorder: ApplicationRecorder) -> Iterator[BatchWriter]:
    """A writer of batches; everything it wrote commits when the block ends, or nothing if it raises."""
    from eventsourcing.popo import POPOApplicationRecorder
    from eventsourcing.sqlite import SQLiteApplicationRecorder

    if isinstance(recorder, SQLiteApplicationRecorder):
        with recorder.datastore.transaction(commit=True) as cursor:
            yield lambda batch: _ignore(recorder._insert_events(cursor, batch))
        return
    if isinstance(recorder, POPOApplicationRecorder):  # memory: nothing to spare, and nothing to roll back
        yield lambda batch: _ignore(recorder.insert_events(batch))
        return
    from eventsourcing.postgres import PostgresApplicationRecorder

    assert isinstance(recorder, PostgresApplicationRecorder), type(recorder)
    with (
        recorder.datastore.get_connection() as connection,
        connection.transaction(),
        connection.cursor() as cursor,
    ):
        yield lambda batch: recorder._insert_stored_events(cursor, batch)


def write_batches(recorder: ApplicationRecorder, batches: Iterable[Sequence[StoredEvent]]) -> None:
    """Insert every batch in one transaction."""
    with one_transaction(recorder) as write:
        for batch in batches:
            if batch:
                write(batch)


def _ignore(_: Any) -> None:
    return None
