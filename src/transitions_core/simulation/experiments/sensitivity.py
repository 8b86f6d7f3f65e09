"""Global sensitivity of an experiment's outcomes: Sobol' S1 and ST (bootstrap intervals) or Morris μ* and σ.

The outcomes of a design point are the mean over its runs; SALib reads them in the design's order, which
is the order of the `point` column. Indices are computed per outcome, then told as French sentences.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from transitions_core.errors import TransitionsError

Analysis = Literal["sobol", "morris"]
#: Share of the variance (ST) or of the largest μ* under which an uncertainty is said not to drive an outcome.
DRIVES = 0.05
RESAMPLES = 500


@dataclass(frozen=True)
class Index:
    """One uncertainty's indices for one outcome: (S1, S1 ± , ST, ST ±) or (μ*, μ* ±, σ)."""

    name: str
    values: dict[str, float]


@dataclass(frozen=True)
class OutcomeIndices:
    """The indices of every uncertainty for one outcome; `constant` when the outcome never moved."""

    outcome: str
    indices: list[Index]
    constant: bool = False


def point_means(
    rows: Sequence[Mapping[str, Any]], outcomes: Sequence[str], points: int
) -> dict[str, list[float]]:
    """Each outcome's mean over the runs of each design point, in point order."""
    sums = {o: [0.0] * points for o in outcomes}
    counts = [0] * points
    for row in rows:
        point = int(row["point"])
        if not 0 <= point < points:
            raise TransitionsError(
                f"point {point} hors du plan ({points} points) : tirages et plan ne vont pas ensemble."
            )
        counts[point] += 1
        for o in outcomes:
            sums[o][point] += float(row[o])
    missing = sum(1 for c in counts if c == 0)
    if missing:
        raise TransitionsError(
            f"{missing} points du plan sur {points} n'ont aucun tirage (expérience interrompue ?) : "
            "relancez `transitions experiment` jusqu'au bout avant d'analyser."
        )
    return {o: [s / c for s, c in zip(sums[o], counts, strict=True)] for o in outcomes}


def analyse(
    design: Mapping[str, Any],
    rows: Sequence[Mapping[str, Any]],
    outcomes: Sequence[str],
    method: Analysis,
    seed: int = 1,
) -> list[OutcomeIndices]:
    """The indices of every outcome, from the recorded design (sidecar) and the rows."""
    import numpy as np

    if design["method"] != method:
        hint = {"sobol": "--design sobol", "morris": "--design morris"}[method]
        raise TransitionsError(
            f"ces tirages suivent un plan {design['method']} : l'analyse {method} demande un plan fait avec "
            f"`transitions experiment … {hint}`."
        )
    names = [u["path"] for u in design["uncertainties"]]
    # Morris reads the points in the unit cube: μ* is the change for a move across a parameter's whole range.
    problem = {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names)}
    matrix = np.asarray(design.get("unit") or design["matrix"], dtype=float)
    means = point_means(rows, outcomes, len(matrix))
    out = []
    for outcome in outcomes:
        y = np.asarray(means[outcome], dtype=float)
        if float(np.ptp(y)) == 0.0:
            out.append(OutcomeIndices(outcome, [], constant=True))
            continue
        out.append(OutcomeIndices(outcome, _indices(problem, matrix, y, method, design, seed)))
    return out


def _indices(
    problem: dict[str, Any], matrix: Any, y: Any, method: Analysis, design: Mapping[str, Any], seed: int
) -> list[Index]:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SALib warns about sample sizes we have already checked
        if method == "sobol":
            from SALib.analyze import sobol

            result = sobol.analyze(
                problem,
                first_order_rows(y, problem["num_vars"], design),
                calc_second_order=False,
                num_resamples=RESAMPLES,
                seed=seed,
            )
            keys: tuple[str, ...] = ("S1", "S1_conf", "ST", "ST_conf")
        else:
            from SALib.analyze import morris

            result = morris.analyze(
                problem,
                matrix,
                y,
                num_resamples=RESAMPLES,
                num_levels=int(design.get("morris_levels") or 4),
                seed=seed,
            )
            keys = ("mu_star", "mu_star_conf", "sigma")
    return [
        Index(name, {key: _finite(result[key][i]) for key in keys}) for i, name in enumerate(problem["names"])
    ]


def first_order_rows(y: Any, dimensions: int, design: Mapping[str, Any]) -> Any:
    """The outcomes S1 and ST read: A, AB_1…AB_D and B of each block of Saltelli's second-order layout.

    A second-order design has blocks of 2D+2 rows (A, AB_j, BA_j, B); S1 and ST need only A, AB_j and B,
    and second-order indices over every pair would cost D²/2 bootstraps (41 uncertainties: 820).
    """
    import numpy as np

    if not design.get("second_order", True):
        return y
    blocks = np.asarray(y).reshape(-1, 2 * dimensions + 2)
    return blocks[:, [*range(dimensions + 1), 2 * dimensions + 1]].ravel()


def _finite(value: Any) -> float:
    number = float(value)
    return number if math.isfinite(number) else 0.0


def main_index(method: Analysis) -> str:
    """The index that ranks the uncertainties: ST for Sobol', μ* for Morris."""
    return "ST" if method == "sobol" else "mu_star"


def drivers(result: OutcomeIndices, method: Analysis) -> list[Index]:
    """The uncertainties that drive an outcome, strongest first."""
    key = main_index(method)
    ranked = sorted(result.indices, key=lambda i: -i.values[key])
    if method == "sobol":
        return [i for i in ranked if i.values[key] >= DRIVES]
    top = ranked[0].values[key] if ranked else 0.0
    return [i for i in ranked if top > 0 and i.values[key] >= DRIVES * top]


def as_json(results: Sequence[OutcomeIndices], method: Analysis) -> dict[str, Any]:
    """The indices as a JSON-ready mapping: outcome → uncertainty → index → value."""
    return {
        "method": method,
        "outcomes": {
            r.outcome: None if r.constant else {i.name: i.values for i in r.indices} for r in results
        },
    }
