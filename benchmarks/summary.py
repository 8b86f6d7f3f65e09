"""The summary table at the top of docs/performance.md: every figure's ratio and target, in one place.

    .venv/bin/python benchmarks/summary.py [--write]

Each benchmark's `--write` leaves its rows as data in `benchmarks/results/SECTION.json` (committed with
the page, so the summary can be rebuilt anywhere); this script reads them all and writes the `summary`
section. `benchmarks/run.py` runs it after a full run. Each figure keeps the date, commit and load of the
run that measured it, so a summary mixing runs says so.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.harness import RESULTS, write_section  # noqa: E402

SECTION = "summary"
#: The issue's figure number of each section; a section not listed comes last, unnumbered.
FIGURES = {
    "import-rate": "1",
    "replay": "2",
    "startup": "3",
    "process": "4",
    "narratives": "5",
    "simulation-peer": "6",
    "memory": "7",
    "store-size": "8",
    "file-memory": "9",
    "record": "10",
    "site": "11",
    "read-commands": "12",
}


def summary(results: Path = RESULTS) -> str:
    """The summary section's body, from every section's recorded rows."""
    records = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(results.glob("*.json"))]
    records = [r for r in records if "section" in r and r["section"] != SECTION]
    records.sort(key=lambda r: (int(FIGURES.get(r["section"], "99")), r["section"]))
    lines = [
        "| # | figure | baseline | ratio (range) | target | |",
        "|---|---|---|---|---|---|",
    ]
    notes = []
    for record in records:
        number = FIGURES.get(record["section"], "")
        stamp = record["stamp"]
        notes.append(
            f"- {f'Figure {number}' if number else record['section']}: {stamp[0].lower()}{stamp[1:]}"
        )
        for row in record["rows"]:
            lines.append(
                f"| {number} | {row['figure']} | {row['baseline']} "
                f"| **{row['ratio']:.2f}×** ({row['low']:.2f}-{row['high']:.2f}) "
                f"| {_target(row)} | {_verdict(row['met'])} |"
            )
    return "\n".join([*lines, "", *notes, *_durations(results / "durations.json")])


def _durations(path: Path) -> list[str]:
    """A line on how long the last full run took, step by step, if one was recorded."""
    if not path.exists():
        return []
    durations: dict[str, float] = json.loads(path.read_text(encoding="utf-8"))
    total = durations.pop("total", sum(durations.values()))
    steps = ", ".join(f"`{name.split()[0]}` {seconds:.0f} s" for name, seconds in durations.items())
    return [f"- The last full run (`make bench`) took {total / 60:.1f} minutes: {steps}."]


def _target(row: dict[str, object]) -> str:
    return "reported" if row["target"] is None else f"{row['direction']} {row['target']:g}×"


def _verdict(met: object) -> str:
    if met is None:
        return ""
    return "met" if met else "**not met**"


def main(argv: Sequence[str] | None = None) -> None:
    """Print the summary; with --write, replace its section of docs/performance.md."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--write", action="store_true", help="update docs/performance.md")
    args = parser.parse_args(argv)
    body = summary()
    print(body)
    if args.write:
        write_section(SECTION, body)


if __name__ == "__main__":
    main()
