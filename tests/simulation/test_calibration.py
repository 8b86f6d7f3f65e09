"""Calibration on the bundled cohort: the baseline file is its output, and it reproduces the history."""

from __future__ import annotations

import numpy as np
import pytest

from tests.conftest import OCCITANIE
from tests.simulation.conftest import BASELINE
from transitions_core.history.importer import import_histories
from transitions_core.simulation.calibration.calibrate import calibrate
from transitions_core.simulation.running.runner import run_sweep
from transitions_core.simulation.scenario.loading import LoadedScenario, SweepPoint
from transitions_core.timeline.stats import CohortStats, cohort_stats

RUNS = 200


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> tuple[str, CohortStats]:
    from transitions_core.store.locations import parse_store
    from transitions_core.store.opening import open_store

    with open_store(parse_store(str(tmp_path_factory.mktemp("calibration") / "store.sqlite"))) as store:
        import_histories(store.app, [OCCITANIE])
        readmodel = store.caught_up()
        return calibrate(readmodel, "occitanie-2024").text, cohort_stats(readmodel, "occitanie-2024")


def test_the_baseline_scenario_is_the_calibration_of_the_bundled_cohort(history):
    text, _ = history
    assert BASELINE.read_text(encoding="utf-8") == text, (
        "run `transitions calibrate occitanie-2024 --output scenarios/baseline-occitanie.yaml`"
    )


def test_calibration_measures_the_funnel_and_says_what_is_assumed(history):
    text, _ = history
    assert "present: 0.6316  # historique : 12 présentations / 19 approchés" in text
    assert "join: 0.6667  # historique : 8 territoires engagés / 12 présentations" in text
    assert "interviews_mean: 20.0  # historique : 160 entretiens / 8 diagnostics" in text
    assert "days_used_share: 0.85  # hypothèse : aucun jour d'accompagnement n'est consigné" in text
    assert "note_work_days: 60.0  # hypothèse : la calibration ne mesure pas ces durées" in text
    assert "inconnu" not in text and "null  #" not in text  # the bundled cohort records every measured rate
    assert "rapport" not in text, "the municipal calendar is the country's, not a finding of the report"
    assert "seasonal_peak: 80000" in text  # Gruissan's 5,000 → 80,000 in summer, read from its profile


def historical(stats: CohortStats) -> dict[str, float]:
    """The recorded figures the model is asked to reproduce, by CSV column."""
    return {
        "approached": stats.approached,
        "presented": stats.presented,
        "joined": stats.joined,
        "dropped_out": 0,
        "diagnostics_restituted": stats.diagnostics_restituted,
        "public_restitutions": stats.public_restitutions,
        "interviews": stats.interviews or 0,
        "pilots_chosen": stats.pilots_chosen,
        "allies_assigned": stats.allies_assigned,
        "milestones": stats.milestones,
        "effects": stats.effects,
        "limits": stats.limits,
        "in_person_attendance_min": stats.in_person_attendance.low or 0,
        "in_person_attendance_max": stats.in_person_attendance.high or 0,
        "webinar_attendance_min": stats.webinar_attendance.low or 0,
        "webinar_attendance_max": stats.webinar_attendance.high or 0,
        "forum_attendance": stats.forum_attendance or 0,
    }


def outside_interval(
    loaded: LoadedScenario, figures: dict[str, float]
) -> dict[str, tuple[float, float, float]]:
    rows = run_sweep(loaded, RUNS, 1, workers=2).rows
    out = {}
    for column, value in figures.items():
        low, high = np.percentile([row[column] for row in rows], [5, 95])
        if not low <= value <= high:
            out[column] = (value, float(low), float(high))
    return out


def test_the_baseline_reproduces_the_history_within_its_own_90_percent_interval(baseline, history):
    _, stats = history
    assert stats.joined == 8 and stats.presented == 12 and stats.approached == 19
    assert outside_interval(baseline, historical(stats)) == {}


def test_the_same_check_fails_for_a_miscalibrated_model(baseline, history):
    _, stats = history
    scenario = baseline.scenario
    wrong = scenario.model_copy(
        update={
            "parameters": scenario.parameters.model_copy(
                update={"recruitment": scenario.parameters.recruitment.model_copy(update={"join": 0.2})}
            )
        }
    )
    miscalibrated = LoadedScenario(baseline.path, wrong, "wrong", [SweepPoint(0, {}, wrong)])
    assert "joined" in outside_interval(miscalibrated, historical(stats))
