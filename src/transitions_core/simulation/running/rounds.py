"""Rounds of runs: `--until-ci` adds runs until the main outcomes are known closely enough, and a what-if's
baseline is run on the same seeds for paired differences."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from transitions_core.simulation.model.run import Models
from transitions_core.simulation.outputs.comparison import widest_interval
from transitions_core.simulation.outputs.results import Distributions
from transitions_core.simulation.running.runner import Backend, Rows, Sweep
from transitions_core.simulation.scenario.loading import LoadedScenario

#: `--until-ci` never runs more than this per point.
MAX_RUNS = 100_000


@dataclass
class Rounds:
    """What the rounds took: runs per point, the columns, whether Ctrl-C stopped them."""

    runs: int = 0
    header: list[str] | None = None
    interrupted: bool = False


def run_rounds(
    loaded: LoadedScenario,
    runs: int,
    seed: int,
    workers: int,
    models: Models,
    distributions: Distributions,
    write: Callable[[Rows], None] | None = None,
    progress: Callable[[int], None] | None = None,
    backend: Backend | None = None,
    until_ci: float | None = None,
    limit: int = MAX_RUNS,
) -> Rounds:
    """`runs` runs per point; with `until_ci`, then twice as many, and so on, until every main outcome's
    95 % interval is narrower than `until_ci` (or `limit` runs). Run `i` is the same whatever the rounds."""
    done = Rounds()
    target = runs
    while True:
        sweep = Sweep(loaded, target, seed, workers, models, progress, backend=backend, first=done.runs)
        done.header = sweep.header
        for rows in sweep:
            if write:
                write(rows)
            distributions.add(rows)
        if sweep.interrupted:
            done.interrupted = True
            return done
        done.runs = target
        if until_ci is None or widest_interval(distributions) < until_ci or target >= limit:
            return done
        target = min(target * 2, limit)
