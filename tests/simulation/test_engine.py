"""The engine's histories are real histories: the aggregates accept them again, the store keeps them."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.given import Given
from transitions_core.domain.cohort import Cohort, check_cohort_event, evolve_cohort
from transitions_core.domain.errors import BudgetExceeded, DiagnosticOutOfOrder, TerritoryHasDeclined
from transitions_core.domain.events import (
    AccompanimentDaysSpent,
    CohortOpened,
    DiagnosticRestituted,
    DomainEvent,
    EffectObserved,
    TerritoryDeclined,
    TerritoryJoined,
    TerritoryRegistered,
)
from transitions_core.domain.territory import Territory, check_territory_event, evolve_territory
from transitions_core.simulation.model.emitter import HistoryEmitter
from transitions_core.simulation.model.run import Models, RunContext, SimulatedCohort, simulate_run
from transitions_core.simulation.scenario.loading import LoadedScenario


def run(loaded: LoadedScenario, run: int, seed: int = 1) -> list[SimulatedCohort]:
    scenario = loaded.scenario
    context = RunContext(scenario.id, scenario.title, loaded.digest, "test", seed, 0, 1, {})
    return simulate_run(scenario, context, run, Models())


def replay_through_fresh_aggregates(events: list[DomainEvent]) -> dict[str, float]:
    """Check and fold every event again, independently of the emitter; return days spent per territory."""
    cohort: Cohort | None = None
    territories: dict[object, Territory | None] = {}
    for event in events:
        if isinstance(event, CohortOpened) or (cohort is not None and event.originator_id == cohort.id):
            check_cohort_event(cohort, event)
            cohort = evolve_cohort(event, cohort)
        else:
            assert cohort is not None
            state = territories.get(event.originator_id)
            check_territory_event(state, event, cohort)
            territories[event.originator_id] = evolve_territory(event, state)
    assert cohort is not None and cohort.closed
    return {t.slug: t.days_spent for t in territories.values() if t is not None}


def test_a_run_is_a_whole_cohort_history_that_the_aggregates_accept_again(small):
    [cohort] = run(small, 0)
    assert cohort.slug == "sim-petite-s1-r0"
    assert "Simulation" in cohort.name
    types = [e.type_name() for e in cohort.events]
    assert types[:2] == ["cohort_opened", "context_noted"]
    assert types[-1] == "cohort_closed"
    assert "territory_joined" in types and "diagnostic_restituted" in types
    replay_through_fresh_aggregates(cohort.events)


def test_the_store_keeps_and_replays_a_simulated_history(small, memory_store):
    [cohort] = run(small, 1)
    memory_store.app.append(cohort.events)
    stats_rows = list(memory_store.caught_up().rows(cohort.slug))
    assert len(stats_rows) == len(cohort.events)
    state = memory_store.app.cohort(cohort.slug)
    assert state is not None and state.closed


def test_same_seed_same_history_and_another_run_another_one(small):
    first = [e.model_dump(mode="json") for e in run(small, 2)[0].events]
    again = [e.model_dump(mode="json") for e in run(small, 2)[0].events]
    other = [e.model_dump(mode="json") for e in run(small, 3)[0].events]
    assert first == again
    assert first != other


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(min_value=0, max_value=2**32), index=st.integers(min_value=0, max_value=10**6))
def test_any_seed_gives_a_history_within_the_invariants(baseline, seed, index):
    [cohort] = run(baseline, index, seed)
    spent = replay_through_fresh_aggregates(cohort.events)
    assert all(days <= baseline.scenario.parameters.pilot.days_budget for days in spent.values())
    joined = {e.originator_id for e in cohort.events if isinstance(e, TerritoryJoined)}
    assert all(e.originator_id in joined for e in cohort.events if isinstance(e, EffectObserved))
    declined = {e.originator_id: e for e in cohort.events if isinstance(e, TerritoryDeclined)}
    for event in cohort.events:
        if event.originator_id in declined:
            assert event.originator_version <= declined[event.originator_id].originator_version


class TestTheEmitterRefusesWhatTheAggregatesRefuse:
    def emitter(self) -> HistoryEmitter:
        emitter = HistoryEmitter("sim-test")
        emitter.cohort_event(
            CohortOpened,
            date(2024, 1, 1),
            slug="sim-test",
            name="Simulation",
            region="Occitanie",
            pilot_days_budget=2,
        )
        emitter.territory_event(
            "t", TerritoryRegistered, date(2024, 1, 1), cohort="sim-test", slug="t", name="T", kind="commune"
        )
        emitter.territory_event("t", TerritoryJoined, date(2024, 1, 2))
        return emitter

    def test_a_restitution_before_the_diagnostic(self):
        with pytest.raises(DiagnosticOutOfOrder):
            self.emitter().territory_event("t", DiagnosticRestituted, date(2024, 2, 1))

    def test_days_beyond_the_budget(self):
        emitter = self.emitter()
        emitter.territory_event("t", AccompanimentDaysSpent, date(2024, 2, 1), days=1.5)
        with pytest.raises(BudgetExceeded):
            emitter.territory_event("t", AccompanimentDaysSpent, date(2024, 3, 1), days=1)

    def test_anything_after_a_drop_out(self):
        emitter = self.emitter()
        emitter.territory_event("t", TerritoryDeclined, date(2024, 2, 1))
        with pytest.raises(TerritoryHasDeclined):
            emitter.territory_event("t", AccompanimentDaysSpent, date(2024, 3, 1), days=1)


def test_the_given_harness_and_the_emitter_agree_on_what_is_refused():
    # The unit-test harness and the emitter wrap the same functions: one refusal, two paths.
    with pytest.raises(DiagnosticOutOfOrder):
        Given().joined().when(DiagnosticRestituted)
