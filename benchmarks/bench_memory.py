"""Figure 7: peak memory (RSS) of whole processes, as the store and the simulation grow.

    .venv/bin/python benchmarks/bench_memory.py [--sizes 1 10000] [--runs 2000 20000] [--workers 2]
                                               [--repeat 3] [--smoke] [--write]
    .venv/bin/python benchmarks/bench_memory.py --runs 10000 100000     # the issue's figure, ~10 minutes

Two figures, each the larger case against the smaller one, in turns (target ≤ 1.2×: flat):

- `transitions replay NAME --cohort C` on the 10,000-territory store (about 1,090,000 events) against the
  same replay on the generator's smallest store (its first cohort: about 10 territories, 1,000
  events, built afresh). The territory is the same: the largest of the first cohort, with the same 100
  events in both stores.
- `transitions simulate scenarios/baseline-occitanie.yaml --runs N --seed 1 --workers 2 --out F.csv`
  for the larger run count against the smaller. The issue's figure is 100,000 runs against 10,000:
  about 10 minutes on two free cores, more than `make bench` can spend, so the run counts are
  parameters and the suite runs 20,000 against 2,000 (the same tenfold growth) by default.

How the peak is measured: each measurement starts a fresh runner process (this script with
`--measure`), which starts the command and, until it exits, reads every 20 ms the high-water mark of
the resident set (`VmHWM` in `/proc/PID/status`) of the command and of each of its descendants (the
simulation's worker processes, and multiprocessing's resource tracker; new descendants are looked
for every 20 ms in the first second, then every 200 ms). The figure is the sum of
those per-process peaks: the memory the whole process tree needed, workers included (an upper bound
of the tree's peak at any one instant, since the processes may not peak together). The runner also
reads `getrusage(RUSAGE_CHILDREN).ru_maxrss`, exact but only the largest single process, and takes
it for the command itself when polling saw less (a peak in its last milliseconds). The runner imports
nothing but the standard library: a child's ru_maxrss also counts the pages it was forked with
before its exec, which are the runner's (about 10 MiB, less than any command measured here).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

if TYPE_CHECKING:
    from benchmarks.harness import Comparison

SECTION = "memory"
PYTHON = sys.executable
TRANSITIONS = shutil.which("transitions", path=str(Path(PYTHON).parent)) or "transitions"
SCENARIO = ROOT / "scenarios" / "baseline-occitanie.yaml"
POLL = 0.02


def status(pid: int) -> tuple[int, int] | None:
    """(parent pid, VmHWM in bytes) of a process, or None if it is gone (or has no memory of its own)."""
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    fields = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
    if "VmHWM" not in fields:
        return None
    return int(fields["PPid"]), int(fields["VmHWM"].split()[0]) * 1024


def parents() -> dict[int, int]:
    """pid → parent pid of every process, from /proc/PID/stat."""
    out = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            out[int(entry.name)] = int(stat.rpartition(")")[2].split()[1])
    return out


def measure_tree(command: list[str]) -> dict[str, float]:
    """Run `command`; its tree's summed per-process peaks, the largest single peak, and the seconds taken.

    The tree's members are read every 20 ms at first, then every 200 ms (scanning /proc costs the
    runner a few per cent of a core); each member's VmHWM every 20 ms, a high-water mark that only
    a process's last moments can escape.
    """
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peaks: dict[int, int] = {}
    tree = {child.pid}
    looked = 0.0
    while child.poll() is None:
        now = time.perf_counter()
        if now - looked > (POLL if now - start < 1 else 10 * POLL):
            table = parents()
            grew = True
            while grew:
                grew = False
                for pid, parent in table.items():
                    if parent in tree and pid not in tree:
                        tree.add(pid)
                        grew = True
            looked = now
        for pid in list(tree):
            seen = status(pid)
            if seen is not None:
                peaks[pid] = max(peaks.get(pid, 0), seen[1])
        time.sleep(POLL)
    seconds = time.perf_counter() - start
    if child.returncode:
        raise subprocess.CalledProcessError(child.returncode, command)
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # kB on Linux
    if len(peaks) <= 1:  # one process: its exact peak, in case polling missed its last milliseconds
        peaks[child.pid] = max(peaks.get(child.pid, 0), largest)
    return {
        "tree": float(sum(peaks.values())),
        "largest": float(largest),
        "processes": float(len(peaks)),
        "seconds": seconds,
    }


def runner(command: list[str]) -> dict[str, float]:
    """`measure_tree(command)` in a fresh runner process: its RUSAGE_CHILDREN holds this command only."""
    done = subprocess.run(
        [PYTHON, __file__, "--measure", "--", *command], capture_output=True, text=True, check=True
    )
    result: dict[str, float] = json.loads(done.stdout.splitlines()[-1])
    return result


class Peaks:
    """Runs a command through fresh runners, remembering what each measurement saw besides the peak."""

    def __init__(self, command: list[str]) -> None:
        self.command = command
        self.seen: list[dict[str, float]] = []

    def __call__(self) -> float:
        result = runner(self.command)
        self.seen.append(result)
        return result["tree"]


def replay_command(store: Path, cohort: str, name: str) -> list[str]:
    return [TRANSITIONS, "--store", str(store), "replay", name, "--cohort", cohort]


def simulate_command(runs: int, workers: int, out: Path) -> list[str]:
    return [
        TRANSITIONS,
        "--store",
        "memory:",
        "simulate",
        str(SCENARIO),
        "--runs",
        str(runs),
        "--seed",
        "1",
        "--workers",
        str(workers),
        "--out",
        str(out),
        "--no-progress",
    ]


def count_events(path: Path) -> int:
    """The number of events in a store, read with plain sqlite3."""
    import sqlite3

    connection = sqlite3.connect(path)
    try:
        return int(connection.execute("SELECT count(*) FROM stored_events").fetchone()[0])
    finally:
        connection.close()


def describe(peaks: Peaks) -> str:
    """Processes, the largest single process, and the duration of the measurements."""
    largest = max(s["largest"] for s in peaks.seen) / 2**20
    seconds = sorted(s["seconds"] for s in peaks.seen)
    processes = max(int(s["processes"]) for s in peaks.seen)
    return (
        f"{processes} process{'es' if processes > 1 else ''}, largest single process up to {largest:.1f} MiB, "
        f"{seconds[0]:.1f}-{seconds[-1]:.1f} s each"
    )


def main(argv: Sequence[str] | None = None) -> None:
    """Measure, print the table, and write it into docs/performance.md with --write."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs=2, default=[1, 10000], help="territories: small, large")
    parser.add_argument("--runs", type=int, nargs=2, default=[2000, 20000], help="runs: small, large")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--simulation-repeat", type=int, default=1)
    parser.add_argument("--smoke", action="store_true", help="tiny sizes: checks that it runs")
    parser.add_argument("--write", action="store_true", help="update docs/performance.md")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("command", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure_tree(args.command)))
        return
    # Only now: a runner (--measure) stays a small process, since a child's ru_maxrss counts the
    # parent's pages it was forked with, until its exec.
    from benchmarks.bench_process import first_territory
    from benchmarks.generate import build, store_for
    from benchmarks.harness import TABLE_HEAD, compare, stamp, write_section

    rows: list[Comparison] = []
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as work:
        if args.smoke:
            args.sizes, args.runs, args.repeat, args.simulation_repeat = [2, 20], [4, 8], 1, 1
            large_store = build(Path(work) / "large.sqlite", args.sizes[1]).path
        else:
            large_store = store_for(args.sizes[1])
        small = build(Path(work) / "small.sqlite", args.sizes[0])
        cohort, name = first_territory(small.path)
        bigger = Peaks(replay_command(large_store, cohort, name))
        smaller = Peaks(replay_command(small.path, cohort, name))
        rows.append(
            compare(
                f"peak RSS of `transitions replay {name}`, {args.sizes[1]:,}-territory store "
                f"({count_events(large_store):,} events)",
                f"the same, {small.territories:,}-territory store ({small.events:,} events)",
                bigger,
                smaller,
                repeat=args.repeat,
                unit="B",
                target=1.2,
            )
        )
        notes.append(f"- replay, large store: {describe(bigger)}; small store: {describe(smaller)}.")
        many, few = (
            Peaks(simulate_command(runs, args.workers, Path(work) / f"{runs}.csv"))
            for runs in reversed(args.runs)
        )
        rows.append(
            compare(
                f"peak RSS of `transitions simulate` {args.runs[1]:,} runs, `--workers {args.workers}`, rows to CSV",
                f"the same, {args.runs[0]:,} runs",
                many,
                few,
                repeat=args.simulation_repeat,
                warmup=0,
                unit="B",
                target=1.2,
            )
        )
        notes.append(
            f"- simulate, {args.runs[1]:,} runs: {describe(many)}; {args.runs[0]:,} runs: {describe(few)}."
        )
    body = "\n".join(
        [
            "## Figure 7: memory",
            "",
            stamp(),
            "",
            TABLE_HEAD,
            *(r.row() for r in rows),
            "",
            "The peak is the sum of each process's `VmHWM` (its resident high-water mark), read from `/proc` every "
            "20 ms by a fresh runner process for each measurement, over the command and all its descendants.",
            "",
            *notes,
        ]
    )
    print(body)
    if args.write and not args.smoke:
        write_section(SECTION, body)


if __name__ == "__main__":
    main()
