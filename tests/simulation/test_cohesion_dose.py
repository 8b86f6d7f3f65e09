"""The dose of common core in a delegation's cohesion: the default calendar changes nothing, fewer sessions
lower cohesion and effects, more raise them with diminishing returns, none gives the floor; and the
checks of that response fail once the dose term is taken out."""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest

from tests.simulation.conftest import BASELINE, SIMULATIONS
from transitions_core.simulation.model import lifecycle
from transitions_core.simulation.model.cohesion import (
    IN_PERSON,
    PEER_EXCHANGE,
    WEBINAR,
    ReferenceProgramme,
    cohesion,
    dose,
)
from transitions_core.simulation.model.run import Models, RunContext, simulate_run
from transitions_core.simulation.running.runner import run_sweep
from transitions_core.simulation.scenario.loading import LoadedScenario, SweepPoint, load_scenario
from transitions_core.simulation.scenario.spec import Scenario
from transitions_core.simulation.scenario.uncertain import assumed_ranges, with_values

LOADED = load_scenario(BASELINE)
Cohesion = Callable[[float, float, float, float, float], float]


def share_only(attended: float, offered: float, planned: float, reference: float, headroom: float) -> float:
    """Cohesion as it was before the dose term: the weighted share of the sessions held."""
    return attended / offered if offered > 0 else reference


@contextmanager
def watched(
    monkeypatch: pytest.MonkeyPatch, formula: Cohesion = cohesion
) -> Iterator[list[tuple[float, ...]]]:
    """Every evaluation's (attended, offered, planned, cohesion), the model's cohesion replaced by `formula`."""
    seen: list[tuple[float, ...]] = []

    def spy(attended: float, offered: float, planned: float, reference: float, headroom: float) -> float:
        value = formula(attended, offered, planned, reference, headroom)
        seen.append((attended, offered, planned, value))
        return value

    with monkeypatch.context() as patch:
        patch.setattr(lifecycle, "cohesion", spy)
        yield seen


def with_counts(scenario: Scenario = LOADED.scenario, **counts: int) -> Scenario:
    return with_values(scenario, {f"calendar.sessions.{k}": v for k, v in counts.items()})


def rows(scenario: Scenario, runs: int, seed: int = 7, path: Path = BASELINE) -> list[dict[str, object]]:
    point = [SweepPoint(0, {}, scenario)]
    return list(run_sweep(LoadedScenario(path, scenario, "test", point), runs, seed).rows)


def mean(found: list[dict[str, object]], measure: str) -> float:
    return statistics.fmean(float(row[measure]) for row in found)  # type: ignore[arg-type]


# The dose and the cohesion, by themselves


@pytest.mark.parametrize("headroom", [0.0, 0.25, 1.0, 2.5, 4.0])
def test_the_dose_is_nothing_for_nothing_one_for_the_reference_and_concave_up_to_its_ceiling(headroom):
    assert dose(0.0, headroom) == 0.0
    assert dose(1.0, headroom) == 1.0  # exactly: the reference programme moves nothing
    amounts = [0.1 * k for k in range(1, 60)]
    values = [dose(x, headroom) for x in amounts]
    gains = [b - a for a, b in itertools.pairwise(values)]
    assert all(gain >= 0 for gain in gains)
    assert all(later <= earlier + 1e-12 for earlier, later in itertools.pairwise(gains))
    assert max(values) <= 1 + headroom


def test_cohesion_is_the_share_times_the_dose_with_its_floor_and_its_old_cases():
    assert cohesion(3.0, 4.0, 4.0, 0.73, 1.0) == 0.75  # as dated: the share, untouched
    assert cohesion(3.0, 4.0, 8.0, 0.73, 1.0) == pytest.approx(0.75 * 2 * 0.5 / 1.5)
    assert cohesion(6.0, 8.0, 4.0, 0.73, 1.0) == pytest.approx(0.75 * 2 * 2 / 3)
    assert cohesion(0.0, 0.0, 4.0, 0.73, 1.0) == 0.0  # nothing offered of what was planned: the floor
    assert cohesion(0.0, 0.0, 0.0, 0.73, 1.0) == 0.73  # nothing planned, nothing offered: as before
    assert cohesion(3.0, 4.0, 0.0, 0.73, 1.0) == 0.75  # nothing planned: the share, as before


def test_the_reference_programme_is_the_dated_sessions_held_or_not():
    may, june, july = date(2024, 5, 7), date(2024, 6, 11), date(2024, 7, 2)
    as_dated = ReferenceProgramme.of([[may], [june, july], [may]], [[may], [june, july], [may]])
    assert as_dated.unheld == ()
    assert as_dated.planned(june, WEBINAR, 1.0) == 1.0
    fewer = ReferenceProgramme.of([[may], [june, july], [may]], [[may], [june], []])
    assert fewer.unheld == ((may, PEER_EXCHANGE), (july, WEBINAR))
    more = ReferenceProgramme.of([[may], [], []], [[may, june], [], []])
    assert more.unheld == () and more.planned(june, IN_PERSON, 1.0) == 0.0  # an added day is not planned


# The default changes nothing


@pytest.mark.parametrize("path", SIMULATIONS, ids=lambda p: p.stem)
def test_the_dated_sessions_held_as_dated_leave_every_row_and_history_as_they_were(monkeypatch, path):
    loaded = load_scenario(path)
    for point in loaded.points:
        with watched(monkeypatch) as seen:
            ours = rows(point.scenario, 12, 3, path)
            histories = [
                c.events for run in range(2) for c in simulate_run(point.scenario, context(), run, Models())
            ]
        assert seen and all(offered == planned for _, offered, planned, _ in seen)  # the amount is 1 exactly
        with watched(monkeypatch, share_only):
            assert rows(point.scenario, 12, 3, path) == ours
            before = [
                c.events for run in range(2) for c in simulate_run(point.scenario, context(), run, Models())
            ]
        assert before == histories
        # Whatever the headroom: the dose is 1.
        other = with_values(point.scenario, {"parameters.cohesion.headroom": 4.0})
        assert rows(other, 12, 3, path) == ours


def context() -> RunContext:
    return RunContext("essai", "Essai", "test", "test", 13, 0, 1, {})


def test_the_headroom_enters_the_fingerprint_only_where_it_can_change_the_results(tmp_path):
    def digest(block: str) -> str:
        path = tmp_path / f"s{len(list(tmp_path.iterdir()))}.yaml"
        path.write_text(f"kind: simulation\nextends: {BASELINE}\nid: essai\ntitle: Essai\n{block}", "utf-8")
        return load_scenario(path).digest

    plain = digest("")
    assert digest("parameters:\n  cohesion: {headroom: 3.0}\n") == plain
    fewer = digest("calendar:\n  sessions: {webinars: 3}\n")
    assert fewer != plain
    assert digest("calendar:\n  sessions: {webinars: 3}\nparameters:\n  cohesion: {headroom: 3.0}\n") != fewer


def test_the_headroom_is_an_assumption_with_a_range_for_experiments():
    low, high, why = assumed_ranges(LOADED.scenario)["parameters.cohesion.headroom"]
    assert (low, high) == (0.25, 2.0) and why.startswith("hypothèse")
    assert LOADED.scenario.parameters.cohesion.headroom == 1.0


# The dose-response


RUNS = 300
NONE = {"in_person": 0, "webinars": 0, "peer_exchanges": 0}
HALF = {"in_person": 2, "webinars": 3, "peer_exchanges": 1}
DOUBLED = {"in_person": 6, "webinars": 12, "peer_exchanges": 2}
TRIPLED = {"in_person": 9, "webinars": 18, "peer_exchanges": 3}


def response(monkeypatch: pytest.MonkeyPatch, formula: Cohesion = cohesion) -> dict[str, tuple[float, ...]]:
    """Mean cohesion at the evaluation, effects and limits, by amount of common core."""
    out = {}
    for name, counts in (
        ("none", NONE),
        ("half", HALF),
        ("dated", {}),
        ("doubled", DOUBLED),
        ("tripled", TRIPLED),
    ):
        with watched(monkeypatch, formula) as seen:
            found = rows(with_counts(**counts), RUNS)
        out[name] = (
            statistics.fmean(value for *_, value in seen),
            mean(found, "effects"),
            mean(found, "limits"),
        )
    return out


def check_the_dose_response(measured: dict[str, tuple[float, ...]]) -> None:
    """Fewer sessions lower cohesion and effects, more raise them with diminishing returns, none gives the
    floor (cohesion 0: about a third of the effects, twice the limits)."""
    none, half, dated, doubled, tripled = (
        measured[k] for k in ("none", "half", "dated", "doubled", "tripled")
    )
    assert none[0] == 0.0
    assert none[0] < half[0] < dated[0] < doubled[0] < tripled[0]
    assert tripled[0] - doubled[0] < doubled[0] - dated[0]  # diminishing returns
    assert none[1] < 0.45 * dated[1] and none[2] > 1.5 * dated[2]
    # Effects: each step well beyond the Monte Carlo error of a difference (about ± 0.8 over 300 runs).
    assert none[1] + 5 < half[1] < dated[1] - 3 and dated[1] + 5 < doubled[1] < tripled[1] - 3
    assert none[2] > half[2] > dated[2] > doubled[2] > tripled[2]


def test_the_amount_of_common_core_drives_cohesion_effects_and_limits(monkeypatch):
    check_the_dose_response(response(monkeypatch))


def test_the_check_fails_once_the_dose_term_is_taken_out(monkeypatch):
    without = response(monkeypatch, share_only)
    with pytest.raises(AssertionError):
        check_the_dose_response(without)
    # Without it, no common core at all gives the baseline's effects (the problem the dose term answers).
    assert without["none"][1] > 0.85 * without["dated"][1]
