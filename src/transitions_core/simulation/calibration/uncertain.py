"""`transitions calibrate --uncertain`: the calibrated scenario's `uncertainties:` block.

A measured proportion gets its Wilson 90 % interval over the counts it was measured from (19 approached,
12 presented: the join rate is known to within those 12); a measured mean its 90 % interval from the
Poisson count behind it (normal approximation); the drop-out hazard, with none seen, goes from 0 to the
rule of three; every assumption gets its stated range. Part B's experiments and calibration read them
through `scenario/uncertain.py`.
"""

from __future__ import annotations

import math
from typing import Any

from transitions_core.simulation.calibration.factors import Figures
from transitions_core.simulation.scenario.spec import Scenario
from transitions_core.simulation.scenario.uncertain import assumed_ranges

Z90 = 1.6449


def wilson(successes: int, trials: int, z: float = Z90) -> tuple[float, float]:
    """The Wilson score interval of a proportion (90 % by default)."""
    p = successes / trials
    centre = (p + z * z / (2 * trials)) / (1 + z * z / trials)
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / (1 + z * z / trials)
    return max(centre - half, 0.0), min(centre + half, 1.0)


def uncertainties_block(figures: Figures, document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Path → {low, high, source}: the measured rates' intervals first, then every assumption's range."""
    s = figures.stats
    out: dict[str, dict[str, Any]] = {}
    proportions = [
        ("recruitment.present", s.presented, s.approached, "présentations", "approchés"),
        ("recruitment.join", s.joined, s.presented, "engagés", "présentations"),
        ("delegation.complete", s.joined - figures.incomplete, s.joined, "délégations complètes", "engagés"),
        (
            "diagnostic.public_restitution",
            s.public_restitutions,
            s.diagnostics_restituted,
            "publiques",
            "restitutions",
        ),
    ]
    for path, k, n, what, of in proportions:
        if n > 0:
            low, high = wilson(k, n)
            out[f"parameters.{path}"] = _range(
                low, high, f"historique : {k} {what} / {n} {of}, intervalle de Wilson à 90 %"
            )
    parameters = document["parameters"]
    means = [
        ("evaluation.effects_mean", s.effects, "effets"),
        ("evaluation.limits_mean", s.limits, "limites"),
        ("pilot.milestones_mean", s.milestones, "étapes"),
    ]
    for path, k, what in means:
        block, name = path.split(".")
        value = parameters.get(block, {}).get(name)
        if isinstance(value, int | float) and value > 0 and k > 0:
            spread = Z90 / math.sqrt(k)
            out[f"parameters.{path}"] = _range(
                value * max(1 - spread, 0.0),
                value * (1 + spread),
                f"historique : {k} {what}, intervalle de Poisson à 90 %",
            )
    if s.joined > 0 and figures.months > 0:
        exposure = s.joined * figures.months
        top = min(max(figures.dropped + 3.0, 3.0) / exposure, 1.0)
        out["parameters.dropout.monthly_hazard"] = _range(
            0.0,
            top,
            f"historique : {figures.dropped} abandon(s) sur {exposure:.0f} mois-territoires, jusqu'à la règle de trois",
        )
    scenario = Scenario.model_validate({**document, "uncertainties": {}})
    for path, (low, high, why) in assumed_ranges(scenario).items():
        out.setdefault(path, _range(low, high, why))
    return {path: spec for path, spec in out.items() if spec["low"] < spec["high"]}


def _range(low: float, high: float, source: str) -> dict[str, Any]:
    return {"low": round(low, 4), "high": round(high, 4), "source": source}
