"""Figure 8: bytes on disk per event, beside the event's JSON payload, and where the bytes go.

    .venv/bin/python benchmarks/bench_store_size.py [--sizes 100 1000 10000] [--smoke] [--write]

The stores are the generator's (`benchmarks/generate.py`, cached in `benchmarks/.stores/`), written by
the project's own append and with the timeline read model caught up, as `transitions import` leaves
them. The payload is the stored JSON of an event (`length(state)` in `stored_events`); the parts come
from SQLite's `dbstat` table (pages in use by each table and index, overhead included).
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.generate import build, stores_for  # noqa: E402
from benchmarks.harness import TABLE_HEAD, Comparison, stamp, write_section  # noqa: E402

SECTION = "store-size"
#: What each table and index of the file is for, in the order of the breakdown.
PARTS = {
    "the events (`stored_events`)": ("stored_events",),
    "their primary key (aggregate, version)": ("sqlite_autoindex_stored_events_1",),
    "snapshots (a save that crosses a multiple of 50 versions takes one)": ("stored_snapshots",),
    "timeline read model: entries": ("timeline_entries",),
    "timeline read model: index by cohort and territory": ("timeline_entries_by_cohort",),
    "timeline read model: aggregates, tracking": (
        "timeline_aggregates",
        "sqlite_autoindex_timeline_aggregates_1",
        "timeline_tracking",
        "sqlite_autoindex_timeline_tracking_1",
    ),
    "schema": ("sqlite_schema",),
}


def measure(path: Path) -> tuple[int, float, int, dict[str, int], float]:
    """(events, mean payload bytes, file bytes, bytes per part, mean bytes of id and topic) of one store."""
    with sqlite3.connect(path) as connection:
        events, payload, keys = connection.execute(
            "SELECT count(*), avg(length(state)), avg(length(originator_id) + length(topic)) FROM stored_events"
        ).fetchone()
        pages = dict(connection.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall())
        size = path.stat().st_size
    parts = {part: sum(pages.pop(name, 0) for name in names) for part, names in PARTS.items()}
    parts["other (free pages, tables not listed)"] = size - sum(parts.values())
    return events, payload, size, parts, keys


def justify(largest: tuple[int, int, float, int, dict[str, int], float]) -> str:
    """Why the file is more than twice the payload, in the measured figures of the largest store."""
    _, events, payload, total, parts, keys = largest
    names = list(PARTS)

    def share(*chosen: str) -> float:
        return sum(parts[name] for name in chosen) / events / payload

    return (
        f"Above 2× ({total / events / payload:.2f}×), and why: the event log itself, rows and primary key, is "
        f"{share(*names[:2]):.2f}× the payload; each row also holds the aggregate id as 36 characters of text and "
        f"the event's topic ({keys:.0f} B together), and B-tree pages are not full. The rest is derived and "
        f"could be rebuilt from the log: the timeline read model ({share(*names[3:6]):.2f}×: each entry's facts "
        f"again, as the timeline reads them, and its index) and the snapshots ({share(names[2]):.2f}×: one "
        "Territory state of about 100 entries per 100-event territory)."
    )


def main(argv: Sequence[str] | None = None) -> None:
    """Measure each store, print the tables, and write them into docs/performance.md with --write."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000], help="territories")
    parser.add_argument("--smoke", action="store_true", help="a tiny store built afresh: checks that it runs")
    parser.add_argument("--write", action="store_true", help="update docs/performance.md")
    args = parser.parse_args(argv)

    measured = []
    with tempfile.TemporaryDirectory(prefix="bench-size-") as work:
        if args.smoke:
            path = Path(work) / "smoke.sqlite"
            build(path, 5)
            measured.append((5, *measure(path)))
        else:
            paths = stores_for(args.sizes)  # the missing ones built in one pass
            measured.extend((size, *measure(paths[size])) for size in args.sizes)

    rows = []
    breakdown = ["| part | " + " | ".join(f"{n:,} territories" for n, *_ in measured) + " |"]
    breakdown.append("|---|" + "---|" * len(measured))
    for size, events, payload, total, _, _ in measured:
        rows.append(
            Comparison(
                f"bytes on disk per event, {size:,} territories ({events:,} events, {total / 2**20:.1f} MiB)",
                "the event's JSON payload",
                [total / events],
                [payload],
                unit="B",
            )
        )
    for part in measured[0][4]:
        cells = [
            f"{parts[part] / events:.0f} B ({parts[part] / events / payload:.2f}×)"
            for _, events, payload, _, parts, _ in measured
        ]
        breakdown.append(f"| {part} | " + " | ".join(cells) + " |")

    body = "\n".join(
        [
            stamp(),
            "",
            TABLE_HEAD,
            *(r.row() for r in rows),
            "",
            "Where the bytes go, per event (and as a multiple of the payload), from `dbstat`:",
            "",
            *breakdown,
            "",
            justify(measured[-1]),
        ]
    )
    print(body)
    if args.write and not args.smoke:
        write_section(SECTION, body)


if __name__ == "__main__":
    main()
