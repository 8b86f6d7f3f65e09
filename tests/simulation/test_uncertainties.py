"""Uncertainties and levers in scenario files: read in file order, checked at the line of their key."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.simulation.conftest import BASELINE
from transitions_core.history.errors import HistoryFileError
from transitions_core.simulation.scenario.loading import load_scenario
from transitions_core.simulation.scenario.uncertain import (
    DEFAULT_LEVERS,
    Uncertainty,
    assumed_ranges,
    levers,
    uncertainties,
    with_values,
)


def scenario_with(tmp_path: Path, block: str) -> Path:
    path = tmp_path / "s.yaml"
    path.write_text(
        f"kind: simulation\nextends: {BASELINE}\nid: essai\ntitle: Essai\n{block}", encoding="utf-8"
    )
    return path


def test_stated_uncertainties_come_back_in_file_order_with_their_distribution(tmp_path):
    path = scenario_with(
        tmp_path,
        "uncertainties:\n"
        "  parameters.recruitment.join: {low: 0.4, high: 0.9}\n"
        "  calendar.shift_months: {low: -24, high: 0, distribution: triangular, mode: -6}\n",
    )
    found = uncertainties(load_scenario(path).scenario)
    assert found == [
        Uncertainty("parameters.recruitment.join", 0.4, 0.9, source="scénario"),
        Uncertainty("calendar.shift_months", -24, 0, "triangular", -6, integer=True, source="scénario"),
    ]


def test_without_a_block_every_assumption_with_a_range_is_uncertain_and_the_default_levers_apply():
    scenario = load_scenario(BASELINE).scenario
    found = uncertainties(scenario)
    assert [u.path for u in found] == list(assumed_ranges(scenario))
    assert all(u.low < u.high and u.source for u in found)
    assert [lever.path for lever in levers(scenario)] == list(DEFAULT_LEVERS)


def test_values_set_at_paths_give_a_validated_scenario_and_whole_numbers_stay_whole():
    scenario = load_scenario(BASELINE).scenario
    changed = with_values(scenario, {"parameters.recruitment.join": 0.5, "calendar.shift_months": -12.4})
    assert changed.parameters.recruitment.join == 0.5
    assert changed.calendar.shift_months == -12
    assert scenario.parameters.recruitment.join != 0.5


@pytest.mark.parametrize(
    ("block", "line", "message"),
    [
        (
            "uncertainties:\n  parameters.recruitment.joins: {low: 0.4, high: 0.9}\n",
            6,
            "« joins » n'existe pas sous parameters.recruitment",
        ),
        ("uncertainties:\n  parameters.recruitment.join: {low: 0.9, high: 0.4}\n", 6, "intervalle vide"),
        (
            "uncertainties:\n  parameters.recruitment.join: {low: 0.4, high: 1.3}\n",
            6,
            "la valeur 1.3 sort du domaine du paramètre",
        ),
        (
            "uncertainties:\n  parameters.recruitment.join: {low: 0.4, high: 0.9, distribution: beta}\n",
            6,
            "« uncertainties.parameters.recruitment.join.distribution »",
        ),
        ("uncertainties:\n  calendar.launch: {low: 0, high: 1}\n", 6, "pas un nombre"),
        (
            "levers:\n  parameters.pilot.days_budget: {low: 4}\n",
            6,
            "soit « low » et « high », soit « values »",
        ),
        ("levers:\n  parameters.pilot.days_budget: {values: [-1, 8]}\n", 6, "la valeur -1 sort du domaine"),
    ],
)
def test_a_bad_uncertainty_or_lever_is_one_french_error_at_its_line(tmp_path, block, line, message):
    with pytest.raises(HistoryFileError) as caught:
        load_scenario(scenario_with(tmp_path, block))
    assert caught.value.line == line
    assert message in caught.value.message


def test_calibrate_uncertain_writes_the_measured_intervals_and_the_assumed_ranges(tmp_path):
    from tests.conftest import OCCITANIE
    from transitions_core.history.importer import import_histories
    from transitions_core.simulation.calibration.calibrate import calibrate
    from transitions_core.store.locations import parse_store
    from transitions_core.store.opening import open_store

    with open_store(parse_store(str(tmp_path / "store.sqlite"))) as store:
        import_histories(store.app, [OCCITANIE])
        text = calibrate(store.caught_up(), "occitanie-2024", uncertain=True).text
    path = tmp_path / "incertain.yaml"
    path.write_text(text, encoding="utf-8")
    found = {u.path: u for u in uncertainties(load_scenario(path).scenario)}
    join = found["parameters.recruitment.join"]
    assert (round(join.low, 2), round(join.high, 2)) == (0.43, 0.84)  # Wilson 90 % of 8 / 12
    assert "8 engagés / 12 présentations" in join.source
    assert found["parameters.dropout.monthly_hazard"].low == 0.0
    assert found["parameters.cohesion.effects"].source.startswith("hypothèse")
    scenario = load_scenario(BASELINE).scenario
    assert set(assumed_ranges(scenario)) <= set(found)
