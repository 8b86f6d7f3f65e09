"""Figure 1: the import rate of a large history into SQLite, in events/s, beside the library's own.

    .venv/bin/python benchmarks/bench_import.py [--territories 1000] [--repeat 5] [--smoke] [--write]

The history is the generator's (`benchmarks/generate.py`): simulated cohorts of about ten territories of
about 100 events. Ours appends it cohort by cohort through `TransitionsApplication.append`, the
importer's write (one transaction per cohort, snapshots included, taken from the states the padding
folded, as the importer gives its session's), into a fresh SQLite file. The
baseline saves the same number of stock `eventsourcing.domain.Aggregate` events, shaped the same way
(one aggregate per aggregate of ours, as many events each, `Application.save(*aggregates)` per
cohort), into another fresh file. The ceiling inserts our stored rows (same bytes) into the same table
with plain `sqlite3`, in one transaction. Events are built before the clock starts, in all three.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from uuid import UUID

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from eventsourcing.application import Application  # noqa: E402
from eventsourcing.domain import Aggregate, event  # noqa: E402

from benchmarks.generate import cohorts  # noqa: E402
from benchmarks.harness import TABLE_HEAD, Comparison, interleaved, stamp, write_section  # noqa: E402
from transitions_core.domain.events import DomainEvent  # noqa: E402
from transitions_core.store.application import TransitionsApplication  # noqa: E402
from transitions_core.store.locations import parse_store  # noqa: E402
from transitions_core.store.opening import open_store  # noqa: E402

SECTION = "import-rate"


class Account(Aggregate):
    """The library's stock aggregate: an `@event` method per change."""

    @event("Opened")
    def __init__(self, name: str) -> None:
        self.name = name
        self.notes: list[str] = []

    @event("Noted")
    def note(self, text: str) -> None:
        self.notes.append(text)


def shapes(history: Sequence[DomainEvent]) -> list[int]:
    """Events per aggregate in one cohort's history."""
    counts: dict[UUID, int] = {}
    for item in history:
        counts[item.originator_id] = counts.get(item.originator_id, 0) + 1
    return list(counts.values())


def stock_batches(batches: Sequence[list[int]], text: str) -> list[list[Account]]:
    """Stock aggregates with their pending events, shaped as ours: one list per save."""
    out = []
    for batch in batches:
        aggregates = []
        for count in batch:
            account = Account("territoire")
            for _ in range(count - 1):
                account.note(text)
            aggregates.append(account)
        out.append(aggregates)
    return out


def sqlite_env(path: Path) -> dict[str, str]:
    return {"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": str(path)}


def main(argv: Sequence[str] | None = None) -> None:
    """Measure, print the table, and write it into docs/performance.md with --write."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--territories", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, one turn: checks that it runs")
    parser.add_argument("--write", action="store_true", help="update docs/performance.md")
    args = parser.parse_args(argv)
    if args.smoke:
        args.territories, args.repeat = 5, 1

    started = time.perf_counter()
    generated_histories = list(cohorts(args.territories))
    generated = time.perf_counter() - started
    histories = [h.events for h in generated_histories]
    states = [h.states for h in generated_histories]
    total = sum(len(h) for h in histories)
    batches = [shapes(h) for h in histories]
    mapper = TransitionsApplication(env={"PERSISTENCE_MODULE": "eventsourcing.popo"}).mapper
    rows = [mapper.to_stored_event(e) for h in histories for e in h]
    payload = statistics.mean(len(r.state) for r in rows)
    # The stock events carry a text of the size that makes their stored JSON as large as ours.
    probe = Account("territoire")
    probe.note("")
    stock_mapper = Application[UUID](env={"PERSISTENCE_MODULE": "eventsourcing.popo"}).mapper
    bare = len(stock_mapper.to_stored_event(probe.collect_events()[-1]).state)
    text = "x" * max(0, round(payload - bare))
    probe.note(text)
    stock_payload = len(stock_mapper.to_stored_event(probe.collect_events()[-1]).state)

    work = Path(tempfile.mkdtemp(prefix="bench-import-"))
    turn = iter(range(10**9))

    def fresh() -> Path:
        return work / f"{next(turn)}.sqlite"

    def ours() -> float:
        path = fresh()
        with open_store(parse_store(str(path)), key_variable=None) as store:
            start = time.perf_counter()
            for history, folded in zip(histories, states, strict=True):
                store.app.append(history, folded)
            return total / (time.perf_counter() - start)

    def library() -> float:
        aggregates = stock_batches(batches, text)
        app = Application[UUID](env=sqlite_env(fresh()))
        start = time.perf_counter()
        for batch in aggregates:
            app.save(*batch)
        rate = total / (time.perf_counter() - start)
        app.close()
        return rate

    def raw() -> float:
        path = fresh()
        Application[UUID](env=sqlite_env(path)).close()  # the library's table, created empty
        values = [(str(r.originator_id), r.originator_version, r.topic, r.state) for r in rows]
        connection = sqlite3.connect(path, isolation_level=None)
        start = time.perf_counter()
        connection.execute("BEGIN")
        connection.executemany("INSERT INTO stored_events VALUES (?,?,?,?)", values)
        connection.execute("COMMIT")
        rate = total / (time.perf_counter() - start)
        connection.close()
        return rate

    measures: list[Callable[[], float]] = [library, ours, raw]
    if not args.smoke:
        interleaved(measures, 1)  # warm-up
    theirs, mine, ceiling = interleaved(measures, args.repeat)
    for leftover in work.iterdir():
        leftover.unlink()
    work.rmdir()

    size = f"{total:,} events, {len(histories)} cohorts"
    rows_out = [
        Comparison(
            f"`TransitionsApplication.append` per cohort, {size}",
            "stock `Aggregate` events, `Application.save(*cohort)`",
            mine,
            theirs,
            unit="events/s",
            target=0.8,
            direction=">=",
        ),
        Comparison(
            "the same",
            "raw `sqlite3`, our stored rows, one transaction",
            mine,
            ceiling,
            unit="events/s",
        ),
    ]
    body = "\n".join(
        [
            stamp(),
            "",
            TABLE_HEAD,
            *(c.row() for c in rows_out),
            "",
            f"- {args.repeat} turn{'s' if args.repeat > 1 else ''}{'' if args.smoke else ' after a warm-up'}, each into a fresh file; "
            f"{args.territories} territories. The snapshot each territory takes at version 100 is "
            "timed.",
            f"- Stored payload per event: ours {payload:.0f} B of JSON, the stock events {stock_payload} B "
            "(padded to match).",
            f"- Building the history (simulation and padding, not timed above): {generated:.1f} s.",
        ]
    )
    print(body)
    if args.write and not args.smoke:
        write_section(SECTION, body)


if __name__ == "__main__":
    main()
