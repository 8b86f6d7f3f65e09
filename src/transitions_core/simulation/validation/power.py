"""How often the calibration check notices a wrong model (its power), and how often it blames a right one.

A figure-by-figure check ("every recorded figure within its 5-95 % band") tests many figures at once: a right
model fails it often by chance. So the check is also made joint: it counts the figures outside their band and
rejects when that count exceeds what 95 % of the model's own histories give (a 5 % false alarm rate by
construction). Both are measured:

- false alarms: histories simulated by the calibrated model itself (other seeds), checked against its runs;
- power: wrong models, the calibrated scenario with the joining rate and the mean effects moved over a grid
  (the settings of issue 17: join 0.42 to 0.95, effects ×0.59 to ×1.54), each checked against the record.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from transitions_core.simulation.model.run import Models
from transitions_core.simulation.scenario.loading import LoadedScenario
from transitions_core.simulation.scenario.uncertain import with_values
from transitions_core.simulation.validation.check import Band, bands, is_breakdown, predictive_rows
from transitions_core.simulation.validation.posterior import Posterior

JOIN = (0.42, 0.55, None, 0.80, 0.95)  # None: the calibrated value
EFFECTS = (0.59, 1.0, 1.54)  # multipliers of the calibrated mean


def outside(found: Sequence[Band], breakdowns: bool) -> int:
    """How many figures lie outside their band (breakdowns included or not)."""
    return sum(1 for b in found if not b.inside and (breakdowns or not is_breakdown(b.column)))


@dataclass(frozen=True)
class Setting:
    """One model of the grid, and how many recorded figures fall outside its bands."""

    join: float
    effects_mean: float
    right: bool
    outside_main: int
    outside_all: int


@dataclass(frozen=True)
class Power:
    """The grid's counts, and the distribution of the counts on the calibrated model's own histories."""

    settings: list[Setting]
    own_main: list[int]
    own_all: list[int]

    def threshold(self, breakdowns: bool) -> int:
        """The joint check's limit: the count that 95 % of the model's own histories do not exceed."""
        counts = sorted(self.own_all if breakdowns else self.own_main)
        return counts[min(len(counts) - 1, int(0.95 * len(counts)))] if counts else 0

    def rejects(self, setting: Setting, breakdowns: bool, joint: bool) -> bool:
        """Whether the check rejects a setting: any figure outside (naive), or more than the threshold (joint)."""
        count = setting.outside_all if breakdowns else setting.outside_main
        return count > (self.threshold(breakdowns) if joint else 0)

    def power(self, breakdowns: bool, joint: bool) -> float:
        """The share of wrong models the check rejects."""
        wrong = [s for s in self.settings if not s.right]
        return sum(self.rejects(s, breakdowns, joint) for s in wrong) / len(wrong)

    def false_alarms(self, breakdowns: bool, joint: bool) -> float:
        """The share of the calibrated model's own histories the check rejects."""
        counts = self.own_all if breakdowns else self.own_main
        limit = self.threshold(breakdowns) if joint else 0
        return sum(c > limit for c in counts) / len(counts) if counts else 0.0


def measure_power(
    loaded: LoadedScenario,
    figures: Mapping[str, float],
    runs: int,
    seed: int,
    models: Models,
    posterior: Posterior | None = None,
    workers: int = 1,
    histories: int = 100,
) -> Power:
    """Check every setting of the grid, then `histories` of the calibrated model's own histories."""
    parameters = loaded.scenario.parameters
    join0, effects0 = parameters.recruitment.join, parameters.evaluation.effects_mean
    settings = []
    for join in JOIN:
        for factor in EFFECTS:
            values = {
                "parameters.recruitment.join": join0 if join is None else join,
                "parameters.evaluation.effects_mean": effects0 * factor,
            }
            scenario = with_values(loaded.scenario, values, models.rules, models.generators)
            wrong = LoadedScenario(loaded.path, scenario, loaded.digest, loaded.points)
            found = bands(predictive_rows(wrong, runs, seed, models, posterior, workers), figures)
            settings.append(
                Setting(
                    float(values["parameters.recruitment.join"]),
                    float(values["parameters.evaluation.effects_mean"]),
                    join is None and factor == 1.0,
                    outside(found, False),
                    outside(found, True),
                )
            )
    own = predictive_rows(loaded, runs, seed, models, posterior, workers)
    pseudo = predictive_rows(loaded, histories, seed + 1, models, posterior, workers)
    own_main, own_all = [], []
    for history in pseudo:
        found = bands(own, {c: float(history[c]) for c in figures if c in history})
        own_main.append(outside(found, False))
        own_all.append(outside(found, True))
    return Power(settings, own_main, own_all)
