"""PRIM, the Patient Rule Induction Method (Friedman and Fisher, 1999), for scenario discovery.

Peeling, then pasting, as Friedman and Fisher and the EMA Workbench do. Peeling: from the box holding every
point, remove at each step the slice (`alpha` of the points still in, at the low or the high end of one
input) whose removal leaves the highest share of cases of interest, until the box holds less than
`mass_min` of the points. Every box of that trajectory is kept; the chosen one is the box of highest
coverage whose density reaches `threshold` (or the densest, when none does). Pasting: a peel removes a
whole slice at once, so it may cut past the edge of the region it closes in on; the chosen box then grows
back, one slice at a time (`paste_alpha` of the points in it, beyond one of its limits), taking the slice
that keeps the density highest, for as long as the density does not fall. Further boxes are found the same
way on the points outside the first ones ("covering"), and kept only if they reach the threshold. An input
whose values are few (a whole-number parameter) is peeled and pasted a value at a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Box:
    """Limits per input (inclusive), and how the box does on the points it was found on."""

    lower: tuple[float, ...]
    upper: tuple[float, ...]
    coverage: float
    density: float
    mass: float
    restricted: tuple[int, ...]


@dataclass(frozen=True)
class Discovery:
    """The boxes found, the base rate of the cases of interest, and the number of points."""

    boxes: list[Box]
    base_rate: float
    points: int
    cases: int


def _peels(x: Any, inside: Any, alpha: float) -> list[tuple[int, str, float, Any]]:
    """Every candidate peel: (input, side, new limit, the points it keeps)."""
    import numpy as np

    out = []
    for j in range(x.shape[1]):
        column = x[inside, j]
        values = np.unique(column)
        if len(values) < 2:
            continue
        low_cut = float(np.quantile(column, alpha, method="lower"))
        if low_cut <= values[0]:  # too few distinct values: peel the lowest one
            low_cut = float(values[1])
        high_cut = float(np.quantile(column, 1 - alpha, method="higher"))
        if high_cut >= values[-1]:
            high_cut = float(values[-2])
        out.append((j, "lower", low_cut, inside & (x[:, j] >= low_cut)))
        out.append((j, "upper", high_cut, inside & (x[:, j] <= high_cut)))
    return out


def _trajectory(x: Any, y: Any, alpha: float, mass_min: float, total: int) -> list[tuple[Any, Any, Any]]:
    """The peeling trajectory: (lower, upper, points inside) of every box, the whole box first."""
    import numpy as np

    inside = np.ones(len(x), dtype=bool)
    lower, upper = x.min(axis=0).astype(float), x.max(axis=0).astype(float)
    boxes = [(lower.copy(), upper.copy(), inside.copy())]
    while True:
        best = None
        for j, side, cut, kept in _peels(x, inside, alpha):
            n = int(kept.sum())
            if n < mass_min * total or n == int(inside.sum()):
                continue
            key = (float(y[kept].mean()), n)
            if best is None or key > best[0]:
                best = (key, j, side, cut, kept)
        if best is None:
            return boxes
        _, j, side, cut, inside = best
        if side == "lower":
            lower[j] = cut
        else:
            upper[j] = cut
        boxes.append((lower.copy(), upper.copy(), inside.copy()))


def _paste(x: Any, y: Any, lower: Any, upper: Any, inside: Any, alpha: float) -> tuple[Any, Any, Any]:
    """The box grown back slice by slice while its density does not fall: (lower, upper, points inside)."""
    import numpy as np

    lower, upper = lower.copy(), upper.copy()
    while True:
        n = int(inside.sum())
        density = float(y[inside].mean())
        take = max(1, int(np.ceil(alpha * n)))
        best = None
        for j in range(x.shape[1]):
            others = np.ones(len(x), dtype=bool)
            for k in range(x.shape[1]):
                if k != j:
                    others &= (x[:, k] >= lower[k]) & (x[:, k] <= upper[k])
            column = x[:, j]
            for side in ("lower", "upper"):
                beyond = others & (column < lower[j] if side == "lower" else column > upper[j])
                if not beyond.any():
                    continue
                # The `take` nearest points beyond the limit, and every point that ties with the farthest.
                values = np.sort(column[beyond])
                nearest = min(take, len(values))
                limit = float(values[-nearest] if side == "lower" else values[nearest - 1])
                slab = beyond & (column >= limit if side == "lower" else column <= limit)
                grown = inside | slab
                key = (float(y[grown].mean()), int(grown.sum()))
                if best is None or key > best[0]:
                    best = (key, j, side, limit, grown)
        if best is None or best[0][0] < density:
            return lower, upper, inside
        _, j, side, limit, inside = best
        if side == "lower":
            lower[j] = limit
        else:
            upper[j] = limit


def find_boxes(
    inputs: Sequence[Sequence[float]],
    interesting: Sequence[bool],
    boxes: int = 2,
    threshold: float = 0.8,
    alpha: float = 0.05,
    mass_min: float = 0.05,
    paste_alpha: float | None = 0.05,
) -> Discovery:
    """Up to `boxes` boxes where the cases of interest concentrate, pasted unless `paste_alpha` is None;
    coverage and mass are of all the points."""
    import numpy as np

    x = np.asarray(inputs, dtype=float)
    y = np.asarray(interesting, dtype=bool)
    total, cases = len(x), int(y.sum())
    full_lower, full_upper = x.min(axis=0), x.max(axis=0)
    remaining = np.ones(total, dtype=bool)
    found: list[Box] = []
    while len(found) < boxes and cases and y[remaining].any():
        sub_x, sub_y = x[remaining], y[remaining]
        trajectory = _trajectory(sub_x, sub_y, alpha, mass_min, total)
        scored = []
        for lower, upper, inside in trajectory[1:] or trajectory:
            density = float(sub_y[inside].mean())
            coverage = float(sub_y[inside].sum()) / cases
            scored.append((density, coverage, lower, upper, inside))
        good = [s for s in scored if s[0] >= threshold]
        density, coverage, lower, upper, inside = (
            max(good, key=lambda s: (s[1], s[0])) if good else max(scored, key=lambda s: (s[0], s[1]))
        )
        if found and not good:
            break  # after the first box, only boxes that reach the threshold are worth telling
        if paste_alpha:
            lower, upper, inside = _paste(sub_x, sub_y, lower, upper, inside, paste_alpha)
            density = float(sub_y[inside].mean())
            coverage = float(sub_y[inside].sum()) / cases
        restricted = tuple(
            j for j in range(x.shape[1]) if lower[j] > full_lower[j] or upper[j] < full_upper[j]
        )
        if not restricted:
            break
        found.append(
            Box(
                tuple(map(float, lower)),
                tuple(map(float, upper)),
                coverage,
                density,
                float(inside.sum()) / total,
                restricted,
            )
        )
        indices = np.flatnonzero(remaining)
        remaining[indices[inside]] = False
    return Discovery(found, cases / total if total else 0.0, total, cases)
