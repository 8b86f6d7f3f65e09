"""Parameter uncertainty from the recorded counts: a Bayesian bootstrap (Rubin, 1981) for each measured rate.

A rate k/n is the share of n recorded units that succeeded; a mean is the average of one count per engaged
territory. The Bayesian bootstrap weighs the n units by Dirichlet(1, …, 1) weights: the rate's draw is the
weight of the successes (a Beta(k, n − k) draw), the mean's draw the weighted mean of the counts. Each draw
multiplies the scenario's value by draw / estimate, so that a value brought back to a reference territory
(effects, limits) keeps its adjustment, and so that a deliberately wrong value keeps the same relative spread.
A rate observed at 0 or at n cannot move (the bootstrap never leaves the observed support): it stays put.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from transitions_core.simulation.validation.evidence import Evidence

#: The spawn key that keeps the parameter draws of run `i` apart from its regions' streams `(i, region)`.
PARAMETER_STREAM = 1 << 20


@dataclass(frozen=True)
class Posterior:
    """The recorded counts behind each uncertain rate and mean."""

    rates: Mapping[str, tuple[int, int]]
    counts: Mapping[str, list[int]]

    @classmethod
    def of(cls, evidence: Evidence) -> Posterior:
        """The posterior of a cohort's evidence."""
        return cls(evidence.rates, evidence.counts)

    @property
    def paths(self) -> list[str]:
        """The parameters it makes uncertain."""
        return [*self.rates, *self.counts]

    def factors(self, rng: Any) -> dict[str, float]:
        """One draw: each parameter's multiplier (draw / estimate)."""
        out: dict[str, float] = {}
        for path, (k, n) in self.rates.items():
            if 0 < k < n:
                weights = rng.dirichlet([1.0] * n)
                out[path] = float(weights[:k].sum()) / (k / n)
            else:
                out[path] = 1.0
        for path, values in self.counts.items():
            weights = rng.dirichlet([1.0] * len(values))
            mean = sum(values) / len(values)
            out[path] = float(sum(w * v for w, v in zip(weights, values, strict=True))) / mean
        return out


def drawn_values(document: Mapping[str, Any], factors: Mapping[str, float]) -> dict[str, float]:
    """The scenario's values at the factors' paths, multiplied (a rate kept within [0, 1])."""
    out = {}
    for path, factor in factors.items():
        node: Any = document
        for part in path.split("."):
            node = node[part]
        value = float(node) * factor
        out[path] = min(value, 1.0) if path.rsplit(".", 1)[-1] in RATES else value
    return out


RATES = frozenset({"present", "join", "public_restitution"})
