"""Large valid stores for the benchmarks: N territories of about 100 events, in simulated cohorts.

    .venv/bin/python benchmarks/generate.py 1000 [--fresh]

Each cohort is one run of the simulator (`scenarios/baseline-occitanie.yaml`, seed 1, run i): its
events come from the engine's `HistoryEmitter`, which checks every one against the domain. A joined
territory lives about 25 events there; to reach about 100, its history is padded with further
`effect_observed` entries on its last day, each checked with `check_territory_event` against the
territory as it stands. Cohorts are written through `TransitionsApplication.append` (one transaction
per cohort, snapshots included, as the importer does), then the timeline read model catches up.

`store_for(n)` caches the result in `benchmarks/.stores/` (git-ignored), keyed by size and
`GENERATOR_VERSION`: bump the version when the histories change.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: `benchmarks` is a package of the repository root
    sys.path.insert(0, str(ROOT))

from transitions_core.domain.cohort import Cohort  # noqa: E402
from transitions_core.domain.events import DomainEvent, EffectObserved  # noqa: E402
from transitions_core.domain.territory import Engagement, Territory, check_territory_event  # noqa: E402
from transitions_core.store.locations import parse_store  # noqa: E402
from transitions_core.store.opening import open_store  # noqa: E402
from transitions_core.store.snapshots import project  # noqa: E402

#: Bump when the generated histories change: cached stores of another version are not reused.
GENERATOR_VERSION = 1
STORES = Path(__file__).resolve().parent / ".stores"
SCENARIO = ROOT / "scenarios" / "baseline-occitanie.yaml"
EVENTS_PER_TERRITORY = 100


@dataclass
class Generated:
    """What a generated store holds, and what building it cost."""

    path: Path
    territories: int
    events: int
    aggregates: int
    cohorts: int
    seconds: float


def cohorts(territories: int, seed: int = 1) -> Iterator[list[DomainEvent]]:
    """One simulated cohort's checked events at a time, until `territories` joined territories."""
    from transitions_core.simulation.loading import load_scenario
    from transitions_core.simulation.runner import Models, RunContext, simulate_run

    loaded = load_scenario(SCENARIO)
    point = loaded.points[0]
    context = RunContext.of(loaded, point, seed)
    models = Models()
    joined = 0
    run = 0
    while joined < territories:
        for cohort in simulate_run(point.scenario, context, run, models):
            events, padded = padded_history(cohort.events, territories - joined)
            joined += padded
            yield events
        run += 1


def padded_history(events: Sequence[DomainEvent], wanted: int) -> tuple[list[DomainEvent], int]:
    """The cohort's events, its first `wanted` territories still in it at the end padded to about 100 events each."""
    territory_events: dict[object, list[DomainEvent]] = {}
    for event in events:
        if event.entry.partition("/")[1]:
            territory_events.setdefault(event.originator_id, []).append(event)
    states = {aggregate: project(None, own) for aggregate, own in territory_events.items()}
    joined = [a for a, state in states.items() if getattr(state, "engagement", None) is Engagement.JOINED]
    joined = joined[:wanted]
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
    # The padding goes just before the cohort closes, after everything else it would have seen.
    return [*events[:-1], *padding, events[-1]], len(joined)


def build(path: Path, territories: int, seed: int = 1) -> Generated:
    """Write a new store at `path` holding at least `territories` joined territories."""
    start = time.perf_counter()
    events = aggregates = count = 0
    with open_store(parse_store(str(path)), key_variable=None) as store:
        for history in cohorts(territories, seed):
            store.app.append(history)
            events += len(history)
            aggregates += len({e.originator_id for e in history})
            count += 1
        store.caught_up()
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return Generated(path, territories, events, aggregates, count, time.perf_counter() - start)


def store_for(territories: int, *, fresh: bool = False) -> Path:
    """The cached store of `territories` territories, built first if missing (or if `fresh`)."""
    path = STORES / f"v{GENERATOR_VERSION}-{territories}.sqlite"
    if path.exists() and not fresh:
        return path
    STORES.mkdir(exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    leftovers = [partial.with_name(partial.name + suffix) for suffix in ("", "-wal", "-shm")]
    for leftover in leftovers:
        leftover.unlink(missing_ok=True)
    generated = build(partial, territories)
    partial.replace(path)
    for leftover in leftovers[1:]:  # empty once checkpointed and closed
        leftover.unlink(missing_ok=True)
    print(describe(generated), file=sys.stderr)
    return path


def describe(generated: Generated) -> str:
    """One line: what was built and how fast."""
    return (
        f"{generated.territories} territories: {generated.events:,} events, {generated.aggregates:,} aggregates, "
        f"{generated.cohorts} cohorts in {generated.seconds:.1f} s ({generated.events / generated.seconds:,.0f} events/s)"
    )


def main(argv: Sequence[str] | None = None) -> None:
    """Build (or find) the cached store of each size given."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("sizes", type=int, nargs="+", help="numbers of territories")
    parser.add_argument("--fresh", action="store_true", help="build again even if cached")
    args = parser.parse_args(argv)
    for size in args.sizes:
        print(store_for(size, fresh=args.fresh))


if __name__ == "__main__":
    main()
