"""The fast ways of running the model give exactly what the plain ways give, on many seeds.

- A sweep counts each run's steps (`OutcomeTally`) instead of building and checking its events: its
  rows must be the ones `measure` reads from the full, checked history.
- Work is planned ahead and slept through at once instead of waking every two weeks: the histories must
  be those of waking at every step.
- `draws` computes numpy's draws from `random()`: the values and the stream must be numpy's.
- A run that keeps no history runs on the lean kernel, a kept one on SimPy: the histories and the rows
  must be the same on both, byte for byte.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.simulation.conftest import SCENARIOS, SIMULATIONS
from transitions_core.simulation.model import kernel
from transitions_core.simulation.model.draws import choice, cumulative, distinct_choices, uniform
from transitions_core.simulation.model.engine import CohortModel
from transitions_core.simulation.model.environment import ModelEnvironment, ProgrammeEnvironment
from transitions_core.simulation.model.kernel import LeanEnvironment
from transitions_core.simulation.model.lifecycle import STEP, TerritoryLife
from transitions_core.simulation.model.outcomes import MEASURES, OutcomeTally, measure
from transitions_core.simulation.model.run import Models, RunContext, limit_texts, simulate_run
from transitions_core.simulation.rules.base import Quantity
from transitions_core.simulation.running.runner import run_sweep
from transitions_core.simulation.scenario.loading import LoadedScenario, load_scenario

MODELS = Models()
SEEDS = st.integers(min_value=0, max_value=2**32)
RUNS = st.integers(min_value=0, max_value=10**6)


@pytest.fixture(scope="module")
def four_regions() -> LoadedScenario:
    """Four cohorts per run: the tally must keep their territories and their sizes apart."""
    return load_scenario(SCENARIOS / "four-regions-40-territories.yaml")


def context(loaded: LoadedScenario, seed: int, point: int = 0) -> RunContext:
    scenario = loaded.scenario
    return RunContext(scenario.id, scenario.title, loaded.digest, "test", seed, point, len(loaded.points), {})


def full(loaded: LoadedScenario, run: int, seed: int, point: int = 0) -> dict[str, float]:
    """The measures read from the run's history, every event built and checked by the aggregates."""
    scenario = loaded.points[point].scenario
    cohorts = simulate_run(scenario, context(loaded, seed, point), run, MODELS)
    events = [event for cohort in cohorts for event in cohort.events]
    p = scenario.parameters
    return measure(events, p.evaluation.effect_labels, limit_texts(MODELS), p.recruitment.min_cohort)


def counted(loaded: LoadedScenario, run: int, seed: int, point: int = 0) -> dict[str, float]:
    """The measures of the same run, counted as the engine decides, no event built."""
    scenario = loaded.points[point].scenario
    p = scenario.parameters
    tally = OutcomeTally(p.evaluation.effect_labels, limit_texts(MODELS))
    assert simulate_run(scenario, context(loaded, seed, point), run, MODELS, tally)[0].events == []
    return tally.measures(p.recruitment.min_cohort)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=SEEDS, run=RUNS)
def test_counting_a_run_gives_the_measures_of_its_checked_history(baseline, seed, run):
    assert counted(baseline, run, seed) == full(baseline, run, seed)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=SEEDS, run=RUNS)
def test_counting_keeps_several_cohorts_of_a_run_apart(four_regions, seed, run):
    assert counted(four_regions, run, seed) == full(four_regions, run, seed)


@pytest.mark.parametrize("name", ["weak-political-backing", "mid-mandate-start", "complete-delegations"])
def test_counting_gives_the_measures_of_the_checked_history_at_every_sweep_point(name):
    loaded = load_scenario(SCENARIOS / f"{name}.yaml")
    for point in range(len(loaded.points)):
        for run in range(6):
            assert counted(loaded, run, 3, point) == full(loaded, run, 3, point), (point, run)


def test_the_rows_of_a_sweep_are_the_measures_of_the_checked_histories(small):
    rows = run_sweep(small, 12, 5).rows
    for row in rows:
        expected = full(small, row["run"], 5)
        shared = expected.keys() & row.keys()
        assert set(MEASURES) <= shared
        assert {k: row[k] for k in shared} == {k: expected[k] for k in shared}
        assert row["events"] > 0


class SteppingLife(TerritoryLife):
    """The plain way to work: wake every two weeks and read the pace the rules give then (a drop-out wakes it)."""

    def work(self, days: float) -> Generator[Any, Any, bool]:
        remaining = days
        while remaining > 1e-9:
            if not self.alive():
                return False
            speed = max(self.m.rules.adjust(Quantity.PROGRESS, 1.0, self.situation()), 1e-3)
            step = min(STEP, remaining / speed)
            yield self.m.env.timeout(step) | self.s.left
            remaining -= step * speed
        return self.alive()


def history(
    loaded: LoadedScenario,
    run: int,
    seed: int,
    point: int = 0,
    on: Callable[[], ModelEnvironment] | None = None,
) -> list[list[dict[str, Any]]]:
    scenario = loaded.points[point].scenario
    cohorts = simulate_run(scenario, context(loaded, seed, point), run, MODELS, kernel=on)
    return [[event.model_dump(mode="json") for event in cohort.events] for cohort in cohorts]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=SEEDS, run=RUNS)
def test_the_lean_kernel_gives_the_history_simpy_gives(baseline, seed, run):
    assert history(baseline, run, seed, on=LeanEnvironment) == history(
        baseline, run, seed, on=ProgrammeEnvironment
    )


@pytest.mark.parametrize("path", SIMULATIONS, ids=lambda path: path.stem)
def test_the_lean_kernel_gives_simpys_histories_and_rows_in_every_scenario(path, monkeypatch):
    loaded = load_scenario(path)
    for point in range(len(loaded.points)):
        for run in range(3):
            lean = history(loaded, run, 13, point, LeanEnvironment)
            assert lean == history(loaded, run, 13, point, ProgrammeEnvironment), (point, run)
    rows = run_sweep(loaded, 40, 7).rows
    monkeypatch.setattr(kernel, "LeanEnvironment", ProgrammeEnvironment)  # the sweep path on SimPy
    assert run_sweep(loaded, 40, 7).rows == rows


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=SEEDS, run=RUNS)
def test_planned_work_gives_the_history_of_waking_at_every_step(baseline, seed, run):
    planned = history(baseline, run, seed)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(CohortModel, "life", SteppingLife)
        stepped = history(baseline, run, seed)
    assert planned == stepped


def test_planned_work_gives_the_histories_of_waking_at_every_step_in_every_scenario():
    for path in sorted(SCENARIOS.glob("*.yaml")):
        if "kind: simulation" not in path.read_text(encoding="utf-8"):
            continue
        loaded = load_scenario(path)
        planned = [history(loaded, run, 11) for run in range(4)]
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(CohortModel, "life", SteppingLife)
            assert [history(loaded, run, 11) for run in range(4)] == planned, path.name


def test_a_wake_up_at_a_time_lands_on_it_where_a_delay_would_round_elsewhere():
    now, when = 5.8054566647520005, 7331.967322549849
    assert now + (when - now) != when
    env = ProgrammeEnvironment()
    seen: list[float] = []

    def sleeper() -> Generator[Any, Any, None]:
        yield env.timeout(now)
        yield env.timeout_at(when)
        seen.append(env.now)

    env.process(sleeper())
    env.run()
    assert seen == [when]


weights = st.lists(st.integers(min_value=0, max_value=5), min_size=1, max_size=30).filter(any)


@settings(max_examples=200, deadline=None)
@given(
    seed=SEEDS,
    bounds=st.tuples(st.floats(0, 1e4), st.floats(0, 1e4)).map(sorted),
    counts=weights,
    wanted=st.integers(min_value=0, max_value=30),
    extra=st.integers(min_value=0, max_value=5),
)
def test_the_draws_are_numpys_draws(seed, bounds, counts, wanted, extra):
    total = sum(counts)
    p = [c / total for c in counts]
    distinct = min(wanted, sum(1 for c in counts if c))
    ours, numpys = np.random.default_rng(seed), np.random.default_rng(seed)
    low, high = bounds
    assert uniform(ours, low, high) == numpys.uniform(low, high)
    assert uniform(ours, 14, 60) == numpys.uniform(14, 60)
    assert distinct_choices(ours, p, distinct) == [int(i) for i in numpys.choice(len(p), distinct, False, p)]
    cdf = cumulative(p)
    assert [choice(ours, cdf) for _ in range(extra)] == [
        int(i) for i in numpys.choice(len(p), extra, True, p)
    ]
    assert choice(ours, cumulative((0.5, 0.3, 0.2))) == int(numpys.choice(3, p=(0.5, 0.3, 0.2)))
    assert ours.random() == numpys.random()  # and the stream is where numpy leaves it


def test_impossible_draws_fail_as_numpys_do():
    rng = np.random.default_rng(1)
    with pytest.raises(ValueError):
        uniform(rng, 2, 1)
    with pytest.raises(ValueError):
        distinct_choices(rng, [0.0, 1.0], 2)
    with pytest.raises(ValueError):
        cumulative([0.0, 0.0])
