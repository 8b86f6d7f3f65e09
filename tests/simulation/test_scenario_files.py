"""Scenario files: the shipped ones load; a bad one gets one French message with its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import OCCITANIE, SCENARIOS
from tests.simulation.conftest import AFTER_SMALL, SIMULATIONS, SMALL, line_in, write
from transitions_core.history.errors import HistoryFileError
from transitions_core.simulation.scenario.loading import LoadedScenario, load_scenario


def test_the_five_scenarios_of_the_issue_are_shipped():
    names = {p.stem for p in SIMULATIONS}
    assert {
        "baseline-occitanie",
        "four-regions-40-territories",
        "mid-mandate-start",
        "weak-political-backing",
        "complete-delegations",
    } <= names


@pytest.mark.parametrize("path", SIMULATIONS, ids=lambda p: p.stem)
def test_every_shipped_scenario_loads(path: Path):
    loaded = load_scenario(path)
    assert loaded.scenario.id == path.stem
    assert loaded.points


def test_extends_merges_and_set_changes_every_item():
    weak = load_scenario(SCENARIOS / "weak-political-backing.yaml").scenario
    region = weak.regions[0]
    assert len(region.territories) == 8
    assert {t.political_backing for t in region.territories} == {"weak"}
    assert region.generate[0].params["political_backing"] == {"weak": 1.0}
    four = load_scenario(SCENARIOS / "four-regions-40-territories.yaml").scenario
    assert [r.region for r in four.regions] == [
        "Occitanie",
        "Région hypothétique 2",
        "Région hypothétique 3",
        "Région hypothétique 4",
    ]
    assert len(four.regions[0].territories) == 8, "the first region keeps the baseline's listed territories"
    assert four.regions[0].generate[0].count == 16
    base = load_scenario(SCENARIOS / "baseline-occitanie.yaml").scenario
    assert four.regions[0].generate[0].params == base.regions[0].generate[0].params
    assert [g.count for r in four.regions[1:] for g in r.generate] == [24, 24, 24]


def test_the_digest_follows_meaning_not_comments(tmp_path: Path):
    first = load_scenario(write(tmp_path, SMALL, "a.yaml")).digest
    commented = load_scenario(write(tmp_path, "# un commentaire\n" + SMALL, "b.yaml")).digest
    changed = load_scenario(write(tmp_path, SMALL.replace("count: 6", "count: 7"), "c.yaml")).digest
    assert first == commented != changed


def test_rules_come_back_complete_with_their_defaults(small):
    rules = small.scenario.rules
    assert set(rules) >= {
        "political_backing",
        "electoral_calendar",
        "staff_capacity",
        "seasonal_load",
        "delegation",
    }
    assert rules["seasonal_load"]["months"] == [6, 7, 8, 9]


def test_a_grid_sweep_crosses_its_values(tmp_path: Path):
    text = (
        SMALL
        + "sweep:\n  grid:\n    parameters.recruitment.join: [0.2, 0.8]\n    calendar.shift_months: [0, -24]\n"
    )
    points = load_scenario(write(tmp_path, text)).points
    assert [p.values for p in points] == [
        {"parameters.recruitment.join": 0.2, "calendar.shift_months": 0},
        {"parameters.recruitment.join": 0.2, "calendar.shift_months": -24},
        {"parameters.recruitment.join": 0.8, "calendar.shift_months": 0},
        {"parameters.recruitment.join": 0.8, "calendar.shift_months": -24},
    ]
    assert points[3].scenario.parameters.recruitment.join == 0.8
    assert points[3].scenario.calendar.shift_months == -24


@pytest.mark.parametrize(
    ("change", "line", "words"),
    [
        (
            ("    effect_labels:", "    effect_label:"),
            line_in(SMALL, "effect_labels"),
            "« parameters.evaluation.effect_label » : champ inconnu",
        ),
        (("count: 6", "count: beaucoup"), line_in(SMALL, "count: 6"), "doit être un nombre entier"),
        (("kind: simulation", "kind: history"), 1, "utilisez `transitions import`"),
        (("  end: 2025-06-30", "  end: 2023-06-30"), 4, "recruitment_start < launch < end"),
    ],
)
def test_a_bad_file_names_the_line(tmp_path: Path, change, line, words):
    path = write(tmp_path, SMALL.replace(*change))
    with pytest.raises(HistoryFileError) as caught:
        load_scenario(path)
    assert caught.value.path == path
    assert caught.value.line == line, str(caught.value)
    assert words in str(caught.value)


def test_an_unknown_rule_is_named_with_the_known_ones(tmp_path: Path):
    path = write(tmp_path, SMALL + "rules:\n  portage: {join: 2}\n")
    with pytest.raises(
        HistoryFileError,
        match=rf"scenario.yaml:{AFTER_SMALL + 1}: règle « portage » inconnue ; règles possibles : political_backing",
    ):
        load_scenario(path)


def test_a_bad_rule_parameter_names_its_line(tmp_path: Path):
    path = write(tmp_path, SMALL + "rules:\n  seasonal_load:\n    progress: vite\n")
    with pytest.raises(
        HistoryFileError,
        match=rf":{AFTER_SMALL + 2}: rules.seasonal_load : « progress » : doit être un nombre",
    ):
        load_scenario(path)


def test_a_sweep_over_a_path_that_does_not_exist_is_refused(tmp_path: Path):
    path = write(tmp_path, SMALL + "sweep:\n  grid:\n    parameters.recrutement.join: [0.5]\n")
    with pytest.raises(
        HistoryFileError, match=rf":{AFTER_SMALL + 2}: balayage : « parameters.recrutement » n'existe pas"
    ):
        load_scenario(path)


def test_a_sweep_value_out_of_range_is_refused(tmp_path: Path):
    path = write(tmp_path, SMALL + "sweep:\n  points:\n    - {parameters.recruitment.join: 1.5}\n")
    with pytest.raises(
        HistoryFileError, match=r"point 1 .* inférieur ou égal à 1|point 1 .*less than or equal to 1"
    ):
        load_scenario(path)


def test_an_unknown_generator_is_refused(tmp_path: Path):
    path = write(tmp_path, SMALL.replace("generator: sampled", "generator: tirage"))
    with pytest.raises(
        HistoryFileError,
        match=rf":{line_in(SMALL, 'generator: sampled')}: générateur « tirage » inconnu ; générateurs possibles : sampled",
    ):
        load_scenario(path)


def test_extends_a_missing_file(tmp_path: Path):
    path = write(tmp_path, "kind: simulation\nextends: absent.yaml\n")
    with pytest.raises(HistoryFileError, match=r"scenario.yaml:2: « extends » : absent.yaml introuvable"):
        load_scenario(path)


def test_a_history_file_is_not_a_scenario():
    with pytest.raises(HistoryFileError, match="« kind » doit valoir « simulation »"):
        load_scenario(OCCITANIE)


def test_the_hash_covers_the_order_of_a_mapping_that_changes_the_rows_but_not_that_of_a_block(tmp_path):
    from transitions_core.simulation.running.runner import run_sweep

    commune = "commune: {weight: 3, population: [500, 5000]}"
    epci = "communauté de communes: {weight: 1, population: [8000, 40000]}"

    def scenario(name: str, kinds: str, recruitment: str) -> Path:
        generate = f"{{generator: sampled, count: 6, params: {{kinds: {kinds}}}}}"
        text = SMALL.replace("{generator: sampled, count: 6}", generate).replace(
            "recruitment: {presentation_events: 5, present: 0.631578947368421, join: 0.6666666666666666}",
            f"recruitment: {recruitment}",
        )
        return write(tmp_path, text, f"{name}.yaml")

    funnel = "{presentation_events: 5, present: 0.63, join: 0.67}"
    first = load_scenario(scenario("first", f"{{{commune}, {epci}}}", funnel))
    swapped = load_scenario(scenario("swapped", f"{{{epci}, {commune}}}", funnel))
    reordered = load_scenario(
        scenario("fields", f"{{{commune}, {epci}}}", "{join: 0.67, presentation_events: 5, present: 0.63}")
    )

    def rows(loaded: LoadedScenario) -> list[dict[str, object]]:
        return [{k: v for k, v in r.items() if k != "scenario_hash"} for r in run_sweep(loaded, 4, 1).rows]

    assert rows(first) != rows(swapped), "the generator draws kinds in their order"
    assert first.digest != swapped.digest
    assert first.digest == reordered.digest
