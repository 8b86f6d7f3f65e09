"""Before events are stored: does the database take the rows of raw text they would add to the read model?

A row the read model could not write would leave a log that no read command can follow. Raw text
reaches the read model only through the events that name a cohort or a territory (its name, its folded
names, its row), so those are written, then rolled back. Every other row holds JSON (control characters
escaped, lone surrogates refused by the event store before it), entry keys made of slugs, and dates: no
backend refuses them within a file's 2 MiB.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from transitions_core.store.failures import RowRefused, is_whole_store_failure

if TYPE_CHECKING:
    from transitions_core.domain.events import DomainEvent
    from transitions_core.timeline.readmodel import AggregateRow, TimelineReadModel

Projector = Callable[[int, "DomainEvent", dict[str, "AggregateRow"]], None]


class _Undo(Exception):
    """Rolls back the rows written to see whether the database takes them."""


def try_rows(readmodel: TimelineReadModel, project: Projector, events: Sequence[DomainEvent]) -> None:
    """Write the naming events' rows with `project`, then undo them: RowRefused if the database refuses one."""
    from transitions_core.domain.events import CohortOpened, TerritoryRegistered

    naming = [(i, e) for i, e in enumerate(events) if isinstance(e, CohortOpened | TerritoryRegistered)]
    if not naming:
        return
    owners: dict[str, AggregateRow] = {}
    try:
        with readmodel.db.exclusive():
            for index, event in naming:
                try:  # at positions no notification has: the rows are undone below anyway
                    project(-1 - index, event, owners)
                except Exception as error:
                    if is_whole_store_failure(error):  # a full disk is not this entry's fault
                        raise
                    raise RowRefused(event, error) from error
            raise _Undo
    except _Undo:
        return
