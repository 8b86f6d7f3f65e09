"""Large valid stores for the benchmarks: N territories of about 100 events, in simulated cohorts.

    .venv/bin/python benchmarks/generate.py 100 1000 10000 [--fresh] [--workers 1]

Each cohort is one run of the simulator (`scenarios/baseline-occitanie.yaml`, seed 1, run i): its
events come from the engine's `HistoryEmitter`, which checks every one against the domain. A joined
territory lives about 25 events there; to reach about 100, its history is padded with further
`effect_observed` entries on its last day, each checked with `check_territory_event` against the
territory as it stands. Cohorts are written through `TransitionsApplication.append` (one transaction
per cohort, snapshots included, as the importer does, given the states the padding folded), and the
timeline read model's own projection of each cohort is recorded as statements where the cohort was
made, and run with the cohort's notification ids when it is written, in one transaction with the
tracking position: the store `transitions import` would leave once caught up.

Simulating and padding run in worker processes (`--workers`, one by default) while the main process
writes. Every cohort's territories are padded and a store ends after the cohort that brings it to at
least N territories, so a smaller store is a prefix of a larger one: all the sizes asked for are built
in one pass, each copied (SQLite's backup) when the pass reaches it.

`store_for(n)` caches the result in `benchmarks/.stores/` (git-ignored), keyed by size and
`GENERATOR_VERSION`: bump the version when the histories change.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import multiprocessing
import sqlite3
import sys
import time
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast
from uuid import UUID

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: `benchmarks` is a package of the repository root
    sys.path.insert(0, str(ROOT))

from transitions_core.domain.aggregate import AggregateState  # noqa: E402
from transitions_core.domain.cohort import Cohort  # noqa: E402
from transitions_core.domain.events import DomainEvent, EffectObserved  # noqa: E402
from transitions_core.domain.territory import Engagement, Territory, check_territory_event  # noqa: E402
from transitions_core.store.application import SNAPSHOT_INTERVAL  # noqa: E402
from transitions_core.store.locations import parse_store  # noqa: E402
from transitions_core.store.opening import Store, open_store  # noqa: E402
from transitions_core.store.snapshots import project  # noqa: E402
from transitions_core.timeline.databases import SQLiteDatabase  # noqa: E402
from transitions_core.timeline.readmodel import TRACKING_NAME, TimelineReadModel  # noqa: E402

#: Bump when the generated histories change: cached stores of another version are not reused.
GENERATOR_VERSION = 2
STORES = Path(__file__).resolve().parent / ".stores"
SCENARIO = ROOT / "scenarios" / "baseline-occitanie.yaml"
EVENTS_PER_TERRITORY = 100
#: Runs simulated ahead of the writer, per worker.
AHEAD = 4


@dataclass
class Generated:
    """What a generated store holds, and what building it cost."""

    path: Path
    territories: int
    events: int
    aggregates: int
    cohorts: int
    seconds: float


@dataclass
class History:
    """One cohort's checked events, the states they leave the aggregates a snapshot is due for, and its padded territories.

    `statements` are what the timeline read model's projection runs for these events, recorded where
    the history was made (positions relative to the cohort's first event, as `Relative`).
    """

    events: list[DomainEvent]
    states: dict[UUID, AggregateState]
    padded: int
    statements: list[tuple[str, tuple[Any, ...]]] = field(default_factory=list)


class Relative(int):
    """A notification id counted from the cohort's first event (1), until the writer knows the real one."""


class RecordedStatements:
    """A stand-in for the read model's database: it keeps the statements instead of running them."""

    def __init__(self) -> None:
        self.statements: list[tuple[str, tuple[Any, ...]]] = []

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        """Keep one statement."""
        self.statements.append((sql, tuple(params)))


def projected(events: Sequence[DomainEvent]) -> list[tuple[str, tuple[Any, ...]]]:
    """The statements the timeline read model's own projection runs for a new cohort's events, in order."""
    database = RecordedStatements()
    readmodel = TimelineReadModel(cast(Any, None), cast(Any, database))  # projecting reads neither
    owners: dict[str, Any] = {}  # a new cohort: its aggregates are registered by its own events
    for number, event in enumerate(events, 1):
        readmodel._project(Relative(number), event, owners)
    return database.statements


@functools.cache
def _simulation(seed: int) -> tuple[Any, Any, Any]:
    from transitions_core.simulation.model.run import Models, RunContext
    from transitions_core.simulation.scenario.loading import load_scenario

    loaded = load_scenario(SCENARIO)
    point = loaded.points[0]
    return point.scenario, RunContext.of(loaded, point, seed), Models()


def run_histories(run: int, seed: int = 1) -> list[History]:
    """The padded histories of one simulated run (one per region): a pure function of its arguments."""
    from transitions_core.simulation.model.run import simulate_run

    scenario, context, models = _simulation(seed)
    out = []
    for cohort in simulate_run(scenario, context, run, models):
        history = padded_history(cohort.events)
        history.statements = projected(history.events)
        out.append(history)
    return out


def cohorts(territories: int, seed: int = 1, workers: int = 0) -> Iterator[History]:
    """One simulated cohort's history at a time, until at least `territories` padded territories.

    With `workers`, runs are simulated ahead in that many processes; the order is the same.
    """
    padded = 0
    for histories in _runs(seed, workers):
        for history in histories:
            yield history
            padded += history.padded
        if padded >= territories:
            return


def _runs(seed: int, workers: int) -> Iterator[list[History]]:
    if workers <= 0:
        run = 0
        while True:
            yield run_histories(run, seed)
            run += 1
    context = multiprocessing.get_context("spawn")  # no fork of a process holding SQLite connections
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        pending: deque[Future[list[History]]] = deque()
        run = 0
        try:
            while True:
                while len(pending) < AHEAD * workers:
                    pending.append(pool.submit(run_histories, run, seed))
                    run += 1
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()


def padded_history(events: Sequence[DomainEvent]) -> History:
    """The cohort's events, each territory still in it at the end padded to about 100 events."""
    territory_events: dict[UUID, list[DomainEvent]] = {}
    for event in events:
        if event.entry.partition("/")[1]:
            territory_events.setdefault(event.originator_id, []).append(event)
    states = {aggregate: project(None, own) for aggregate, own in territory_events.items()}
    joined = [a for a, state in states.items() if getattr(state, "engagement", None) is Engagement.JOINED]
    cohort_events = [e for e in events if not e.entry.partition("/")[1]]
    cohort_state = project(None, cohort_events[:-1])  # the cohort before it closed
    assert isinstance(cohort_state, Cohort)
    padding: list[DomainEvent] = []
    for aggregate in joined:
        own = territory_events[aggregate]
        state = states[aggregate]
        assert isinstance(state, Territory)
        last = own[-1]
        slug = last.entry.partition("/")[0]
        for number in range(EVENTS_PER_TERRITORY - len(own)):
            event = EffectObserved(
                originator_id=last.originator_id,
                originator_version=state.version + 1,
                timestamp=last.timestamp,
                occurred=last.occurred,
                entry=f"{slug}/effect_observed@{last.occurred}#{1000 + number}",
                digest="",
                label=f"effet {number % 12}",
                description=f"Effet relevé lors d'un suivi (données de banc d'essai, {number}).",
            )
            check_territory_event(state, event, cohort_state)
            state = project(state, [event])
            assert isinstance(state, Territory)
            padding.append(event)
        states[aggregate] = state
    closed = project(cohort_state, events[-1:])
    assert closed is not None
    states[closed.id] = closed
    due = {a: s for a, s in states.items() if s is not None and s.version >= SNAPSHOT_INTERVAL}
    # The padding goes just before the cohort closes, after everything else it would have seen.
    return History([*events[:-1], *padding, events[-1]], due, len(joined))


def build(path: Path, territories: int, seed: int = 1, workers: int = 0) -> Generated:
    """Write a new store at `path` holding at least `territories` padded territories."""
    return build_sizes({territories: path}, seed, workers)[0]


def build_sizes(paths: dict[int, Path], seed: int = 1, workers: int = 0) -> list[Generated]:
    """Write a store for each size at its path, in one pass: each smaller store is a prefix of the larger."""
    start = time.perf_counter()
    sizes = sorted(paths)
    largest = paths[sizes[-1]]
    out = []
    events = aggregates = count = padded = 0
    with open_store(parse_store(str(largest)), key_variable=None) as store:
        for history in cohorts(sizes[-1], seed, workers):
            last = store.app.append(history.events, history.states)
            project_read_model(store, history, last)
            events += len(history.events)
            aggregates += len({e.originator_id for e in history.events})
            padded += history.padded
            count += 1
            while sizes and padded >= sizes[0]:
                size = sizes.pop(0)
                if paths[size] != largest:
                    _copy(largest, paths[size])
                out.append(
                    Generated(paths[size], padded, events, aggregates, count, time.perf_counter() - start)
                )
        assert store.timeline.catch_up() == 0  # the read model is level with the events
    with sqlite3.connect(largest) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    out[-1].seconds = time.perf_counter() - start
    return out


def project_read_model(store: Store, history: History, last: int) -> None:
    """The timeline read model's catch-up over the cohort just appended, with the statements recorded for it.

    The statements are the read model's own projection of these events (`projected`), run here with
    the notification ids the append gave them (one transaction's ids follow each other), and the new
    tracking position, in one transaction: the rows `catch_up` would have written.
    """
    timeline = store.timeline
    assert isinstance(timeline.db, SQLiteDatabase)
    events = history.events
    first = last - len(events) + 1
    with timeline.db.exclusive():
        assert timeline.position() == first - 1, "the read model was not level before this cohort"
        (notification,) = store.app.recorder.select_notifications(start=first, limit=1)
        assert notification.id == first and notification.originator_id == events[0].originator_id
        for sql, group in itertools.groupby(history.statements, key=lambda statement: statement[0]):
            rows = [
                tuple(first - 1 + p if isinstance(p, Relative) else p for p in params) for _, params in group
            ]
            timeline.db.db.executemany(sql, rows)
        timeline.db.execute(
            "INSERT INTO timeline_tracking (name, position) VALUES (?, ?) "
            "ON CONFLICT (name) DO UPDATE SET position = excluded.position",
            (TRACKING_NAME, last),
        )


def _copy(source: Path, target: Path) -> None:
    """A consistent copy of a store in WAL mode, checkpointed into one file."""
    with sqlite3.connect(source) as origin, sqlite3.connect(target) as copy:
        origin.backup(copy)
        copy.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    origin.close()
    copy.close()


def store_for(territories: int, *, fresh: bool = False, workers: int = 1) -> Path:
    """The cached store of `territories` territories, built first if missing (or if `fresh`)."""
    return stores_for([territories], fresh=fresh, workers=workers)[territories]


def stores_for(sizes: Sequence[int], *, fresh: bool = False, workers: int = 1) -> dict[int, Path]:
    """The cached store of each size, the missing ones (or all, if `fresh`) built in one pass."""
    paths = {size: STORES / f"v{GENERATOR_VERSION}-{size}.sqlite" for size in sizes}
    missing = {size: path for size, path in paths.items() if fresh or not path.exists()}
    if not missing:
        return paths
    STORES.mkdir(exist_ok=True)
    partials = {size: path.with_name(path.name + ".partial") for size, path in missing.items()}
    for partial in partials.values():
        for suffix in ("", "-wal", "-shm"):
            partial.with_name(partial.name + suffix).unlink(missing_ok=True)
    for generated in build_sizes(partials, workers=workers):
        size = next(s for s, p in partials.items() if p == generated.path)
        generated.path.replace(missing[size])
        for suffix in ("-wal", "-shm"):  # empty once checkpointed and closed
            generated.path.with_name(generated.path.name + suffix).unlink(missing_ok=True)
        generated.path = missing[size]
        print(describe(generated), file=sys.stderr)
    return paths


def describe(generated: Generated) -> str:
    """One line: what was built and how fast."""
    return (
        f"{generated.territories} territories: {generated.events:,} events, {generated.aggregates:,} aggregates, "
        f"{generated.cohorts} cohorts, ready {generated.seconds:.1f} s after the start "
        f"({generated.events / generated.seconds:,.0f} events/s)"
    )


def main(argv: Sequence[str] | None = None) -> None:
    """Build (or find) the cached store of each size given."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("sizes", type=int, nargs="+", help="numbers of territories")
    parser.add_argument("--fresh", action="store_true", help="build again even if cached")
    parser.add_argument(
        "--workers", type=int, default=1, help="processes simulating ahead of the writer (0: none)"
    )
    args = parser.parse_args(argv)
    for path in stores_for(args.sizes, fresh=args.fresh, workers=args.workers).values():
        print(path)


if __name__ == "__main__":
    main()
