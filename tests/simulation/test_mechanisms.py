"""The model's mechanisms, each seen in the simulated histories: restitution before the pilot, shared
capacity, cohesion's dose-response, the evaluation day, and profiles in French."""

from __future__ import annotations

import itertools
import statistics
from collections import defaultdict
from datetime import date

from tests.conftest import SCENARIOS
from transitions_core.domain.events import (
    DiagnosticRestituted,
    DiagnosticStarted,
    EffectObserved,
    EvaluationDayHeld,
    LimitObserved,
    PilotProjectChosen,
    TerritoryRegistered,
)
from transitions_core.simulation.model.run import Models, RunContext, simulate_run
from transitions_core.simulation.running.runner import run_sweep
from transitions_core.simulation.scenario.loading import LoadedScenario, SweepPoint, load_scenario
from transitions_core.simulation.scenario.spec import Scenario
from transitions_core.simulation.scenario.uncertain import with_values

MODELS = Models()
BASELINE = load_scenario(SCENARIOS / "baseline-occitanie.yaml")
FOUR = load_scenario(SCENARIOS / "four-regions-40-territories.yaml")


def events(loaded: LoadedScenario, scenario: Scenario, run: int) -> list[list[object]]:
    context = RunContext(scenario.id, scenario.title, loaded.digest, "test", 5, 0, 1, {})
    return [cohort.events for cohort in simulate_run(scenario, context, run, MODELS)]


def day_of(event: object) -> date:
    return event.occurred.earliest  # type: ignore[attr-defined]


def test_every_pilot_is_chosen_after_its_diagnostic_is_restituted():
    seen = 0
    for run in range(12):
        for cohort in events(BASELINE, BASELINE.scenario, run):
            restituted = {e.originator_id: day_of(e) for e in cohort if isinstance(e, DiagnosticRestituted)}
            for pilot in (e for e in cohort if isinstance(e, PilotProjectChosen)):
                assert pilot.originator_id in restituted
                assert day_of(pilot) >= restituted[pilot.originator_id]
                seen += 1
    assert seen > 30


def test_no_effect_or_limit_is_dated_after_the_evaluation_day():
    for run in range(6):
        for cohort in events(BASELINE, BASELINE.scenario, run):
            held = [day_of(e) for e in cohort if isinstance(e, EvaluationDayHeld)]
            found = [day_of(e) for e in cohort if isinstance(e, EffectObserved | LimitObserved)]
            assert held and found
            assert set(found) == {held[0]}


def test_the_regions_of_a_run_share_the_diagnosticians():
    one = with_values(FOUR.scenario, {"parameters.capacity.diagnosticians": 1})
    for run in range(3):
        spans: list[tuple[date, date]] = []
        for cohort in events(FOUR, one, run):
            started = {e.originator_id: day_of(e) for e in cohort if isinstance(e, DiagnosticStarted)}
            spans += [
                (started[e.originator_id], day_of(e)) for e in cohort if isinstance(e, DiagnosticRestituted)
            ]
        spans.sort()
        assert len(spans) >= 2
        # One diagnostician for four regions: each diagnostic starts once the previous one is restituted.
        assert all(later[0] >= earlier[1] for earlier, later in itertools.pairwise(spans))


def test_more_capacity_restitutes_more_diagnostics_in_four_regions():
    def restituted(diagnosticians: int) -> float:
        scenario = with_values(FOUR.scenario, {"parameters.capacity.diagnosticians": diagnosticians})
        loaded = LoadedScenario(FOUR.path, scenario, FOUR.digest, [SweepPoint(0, {}, scenario)])
        return statistics.fmean(row["diagnostics_restituted"] for row in run_sweep(loaded, 30, 3).rows)

    assert restituted(4) < restituted(8) < restituted(40)


def test_cohesion_carries_attendance_to_effects_and_limits():
    def means(attendance: float) -> tuple[float, float]:
        scenario = with_values(
            BASELINE.scenario,
            {
                "parameters.sessions.attend_in_person": attendance,
                "parameters.sessions.attend_webinar": attendance,
            },
        )
        loaded = LoadedScenario(BASELINE.path, scenario, BASELINE.digest, [SweepPoint(0, {}, scenario)])
        rows = run_sweep(loaded, 60, 3).rows
        return statistics.fmean(r["effects"] for r in rows), statistics.fmean(r["limits"] for r in rows)

    (few_effects, many_limits), (effects, limits) = means(0.05), means(0.85)
    assert few_effects < 0.6 * effects
    assert many_limits > 1.3 * limits


def test_a_simulated_profile_speaks_french():
    descriptions: dict[str, str] = defaultdict(str)
    weak = with_values(BASELINE.scenario, {"regions.0.territories.*.political_backing": "weak"})
    for cohort in events(BASELINE, weak, 0):
        for e in cohort:
            if isinstance(e, TerritoryRegistered):
                descriptions[e.slug] = e.description or ""
    listed = [d for d in descriptions.values() if "profil listé" in d]
    assert len(listed) == 8 and all("portage politique faible" in d for d in listed)
    assert any("habitants" in d and "\u202f" in d for d in descriptions.values())  # 157 220, not 157220
    assert not any(
        word in d for d in descriptions.values() for word in ("weak", "medium", "strong", " low", " high")
    )
