"""Where one simulated run spends its time: a pyinstrument profile of serial runs of the baseline.

    .venv/bin/python benchmarks/simulation_profile.py [--runs 200] [--flat] [--top 25]

pyinstrument samples the stack (every 0.5 ms here) instead of tracing every call, so the profile keeps
the proportions of an unprofiled run. The default output is the call tree, cut at 2 % of the time; with
`--flat`, the functions with the most time of their own. docs/performance.md records both, before and
after the optimisation. pyinstrument is in the `dev` extra.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from pyinstrument import Profiler

from transitions_core.simulation.running.runner import run_sweep
from transitions_core.simulation.scenario.loading import load_scenario

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    """Profile `--runs` serial runs after a warm-up sweep and print the summary."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scenario", type=Path, default=ROOT / "scenarios" / "baseline-occitanie.yaml")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--flat", action="store_true", help="self time by function instead of the call tree")
    parser.add_argument("--top", type=int, default=25, help="lines of the flat profile")
    args = parser.parse_args()
    loaded = load_scenario(args.scenario)
    run_sweep(loaded, 50, 0)
    profiler = Profiler(interval=0.0005)
    with profiler:
        run_sweep(loaded, args.runs, 1)
    session = profiler.last_session
    assert session is not None
    print(f"{args.runs} runs, {session.duration:.2f} s, {session.duration / args.runs * 1000:.1f} ms per run")
    if args.flat:
        text = profiler.output_text(flat=True, time="percent_of_total")
        print("\n".join(text.splitlines()[: args.top + 6]))
    else:
        options = {"filter_threshold": 0.02}
        print(profiler.output_text(time="percent_of_total", processor_options=options))


if __name__ == "__main__":
    main()
