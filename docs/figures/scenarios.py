"""Draw docs/figures/scenarios.png, the five shipped scenarios side by side, and print the table of docs/simulation.md.

The table gives totals; the figure divides a scenario of several regions by their number (the mean per
region), so that one scale still reads the single-region scenarios.

    .venv/bin/python docs/figures/scenarios.py [--runs 300] [--seed 1] [--workers 2] [--out FOLDER] [NAME…]

Every number in the "five scenarios" section of docs/simulation.md comes from this script's output
(`tests/simulation/test_docs_tables.py` runs it, small, and checks the table's rows and columns).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from transitions_core.simulation.outputs.plotting import PLOTTED, Series, draw, point_label
from transitions_core.simulation.outputs.results import distributions_of, summarise
from transitions_core.simulation.running.runner import run_sweep
from transitions_core.simulation.scenario.loading import load_scenario

ROOT = Path(__file__).resolve().parents[2]
FIGURES = Path(__file__).resolve().parent
SCENARIOS = (
    "baseline-occitanie",
    "mid-mandate-start",
    "weak-political-backing",
    "complete-delegations",
    "four-regions-40-territories",
)
#: The table's column for each plotted measure.
COLUMNS = {
    "joined": "engaged",
    "dropped_out": "drop-outs",
    "diagnostics_restituted": "diagnostics restituted",
    "pilots_feasibility": "pilots at feasibility",
    "days_used": "days used",
    "effects": "effects",
    "limits": "limits",
}


def rows_of(name: str, runs: int, seed: int, workers: int) -> tuple[list[str], list[Series]]:
    """One Markdown row and one box series per sweep point of a shipped scenario."""
    loaded = load_scenario(ROOT / "scenarios" / f"{name}.yaml")
    result = run_sweep(loaded, runs, seed, workers)
    assert not result.interrupted
    summary = summarise(result, PLOTTED)
    distributions = distributions_of(result, PLOTTED)
    regions = len(loaded.scenario.regions)
    table, series = [], []
    for point in loaded.points:
        label = name if len(loaded.points) == 1 else f"{name} ({point_label(point.values)})"
        cells = [
            f"{i.mean:.1f} ({i.low:.0f}-{i.high:.0f})"  # docs/simulation.md is in English
            for i in summary[point.index].values()
        ]
        table.append(f"| {label} | " + " | ".join(cells) + " |")
        values = {m: list(distributions.points[point.index][m]) for m in PLOTTED}
        if regions > 1:  # drawn per region, so that one scale still reads the single-region scenarios
            label += f" ÷ {regions}"
            values = {m: [v / regions for v in column] for m, column in values.items()}
        series.append(Series(label, values))
    return table, series


def main(argv: list[str] | None = None) -> str:
    """Run each scenario, draw the figure, print (and return) the table: a header and one row per point."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=FIGURES, help="folder of scenarios.png")
    parser.add_argument(
        "names", nargs="*", help=f"the scenarios to run (all by default: {', '.join(SCENARIOS)})"
    )
    args = parser.parse_args(argv)
    unknown = sorted(set(args.names) - set(SCENARIOS))
    if unknown:
        parser.error(
            f"scénario inconnu : {', '.join(unknown)} ; scénarios possibles : {', '.join(SCENARIOS)}"
        )
    assert tuple(COLUMNS) == PLOTTED, "one column per plotted measure, in their order"
    table: list[str] = []
    series: list[Series] = []
    for group, name in enumerate(args.names or SCENARIOS):
        rows, boxes = rows_of(name, args.runs, args.seed, args.workers)
        table += rows
        series += [Series(box.label, box.values, group) for box in boxes]
    figure = args.out / "scenarios.png"
    draw(series, f"Les cinq scénarios : {args.runs} tirages par point, graine {args.seed}", figure)
    header = "| scenario (point) | " + " | ".join(COLUMNS.values()) + " |"
    text = "\n".join([header, "|---" * (len(COLUMNS) + 1) + "|", *table])
    print(text)
    print(f"Figure : {figure}")
    return text


if __name__ == "__main__":
    main()
