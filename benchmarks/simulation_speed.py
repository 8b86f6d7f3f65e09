"""Runs per second of `transitions simulate` on the calibrated baseline, serial and on a process pool.

    .venv/bin/python benchmarks/simulation_speed.py [--runs 1000] [--workers 1 2]

Each measure is the best of `--repeat` fresh sweeps (the pool's start-up included), after one warm-up
sweep that fills the partial-date cache. docs/performance.md records the figures.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from transitions_core.simulation.loading import load_scenario
from transitions_core.simulation.results import to_csv
from transitions_core.simulation.runner import run_sweep

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    """Measure, print a Markdown table, and check that every worker count gave the same CSV."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scenario", type=Path, default=ROOT / "scenarios" / "baseline-occitanie.yaml")
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    loaded = load_scenario(args.scenario)
    run_sweep(loaded, 20, 0)
    outputs = set()
    print(f"{loaded.scenario.id}, {args.runs} runs, {os.cpu_count()} CPUs")
    print("| workers | seconds | runs/s |")
    print("|---|---|---|")
    for workers in args.workers:
        best = float("inf")
        for _ in range(args.repeat):
            start = time.perf_counter()
            result = run_sweep(loaded, args.runs, 1, workers=workers)
            best = min(best, time.perf_counter() - start)
            outputs.add(to_csv(result))
        print(f"| {workers} | {best:.1f} | {args.runs / best:.0f} |")
    print("same CSV for every worker count:", len(outputs) == 1)


if __name__ == "__main__":
    main()
