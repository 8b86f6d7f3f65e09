"""Figure 2: `replay` of one 100-event territory in process, beside `repository.get`, and as the store grows.

    .venv/bin/python benchmarks/bench_replay.py [--sizes 100 10000] [--repeat 15] [--batch 20] [--smoke] [--write]

The same territory (the largest of the first simulated cohort: the generator is seeded, so every
store holds it, with the same 100 events) is replayed in each store as `transitions replay` does it,
with the store already open: the read model's catch-up check, finding the territory by name within
its cohort, the view model, and the `timeline` text. The baseline is `repository.get` of that
territory's aggregate in the smallest store (our projector, from the snapshot the import took).
The second figure is the same replay in the largest store beside the smallest, in turns.

Each turn times a batch of calls (`--batch`, 20 by default) and reports the time per call: a single
replay of a few milliseconds is at the mercy of the shared machine's other jobs.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.generate import build, store_for  # noqa: E402
from benchmarks.harness import TABLE_HEAD, compare, stamp, write_section  # noqa: E402
from transitions_core.cli.common import find_territory  # noqa: E402
from transitions_core.domain.identity import territory_id  # noqa: E402
from transitions_core.narrative.audience import Audience  # noqa: E402
from transitions_core.narrative.build import territory_view  # noqa: E402
from transitions_core.narrative.formats import Subject  # noqa: E402
from transitions_core.narrative.render import render  # noqa: E402
from transitions_core.plugins import Host, load_host  # noqa: E402
from transitions_core.store.locations import parse_store  # noqa: E402
from transitions_core.store.opening import Store, open_store  # noqa: E402

SECTION = "replay"


def chosen(store: Store) -> tuple[str, str, str]:
    """(cohort, territory slug, name) of the largest territory of the first cohort."""
    rows = store.caught_up().aggregates(kind="territory")
    first = min(row.cohort for row in rows)
    ours = [row for row in rows if row.cohort == first]
    sizes = {
        row.territory: len(store.app.stored_events(territory_id(first, row.territory or ""))) for row in ours
    }
    row = max(ours, key=lambda r: sizes[r.territory])
    return row.cohort, row.territory or "", row.name


def replay(store: Store, host: Host, cohort: str, name: str, batch: int = 1) -> Callable[[], float]:
    """`transitions replay NAME --cohort COHORT` on an open store: seconds per call, over `batch` calls."""

    def measure() -> float:
        start = time.perf_counter()
        for _ in range(batch):
            row = find_territory(store, name, cohort)
            view = territory_view(store.caught_up(), row.cohort, row.territory or "", None, Audience.INTERNAL)
            text = render(host, "timeline", view, Subject.TERRITORY, "fr")
            assert text
        return (time.perf_counter() - start) / batch

    return measure


def get(store: Store, cohort: str, slug: str, batch: int = 1) -> Callable[[], float]:
    """`repository.get` of the territory's aggregate: seconds per call, over `batch` calls."""
    aggregate = territory_id(cohort, slug)

    def measure() -> float:
        start = time.perf_counter()
        for _ in range(batch):
            state = store.app.aggregate(aggregate)
            assert state is not None
        return (time.perf_counter() - start) / batch

    return measure


def floor(store: Store, host: Host, cohort: str, name: str, batch: int = 1) -> Callable[[], float]:
    """What no replay can skip, at today's cost: reading and decoding the territory's rows, writing its text.

    The rows are the replay's input (a `get` reads one snapshot); the text is its output, written from
    the view built once beforehand. Building the view in between is what this leaves out.
    """
    row = find_territory(store, name, cohort)
    readmodel = store.caught_up()
    view = territory_view(readmodel, row.cohort, row.territory or "", None, Audience.INTERNAL)

    def measure() -> float:
        start = time.perf_counter()
        for _ in range(batch):
            rows = list(readmodel.rows(row.cohort, row.territory))
            text = render(host, "timeline", view, Subject.TERRITORY, "fr")
            assert rows and text
        return (time.perf_counter() - start) / batch

    return measure


def main(argv: Sequence[str] | None = None) -> None:
    """Measure, print the table, and write it into docs/performance.md with --write."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes", type=int, nargs=2, default=[100, 10000], help="small and large, territories"
    )
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--batch", type=int, default=20, help="calls timed together in each turn")
    parser.add_argument(
        "--stores", type=Path, nargs=2, help="measure these two stores (small, large) instead of generating"
    )
    parser.add_argument("--smoke", action="store_true", help="tiny stores built afresh: checks that it runs")
    parser.add_argument("--write", action="store_true", help="update docs/performance.md")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-replay-") as work:
        if args.smoke:
            args.sizes, args.repeat, args.batch = [2, 4], 2, 2
            paths = [build(Path(work) / f"{n}.sqlite", n).path for n in args.sizes]
        elif args.stores:
            paths = list(args.stores)
        else:
            paths = [store_for(n) for n in args.sizes]
        small, large = (open_store(parse_store(str(p)), create=False, key_variable=None) for p in paths)
        with small, large:
            host = load_host()
            cohort, slug, name = chosen(small)
            events = len(small.app.stored_events(territory_id(cohort, slug)))
            rows = [
                compare(
                    f"`replay` of {name} ({events} events), {args.sizes[0]:,}-territory store",
                    "`repository.get` of its aggregate",
                    replay(small, host, cohort, name, args.batch),
                    get(small, cohort, slug, args.batch),
                    repeat=args.repeat,
                    target=3.0,
                ),
                compare(
                    f"`replay` of {name}, {args.sizes[0]:,}-territory store",
                    "its floor: reading its rows and writing its text (issue 16)",
                    replay(small, host, cohort, name, args.batch),
                    floor(small, host, cohort, name, args.batch),
                    repeat=args.repeat,
                    target=1.3,
                ),
                compare(
                    "its floor",
                    "`repository.get` of its aggregate",
                    floor(small, host, cohort, name, args.batch),
                    get(small, cohort, slug, args.batch),
                    repeat=args.repeat,
                ),
                compare(
                    f"the same replay, {args.sizes[1]:,}-territory store",
                    f"the same in the {args.sizes[0]:,}-territory store",
                    replay(large, host, cohort, name, args.batch),
                    replay(small, host, cohort, name, args.batch),
                    repeat=args.repeat,
                    target=1.3,
                ),
            ]
    body = "\n".join(
        [
            stamp(),
            "",
            TABLE_HEAD,
            *(r.row() for r in rows),
            "",
            f"- {args.repeat} turns of {args.batch} calls each after a warm-up, per call, in one process, "
            "the stores already open and the plugins loaded.",
        ]
    )
    print(body)
    if args.write and not args.smoke:
        write_section(SECTION, body)


if __name__ == "__main__":
    main()
