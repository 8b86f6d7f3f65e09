"""Run a scenario: one seeded stream per run, chunks of runs on a process pool, rows in a fixed order.

Run `i` of a sweep point always draws from `SeedSequence(seed).spawn(runs)[i]`, rebuilt in the worker
as `SeedSequence(seed, spawn_key=(i,))`: the same seed gives the same rows whatever the number of
workers or the size of the chunks, and every sweep point sees the same streams (common random numbers).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from transitions_core.domain.events import DomainEvent
from transitions_core.history.keys import slugify
from transitions_core.simulation.loading import LoadedScenario, SweepPoint
from transitions_core.simulation.outcomes import MEASURES, effect_column, limit_column, measure
from transitions_core.simulation.rules import RuleRegistry, RuleSet, default_rules
from transitions_core.simulation.scenario import Scenario
from transitions_core.simulation.territories import GeneratorRegistry, default_generators

#: Runs shipped to a worker at once: the notes measure one task per 2 ms run as pure overhead.
CHUNK = 50


@dataclass(frozen=True)
class Models:
    """The behavioural rules and territory generators a run uses."""

    rules: RuleRegistry = field(default_factory=default_rules)
    generators: GeneratorRegistry = field(default_factory=default_generators)


@dataclass(frozen=True)
class RunContext:
    """Everything that names a run besides its scenario."""

    scenario_id: str
    title: str
    digest: str
    version: str
    seed: int
    point: int
    points: int
    values: dict[str, Any]


@dataclass(frozen=True)
class SimulatedCohort:
    """One region's simulated history in one run."""

    slug: str
    name: str
    events: list[DomainEvent]


def project_version() -> str:
    """The version of transitions_core that produced the results."""
    from transitions_core import __version__

    return __version__


def cohort_slug(context: RunContext, region: str, regions: int, run: int) -> str:
    """The id of a simulated cohort: it says simulation, scenario, point, region, seed and run."""
    point = f"-p{context.point}" if context.points > 1 else ""
    where = f"-{slugify(region)}" if regions > 1 else ""
    return f"sim-{context.scenario_id}{point}{where}-s{context.seed}-r{run}"


def simulate_run(scenario: Scenario, context: RunContext, run: int, models: Models) -> list[SimulatedCohort]:
    """The simulated histories (one per region) of run `run`: a pure function of its arguments."""
    import numpy as np

    from transitions_core.simulation.engine import CohortIdentity, CohortModel

    rules = RuleSet(models.rules, scenario.rules)
    out = []
    for index, region in enumerate(scenario.regions):
        stream = np.random.SeedSequence(context.seed, spawn_key=(run, index))
        slug = cohort_slug(context, region.region, len(scenario.regions), run)
        point = f", point {context.point + 1}/{context.points}" if context.points > 1 else ""
        name = f"Simulation « {context.title} » : {region.region}, graine {context.seed}, tirage {run}{point}"
        provenance = (
            f"Histoire tirée par `transitions simulate`, pas l'historique réel : scénario {context.scenario_id} "
            f"(empreinte {context.digest}), version {context.version}, graine {context.seed}, tirage {run}"
            + (f", valeurs balayées : {context.values}" if context.values else "")
            + "."
        )
        identity = CohortIdentity(slug, name, provenance)
        model = CohortModel(
            scenario, region, identity, np.random.default_rng(stream), rules, models.generators
        )
        out.append(SimulatedCohort(slug, name, model.run()))
    return out


def limit_texts(models: Models) -> dict[str, str]:
    """Limit text → rule name, for the rules that say which limit they explain."""
    out = {}
    for name in models.rules.names():
        text = getattr(models.rules.get(name), "text", None)
        if isinstance(text, str):
            out[text] = name
    return out


def columns(loaded: LoadedScenario, models: Models) -> list[str]:
    """The CSV header: who, then every measure, effect label and explained limit."""
    swept = list(loaded.points[0].values)
    labels = sorted(
        {label for p in loaded.points for label in p.scenario.parameters.evaluation.effect_labels}
    )
    rules = sorted(set(limit_texts(models).values()))
    return [
        "scenario",
        "scenario_hash",
        "version",
        "point",
        *swept,
        "run",
        "seed",
        "spawn_key",
        *MEASURES,
        *(effect_column(label) for label in labels),
        *(limit_column(rule) for rule in rules),
    ]


@dataclass(frozen=True)
class Chunk:
    """Runs of one sweep point, shipped to one worker."""

    point: SweepPoint
    context: RunContext
    runs: tuple[int, ...]
    header: tuple[str, ...]


def run_chunk(chunk: Chunk, models: Models | None = None) -> list[dict[str, Any]]:
    """Rows of a chunk, in run order."""
    models = models or Models()
    texts = limit_texts(models)
    scenario = chunk.point.scenario
    labels = scenario.parameters.evaluation.effect_labels
    rows = []
    for run in chunk.runs:
        events = [e for cohort in simulate_run(scenario, chunk.context, run, models) for e in cohort.events]
        measures = measure(events, labels, texts, scenario.parameters.recruitment.min_cohort)
        row: dict[str, Any] = dict.fromkeys(chunk.header, 0)
        row.update(
            {
                "scenario": chunk.context.scenario_id,
                "scenario_hash": chunk.context.digest,
                "version": chunk.context.version,
                "point": chunk.point.index,
                **chunk.point.values,
                "run": run,
                "seed": chunk.context.seed,
                "spawn_key": run,
            }
        )
        row.update({k: v for k, v in measures.items() if k in row})
        rows.append(row)
    return rows


def chunks(
    loaded: LoadedScenario, runs: int, seed: int, header: list[str], size: int = CHUNK
) -> Iterator[Chunk]:
    """The work, point by point, in slices of `size` runs."""
    version = project_version()
    scenario = loaded.scenario
    for point in loaded.points:
        context = RunContext(
            scenario.id,
            scenario.title,
            loaded.digest,
            version,
            seed,
            point.index,
            len(loaded.points),
            point.values,
        )
        for start in range(0, runs, size):
            yield Chunk(point, context, tuple(range(start, min(start + size, runs))), tuple(header))


@dataclass
class SweepResult:
    """The rows of every finished run, sorted by point then run; `interrupted` after Ctrl-C."""

    header: list[str]
    rows: list[dict[str, Any]]
    interrupted: bool = False


def run_sweep(
    loaded: LoadedScenario,
    runs: int,
    seed: int,
    workers: int = 1,
    models: Models | None = None,
    progress: Callable[[int], None] | None = None,
    chunk_size: int = CHUNK,
) -> SweepResult:
    """Every run of every sweep point; rows are identical whatever `workers` and `chunk_size` are."""
    models = models or Models()
    header = columns(loaded, models)
    work = list(chunks(loaded, runs, seed, header, chunk_size))
    rows: list[dict[str, Any]] = []
    interrupted = False
    try:
        if workers <= 1:
            for chunk in work:
                rows.extend(run_chunk(chunk, models))
                if progress:
                    progress(len(chunk.runs))
        else:
            rows, interrupted = _pooled(work, workers, models, progress)
    except KeyboardInterrupt:
        interrupted = True
    rows.sort(key=lambda row: (row["point"], row["run"]))
    return SweepResult(header, rows, interrupted)


def _pooled(
    work: list[Chunk], workers: int, models: Models, progress: Callable[[int], None] | None
) -> tuple[list[dict[str, Any]], bool]:
    import multiprocessing
    from concurrent.futures import as_completed

    rows: list[dict[str, Any]] = []
    # spawn, not fork: a worker starts from a clean interpreter on every platform.
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
    futures: list[Future[list[dict[str, Any]]]] = [pool.submit(run_chunk, chunk, models) for chunk in work]
    try:
        for future in as_completed(futures):
            rows.extend(future.result())
            if progress:
                progress(len(future.result()))
    except KeyboardInterrupt:
        # Keep what finished; drop the rest.
        for future in futures:
            future.cancel()
        pool.shutdown(wait=False, cancel_futures=True)
        done = [f for f in futures if f.done() and not f.cancelled() and f.exception() is None]
        return [row for f in done for row in f.result()], True
    pool.shutdown()
    return rows, False
