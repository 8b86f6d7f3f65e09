"""The eventsourcing application: get the aggregates, append checked events, read the log."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application, ProcessingEvent
from eventsourcing.persistence import Mapper, Recording, Transcoder
from eventsourcing.utils import EnvType

from transitions_core.domain.identity import cohort_id, territory_id
from transitions_core.store.encryption import StoreKey
from transitions_core.store.mapper import OrjsonTranscoder, PydanticMapper
from transitions_core.store.snapshots import Snapshot, project

if TYPE_CHECKING:
    from transitions_core.domain.aggregate import AggregateState
    from transitions_core.domain.cohort import Cohort
    from transitions_core.domain.events import DomainEvent
    from transitions_core.domain.territory import Territory

# The domain's modules are imported where they are used: a replay of a caught-up store reads the
# timeline read model only, and building the ~60 pydantic event classes was half its own import time.
S = TypeVar("S", bound="AggregateState")

#: Take a snapshot each time an aggregate's version passes a multiple of this.
SNAPSHOT_INTERVAL = 50
#: Notifications read per query when following the log (the notes measure 500-1000 as best).
LOG_BATCH = 1000


class TransitionsApplication(Application[UUID]):
    """The cohorts' event store."""

    name = "Transitions"
    is_snapshotting_enabled = True
    snapshot_class = Snapshot

    def __init__(self, env: EnvType | None = None, key: StoreKey | None = None) -> None:
        self.key = key
        #: Called with the events about to be stored, which it may refuse: the read model checks that the
        #: database takes their rows (`TimelineReadModel.check_rows`, wired by `open_store`).
        self.rows_check: Callable[[Sequence[DomainEvent]], None] | None = None
        super().__init__(env)

    def construct_mapper(self) -> Mapper[UUID]:
        """Pydantic events, stored as JSON, encrypted with the store's key if it has one."""
        # Not self.factory.mapper(): it would take a cipher or a compressor from the environment by itself.
        return PydanticMapper(
            transcoder=self.construct_transcoder(), cipher=self.key.cipher if self.key else None
        )

    def construct_transcoder(self) -> Transcoder:
        """orjson, since pydantic turns values into JSON types itself."""
        return OrjsonTranscoder()

    def cohort(self, cohort: str) -> Cohort | None:
        """The current state of a cohort, or None."""
        from transitions_core.domain.cohort import Cohort

        return self._get(cohort_id(cohort), Cohort)

    def territory(self, cohort: str, territory: str) -> Territory | None:
        """The current state of a territory of a cohort, or None."""
        from transitions_core.domain.territory import Territory

        return self._get(territory_id(cohort, territory), Territory)

    def aggregate(self, aggregate_id: UUID) -> AggregateState | None:
        """The current state of any aggregate, or None if it has no events."""
        from transitions_core.domain.aggregate import AggregateState

        try:
            state = self.repository.get(aggregate_id, projector_func=project)
        except AggregateNotFoundError:
            return None
        assert isinstance(state, AggregateState)
        return state

    def _get(self, aggregate_id: UUID, kind: type[S]) -> S | None:
        state = self.aggregate(aggregate_id)
        assert state is None or isinstance(state, kind)
        return state

    def save(self, *objs: Any, **kwargs: Any) -> list[Recording[UUID]]:
        """`Application.save`, less its runtime Protocol check of each event when all are ours."""
        from transitions_core.domain.events import DomainEvent

        if kwargs or not all(isinstance(obj, DomainEvent) for obj in objs):
            return super().save(*objs, **kwargs)
        # `isinstance(event, DomainEventProtocol)` in collect_events was about 40 % of an import's time
        # (docs/performance.md). The steps of eventsourcing 9.5's save(), pinned in pyproject.toml.
        processing = ProcessingEvent[UUID]()
        processing.events.extend(objs)
        recordings = self._record(processing)
        self._take_snapshots(processing)
        self._notify(recordings)
        self.notify(processing.events)  # deprecated in the library, kept as save() has it
        return recordings

    def append(
        self, events: Sequence[DomainEvent], states: Mapping[UUID, AggregateState | None] | None = None
    ) -> int:
        """Store checked events in one transaction; returns the last notification id.

        `states` may give the aggregates as the caller folded them after these events: a snapshot due is
        then taken from them instead of folding the events again.
        """
        if not events:
            return 0
        if self.rows_check is not None:
            self.rows_check(events)
        recordings = self.save(*cast(Sequence[Any], events))
        self._snapshot_if_due(events, states or {})
        return max(r.notification.id for r in recordings)

    def _snapshot_if_due(
        self, events: Sequence[DomainEvent], states: Mapping[UUID, AggregateState | None]
    ) -> None:
        own: dict[UUID, list[DomainEvent]] = {}
        for event in events:
            own.setdefault(event.originator_id, []).append(event)
        snapshots = []
        for aggregate, batch in own.items():
            first, version = batch[0].originator_version, batch[-1].originator_version
            if version // SNAPSHOT_INTERVAL <= (first - 1) // SNAPSHOT_INTERVAL:
                continue
            state = states.get(aggregate)
            if state is None or state.version != version:
                state = self._state_at(aggregate, batch)
            snapshots.append(Snapshot.take(state))
        if snapshots:
            assert self.snapshots is not None
            self.snapshots.put(snapshots)

    def _state_at(self, aggregate: UUID, batch: Sequence[DomainEvent]) -> AggregateState:
        """The aggregate as the batch just written left it."""
        from transitions_core.domain.aggregate import AggregateState

        if batch[0].originator_version == 1:  # a new aggregate: the batch is its whole history
            state = project(None, batch)
        else:
            # At the version this save wrote: another writer may already have appended after it.
            state = self.repository.get(
                aggregate, version=batch[-1].originator_version, projector_func=project
            )
        assert isinstance(state, AggregateState)
        return state

    def stored_events(self, aggregate_id: UUID) -> list[DomainEvent]:
        """Every event of one aggregate, in recording order."""
        return cast("list[DomainEvent]", list(self.events.get(aggregate_id)))

    def follow(self, after: int) -> Iterator[tuple[int, DomainEvent]]:
        """The notification log after a position, as (notification id, event), in batches."""
        while True:
            batch = self.recorder.select_notifications(start=after, limit=LOG_BATCH, inclusive_of_start=False)
            for notification in batch:
                yield notification.id, cast("DomainEvent", self.mapper.to_domain_event(notification))
            if len(batch) < LOG_BATCH:
                return
            after = batch[-1].id

    def last_position(self) -> int:
        """The id of the newest notification (0 for an empty store)."""
        return self.recorder.max_notification_id() or 0
