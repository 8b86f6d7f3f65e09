"""Behavioural rules: objects in a registry that adjust the engine's rates for a territory at a date.

A rule never draws a random number and never emits an event: it only says how a rate changes (an
odds ratio on a probability, a multiplier on a hazard, a speed or a mean) and which limit it explains.
Each one's `params_model` validates its block under `rules:` in a scenario; every parameter can be swept.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, Protocol

from pydantic import BaseModel

from transitions_core.simulation.calendar import Calendar
from transitions_core.simulation.named import NamedRegistry
from transitions_core.simulation.scenario import Spec
from transitions_core.simulation.territories import Candidate


class Quantity(StrEnum):
    """What the engine asks the rules about."""

    PRESENT = "present"  # probability that an approached territory is presented the scheme
    JOIN = "join"  # probability that a presented territory joins
    ATTEND = "attend"  # probability that a delegation comes to a session
    DROPOUT = "dropout"  # monthly hazard of leaving the cohort
    PROGRESS = "progress"  # speed of the diagnostic and pilot work (1 = the calibrated pace)
    EFFECTS = "effects"  # mean number of effects found by the evaluation
    LIMITS = "limits"  # mean number of limits found by the evaluation


PROBABILITIES = frozenset({Quantity.PRESENT, Quantity.JOIN, Quantity.ATTEND})


@dataclass(frozen=True)
class Situation:
    """What a rule may look at: the territory, the day, the calendar, and the delegation if known."""

    candidate: Candidate
    day: date
    calendar: Calendar
    delegation_complete: bool | None = None


class Rule(Protocol):
    """A behavioural rule."""

    name: str
    params_model: type[BaseModel]

    def adjust(self, quantity: Quantity, value: float, situation: Situation, params: Any) -> float:
        """`value` for `quantity`, as this rule changes it."""
        ...

    def limit(self, situation: Situation, params: Any) -> str | None:
        """The limit this rule explains for the territory at its evaluation, if any."""
        ...


def with_odds(probability: float, ratio: float) -> float:
    """A probability after multiplying its odds by `ratio`."""
    if probability <= 0 or probability >= 1:
        return probability
    odds = probability / (1 - probability) * ratio
    return odds / (1 + odds)


def scaled(quantity: Quantity, value: float, factor: float) -> float:
    """Apply `factor` as an odds ratio to a probability, as a multiplier to anything else."""
    return with_odds(value, factor) if quantity in PROBABILITIES else value * factor


class RuleParams(Spec):
    """What every rule's parameters share."""

    enabled: bool = True


class RuleRegistry(NamedRegistry[Rule]):
    """Behavioural rules by name, applied in registration order.

    A rule registered with `by_default=False` (a plugin's) applies only where a scenario names it under
    `rules:`, so that installing a plugin never changes the results of a scenario that does not ask for it.
    """

    noun = "une règle"
    definite = "la règle"

    def __init__(self, rules: Iterable[Rule] = ()) -> None:
        self._by_default: dict[str, bool] = {}
        super().__init__(rules)

    def register(self, rule: Rule, plugin: str | None = None, by_default: bool = True) -> None:
        """Add a rule; names are unique."""
        super().register(rule, plugin)
        self._by_default[rule.name] = by_default

    def applies_by_default(self, name: str) -> bool:
        """Whether the rule applies to a scenario that does not name it (until `enabled: false`)."""
        return self._by_default.get(name, False)


def default_rules() -> RuleRegistry:
    """The built-in rules."""
    from transitions_core.simulation.builtin_plugin import simulation_rules

    return RuleRegistry(simulation_rules())


class RuleSet:
    """The rules of one scenario, each with its validated parameters; disabled and unnamed opt-in ones are left out."""

    def __init__(self, registry: RuleRegistry, params: dict[str, dict[str, Any]]) -> None:
        self.active: list[tuple[Rule, Any]] = []
        for name in registry.names():
            if name not in params and not registry.applies_by_default(name):
                continue
            rule = registry.get(name)
            assert rule is not None
            validated = rule.params_model.model_validate(params.get(name, {}))
            if getattr(validated, "enabled", True):
                self.active.append((rule, validated))

    def adjust(self, quantity: Quantity, value: float, situation: Situation) -> float:
        """`value` after every active rule."""
        for rule, params in self.active:
            value = rule.adjust(quantity, value, situation, params)
        return value

    def limits(self, situation: Situation) -> list[tuple[str, str]]:
        """(rule name, limit text) for each active rule that explains a limit."""
        out = []
        for rule, params in self.active:
            text = rule.limit(situation, params)
            if text:
                out.append((rule.name, text))
        return out
