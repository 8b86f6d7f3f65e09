"""Runs per second of `transitions simulate` on the calibrated baseline, serial and on a process pool.

    .venv/bin/python benchmarks/simulation_speed.py [--runs 1000] [--repeat 5] [--write] [--smoke]

After one warm-up sweep on each worker count, it times `--repeat` fresh sweeps per worker count,
interleaved (1 worker, 2 workers, 1 worker...) so that the other jobs of a shared machine weigh on both
alike, and reports the median and the range of runs/s, the median of the ratios of each pair, and the CPU
time of one run. Each pooled sweep starts its own workers, as the command does. It also times the
command itself, end to end, and checks that every worker count gave the same CSV. With `--write`, the
table replaces the delimited part of docs/performance.md.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from transitions_core.simulation.outputs.results import to_csv
from transitions_core.simulation.running.runner import run_sweep
from transitions_core.simulation.scenario.loading import load_scenario

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from benchmarks.harness import DOC, commit, interleaved, load, machine  # noqa: E402

BEGIN = "<!-- simulation-speed: written by benchmarks/simulation_speed.py --write -->"
END = "<!-- end of simulation-speed -->"


@dataclass
class Timings:
    """Wall-clock seconds of repeated measurements, and what they say in runs per second."""

    label: str
    runs: int
    seconds: list[float]

    def rates(self) -> list[float]:
        return [self.runs / s for s in self.seconds]

    def row(self) -> str:
        rates = self.rates()
        return (
            f"| {self.label} | {self.runs} | {len(rates)} | {statistics.median(self.seconds):.2f} "
            f"| **{statistics.median(rates):.0f}** | {min(rates):.0f}-{max(rates):.0f} |"
        )


def main() -> None:
    """Measure, print a Markdown table, and write it into docs/performance.md with --write."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scenario", type=Path, default=ROOT / "scenarios" / "baseline-occitanie.yaml")
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--command-repeat", type=int, default=3, help="times the command is timed; 0: skip")
    parser.add_argument("--write", action="store_true", help="update docs/performance.md")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, one turn, nothing written")
    args = parser.parse_args()
    if args.smoke:
        args.runs, args.repeat, args.command_repeat, args.write = 20, 1, 0, False

    loaded = load_scenario(args.scenario)
    csvs: set[str] = set()
    cpu: list[float] = []
    cores: list[float] = []
    pooled = max(args.workers)
    started = datetime.now().astimezone()
    load_before = load()

    def sweep(workers: int) -> Callable[[], float]:
        def measure() -> float:
            children = resource.getrusage(resource.RUSAGE_CHILDREN)
            wall, process = time.perf_counter(), time.process_time()
            result = run_sweep(loaded, args.runs, 1, workers=workers)
            wall, process = time.perf_counter() - wall, time.process_time() - process
            if workers == 1:
                cpu.append(process / args.runs * 1000)
            elif workers == pooled:  # the pool's workers have ended: their CPU time is the children's
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                used = after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
                cores.append(used / wall)
            csvs.add(hashlib.sha256(to_csv(result).encode()).hexdigest())
            return wall

        return measure

    for workers in args.workers:  # warm-up: imports, caches, the OS's file cache for the workers
        run_sweep(loaded, 100, 0, workers=workers)

    def start_up() -> float:
        # One run per worker: what a pooled sweep pays before its first chunk comes back.
        start = time.perf_counter()
        run_sweep(loaded, pooled, 0, workers=pooled, chunk_size=1)
        return time.perf_counter() - start

    starts = interleaved([start_up], args.repeat)[0] if pooled > 1 else []
    sweeps = interleaved([sweep(w) for w in args.workers], args.repeat)
    timings = [
        Timings(f"`run_sweep`, {w} worker{'s' if w > 1 else ''}", args.runs, s)
        for w, s in zip(args.workers, sweeps, strict=True)
    ]

    scenario = args.scenario.relative_to(ROOT) if args.scenario.is_relative_to(ROOT) else args.scenario
    command = [str(Path(sys.executable).with_name("transitions")), "simulate", str(scenario)]
    command += ["--runs", str(args.runs), "--seed", "1"]
    environment = {**os.environ, "TRANSITIONS_STORE": "memory:"}

    def timed(extra: list[str]) -> Callable[[], float]:
        def measure() -> float:
            start = time.perf_counter()
            subprocess.run(command + extra, cwd=ROOT, env=environment, check=True, capture_output=True)
            return time.perf_counter() - start

        return measure

    if args.command_repeat:
        shown = " ".join(["transitions", *command[1:]])
        commands = interleaved([timed([]), timed(["--workers", "2"])], args.command_repeat)
        timings.append(Timings(f"`{shown}` (whole command)", args.runs, commands[0]))
        timings.append(Timings(f"`{shown} --workers 2` (whole command)", args.runs, commands[1]))

    pairs = [one / two for one, two in zip(sweeps[0], sweeps[-1], strict=True)] if len(sweeps) > 1 else [1.0]
    lines = [
        f"Measured {started:%Y-%m-%d %H:%M %Z} on commit {commit()}: {machine()}.",
        f"Load average (1 min) {load_before} before, {load()} after: other jobs share the machine.",
        "",
        "| what | runs | repetitions | median seconds | median runs/s | runs/s range |",
        "|---|---|---|---|---|---|",
        *(t.row() for t in timings),
        "",
        f"- {args.workers[-1]} workers / 1 worker (`run_sweep`, median of the {len(pairs)} interleaved pair{'s' if len(pairs) > 1 else ''}): "
        f"**{statistics.median(pairs):.2f}×** (range {min(pairs):.2f}-{max(pairs):.2f}).",
        f"- CPU time of one run, serial: median {statistics.median(cpu):.1f} ms "
        f"(range {min(cpu):.1f}-{max(cpu):.1f}).",
        *(
            [
                f"- Cores the {pooled} workers actually had (their CPU time / the sweep's wall time): "
                f"median {statistics.median(cores):.2f} (range {min(cores):.2f}-{max(cores):.2f})."
            ]
            if cores
            else []
        ),
        *(
            [
                f"- Starting a pool of {pooled} workers (a sweep of one run per worker): median "
                f"{statistics.median(starts):.2f} s (range {min(starts):.2f}-{max(starts):.2f})."
            ]
            if starts
            else []
        ),
        f"- Same CSV for every worker count and repetition: {'yes' if len(csvs) == 1 else 'NO'}.",
    ]
    table = "\n".join(lines)
    print(table)
    if args.write:
        text = DOC.read_text(encoding="utf-8")
        head, _, rest = text.partition(BEGIN)
        _, _, tail = rest.partition(END)
        if not rest:
            raise SystemExit(f"{DOC} has no line {BEGIN!r}: add it (and {END!r}) where the table goes.")
        DOC.write_text(f"{head}{BEGIN}\n{table}\n{END}{tail}", encoding="utf-8")
        print(f"written into {DOC.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
