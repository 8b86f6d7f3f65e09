"""What-ifs against a baseline: paired differences under common random numbers, and Monte Carlo errors.

Run `i` of a what-if and run `i` of its baseline draw from the same seed stream (`SeedSequence(seed,
spawn_key=(i, region))`), so their difference removes most of the dice: the paired difference's interval
is far narrower than the gap between two independent intervals. A mean's Monte Carlo error is its
standard error, sd / √n.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from transitions_core.simulation.model.outcomes import MEASURES
from transitions_core.simulation.outputs.results import Distributions, french_number

#: The outcomes a what-if is read by, and `--until-ci` narrows.
MAIN = ("joined", "diagnostics_restituted", "pilots_feasibility", "effects", "limits")
Z95 = 1.96


@dataclass(frozen=True)
class Difference:
    """A paired difference of means: what-if minus baseline, its 95 % interval and Monte Carlo error."""

    mean: float
    low: float
    high: float
    error: float
    runs: int


def standard_error(values: Iterable[float]) -> float:
    """The Monte Carlo error of a mean: the sample standard deviation over √n (0 under two values)."""
    data = list(values)
    n = len(data)
    if n < 2:
        return 0.0
    mean = math.fsum(data) / n
    variance = math.fsum((x - mean) ** 2 for x in data) / (n - 1)
    return math.sqrt(variance / n)


def widest_interval(distributions: Distributions, measures: Iterable[str] = MAIN) -> float:
    """The widest 95 % interval of a main outcome's mean, over every sweep point (`--until-ci`)."""
    widths = [
        2 * Z95 * standard_error(columns[key])
        for columns in distributions.points.values()
        for key in measures
        if key in columns
    ]
    return max(widths, default=math.inf)


def paired_differences(
    whatif: Distributions, baseline: Distributions, measures: Iterable[str] = MAIN
) -> dict[int, dict[str, Difference]]:
    """Per sweep point of the what-if, each measure's paired difference with the baseline's first point."""
    reference = baseline.points.get(min(baseline.points, default=0), {})
    out: dict[int, dict[str, Difference]] = {}
    for point, columns in sorted(whatif.points.items()):
        out[point] = {}
        for key in measures:
            if key not in columns or key not in reference:
                continue
            n = min(len(columns[key]), len(reference[key]))
            gaps = [columns[key][i] - reference[key][i] for i in range(n)]
            mean = math.fsum(gaps) / n if n else 0.0
            error = standard_error(gaps)
            out[point][key] = Difference(mean, mean - Z95 * error, mean + Z95 * error, error, n)
    return out


def signed(value: float) -> str:
    """`+4,1`, `−0,3`: a French number with its sign."""
    text = french_number(abs(value))
    return ("−" if value < -0.05 else "+") + text


def render_differences(
    differences: Mapping[int, Mapping[str, Difference]],
    labels: Mapping[int, str],
    baseline_id: str,
) -> str:
    """The printed comparison: per point, each main outcome's paired difference with its interval."""
    lines = [
        f"Écart au scénario de référence « {baseline_id} » (mêmes graines, tirages appariés ; "
        "intervalle de confiance à 95 % et erreur de Monte-Carlo de l'écart moyen)"
    ]
    width = max((len(MEASURES[key]) for key in MAIN), default=10)
    for point, measures in differences.items():
        runs = next(iter(measures.values())).runs if measures else 0
        lines.append(f"{labels.get(point, f'point {point + 1}')} ({runs} paires)")
        for key, d in measures.items():
            lines.append(
                f"  {MEASURES[key]:<{width}}  {signed(d.mean):>8}  [{signed(d.low)} ; {signed(d.high)}]  "
                f"erreur MC {french_number(d.error, 2)}"
            )
        lines.append("")
    return "\n".join(lines)


def point_labels(points: Mapping[int, Mapping[str, Any]], scenario_id: str) -> dict[int, str]:
    """How the summary names each point: its swept values, or the scenario's id, never « base »."""
    return {
        point: ", ".join(f"{k} = {v}" for k, v in values.items()) or f"scénario {scenario_id}"
        for point, values in points.items()
    }
