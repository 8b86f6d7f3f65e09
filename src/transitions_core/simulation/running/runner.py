"""Run a scenario: one seeded stream per run, chunks of runs on a process pool, rows in a fixed order.

Run `i` of a sweep point always draws from `SeedSequence(seed).spawn(runs)[i]`, rebuilt in the worker
as `SeedSequence(seed, spawn_key=(i,))`: the same seed gives the same rows whatever the number of
workers or the size of the chunks, and every sweep point sees the same streams (common random numbers).
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import closing, contextmanager
from dataclasses import dataclass
from typing import Any

from transitions_core.simulation.model.outcomes import MEASURES, OutcomeTally, effect_column, limit_column
from transitions_core.simulation.model.run import (
    Models,
    RunContext,
    limit_texts,
    project_version,
    simulate_run,
)
from transitions_core.simulation.running.collector import collector_paused
from transitions_core.simulation.running.streaming import in_order, interrupts_while_waiting
from transitions_core.simulation.scenario.loading import LoadedScenario, SweepPoint, UncheckedPoint

#: Runs shipped to a worker at once: the notes measure one task per 2 ms run as pure overhead.
CHUNK = 50


def columns(loaded: LoadedScenario, models: Models) -> list[str]:
    """The CSV header: who, then every measure, effect label and explained limit."""
    swept = list(loaded.points[0].values)
    labels = sorted(
        {label for p in loaded.points for label in p.scenario.parameters.evaluation.effect_labels}
    )
    named = {name for p in loaded.points for name in p.scenario.rules}
    rules = sorted(set(limit_texts(models).values()) & named)
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
    """Runs of one sweep point, shipped to one worker (an unchecked point is validated there)."""

    point: SweepPoint | UncheckedPoint
    context: RunContext
    runs: tuple[int, ...]
    header: tuple[str, ...]


def run_chunk(chunk: Chunk, models: Models | None = None) -> list[dict[str, Any]]:
    """Rows of a chunk, in run order."""
    return run_chunks((chunk,), models)[0]


def run_chunks(work: Sequence[Chunk], models: Models | None = None) -> list[list[dict[str, Any]]]:
    """Rows of each chunk, in order: one task for a worker, where chunks are small (an experiment's points)."""
    models = models or Models()
    texts = limit_texts(models)
    with collector_paused():
        return [_rows(chunk, models, texts) for chunk in work]


def _rows(chunk: Chunk, models: Models, texts: dict[str, str]) -> list[dict[str, Any]]:
    point = chunk.point
    if isinstance(point, UncheckedPoint):
        point = point.checked(models.rules, models.generators)
    return [_row(chunk, point, run, models, texts) for run in chunk.runs]


def batches(work: Iterable[Chunk], size: int = CHUNK) -> Iterator[tuple[Chunk, ...]]:
    """Consecutive chunks grouped until they hold `size` runs: a design point of one run is a chunk of its
    own, and a task per run would cost a worker's round trip each."""
    batch: list[Chunk] = []
    runs = 0
    for chunk in work:
        batch.append(chunk)
        runs += len(chunk.runs)
        if runs >= size:
            yield tuple(batch)
            batch, runs = [], 0
    if batch:
        yield tuple(batch)


def _row(chunk: Chunk, point: SweepPoint, run: int, models: Models, texts: dict[str, str]) -> dict[str, Any]:
    """The row of one run of a chunk, whose point is `point`."""
    scenario = point.scenario
    # No history is kept here (keep.py simulates those runs again): count, do not build events.
    tally = OutcomeTally(scenario.parameters.evaluation.effect_labels, texts)
    simulate_run(scenario, chunk.context, run, models, tally)
    measures = tally.measures(scenario.parameters.recruitment.min_cohort)
    row: dict[str, Any] = dict.fromkeys(chunk.header, 0)
    row.update(
        {
            "scenario": chunk.context.scenario_id,
            "scenario_hash": chunk.context.digest,
            "version": chunk.context.version,
            "point": point.index,
            **point.values,
            "run": run,
            "seed": chunk.context.seed,
            "spawn_key": run,
        }
    )
    row.update({k: v for k, v in measures.items() if k in row})
    return row


def chunks(
    loaded: LoadedScenario, runs: int, seed: int, header: list[str], size: int = CHUNK, first: int = 0
) -> Iterator[Chunk]:
    """The work, point by point, in slices of `size` runs: runs `first` to `runs - 1`."""
    version = project_version()
    for point in loaded.points:
        context = RunContext.of(loaded, point, seed, version)
        for start in range(first, runs, size):
            yield Chunk(point, context, tuple(range(start, min(start + size, runs))), tuple(header))


@dataclass
class SweepResult:
    """The rows of every finished run, sorted by point then run; `interrupted` after Ctrl-C."""

    header: list[str]
    rows: list[dict[str, Any]]
    interrupted: bool = False


Rows = list[dict[str, Any]]
#: Runs chunks somewhere and yields each chunk's rows in the order of the work; closing it stops the work.
#: After Ctrl-C it may still yield the chunks already finished further on, in order, before re-raising it.
Backend = Callable[[Iterable[Chunk], Models], Generator[Rows, None, None]]
#: Chunks in flight or finished but not yet yielded, per worker: enough to keep every worker busy while
#: the first chunk of the queue is late, few enough that memory does not grow with the number of runs.
AHEAD = 4


class Sweep:
    """Every run of every sweep point, yielded chunk by chunk in point then run order, as the work finishes.

    The rows are identical whatever the backend, `workers` and `chunk_size`. Ctrl-C stops the work:
    the iteration ends after the chunks already finished, and `interrupted` is then true. Ctrl-C is
    only heard while waiting for the work, so that the caller's handling of a chunk is never cut short.
    """

    def __init__(
        self,
        loaded: LoadedScenario,
        runs: int,
        seed: int,
        workers: int = 1,
        models: Models | None = None,
        progress: Callable[[int], None] | None = None,
        chunk_size: int = CHUNK,
        backend: Backend | None = None,
        first: int = 0,
    ) -> None:
        self.models = models or Models()
        self.header = columns(loaded, self.models)
        # Runs `first` to `runs - 1`: a later round of `--until-ci` continues where the last one stopped.
        self.work = chunks(loaded, runs, seed, self.header, chunk_size, first)
        self.backend = backend or (serial if workers <= 1 else process_pool(workers))
        self.progress = progress
        self.interrupted = False

    def __iter__(self) -> Iterator[Rows]:
        with closing(self.backend(self.work, self.models)) as finished, interrupts_while_waiting() as waiting:
            try:
                while True:
                    with waiting():
                        chunk_rows = next(finished, None)
                    if chunk_rows is None:
                        return
                    if self.progress:
                        self.progress(len(chunk_rows))
                    yield chunk_rows
            except KeyboardInterrupt:
                self.interrupted = True


def run_sweep(
    loaded: LoadedScenario,
    runs: int,
    seed: int,
    workers: int = 1,
    models: Models | None = None,
    progress: Callable[[int], None] | None = None,
    chunk_size: int = CHUNK,
    backend: Backend | None = None,
) -> SweepResult:
    """Every row of a `Sweep`, in one list: for tests and small sweeps (the CLI streams them)."""
    sweep = Sweep(loaded, runs, seed, workers, models, progress, chunk_size, backend)
    rows = [row for chunk_rows in sweep for row in chunk_rows]
    return SweepResult(sweep.header, rows, sweep.interrupted)


def serial(work: Iterable[Chunk], models: Models) -> Generator[Rows, None, None]:
    """Chunks one after the other, in this process (small ones a batch at a time, as a worker runs them)."""
    for batch in batches(work):
        yield from run_chunks(batch, models)


def ensure_shippable(models: Models) -> None:
    """Refuse, before any work starts, rules or generators that cannot be sent to another process."""
    import pickle

    from transitions_core.errors import TransitionsError

    for registry in (models.rules, models.generators):
        for name in registry.names():
            try:
                pickle.dumps(registry.get(name))
            except Exception as error:
                plugin = registry.plugin_of(name)
                raise TransitionsError(
                    f"{registry.definite.capitalize()} « {name} »"
                    + (f" (plugin {plugin})" if plugin else "")
                    + f" ne peut pas être envoyé(e) aux processus de calcul ({type(error).__name__}: {error}). "
                    "Définissez sa classe au niveau d'un module importable, ou lancez sans --workers."
                ) from None


def _ignore_interrupts() -> None:
    """In a worker: Ctrl-C reaches the whole process group, but only the parent decides what to keep."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextmanager
def sheltered_children() -> Iterator[None]:
    """Processes started inside never see Ctrl-C; one pressed meanwhile is raised here when the block ends.

    Ctrl-C reaches the whole process group, and a worker still importing would die with a traceback. The
    processes this thread starts inherit SIGINT blocked, across exec: only the parent hears it, and
    decides what to keep.
    """
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    pressed: list[int] = []

    def record(number: int, _: object) -> None:
        pressed.append(number)

    previous = signal.signal(signal.SIGINT, record)
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # a pending Ctrl-C is recorded now
        signal.signal(signal.SIGINT, previous if previous is not None else signal.default_int_handler)
        if pressed:
            raise KeyboardInterrupt


def process_pool(workers: int) -> Backend:
    """Chunks on `workers` fresh processes of this machine."""

    def run(work: Iterable[Chunk], models: Models) -> Generator[Rows, None, None]:
        import multiprocessing

        ensure_shippable(models)
        # spawn, not fork: a worker starts from a clean interpreter on every platform.
        context = multiprocessing.get_context("spawn")
        before = {process.pid for process in multiprocessing.active_children()}
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_ignore_interrupts)
        done = False
        try:

            def submit(batch: tuple[Chunk, ...]) -> Future[list[Rows]]:
                return pool.submit(run_chunks, batch, models)

            # The pool starts its workers as the first chunks are submitted: sheltered from Ctrl-C.
            for done_rows in in_order(submit, batches(work), AHEAD * workers, starting=sheltered_children):
                yield from done_rows
            done = True
        finally:
            if done:
                pool.shutdown()
            else:
                _terminate(pool, before)

    return run


def _terminate(pool: ProcessPoolExecutor, before: set[int | None]) -> None:
    """Stop a pool now: drop the queued chunks and end the workers in the middle of theirs.

    The workers are this process's children started since the pool was made (`active_children`, a public
    API: the executor exposes its processes only from Python 3.14, as `terminate_workers`).
    """
    import multiprocessing

    processes = [p for p in multiprocessing.active_children() if p.pid not in before]
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(timeout=5)
