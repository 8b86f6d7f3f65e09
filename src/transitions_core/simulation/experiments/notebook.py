"""The Python API for notebooks: the command line's runs, designs and analyses as tidy pandas DataFrames.

Every function gives the rows the command line would write, byte for byte once written as CSV: the same
seed streams, whatever `workers` or `scheduler`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from transitions_core.simulation.experiments.design import Method, Uncertainty, make_design
from transitions_core.simulation.experiments.sensitivity import Analysis
from transitions_core.simulation.model.outcomes import SUMMARY
from transitions_core.simulation.model.run import Models
from transitions_core.simulation.running.runner import Backend, Sweep
from transitions_core.simulation.scenario.loading import LoadedScenario
from transitions_core.simulation.scenario.loading import load_scenario as load_checked

Source = LoadedScenario | Path | str


class DesignRecord(dict[str, Any]):
    """A design kept in a DataFrame's `attrs`: pandas deep-copies `attrs` into every column it hands out, and
    a design of thousands of points would make each `frame["effects"]` cost tens of milliseconds. It is
    never changed after the run, so a copy is the record itself."""

    def __deepcopy__(self, memo: dict[int, Any]) -> DesignRecord:
        return self

    def __copy__(self) -> DesignRecord:
        return self


def load_scenario(source: Source, models: Models | None = None) -> LoadedScenario:
    """A checked scenario from a path, YAML text, or an already loaded one (with the installed plugins' rules)."""
    if isinstance(source, LoadedScenario):
        return source
    models = models or _models()
    return load_checked(source, models.rules, models.generators)


def _models() -> Models:
    from transitions_core.plugins import load_host
    from transitions_core.simulation.rules.registry import simulation_models

    return simulation_models(load_host())


def _backend(scheduler: str | None, workers: int) -> Backend | None:
    if not scheduler:
        return None
    from transitions_core.simulation.running.dask_backend import dask_backend

    return dask_backend(scheduler, workers)


def frame_of(header: Sequence[str], rows: Sequence[Mapping[str, Any]]) -> Any:
    """Rows as a DataFrame in the CSV's column order; the measures as floats, as in Parquet."""
    import pandas as pd

    from transitions_core.simulation.outputs.results import is_measure

    frame = pd.DataFrame.from_records(list(rows), columns=list(header))
    measures = [c for c in header if is_measure(c)]
    frame[measures] = frame[measures].astype(float)
    return frame


def _run(sweep: Sweep) -> Any:
    rows = [row for chunk in sweep for row in chunk]
    if sweep.interrupted:
        raise KeyboardInterrupt
    return frame_of(sweep.header, rows)


def simulate(
    scenario: Source,
    runs: int = 100,
    seed: int = 1,
    workers: int = 1,
    scheduler: str | None = None,
    models: Models | None = None,
) -> Any:
    """Every run of every sweep point of a scenario, one row each (`transitions simulate --out`)."""
    models = models or _models()
    loaded = load_scenario(scenario, models)
    return _run(Sweep(loaded, runs, seed, workers, models, backend=_backend(scheduler, workers)))


def uncertainties_of(ranges: Mapping[str, tuple[float, float]] | Sequence[Uncertainty]) -> list[Uncertainty]:
    """`{"path": (low, high)}` or a list of `Uncertainty`, as uncertainties."""
    from transitions_core.errors import TransitionsError

    if isinstance(ranges, Mapping):
        out = []
        for path, (low, high) in ranges.items():
            if not low < high:
                raise TransitionsError(
                    f"incertitude « {path} » : intervalle vide ({low} n'est pas inférieur à {high})."
                )
            out.append(Uncertainty(path, float(low), float(high)))
        return out
    return list(ranges)


def experiment(
    scenario: Source,
    uncertainties: Mapping[str, tuple[float, float]] | Sequence[Uncertainty] | None = None,
    design: Method = "lhs",
    samples: int = 256,
    seed: int = 1,
    runs_per_point: int = 1,
    workers: int = 1,
    scheduler: str | None = None,
    models: Models | None = None,
    common_streams: bool = False,
) -> Any:
    """The runs of a designed experiment (`transitions experiment --out`); `attrs["design"]` holds the design.

    Without `uncertainties`, the scenario's own (`uncertainties:`, or every assumption's range).
    """
    from transitions_core.simulation.experiments.points import (
        checked,
        experiment_sweep,
        scenario_uncertainties,
        sidecar_extra,
    )

    models = models or _models()
    loaded = load_scenario(scenario, models)
    given = uncertainties_of(uncertainties) if uncertainties is not None else []
    drawn = make_design(
        design,
        checked(loaded, given or scenario_uncertainties(loaded, models)),
        samples,
        seed,
        runs_per_point,
        common_streams,
    )
    _, sweep = experiment_sweep(loaded, drawn, models, workers, backend=_backend(scheduler, workers))
    frame = _run(sweep)
    frame.attrs["design"] = DesignRecord(
        {**sidecar_extra(loaded), **drawn.describe(), "unit": drawn.unit, "matrix": drawn.matrix}
    )
    return frame


def sensitivity(
    results: Any, method: Analysis = "sobol", outcomes: Sequence[str] = SUMMARY, seed: int = 1
) -> Any:
    """Sobol' or Morris indices of an `experiment`'s results, one row per outcome, uncertainty and index."""
    import pandas as pd

    from transitions_core.simulation.experiments.sensitivity import analyse

    found = analyse(_design_of(results), results.to_dict("records"), outcomes, method, seed)
    rows = [
        {"outcome": r.outcome, "uncertainty": i.name, "index": key, "value": value}
        for r in found
        for i in r.indices
        for key, value in i.values.items()
    ]
    return pd.DataFrame(rows, columns=["outcome", "uncertainty", "index", "value"])


def discover(results: Any, where: str, boxes: int = 2, threshold: float = 0.8) -> Any:
    """PRIM boxes where `where` holds: one row per box and restricted uncertainty, with its limits and scores."""
    import pandas as pd

    from transitions_core.simulation.experiments.discovery import parse_where
    from transitions_core.simulation.experiments.prim import find_boxes

    design = _design_of(results)
    names = [u["path"] for u in design["uncertainties"]]
    condition = parse_where(where, list(results.columns))
    rows = results.to_dict("records")
    found = find_boxes(
        [[float(row[n]) for n in names] for row in rows], [condition.holds(r) for r in rows], boxes, threshold
    )
    table = [
        {
            "box": k,
            "uncertainty": names[j],
            "low": box.lower[j],
            "high": box.upper[j],
            "coverage": box.coverage,
            "density": box.density,
            "mass": box.mass,
        }
        for k, box in enumerate(found.boxes, start=1)
        for j in box.restricted
    ]
    return pd.DataFrame(table, columns=["box", "uncertainty", "low", "high", "coverage", "density", "mass"])


def _design_of(results: Any) -> dict[str, Any]:
    from transitions_core.errors import TransitionsError

    design = getattr(results, "attrs", {}).get("design")
    if not design:
        raise TransitionsError(
            "ces tirages n'ont pas de plan d'expérience (attrs['design']) : faites-les avec "
            "`experiment(scénario, incertitudes, design='sobol')`."
        )
    return dict(design)


def read_experiment(path: Path | str) -> Any:
    """The results file of `transitions experiment`, with its design in `attrs["design"]`."""
    from transitions_core.simulation.experiments.design import read_design
    from transitions_core.simulation.experiments.results_file import read_results

    frame = read_results(Path(path))
    frame.attrs["design"] = DesignRecord(read_design(Path(path)))
    return frame


def validate(
    cohort: str,
    history: Path | str,
    split: str | None = None,
    runs: int = 200,
    seed: int = 1,
    uncertain: bool = True,
    models: Models | None = None,
) -> Any:
    """`transitions validate` as a DataFrame: each recorded figure, its 5-95 % band, and (with a split) its kind.

    `history` is a history file (imported into a store in memory) or a store's address.
    """
    import pandas as pd

    from transitions_core.simulation.validation.run import validation_bands

    models = models or _models()
    found, kinds = validation_bands(cohort, history, split, runs, seed, uncertain, models)
    return pd.DataFrame(
        [
            {
                "figure": b.column,
                "observed": b.observed,
                "low": b.low,
                "high": b.high,
                "inside": b.inside,
                "kind": kinds.get(b.column, "dans l'échantillon"),
            }
            for b in found
        ],
        columns=["figure", "observed", "low", "high", "inside", "kind"],
    )
