"""A design's points as sweep points of a scenario: each one validated as a whole scenario where it runs."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from transitions_core.errors import TransitionsError
from transitions_core.history.errors import HistoryFileError
from transitions_core.history.yaml_lines import LineDict
from transitions_core.simulation.experiments.design import Design, Uncertainty
from transitions_core.simulation.model.run import Models
from transitions_core.simulation.running.runner import CHUNK, Backend, Chunk, Sweep
from transitions_core.simulation.scenario.loading import (
    LoadedScenario,
    SweepPoint,
    UncheckedPoint,
    expand_sweep,
    sweep_base,
)
from transitions_core.simulation.scenario.spec import SweepSpec


def value_at(document: Any, path: str) -> Any:
    """The value at a dotted path of a scenario document, or a French error naming what exists there."""
    node = document
    done = ""
    for part in path.split("."):
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            known = ", ".join(map(str, node)) if isinstance(node, dict) else "une valeur, pas un bloc"
            if isinstance(node, list):
                known = f"une liste de {len(node)} éléments (0 à {len(node) - 1})"
            raise TransitionsError(
                f"incertitude « {path} » : « {part} » n'existe pas sous {done or 'la racine'} ({known})."
            )
        done = f"{done}.{part}".lstrip(".")
    return node


def checked(loaded: LoadedScenario, uncertainties: list[Uncertainty]) -> list[Uncertainty]:
    """The uncertainties, each found in the scenario (whole-number parameters marked so), or a French error."""
    if loaded.scenario.sweep is not None or len(loaded.points) > 1:
        raise TransitionsError(
            f"{loaded.path} a déjà un balayage (« sweep ») : une expérience tire ses propres points ; "
            "retirez le balayage, ou lancez `transitions simulate` pour lui."
        )
    document = loaded.scenario.model_dump(mode="json")
    out = []
    for u in uncertainties:
        current = value_at(document, u.path)
        if isinstance(current, bool) or not isinstance(current, int | float):
            raise TransitionsError(
                f"incertitude « {u.path} » : la valeur du scénario ({current!r}) n'est pas un nombre ; "
                "seul un nombre peut varier dans un intervalle."
            )
        out.append(
            replace(u, integer=isinstance(current, int) and u.low.is_integer() and u.high.is_integer())
        )
    return out


@dataclass(frozen=True)
class DesignPoints:
    """An experiment's points, each validated as a whole scenario in the worker that runs it."""

    loaded: LoadedScenario
    points: list[UncheckedPoint]


def design_points(loaded: LoadedScenario, design: Design, models: Models) -> DesignPoints:
    """The design's points as sweep points, each range checked first (a range outside a parameter's domain
    is an error naming the uncertainty); a point is validated where it runs, with `expand_sweep`'s error."""
    for u in design.uncertainties:
        _validated(loaded, [{u.path: u.value(0.0)}, {u.path: u.value(1.0)}], models, u)
    base = sweep_base(loaded.scenario)
    return DesignPoints(loaded, [UncheckedPoint(i, values, base) for i, values in enumerate(design.points())])


def _validated(
    loaded: LoadedScenario, values: list[dict[str, Any]], models: Models, uncertainty: Uncertainty | None
) -> Any:
    scenario = loaded.scenario.model_copy(update={"sweep": SweepSpec(points=values)})
    try:
        return expand_sweep(scenario, LineDict(), models.rules, models.generators)
    except HistoryFileError as error:
        if uncertainty is None:
            raise
        why = error.message.split(") : ", 1)[-1].rstrip(".")
        raise TransitionsError(
            f"incertitude « {uncertainty.path} » : l'intervalle {_number(uncertainty.low)} à "
            f"{_number(uncertainty.high)} sort du domaine du paramètre ({why})."
        ) from None


def _number(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def experiment_sweep(
    loaded: LoadedScenario,
    design: Design,
    models: Models,
    workers: int = 1,
    progress: Callable[[int], None] | None = None,
    backend: Backend | None = None,
) -> tuple[DesignPoints, Sweep]:
    """The sweep of an experiment: every design point, `runs_per_point` runs each.

    Point `i` runs on streams `i·R` to `i·R + R − 1` of the seed (its own dice, so that the noise is part of the
    outcome, not one frozen draw); with `common_streams`, every point runs on streams 0 to R − 1. A point
    that is not a valid scenario stops the sweep where it comes, with the error a sweep gives for it.
    """
    points = design_points(loaded, design, models)
    # A design only varies numbers (`checked`): the columns are the scenario's, with the swept paths.
    shape = LoadedScenario(
        loaded.path, loaded.scenario, loaded.digest, [SweepPoint(0, points.points[0].values, loaded.scenario)]
    )
    sweep = Sweep(shape, design.runs_per_point, design.seed, workers, models, progress, backend=backend)
    sweep.work = _chunks(points, design, sweep.header)
    return points, sweep


def _chunks(points: DesignPoints, design: Design, header: list[str]) -> Iterator[Chunk]:
    from transitions_core.simulation.model.run import RunContext, project_version

    version = project_version()
    runs, scenario = design.runs_per_point, points.loaded.scenario
    for point in points.points:
        context = RunContext(
            scenario.id,
            scenario.title,
            points.loaded.digest,
            version,
            design.seed,
            point.index,
            len(points.points),
            point.values,
        )
        if design.common_streams:
            for start in range(0, runs, CHUNK):
                yield Chunk(point, context, tuple(range(start, min(start + CHUNK, runs))), tuple(header))
        else:
            yield Chunk(
                point, context, tuple(range(point.index * runs, (point.index + 1) * runs)), tuple(header)
            )


def scenario_uncertainties(loaded: LoadedScenario, models: Models) -> list[Uncertainty]:
    """The uncertainties the scenario states (`uncertainties:`, or every assumption's range)."""
    from transitions_core.simulation.scenario.uncertain import uncertainties

    return [
        Uncertainty(u.path, u.low, u.high, u.integer, u.distribution, u.mode)
        for u in uncertainties(loaded.scenario, models.rules)
    ]


def scenario_levers(loaded: LoadedScenario) -> list[Uncertainty]:
    """The scenario's levers (`levers:`, or the default ones) as ranges a design sweeps uniformly.

    A lever given by values spans the smallest to the largest.
    """
    from transitions_core.simulation.scenario.uncertain import levers

    found = []
    for lever in levers(loaded.scenario):
        values = lever.values or ()
        low = lever.low if lever.low is not None else min(values)
        high = lever.high if lever.high is not None else max(values)
        found.append(Uncertainty(lever.path, float(low), float(high), lever.integer))
    return found


def with_levers(uncertainties: list[Uncertainty], levers: list[Uncertainty]) -> list[Uncertainty]:
    """Uncertainties and levers in one design: what the programme controls is not uncertain there, so a
    lever replaces the uncertainty on the same parameter."""
    controlled = {lever.path for lever in levers}
    return [*(u for u in uncertainties if u.path not in controlled), *levers]


def sidecar_extra(loaded: LoadedScenario) -> dict[str, Any]:
    """What the sidecar says of the scenario: its id, hash and version, and the resolved base scenario (every
    point is it with the point's values set, as `simulate`'s FILE.json resolves its own points)."""
    from transitions_core.simulation.model.run import project_version

    return {
        "scenario": loaded.scenario.id,
        "scenario_hash": loaded.digest,
        "version": project_version(),
        "base_scenario": loaded.scenario.model_dump(mode="json"),
    }


def dumps(document: Any) -> str:
    """Stable JSON text."""
    return json.dumps(document, sort_keys=True, ensure_ascii=False)
