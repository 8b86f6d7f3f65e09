"""Run the whole benchmark suite: every `benchmarks/bench_*.py`, and `simulation_speed.py`.

    .venv/bin/python benchmarks/run.py --smoke      # tiny sizes, no file written: what CI runs
    .venv/bin/python benchmarks/run.py              # full sizes, each script writes its section
    .venv/bin/python benchmarks/run.py --only import store_size

The convention a script follows to join: it is named `bench_*.py`, and its command line takes `--smoke`
(tiny sizes, print the table, write nothing) and `--write` (full sizes, replace its section of
docs/performance.md). Each runs in its own process, one after the other, so that no two measurements
share the machine. A smoke run checks only that each script succeeds and prints a Markdown table.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: Scripts older than the convention, run the same way.
EXTRA = ("simulation_speed.py",)


def scripts(only: Sequence[str] = ()) -> list[Path]:
    """The suite's scripts, in name order; with `only`, those whose name contains one of the words."""
    found = sorted(HERE.glob("bench_*.py")) + [HERE / name for name in EXTRA]
    return [s for s in found if not only or any(word in s.stem for word in only)]


def main(argv: Sequence[str] | None = None) -> int:
    """Run each script; the exit code is 1 if any of them failed."""
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
    failed = []
    for script in scripts(args.only):
        flag = "--smoke" if args.smoke else "--write"
        start = time.perf_counter()
        done = subprocess.run([sys.executable, str(script), flag], capture_output=True, text=True)
        seconds = time.perf_counter() - start
        table = any(line.startswith("|---") for line in done.stdout.splitlines())
        ok = done.returncode == 0 and table
        print(f"{'ok  ' if ok else 'FAIL'} {script.name} {flag} ({seconds:.1f} s)", flush=True)
        if not args.smoke or not ok:
            print(done.stdout)
        if not ok:
            print(done.stderr[-4000:] or "(no table printed)", file=sys.stderr)
            failed.append(script.name)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
