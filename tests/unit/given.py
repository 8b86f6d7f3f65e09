"""A small given / when / then harness for the aggregates' invariants."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from transitions_core.domain.cohort import Cohort, check_cohort_event, evolve_cohort
from transitions_core.domain.dates import PartialDate
from transitions_core.domain.events import CohortOpened, DomainEvent, TerritoryRegistered
from transitions_core.domain.identity import cohort_id, territory_id
from transitions_core.domain.territory import Territory, check_territory_event, evolve_territory

WHEN = datetime(2026, 1, 1, tzinfo=UTC)


class Given:
    """A cohort `c` with one registered territory `t`, then whatever events the test gives."""

    def __init__(self, pilot_days_budget: float | None = 8) -> None:
        self.cohort: Cohort = evolve_cohort(
            CohortOpened(
                originator_id=cohort_id("c"),
                originator_version=1,
                timestamp=WHEN,
                occurred=PartialDate("2024"),
                entry="cohort",
                slug="c",
                name="Cohorte de test",
                region="Occitanie",
                pilot_days_budget=pilot_days_budget,
            ),
            None,
        )
        self.territory: Territory | None = None
        self.serial = 0
        self.given(TerritoryRegistered, cohort="c", slug="t", name="Le Vigan", article="le", kind="commune")

    def build(self, kind: type[DomainEvent], /, **facts: Any) -> DomainEvent:
        """A candidate event for the territory (or the cohort), numbered after the current state."""
        self.serial += 1
        cohort_level = kind.scope.value == "cohort" and kind is not TerritoryRegistered
        state = self.cohort if cohort_level else self.territory
        facts.setdefault("occurred", PartialDate("2024"))
        return kind(
            originator_id=cohort_id("c") if cohort_level else territory_id("c", "t"),
            originator_version=(state.version if state else 0) + 1,
            timestamp=WHEN,
            entry=facts.pop("entry", f"entry-{self.serial}"),
            **facts,
        )

    def given(self, kind: type[DomainEvent], /, **facts: Any) -> Given:
        """Record an event that must be accepted."""
        self.record(self.build(kind, **facts))
        return self

    def when(self, kind: type[DomainEvent], /, **facts: Any) -> DomainEvent:
        """Try an event; the invariants raise if it is refused, else it is recorded and returned."""
        event = self.build(kind, **facts)
        self.record(event)
        return event

    def record(self, event: DomainEvent) -> None:
        """Check and fold one event into the right aggregate."""
        if event.originator_id == cohort_id("c"):
            check_cohort_event(self.cohort, event)
            self.cohort = evolve_cohort(event, self.cohort)
        else:
            check_territory_event(self.territory, event, self.cohort)
            self.territory = evolve_territory(event, self.territory)

    def joined(self) -> Given:
        """The territory has joined the cohort."""
        from transitions_core.domain.events import TerritoryJoined

        return self.given(TerritoryJoined)
