"""Copy a whole store into an empty one, in log order and streaming, then prove it by comparing the logs.

The events keep their bytes when both stores have the same key (or none); with different keys (a key
rotation, encrypting or decrypting a store) each event's JSON is decrypted and encrypted again,
unchanged. Nothing is decoded into domain events: the copy holds exactly what the source held.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from uuid import UUID

from eventsourcing.persistence import ApplicationRecorder, Notification, StoredEvent

from transitions_core.errors import StoreError
from transitions_core.store.application import SNAPSHOT_INTERVAL
from transitions_core.store.bulk_insert import write_batches
from transitions_core.store.encryption import StoreKey
from transitions_core.store.failures import ReadModelStuck
from transitions_core.store.opening import Store
from transitions_core.store.snapshots import project
from transitions_core.timeline.databases import TABLES

#: Notifications read, and events written, at a time: memory stays flat whatever the store's size.
SECTION = 500


@dataclass(frozen=True)
class CopyReport:
    """What a copy wrote."""

    events: int
    aggregates: int
    #: True when the source's notification ids had gaps, so the copy numbers them afresh.
    renumbered: bool
    #: True when the events were decrypted or encrypted on the way (the keys differ).
    reencrypted: bool = False
    #: True when the destination is encrypted.
    encrypted: bool = False


def copy_store(source: Store, destination: Store) -> CopyReport:
    """Copy every event of `source` into the empty `destination`, in one transaction, and verify it."""
    existing = destination.app.last_position()
    if existing:
        raise StoreError(
            f"Le stockage de destination ({destination.location.describe()}) contient déjà {existing} "
            "événements : la copie ne se fait que vers un stockage vide."
        )
    last = source.app.last_position()
    recode = not _same_key(source.app.key, destination.app.key)
    versions: dict[UUID | str, int] = {}
    ids = _Numbering()

    def stored_events() -> Iterator[StoredEvent]:
        for n in read_log(source.app.recorder, last):
            versions[n.originator_id] = n.originator_version
            ids.see(n.id)
            state = bytes(n.state)
            if recode:
                state = _reencrypt(state, source.app.key, destination.app.key)
            yield StoredEvent(
                originator_id=n.originator_id,
                originator_version=n.originator_version,
                topic=n.topic,
                state=state,
            )

    try:
        write_batches(destination.app.recorder, _sections(stored_events()))
        verify_copy(source, destination, last, compare_ids=not ids.gaps)
        for aggregate, version in versions.items():
            if version >= SNAPSHOT_INTERVAL:  # snapshots are derived: the copy takes its own
                destination.app.take_snapshot(
                    UUID(str(aggregate)),
                    version=version - version % SNAPSHOT_INTERVAL,
                    projector_func=project,
                )
        destination.caught_up()
    except BaseException as error:
        # The events are committed in one transaction, but the snapshots and the read model come after, on
        # their own connections: a failure there empties the destination again, numbering included.
        undone = _emptied(destination)
        if isinstance(error, ReadModelStuck):
            raise StoreError(
                f"La copie s'arrête à l'événement n°{error.position} : la destination ne peut pas en écrire la "
                f"ligne de vue chronologique ({error.reason}). {undone}"
            ) from None
        if isinstance(error, StoreError):
            raise StoreError(f"{error} {undone}") from None
        raise
    return CopyReport(ids.count, len(versions), ids.gaps, recode, destination.app.key is not None)


def _emptied(store: Store) -> str:
    """Empty a destination a failed copy wrote into (events, snapshots, read model); says what became of it."""
    app = store.app
    tables = [app.recorder.events_table_name]  # type: ignore[attr-defined]
    if app.snapshots is not None:
        tables.append(app.snapshots.recorder.events_table_name)  # type: ignore[attr-defined]
    try:
        if store.location.kind == "postgresql":
            _truncate_postgres(store, tables)
        elif store.location.kind == "sqlite":
            with app.recorder.datastore.transaction(commit=True) as cursor:  # type: ignore[attr-defined]
                for table in tables:
                    cursor.execute(f"DELETE FROM {table}")  # rowids start again from 1
            with store.timeline.db.exclusive():
                for table in TABLES:
                    store.timeline.db.execute(f"DELETE FROM {table}")
    except Exception as error:  # the destination's connection may be what failed
        return (
            f"La destination n'a pas pu être remise à vide ({error}) : videz-la avant de recommencer "
            "(`transitions store check` dira ce qu'elle contient)."
        )
    return "La destination a été remise à vide : rien n'y reste."


def _truncate_postgres(store: Store, tables: list[str]) -> None:
    from psycopg import sql

    schema = store.app.recorder.datastore.schema  # type: ignore[attr-defined]
    names = [sql.Identifier(schema, table) for table in tables] + [sql.Identifier(table) for table in TABLES]
    with store.timeline.db.exclusive():  # the read model's connection: the same base, one transaction
        statement = sql.SQL("TRUNCATE {} RESTART IDENTITY").format(sql.SQL(", ").join(names))
        store.timeline.db.execute(statement.as_string(None))


def read_log(recorder: ApplicationRecorder, last: int, section: int = SECTION) -> Iterator[Notification]:
    """The raw notifications up to `last`, in order, read `section` at a time."""
    after = 0
    while after < last:
        batch = recorder.select_notifications(start=after, limit=section, stop=last, inclusive_of_start=False)
        if not batch:
            return
        yield from batch
        after = batch[-1].id


def verify_copy(source: Store, destination: Store, last: int, *, compare_ids: bool) -> None:
    """Compare the two logs entry by entry (their JSON, when the keys differ); any difference is an error."""
    copied = read_log(destination.app.recorder, destination.app.last_position())
    # The same key (or none): the bytes must match. Different keys: the JSON inside them must.
    keys = (
        (None, None)
        if _same_key(source.app.key, destination.app.key)
        else (source.app.key, destination.app.key)
    )
    count = 0
    for original in read_log(source.app.recorder, last):
        twin = next(copied, None)
        count += 1
        if (
            twin is None
            or _key(twin, keys[1]) != _key(original, keys[0])
            or (compare_ids and twin.id != original.id)
        ):
            raise StoreError(
                f"La copie diffère de la source à l'événement n°{original.id} : "
                "videz la destination avant de recommencer."
            )
    if next(copied, None) is not None:
        raise StoreError(f"La copie a plus d'événements que les {count} de la source.")


class _Numbering:
    """Counts the notifications and notices a gap in their ids (PostgreSQL's rolled-back sequence values)."""

    def __init__(self) -> None:
        self.count = 0
        self.gaps = False

    def see(self, notification_id: int) -> None:
        self.count += 1
        self.gaps = self.gaps or notification_id != self.count


def _sections(events: Iterator[StoredEvent]) -> Iterator[list[StoredEvent]]:
    while batch := list(islice(events, SECTION)):
        yield batch


def _same_key(first: StoreKey | None, second: StoreKey | None) -> bool:
    return second is None if first is None else first.same_as(second)


def _reencrypt(state: bytes, old: StoreKey | None, new: StoreKey | None) -> bytes:
    plain = old.decrypt(state) if old else state
    return new.encrypt(plain) if new else plain


def _key(n: Notification, key: StoreKey | None) -> tuple[UUID | str, int, str, bytes]:
    state = bytes(n.state)
    return n.originator_id, n.originator_version, n.topic, key.decrypt(state) if key else state
