"""Figure 10: recording an entry (`transitions record`, non-interactive) and replaying with `--known-at`.

    .venv/bin/python benchmarks/bench_record.py [--record-size 1000] [--size 10000] [--repeat 9] [--smoke] [--write]

First figure: the whole `transitions record NAME effect_observed --date … --set … --yes --no-file`
process, a fresh process from start to exit, beside the whole `transitions replay NAME` process of
the same territory, in turns: Gruissan, in the Occitanie history imported into a copy of a generated
store (the generated cohorts are closed, and take no new entry). Each record appends one effect,
with its own label. A record plans the entry through the importer, renders the territory's timeline
before and after it for the preview, then appends. Target ≤ 1.5×.

Second figure: `replay` with `--known-at` (a moment after every entry: the same entries, the same text, so
that the figure is the cost of reading the read model as of a moment) beside the plain replay, in
process, the store open, on the largest generated store. Target ≤ 1.5×.
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.bench_replay import chosen  # noqa: E402
from benchmarks.generate import build, store_for  # noqa: E402
from benchmarks.harness import TABLE_HEAD, compare, stamp, write_section  # noqa: E402
from transitions_core.cli.common import find_territory  # noqa: E402
from transitions_core.narrative.audience import Audience  # noqa: E402
from transitions_core.narrative.build import territory_view  # noqa: E402
from transitions_core.narrative.formats import Subject  # noqa: E402
from transitions_core.narrative.render import render  # noqa: E402
from transitions_core.plugins import Host, load_host  # noqa: E402
from transitions_core.store.locations import parse_store  # noqa: E402
from transitions_core.store.opening import Store, open_store  # noqa: E402

SECTION = "record"
OCCITANIE = ROOT / "scenarios" / "occitanie-2024.yaml"
PYTHON = sys.executable
TRANSITIONS = shutil.which("transitions", path=str(Path(PYTHON).parent)) or "transitions"


def wall(command: list[str]) -> float:
    """Seconds from start to exit of a fresh process (which must succeed)."""
    begin = time.perf_counter()
    subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - begin


def replay(
    store: Store, host: Host, cohort: str, name: str, batch: int, known_at: datetime | None
) -> Callable[[], float]:
    """`transitions replay NAME --cohort COHORT [--known-at]` on an open store: seconds per call."""

    def measure() -> float:
        start = time.perf_counter()
        for _ in range(batch):
            row = find_territory(store, name, cohort)
            readmodel = store.caught_up()
            if known_at is not None:
                readmodel = readmodel.known_at(known_at)
            view = territory_view(readmodel, row.cohort, row.territory or "", None, Audience.INTERNAL)
            assert render(host, "timeline", view, Subject.TERRITORY, "fr")
        return (time.perf_counter() - start) / batch

    return measure


def main(argv: Sequence[str] | None = None) -> None:
    """Measure, print the table, and write it into docs/performance.md with --write."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--record-size", type=int, default=1000, help="territories of the store recorded into"
    )
    parser.add_argument(
        "--size", type=int, default=10000, help="territories of the store replayed --known-at"
    )
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--batch", type=int, default=20, help="in-process calls timed together in each turn")
    parser.add_argument("--smoke", action="store_true", help="tiny stores built afresh: checks that it runs")
    parser.add_argument("--write", action="store_true", help="update docs/performance.md")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-record-") as work:
        if args.smoke:
            args.record_size, args.size, args.repeat, args.batch = 2, 4, 2, 2
            source = build(Path(work) / "small.sqlite", args.record_size).path
            large_path = build(Path(work) / "large.sqlite", args.size).path
        else:
            source, large_path = store_for(args.record_size), store_for(args.size)
        copy = Path(work) / "record.sqlite"
        shutil.copy(source, copy)
        subprocess.run(
            [TRANSITIONS, "--store", str(copy), "import", str(OCCITANIE)], check=True, capture_output=True
        )
        cohort, name = "occitanie-2024", "gruissan"
        numbers = itertools.count()

        def record() -> float:
            n = next(numbers)
            return wall(
                [TRANSITIONS, "--store", str(copy), "record", name, "effect_observed", "--cohort", cohort,
                 "--date", "mai 2026", "--set", f"label=banc {n}", "--set", f"description=Effet de banc d'essai {n}.",
                 "--yes", "--no-file", "--as", "banc"]
            )  # fmt: skip

        rows = [
            compare(
                f"`record` (non-interactive, whole process), {args.record_size:,}-territory store",
                "`replay` of the same territory (whole process)",
                record,
                lambda: wall([TRANSITIONS, "--store", str(copy), "replay", name, "--cohort", cohort]),
                repeat=args.repeat,
                target=1.5,
            )
        ]
        with open_store(parse_store(str(large_path)), create=False, key_variable=None) as large:
            host = load_host()
            cohort, _, name = chosen(large)
            now = datetime(
                9999, 12, 30, tzinfo=UTC
            )  # after every entry: the same text, only the filter differs
            rows.append(
                compare(
                    f"`replay --known-at` (a moment after every entry), {args.size:,}-territory store",
                    "plain `replay` of the same territory",
                    replay(large, host, cohort, name, args.batch, now),
                    replay(large, host, cohort, name, args.batch, None),
                    repeat=args.repeat,
                    target=1.5,
                )
            )
    body = "\n".join(
        [
            stamp(),
            "",
            TABLE_HEAD,
            *(r.row() for r in rows),
            "",
            f"- `record`: {args.repeat} turns of one fresh process each after a warm-up, alternating with the "
            "replay; each record appends one effect (a copy of the store, so the cached one is untouched).",
            f"- `--known-at`: {args.repeat} turns of {args.batch} calls each, per call, in one process, the store open.",
        ]
    )
    print(body)
    if args.write and not args.smoke:
        write_section(SECTION, body)


if __name__ == "__main__":
    main()
