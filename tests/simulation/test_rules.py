"""Behavioural rules and territory generators: what each built-in does, and how a plugin adds its own."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from pydantic import BaseModel

from tests.simulation.conftest import SMALL, write
from transitions_core.history.errors import HistoryFileError
from transitions_core.simulation.model.calendar import Calendar
from transitions_core.simulation.model.run import Models
from transitions_core.simulation.model.territories import Candidate, GeneratorRegistry, SampledGenerator
from transitions_core.simulation.rules.base import Quantity, RuleParams, RuleSet, Situation, with_odds
from transitions_core.simulation.rules.plugin import default_rules
from transitions_core.simulation.running.runner import run_sweep
from transitions_core.simulation.scenario.loading import load_scenario
from transitions_core.simulation.scenario.spec import CalendarSpec, Spec

CALENDAR = Calendar.from_spec(
    CalendarSpec(recruitment_start=date(2023, 9, 1), launch=date(2024, 5, 7), end=date(2025, 6, 30))
)


def candidate(**changes: Any) -> Candidate:
    values: dict[str, Any] = {
        "slug": "t",
        "name": "T",
        "article": "",
        "gender": None,
        "kind": "commune",
        "department": None,
        "region": "Occitanie",
        "population": 5000,
        "seasonal_peak": None,
        "staff_capacity": "auto",
        "political_backing": "medium",
        "delegation_complete": None,
        "listed": True,
    }
    return Candidate(**(values | changes))


RULES = RuleSet(
    default_rules(), {"electoral_calendar": {"reference_elapsed": CALENDAR.mandate_elapsed(CALENDAR.launch)}}
)


def adjust(
    quantity: Quantity,
    value: float,
    day: date = date(2024, 11, 1),
    calendar: Calendar = CALENDAR,
    **changes: Any,
) -> float:
    return RULES.adjust(
        quantity, value, Situation(candidate(**changes), day, calendar, changes.get("delegation_complete"))
    )


def test_a_neutral_territory_at_the_reference_keeps_the_calibrated_rates():
    for quantity in Quantity:
        assert adjust(quantity, 0.4) == pytest.approx(0.4)


def test_the_season_slows_a_seaside_town_in_summer_only():
    assert adjust(Quantity.PROGRESS, 1.0, date(2024, 7, 15), seasonal_peak=80000) == pytest.approx(0.2)
    assert adjust(Quantity.PROGRESS, 1.0, date(2024, 11, 15), seasonal_peak=80000) == pytest.approx(1.0)
    assert adjust(Quantity.PROGRESS, 1.0, date(2024, 7, 15), seasonal_peak=6000) == pytest.approx(1.0)


def test_a_small_commune_lacks_the_people_to_follow_the_pace():
    assert adjust(Quantity.PROGRESS, 1.0, population=200) == pytest.approx(0.7)
    assert adjust(Quantity.DROPOUT, 0.01, population=200) == pytest.approx(0.02)
    assert adjust(Quantity.PROGRESS, 1.0, population=200, staff_capacity="high") == pytest.approx(1.1)


def test_backing_and_delegation_change_odds_not_probabilities_beyond_one():
    assert adjust(Quantity.JOIN, 0.6, political_backing="weak") == pytest.approx(with_odds(0.6, 0.5))
    assert adjust(Quantity.JOIN, 1.0, political_backing="weak") == 1.0
    assert adjust(Quantity.EFFECTS, 4.0, delegation_complete=False) == pytest.approx(3.0)


def test_an_earlier_start_in_the_mandate_helps_joining_and_the_pre_electoral_year_slows_work():
    earlier = Calendar.from_spec(
        CalendarSpec(
            recruitment_start=date(2023, 9, 1),
            launch=date(2024, 5, 7),
            end=date(2025, 6, 30),
            shift_months=-24,
        )
    )
    assert earlier.launch == date(2022, 5, 7)
    assert adjust(Quantity.JOIN, 0.5, calendar=earlier) > 0.6
    assert adjust(Quantity.PROGRESS, 1.0, date(2025, 9, 1)) == pytest.approx(0.7)
    assert adjust(Quantity.PROGRESS, 1.0, date(2024, 9, 1)) == pytest.approx(1.0)


def test_the_mandate_position():
    assert CALENDAR.mandate_elapsed(date(2020, 6, 28)) == 0
    assert CALENDAR.mandate_elapsed(date(2026, 3, 14)) == pytest.approx(1, abs=0.001)
    assert CALENDAR.mandate_elapsed(date(2026, 3, 15)) == 0
    assert CALENDAR.months_to_elections(date(2025, 3, 15)) == pytest.approx(12, abs=0.1)


def test_each_rule_explains_its_limit():
    limits = RULES.limits(
        Situation(candidate(population=200, delegation_complete=False), date(2025, 6, 1), CALENDAR, False)
    )
    assert {name for name, _ in limits} == {"electoral_calendar", "staff_capacity", "delegation"}


def test_a_rule_is_disabled_from_the_scenario(tmp_path: Path):
    loaded = load_scenario(write(tmp_path, SMALL + "rules:\n  seasonal_load: {enabled: false}\n"))
    ruleset = RuleSet(default_rules(), loaded.scenario.rules)
    assert "seasonal_load" not in [rule.name for rule, _ in ruleset.active]


class NobodyJoinsParams(RuleParams):
    """No parameter but `enabled`."""


class NobodyJoins:
    """A researcher's rule: the programme convinces nobody."""

    name = "nobody_joins"
    params_model: type[BaseModel] = NobodyJoinsParams

    def adjust(self, quantity: Quantity, value: float, situation: Situation, params: Any) -> float:
        return 0.0 if quantity is Quantity.JOIN else value

    def limit(self, situation: Situation, params: Any) -> str | None:
        return None


def test_a_registered_rule_changes_the_runs_and_is_refused_twice(small):
    registry = default_rules()
    registry.register(NobodyJoins())
    with pytest.raises(ValueError, match="existe déjà"):
        registry.register(NobodyJoins())
    models = Models(rules=registry)
    assert {row["joined"] for row in run_sweep(small, 5, 1, models=models).rows} == {0}
    assert max(row["joined"] for row in run_sweep(small, 5, 1).rows) > 0


class OnlyVillagesParams(Spec):
    """How small the villages are."""

    population: int = 150


class OnlyVillages:
    """A researcher's generator: tiny mountain villages."""

    name = "villages"
    params_model: type[BaseModel] = OnlyVillagesParams

    def generate(
        self, count: int, params: Any, region: str, rng: np.random.Generator, first: int
    ) -> list[Candidate]:
        return [
            candidate(slug=f"village-{i}", name=f"Village {i}", population=params.population)
            for i in range(first, first + count)
        ]


def test_a_registered_generator_is_named_in_a_scenario(tmp_path: Path):
    generators = GeneratorRegistry([SampledGenerator(), OnlyVillages()])
    text = SMALL.replace(
        "{generator: sampled, count: 6}", "{generator: villages, count: 3, params: {population: 120}}"
    )
    path = write(tmp_path, text)
    with pytest.raises(HistoryFileError, match="générateur « villages » inconnu"):
        load_scenario(path)
    loaded = load_scenario(path, generators=generators)
    rows = run_sweep(loaded, 3, 1, models=Models(generators=generators)).rows
    assert {row["approached"] for row in rows} == {5}
