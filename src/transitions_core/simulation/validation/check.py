"""The calibration check: does each recorded figure lie within the model's 5-95 % predictive band?

The band comes from runs whose parameters are drawn from their posterior (`posterior.py`) when one is given,
so that it shows what the rates' own uncertainty adds to the dice. Run `i` draws its parameters from
`SeedSequence(seed, spawn_key=(i, PARAMETER_STREAM))` and its history from the usual `(i, region)` streams:
the rows are the same on any worker count.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from transitions_core.simulation.model.run import Models, RunContext
from transitions_core.simulation.running.runner import Chunk, columns, process_pool, serial
from transitions_core.simulation.scenario.loading import LoadedScenario, SweepPoint
from transitions_core.simulation.scenario.uncertain import with_values
from transitions_core.simulation.validation.posterior import PARAMETER_STREAM, Posterior, drawn_values

#: The figures every check reads; breakdowns (effect[…], limit[…]) are added where the history has them.
MAIN = (
    "approached",
    "presented",
    "joined",
    "dropped_out",
    "diagnostics_restituted",
    "public_restitutions",
    "interviews",
    "pilots_chosen",
    "allies_assigned",
    "milestones",
    "effects",
    "limits",
    "in_person_attendance_min",
    "in_person_attendance_max",
    "webinar_attendance_min",
    "webinar_attendance_max",
    "forum_attendance",
)


@dataclass(frozen=True)
class Band:
    """A recorded figure against the model's runs."""

    column: str
    observed: float
    low: float
    high: float
    mean: float
    #: The share of runs at or below, and at or above, the recorded figure.
    below: float
    above: float

    @property
    def inside(self) -> bool:
        """Whether the figure lies within the 5-95 % band."""
        return self.low <= self.observed <= self.high


def predictive_rows(
    loaded: LoadedScenario,
    runs: int,
    seed: int,
    models: Models,
    posterior: Posterior | None = None,
    workers: int = 1,
) -> list[dict[str, Any]]:
    """`runs` runs of the scenario, each with its own parameter draw when a posterior is given."""
    paths = posterior.paths if posterior else []
    scenario = loaded.scenario
    shown = LoadedScenario(
        loaded.path, scenario, loaded.digest, [SweepPoint(0, dict.fromkeys(paths, 0.0), scenario)]
    )
    header = tuple(columns(shown, models))
    work = _work(loaded, runs, seed, models, posterior, header)
    backend = serial if workers <= 1 else process_pool(workers)
    out: list[dict[str, Any]] = []
    finished = backend(work, models)
    try:
        for rows in finished:
            out.extend(rows)
    finally:
        finished.close()
    return out


def _work(
    loaded: LoadedScenario,
    runs: int,
    seed: int,
    models: Models,
    posterior: Posterior | None,
    header: tuple[str, ...],
) -> Iterator[Chunk]:
    import numpy as np

    from transitions_core.simulation.model.run import project_version

    version = project_version()
    document = loaded.scenario.model_dump(mode="json")
    for run in range(runs):
        values: dict[str, Any] = {}
        scenario = loaded.scenario
        if posterior:
            rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(run, PARAMETER_STREAM)))
            values = drawn_values(document, posterior.factors(rng))
            scenario = with_values(scenario, values, models.rules, models.generators)
        point = SweepPoint(run, values, scenario)
        context = RunContext(scenario.id, scenario.title, loaded.digest, version, seed, 0, 1, values)
        yield Chunk(point, context, (run,), header)


def bands(rows: Sequence[Mapping[str, Any]], figures: Mapping[str, float]) -> list[Band]:
    """Each recorded figure that the runs also measure, against their 5-95 % band."""
    import numpy as np

    out = []
    for column, observed in figures.items():
        if not rows or column not in rows[0]:
            continue
        values = np.array([float(row[column]) for row in rows])
        low, high = np.percentile(values, [5, 95])
        out.append(
            Band(
                column,
                float(observed),
                float(low),
                float(high),
                float(values.mean()),
                float((values <= observed).mean()),
                float((values >= observed).mean()),
            )
        )
    return out


def rejected(found: Sequence[Band], columns: Sequence[str] | None = None) -> bool:
    """Whether the check rejects the model: a figure (among `columns`, if given) outside its band."""
    return any(not b.inside for b in found if columns is None or b.column in columns)


def is_breakdown(column: str) -> bool:
    """Whether a column is a breakdown (effects by label, limits by rule)."""
    return column.startswith(("effect[", "limit["))
