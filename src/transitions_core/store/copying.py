"""Copy a whole store into an empty one, byte for byte and in log order, then prove it by comparing the logs."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from uuid import UUID

from eventsourcing.persistence import ApplicationRecorder, Notification, StoredEvent

from transitions_core.errors import StoreError
from transitions_core.store.application import LOG_BATCH, SNAPSHOT_INTERVAL
from transitions_core.store.opening import Store
from transitions_core.store.snapshots import project


@dataclass(frozen=True)
class CopyReport:
    """What a copy wrote."""

    events: int
    aggregates: int
    #: True when the source's notification ids had gaps, so the copy numbers them afresh.
    renumbered: bool


def copy_store(source: Store, destination: Store) -> CopyReport:
    """Copy every event of `source` into the empty `destination`, in one transaction, and verify it."""
    existing = destination.app.last_position()
    if existing:
        raise StoreError(
            f"Le stockage de destination ({destination.location.describe()}) contient déjà {existing} "
            "événements : la copie ne se fait que vers un stockage vide."
        )
    last = source.app.last_position()
    notifications = list(read_log(source.app.recorder, last))
    # Stored events keep their bytes: whatever the source's mapper wrote, the copy holds unchanged.
    stored = [
        StoredEvent(
            originator_id=n.originator_id,
            originator_version=n.originator_version,
            topic=n.topic,
            state=n.state,
        )
        for n in notifications
    ]
    if stored:
        destination.app.recorder.insert_events(stored)
    renumbered = [n.id for n in notifications] != list(range(1, len(notifications) + 1))
    verify_copy(source, destination, last, compare_ids=not renumbered)
    versions: dict[UUID | str, int] = {}
    for n in notifications:
        versions[n.originator_id] = n.originator_version
    for aggregate, version in versions.items():
        if version >= SNAPSHOT_INTERVAL:  # snapshots are derived: the copy takes its own
            destination.app.take_snapshot(
                UUID(str(aggregate)), version=version - version % SNAPSHOT_INTERVAL, projector_func=project
            )
    destination.caught_up()
    return CopyReport(len(notifications), len(versions), renumbered)


def read_log(recorder: ApplicationRecorder, last: int) -> Iterator[Notification]:
    """The raw notifications up to `last`, in order, read in batches."""
    after = 0
    while after < last:
        batch = recorder.select_notifications(
            start=after, limit=LOG_BATCH, stop=last, inclusive_of_start=False
        )
        if not batch:
            return
        yield from batch
        after = batch[-1].id


def verify_copy(source: Store, destination: Store, last: int, *, compare_ids: bool) -> None:
    """Compare the two logs entry by entry; any difference is an error."""
    copied = read_log(destination.app.recorder, destination.app.last_position())
    count = 0
    for original in read_log(source.app.recorder, last):
        twin = next(copied, None)
        count += 1
        if twin is None or _key(twin) != _key(original) or (compare_ids and twin.id != original.id):
            raise StoreError(
                f"La copie diffère de la source à l'événement n°{original.id} : "
                "videz la destination avant de recommencer."
            )
    if next(copied, None) is not None:
        raise StoreError(f"La copie a plus d'événements que les {count} de la source.")


def _key(n: Notification) -> tuple[UUID | str, int, str, bytes]:
    return n.originator_id, n.originator_version, n.topic, bytes(n.state)
