"""Print what drives each what-if's difference from the baseline: the table of docs/simulation.md.

For each what-if, the baseline and the what-if run the same Sobol design over the baseline's default
uncertainties, on the same dice (common streams); the difference per point is analysed.

    .venv/bin/python docs/figures/whatif_sensitivity.py [--samples 2688] [--runs 4] [--workers 2]

About 15 minutes on 2 busy cores at the defaults (4 × 10,752 runs).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import numpy as np

from transitions_core.simulation import experiment, load_scenario
from transitions_core.simulation.experiments.points import scenario_uncertainties
from transitions_core.simulation.experiments.sensitivity import analyse
from transitions_core.simulation.model.run import Models

BASELINE = Path(__file__).resolve().parents[2] / "scenarios" / "baseline-occitanie.yaml"
WHATIFS = {
    "mid-mandate-start (36 months earlier)": "calendar:\n  shift_months: -36\n",
    "weak-political-backing (join.weak = 0.5)": (
        "set:\n  regions.*.territories.*.political_backing: weak\n"
        "  regions.*.generate.*.params.political_backing: {weak: 1.0}\n"
    ),
    "complete-delegations": (
        "set:\n  regions.*.territories.*.delegation_complete: true\n  parameters.delegation.complete: 1.0\n"
    ),
}
OUTCOMES = ("effects", "pilots_feasibility", "limits")


def difference_indices(base: Any, whatif: Any, outcome: str) -> tuple[Any, list[Any]]:
    """The difference per design point, and its indices, strongest first."""
    difference = whatif[outcome].to_numpy() - base[outcome].to_numpy()
    rows = [{"point": int(p), "d": d} for p, d in zip(whatif["point"], difference, strict=True)]
    (result,) = analyse(whatif.attrs["design"], rows, ["d"], "sobol")
    points = whatif["point"].to_numpy()
    per_point = np.array(
        [difference[points == p].mean() for p in range(len(whatif.attrs["design"]["matrix"]))]
    )
    return per_point, sorted(result.indices, key=lambda i: -i.values["ST"])


def main() -> None:
    """Run every what-if against the baseline and print the drivers of its difference."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--samples", type=int, default=2688)
    parser.add_argument("--runs", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    models = Models()
    baseline = load_scenario(BASELINE)
    uncertain = scenario_uncertainties(baseline, models)
    options: dict[str, Any] = {
        "design": "sobol",
        "samples": args.samples,
        "seed": 1,
        "runs_per_point": args.runs,
        "common_streams": True,
        "workers": args.workers,
    }
    base = experiment(baseline, uncertain, **options)
    print(f"{len(uncertain)} uncertainties, {len(base)} runs per scenario")
    for name, change in WHATIFS.items():
        head = f"kind: simulation\nextends: {BASELINE}\nid: what-if\ntitle: what-if\n"
        whatif = experiment(load_scenario(head + change), uncertain, **options)
        print(f"== {name}")
        for outcome in OUTCOMES:
            per_point, ranked = difference_indices(base, whatif, outcome)
            sign = np.sign(per_point.mean())
            low, high = np.percentile(per_point, [5, 95])
            print(
                f"  {outcome}: mean {per_point.mean():+.1f}, 5-95 % [{low:+.1f}, {high:+.1f}], "
                f"same sign {np.mean(np.sign(per_point) == sign):.0%}"
            )
            for index in ranked[:4]:
                print(f"     {index.name}: ST {index.values['ST']:.2f} ± {index.values['ST_conf']:.2f}")


if __name__ == "__main__":
    main()
