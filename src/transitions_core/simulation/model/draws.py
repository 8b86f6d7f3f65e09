"""numpy's own draws, computed from `Generator.random()` without numpy's per-call overhead.

A run makes a few hundred scalar draws; `Generator.uniform` and `Generator.choice(..., p=...)` cost 3 to
100 times a plain `random()` in argument handling alone. These functions consume the stream exactly as
numpy does and return the same values (tests/simulation/test_fast_path.py compares them on many
seeds), so a seed gives the same history whichever is used.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np


def uniform(rng: np.random.Generator, low: float, high: float) -> float:
    """`rng.uniform(low, high)`: numpy computes `low + (high - low) * random()` in doubles."""
    low = float(low)
    span = float(high) - low
    if not span >= 0:
        raise ValueError(f"uniform({low}, {high}) : il faut low <= high")
    return low + span * rng.random()


def cumulative(weights: Sequence[float]) -> list[float]:
    """The normalised cumulative weights `choice` searches, as numpy builds them (`cumsum`, then `/ last`)."""
    sums = list(accumulate(float(w) for w in weights))
    if not sums or not sums[-1] > 0:
        raise ValueError("probabilities do not sum to 1")
    return [s / sums[-1] for s in sums]


def choice(rng: np.random.Generator, cdf: Sequence[float]) -> int:
    """`rng.choice(len(p), p=p)` for `cdf = cumulative(p)`: one `random()`, then a right bisection."""
    return bisect_right(cdf, rng.random())


def distinct_choices(rng: np.random.Generator, weights: Sequence[float], count: int) -> list[int]:
    """`rng.choice(len(p), count, replace=False, p=p)`: numpy draws a batch, keeps the first occurrence
    of each new index, zeroes the weights found, and draws again for the missing ones."""
    p = [float(w) for w in weights]
    if sum(1 for w in p if w > 0) < count:
        raise ValueError("fewer non-zero entries in p than size")
    found: list[int] = []
    while len(found) < count:
        batch = [rng.random() for _ in range(count - len(found))]
        for index in found:
            p[index] = 0.0
        cdf = cumulative(p)
        for x in batch:
            index = bisect_right(cdf, x)
            if index not in found:
                found.append(index)
    return found
