"""Draw docs/figures/scenarios.png, the five shipped scenarios side by side, and print the table of docs/simulation.md.

The table gives totals; the figure divides a scenario of several regions by their number (the mean per
region), so that one scale still reads the single-region scenarios.

    .venv/bin/python docs/figures/scenarios.py [--runs 300] [--seed 1] [--workers 2]

Every number in the "five scenarios" section of docs/simulation.md comes from this script's output.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from transitions_core.simulation.loading import load_scenario
from transitions_core.simulation.plotting import PLOTTED, Series, draw, point_label
from transitions_core.simulation.results import french_number, summarise
from transitions_core.simulation.runner import SweepResult, run_sweep

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent / "scenarios.png"
SCENARIOS = (
    "baseline-occitanie",
    "mid-mandate-start",
    "weak-political-backing",
    "complete-delegations",
    "four-regions-40-territories",
)


def main() -> None:
    """Run each scenario, draw the figure, print one Markdown row per sweep point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    series: list[Series] = []
    table: list[str] = []
    for group, name in enumerate(SCENARIOS):
        loaded = load_scenario(ROOT / "scenarios" / f"{name}.yaml")
        result = run_sweep(loaded, args.runs, args.seed, args.workers)
        summary = summarise(result, PLOTTED)
        for point in loaded.points:
            label = name if len(loaded.points) == 1 else f"{name} ({point_label(point.values)})"
            rows = [row for row in result.rows if row["point"] == point.index]
            cells = [
                f"{french_number(i.mean)} ({french_number(i.low, 0)}-{french_number(i.high, 0)})"
                for i in summary[point.index].values()
            ]
            table.append(f"| {label} | " + " | ".join(cells) + " |")
            regions = len(loaded.scenario.regions)
            if regions > 1:  # drawn per region, so that one scale still reads the single-region scenarios
                label += f" ÷ {regions}"
                rows = [{**row, **{m: row[m] / regions for m in PLOTTED}} for row in rows]
            series.append(Series(label, rows, group))
        assert isinstance(result, SweepResult) and not result.interrupted
    title = f"Les cinq scénarios : {args.runs} tirages par point, graine {args.seed}"
    draw(series, title, OUT)
    print("| scenario (point) | " + " | ".join(PLOTTED) + " |")
    print("|---" * (len(PLOTTED) + 1) + "|")
    print("\n".join(table))
    print(f"Figure : {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
