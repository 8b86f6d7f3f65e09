"""Scenario simulations: a calibrated discrete-event model of a cohort's life that emits real domain events.

The rooms: `scenario/` (the file, its loading and YAML output), `model/` (the SimPy model of one run),
`rules/` (behavioural rules and the plugin hooks that give them), `running/` (sweeps on a process pool
or Dask, keeping histories), `outputs/` (CSV, Parquet, summaries, plots) and `calibration/`.

The package is imported only by `transitions simulate` and `transitions calibrate`: numpy and SimPy stay
out of every other command. The names below are loaded on first use, so importing the package is cheap. For notebooks, `simulate`,
`experiment`, `sensitivity`, `discover`, `validate` and `read_experiment` give tidy pandas DataFrames (the `simulation` extra).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from transitions_core.simulation.calibration.calibrate import calibrate
    from transitions_core.simulation.experiments.notebook import (
        discover,
        experiment,
        read_experiment,
        sensitivity,
        simulate,
        validate,
    )
    from transitions_core.simulation.model.run import Models, RunContext, SimulatedCohort, simulate_run
    from transitions_core.simulation.running.keep import keep_histories
    from transitions_core.simulation.running.runner import Sweep, SweepResult, run_sweep
    from transitions_core.simulation.scenario.loading import LoadedScenario, SweepPoint, load_scenario
    from transitions_core.simulation.scenario.spec import Parameters, Scenario

_WHERE = {
    "calibrate": "calibration.calibrate",
    "Models": "model.run",
    "RunContext": "model.run",
    "SimulatedCohort": "model.run",
    "simulate_run": "model.run",
    "keep_histories": "running.keep",
    "Sweep": "running.runner",
    "SweepResult": "running.runner",
    "run_sweep": "running.runner",
    "LoadedScenario": "scenario.loading",
    "SweepPoint": "scenario.loading",
    "load_scenario": "scenario.loading",
    "Parameters": "scenario.spec",
    "Scenario": "scenario.spec",
    "simulate": "experiments.notebook",
    "experiment": "experiments.notebook",
    "sensitivity": "experiments.notebook",
    "discover": "experiments.notebook",
    "read_experiment": "experiments.notebook",
    "validate": "experiments.notebook",
}

__all__ = [
    "LoadedScenario",
    "Models",
    "Parameters",
    "RunContext",
    "Scenario",
    "SimulatedCohort",
    "Sweep",
    "SweepPoint",
    "SweepResult",
    "calibrate",
    "discover",
    "experiment",
    "keep_histories",
    "load_scenario",
    "read_experiment",
    "run_sweep",
    "sensitivity",
    "simulate",
    "simulate_run",
    "validate",
]


def __getattr__(name: str) -> Any:
    """Load a public name from its room on first use."""
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{_WHERE[name]}"), name)
    globals()[name] = value
    return value
