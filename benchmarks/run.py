"""Run the whole benchmark suite: build the stores, every `benchmarks/bench_*.py`, then the summary.

    .venv/bin/python benchmarks/run.py --smoke      # tiny sizes, no file written: what CI runs
    .venv/bin/python benchmarks/run.py              # full sizes, each script writes its section
    .venv/bin/python benchmarks/run.py --only import store_size

The convention a script follows to join: it is named `bench_*.py`, and its command line takes `--smoke`
(tiny sizes, print the table, write nothing) and `--write` (full sizes, replace its section of
docs/performance.md). Each runs in its own process, one after the other, so that no two measurements
share the machine. A smoke run checks only that each script succeeds and prints a Markdown table.

A full run first builds the generated stores that are not cached yet (`generate.py`), and ends with
`summary.py`, which gathers every section's rows into the table at the top of the page; the time of
each step goes to `benchmarks/results/durations.json`, which the summary quotes.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: Scripts older than the convention: checked by a smoke run, run at full size by hand (`simulation_speed.py`
#: takes minutes and measures no figure of the summary; figure 6 has the 2-workers figure).
EXTRA = ("simulation_speed.py",)
#: The stores the full-size benchmarks read, built first (and cached) so that no figure pays for them.
SIZES = ("100", "1000", "10000")
DURATIONS = HERE / "results" / "durations.json"


def scripts(only: Sequence[str] = (), *, smoke: bool = False) -> list[Path]:
    """The suite's scripts, in name order; with `only`, those whose name contains one of the words.

    A full run leaves out the `EXTRA` scripts unless `only` names them.
    """
    found = sorted(HERE.glob("bench_*.py")) + [HERE / name for name in EXTRA if smoke or only]
    return [s for s in found if not only or any(word in s.stem for word in only)]


def step(command: Sequence[str], name: str, durations: dict[str, float], *, table: bool, quiet: bool) -> bool:
    """Run one step in its own process; print its outcome (and its output unless `quiet`)."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, *command], capture_output=True, text=True)
    durations[name] = round(time.perf_counter() - start, 1)
    printed_table = any(line.startswith("|---") for line in done.stdout.splitlines())
    ok = done.returncode == 0 and (printed_table or not table)
    print(f"{'ok  ' if ok else 'FAIL'} {name} ({durations[name]:.1f} s)", flush=True)
    if not quiet or not ok:
        print(done.stdout)
    if not ok:
        print(done.stderr[-4000:] or "(no table printed)", file=sys.stderr)
    return ok


def main(argv: Sequence[str] | None = None) -> int:
    """Run each step; the exit code is 1 if any of them failed."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--smoke", action="store_true", help="tiny sizes, no timing asserted, nothing written"
    )
    parser.add_argument(
        "--only", nargs="+", default=(), help="run only the scripts whose name has these words"
    )
    args = parser.parse_args(argv)
    start = time.perf_counter()
    durations: dict[str, float] = {}
    failed = []
    full = not args.smoke and not args.only
    if full and not step(
        [str(HERE / "generate.py"), *SIZES], "generate.py", durations, table=False, quiet=False
    ):
        return 1
    flag = "--smoke" if args.smoke else "--write"
    for script in scripts(args.only, smoke=args.smoke):
        if not step([str(script), flag], f"{script.name} {flag}", durations, table=True, quiet=args.smoke):
            failed.append(script.name)
    if full:
        durations["total"] = round(time.perf_counter() - start, 1)
        DURATIONS.parent.mkdir(exist_ok=True)
        DURATIONS.write_text(json.dumps(durations, indent=1) + "\n", encoding="utf-8")
    # The summary reads the recorded rows: in a smoke run it only checks that it can.
    summary = [str(HERE / "summary.py"), *([] if args.smoke else ["--write"])]
    if not step(summary, "summary.py", durations, table=True, quiet=args.smoke):
        failed.append("summary.py")
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
