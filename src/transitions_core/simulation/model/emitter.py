"""Turn what the engine decides into domain events, each checked and folded by the real aggregates.

This is the simulation's equivalent of the history importer's session: the same `check_*` and
`evolve_*` functions stand between a simulated step and the event list, so a run that would break an
invariant fails loudly instead of producing a history the store would refuse.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time
from typing import Any, Protocol
from uuid import UUID

from transitions_core.domain.cohort import Cohort, check_cohort_event, evolve_cohort
from transitions_core.domain.dates import PartialDate
from transitions_core.domain.errors import DomainError
from transitions_core.domain.events import DomainEvent
from transitions_core.domain.identity import cohort_id, territory_id
from transitions_core.domain.territory import Territory, check_territory_event, evolve_territory
from transitions_core.history.keys import entry_key

#: A simulated event is "recorded" at noon of its simulated day: runs never read the clock.
RECORDING_TIME = time(12, tzinfo=UTC)
#: Day → (its partial date, its recording time): both immutable, shared by every run.
_DAYS: dict[date, tuple[PartialDate, datetime]] = {}


class HistorySink(Protocol):
    """Where the engine's steps go: the emitter, or a tally that only counts the outcomes."""

    def cohort_event(self, kind: type[DomainEvent], day: date, /, **facts: Any) -> object:
        """A cohort-level step."""
        ...

    def territory_event(self, slug: str, kind: type[DomainEvent], day: date, /, **facts: Any) -> object:
        """A step of one territory."""
        ...


class HistoryEmitter:
    """The events of one simulated cohort, in the order the aggregates accepted them."""

    def __init__(self, cohort: str) -> None:
        self.cohort = cohort
        self.cohort_state: Cohort | None = None
        self.territories: dict[str, Territory | None] = {}
        self.events: list[DomainEvent] = []
        self._ordinals: Counter[str] = Counter()
        self._ids: dict[str | None, UUID] = {}

    def cohort_event(self, kind: type[DomainEvent], day: date, /, **facts: Any) -> DomainEvent:
        """Build, check and keep a cohort-level event."""
        event = self._build(kind, day, None, self.cohort_state, facts)
        check_cohort_event(self.cohort_state, event)
        self.cohort_state = evolve_cohort(event, self.cohort_state)
        self.events.append(event)
        return event

    def territory_event(self, slug: str, kind: type[DomainEvent], day: date, /, **facts: Any) -> DomainEvent:
        """Build, check and keep an event of one territory."""
        if self.cohort_state is None:
            raise DomainError("La cohorte simulée n'est pas ouverte : émettez d'abord cohort_opened.")
        state = self.territories.get(slug)
        event = self._build(kind, day, slug, state, facts)
        check_territory_event(state, event, self.cohort_state)
        self.territories[slug] = evolve_territory(event, state)
        self.events.append(event)
        return event

    def territory(self, slug: str) -> Territory | None:
        """The current state of a simulated territory."""
        return self.territories.get(slug)

    def _build(
        self,
        kind: type[DomainEvent],
        day: date,
        slug: str | None,
        state: Cohort | Territory | None,
        facts: dict[str, Any],
    ) -> DomainEvent:
        known = _DAYS.get(day)
        if known is None:
            known = _DAYS[day] = (PartialDate(day), datetime.combine(day, RECORDING_TIME))
        occurred, recorded = known
        base = f"{kind.type_name()}@{day.isoformat()}"
        key = entry_key(slug, base)
        self._ordinals[key] += 1
        originator = self._ids.get(slug)
        if originator is None:
            originator = self._ids[slug] = territory_id(self.cohort, slug) if slug else cohort_id(self.cohort)
        return kind(
            originator_id=originator,
            originator_version=(state.version if state else 0) + 1,
            timestamp=recorded,
            occurred=occurred,
            entry=entry_key(slug, f"{base}#{self._ordinals[key]}"),
            **facts,
        )
