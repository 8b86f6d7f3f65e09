"""Tabulated rules give the answers of the rules asked every time.

Given rules that say on which days their answers may change, when a territory's life asks them by
simulation time (`TerritoryRules`), then every answer is `RuleSet.adjust`'s for that day, bit for bit; a
rule that does not say so is asked every time; and whole runs keep their histories.
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from tests.simulation.conftest import SIMULATIONS
from tests.simulation.test_fast_path import context
from tests.simulation.test_rules import candidate
from transitions_core.simulation.model.calendar import Calendar
from transitions_core.simulation.model.run import Models, simulate_run
from transitions_core.simulation.rules.base import (
    PROBABILITIES,
    Quantity,
    RuleParams,
    RuleRegistry,
    RuleSet,
    Situation,
    Tabulable,
    scaled,
)
from transitions_core.simulation.rules.plugin import default_rules
from transitions_core.simulation.scenario.loading import LoadedScenario, load_scenario
from transitions_core.simulation.scenario.spec import CalendarSpec

MODELS = Models()

calendars = st.builds(
    lambda shift, elections: Calendar.from_spec(
        CalendarSpec(
            recruitment_start=date(2023, 9, 1),
            launch=date(2024, 5, 7),
            end=date(2025, 6, 30),
            shift_months=shift,
            elections=elections,
        )
    ),
    shift=st.integers(min_value=-40, max_value=40),
    elections=st.sampled_from([date(2026, 3, 15), date(2024, 12, 1), date(2025, 2, 28)]),
)
candidates = st.builds(
    lambda backing, capacity, population, ratio: candidate(
        political_backing=backing,
        staff_capacity=capacity,
        population=population,
        seasonal_peak=None if ratio is None else round(population * ratio),
    ),
    backing=st.sampled_from(["weak", "medium", "strong"]),
    capacity=st.sampled_from(["auto", "low", "medium", "high"]),
    population=st.integers(min_value=50, max_value=600_000),
    ratio=st.none() | st.floats(min_value=1, max_value=20),
)
rule_params = st.fixed_dictionaries(
    {
        "electoral_calendar": st.fixed_dictionaries(
            {
                "pre_election_months": st.floats(min_value=0.1, max_value=40),
                "reference_elapsed": st.floats(0, 1),
            }
        ),
        "seasonal_load": st.fixed_dictionaries(
            {"months": st.lists(st.integers(min_value=1, max_value=12), max_size=6)}
        ),
        "delegation": st.fixed_dictionaries({"enabled": st.booleans()}),
    }
)


def value_of(quantity: Quantity, draw: float) -> float:
    return draw if quantity in PROBABILITIES else draw * 3


@settings(max_examples=150, deadline=None)
@given(
    calendar=calendars,
    territory=candidates,
    params=rule_params,
    questions=st.lists(
        st.tuples(
            st.sampled_from(list(Quantity)),
            st.sampled_from([0.0032, 0.25, 0.85, 1.0]),
            st.floats(min_value=-3, max_value=700),
            st.sampled_from([None, True, False]),
        ),
        min_size=1,
        max_size=60,
    ),
)
def test_a_territorys_tabulated_answers_are_the_rules_answers_on_every_day(
    calendar, territory, params, questions
):
    rules = RuleSet(default_rules(), params)
    tabulated = rules.territory(territory, calendar)
    assert rules.tabulable
    for quantity, draw, time, delegation in questions:
        value = value_of(quantity, draw)
        asked = Situation(territory, calendar.at(time), calendar, delegation)
        expected = rules.adjust(quantity, value, asked)
        assert tabulated.adjust(quantity, value, time, delegation) == expected
        answer, until = tabulated.stretch(quantity, value, time, delegation)
        assert answer == expected and until > int(time)
        # The answer holds up to the day before `until`: the last day of its stretch says the same.
        last = Situation(territory, calendar.at(until - 1), calendar, delegation)
        assert rules.adjust(quantity, value, last) == answer


@settings(max_examples=30, deadline=None)
@given(calendar=calendars, months=st.floats(min_value=0.1, max_value=80))
def test_the_days_the_calendar_says_are_the_days_the_rules_tests_change(calendar, months):
    days = [calendar.start + timedelta(days=n) for n in range((calendar.end - calendar.start).days + 1)]
    pre_election = [
        d
        for a, d in pairwise(days)
        if (calendar.months_to_elections(a) > months) != (calendar.months_to_elections(d) > months)
    ]
    assert list(calendar.pre_election_changes(months)) == pre_election
    assert list(calendar.month_starts()) == [d for a, d in pairwise(days) if a.month != d.month]


class WinterParams(RuleParams):
    """The slow days of a winter, from a day that is not the first of a month."""

    progress: float = 0.5


class Winter:
    """A plugin's rule that reads the day but does not say when its answer changes."""

    name = "winter"
    params_model: type[BaseModel] = WinterParams

    def adjust(self, quantity: Quantity, value: float, situation: Situation, params: Any) -> float:
        slow = quantity is Quantity.PROGRESS and date(2024, 12, 21) <= situation.day < date(2025, 3, 20)
        return scaled(quantity, value, params.progress) if slow else value

    def limit(self, situation: Situation, params: Any) -> str | None:
        return None


class SaysNothing(Winter):
    """A rule that has `changes` but says its answer may change on any day."""

    name = "says_nothing"

    def changes(self, quantity: Quantity, candidate: Any, calendar: Calendar, params: Any) -> None:
        return None


CALENDAR = Calendar.from_spec(
    CalendarSpec(recruitment_start=date(2023, 9, 1), launch=date(2024, 5, 7), end=date(2025, 6, 30))
)


@pytest.mark.parametrize("rule", [Winter(), SaysNothing()], ids=["without changes", "changes: None"])
def test_a_rule_that_does_not_say_when_it_changes_is_asked_every_time(rule):
    registry = RuleRegistry([*(default_rules().get(name) for name in default_rules().names()), rule])  # type: ignore[misc]
    rules = RuleSet(registry, {rule.name: {}})
    territory = candidate()
    tabulated = rules.territory(territory, CALENDAR)

    assert not rules.tabulable or rules.changes(Quantity.PROGRESS, territory, CALENDAR) is None
    for time in [400.0, 477.0, 477.9, 478.0, 500.0, 477.5, 300.0]:  # 477: the 21st of December 2024
        asked = Situation(territory, CALENDAR.at(time), CALENDAR, None)
        assert tabulated.adjust(Quantity.PROGRESS, 1.0, time, None) == rules.adjust(
            Quantity.PROGRESS, 1.0, asked
        )
    assert tabulated.adjust(Quantity.PROGRESS, 1.0, 478.0, None) == pytest.approx(0.5)
    assert isinstance(rule, Tabulable) == hasattr(rule, "changes")


def test_the_rules_of_a_scenario_are_validated_once_for_all_its_runs():
    params: dict[str, dict[str, Any]] = {"electoral_calendar": {"pre_election_months": 6}}
    registry = default_rules()
    first = RuleSet.of(registry, params)
    assert RuleSet.of(registry, params) is first
    assert RuleSet.of(registry, dict(params)) is not first
    assert RuleSet.of(default_rules(), params) is not first


def history(loaded: LoadedScenario, run: int, seed: int) -> list[list[dict[str, Any]]]:
    cohorts = simulate_run(loaded.scenario, context(loaded, seed), run, MODELS)
    return [[event.model_dump(mode="json") for event in cohort.events] for cohort in cohorts]


def untabulated(patch: pytest.MonkeyPatch) -> None:
    """Every question goes to `RuleSet.adjust`, as before the rules said when they change."""
    patch.setattr(RuleSet, "changes", lambda *_: None)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(min_value=0, max_value=2**32), run=st.integers(min_value=0, max_value=10**6))
def test_a_run_with_tabulated_rules_has_the_history_of_asking_every_time(baseline, seed, run):
    tabulated = history(baseline, run, seed)
    with pytest.MonkeyPatch.context() as patch:
        untabulated(patch)
        asked = history(baseline, run, seed)
    assert tabulated == asked


@pytest.mark.parametrize("path", SIMULATIONS, ids=lambda p: p.stem)
def test_every_scenario_and_sweep_point_keeps_its_histories(path):
    loaded = load_scenario(path)
    for point in loaded.points:
        scenario = point.scenario
        runs = [simulate_run(scenario, context(loaded, 5, point.index), run, MODELS) for run in range(3)]
        with pytest.MonkeyPatch.context() as patch:
            untabulated(patch)
            again = [simulate_run(scenario, context(loaded, 5, point.index), run, MODELS) for run in range(3)]
        dump = [[[e.model_dump(mode="json") for e in c.events] for c in r] for r in runs]
        assert dump == [[[e.model_dump(mode="json") for e in c.events] for c in r] for r in again], (
            point.index
        )
