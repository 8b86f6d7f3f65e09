"""Snapshots of the immutable aggregate states, and the projector that folds events (and snapshots)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.utils import get_topic
from pydantic import BaseModel, ConfigDict

if TYPE_CHECKING:
    from transitions_core.domain.aggregate import AggregateState
    from transitions_core.domain.events import DomainEvent


class Snapshot(BaseModel):
    """The whole state of an aggregate at one version."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    originator_id: UUID
    originator_version: int
    timestamp: datetime
    topic: str
    state: dict[str, Any]

    @classmethod
    def take(cls, aggregate: AggregateState) -> Snapshot:
        """Capture `aggregate`."""
        return cls(
            originator_id=aggregate.id,
            originator_version=aggregate.version,
            timestamp=datetime.now(UTC),
            topic=get_topic(type(aggregate)),
            state=aggregate.model_dump(mode="json"),
        )


def project(state: AggregateState | None, events: Iterable[DomainEvent | Snapshot]) -> AggregateState | None:
    """Fold events into a Cohort or a Territory, starting from a snapshot when there is one."""
    # Here, not at the top: opening a store to read its timeline needs no event class.
    from transitions_core.domain.cohort import Cohort, evolve_cohort
    from transitions_core.domain.events import CohortOpened
    from transitions_core.domain.territory import Territory, evolve_territory

    for event in events:
        if isinstance(event, Snapshot):
            states: dict[str, type[AggregateState]] = {
                get_topic(Cohort): Cohort,
                get_topic(Territory): Territory,
            }
            if event.topic not in states:  # only our own states: a topic is never imported
                from transitions_core.store.mapper import UnknownEventType

                raise UnknownEventType(event.topic)
            state = states[event.topic].model_validate(event.state)
        elif isinstance(state, Cohort) or (state is None and isinstance(event, CohortOpened)):
            state = evolve_cohort(event, state)
        else:
            assert state is None or isinstance(state, Territory)
            state = evolve_territory(event, state)
    return state
