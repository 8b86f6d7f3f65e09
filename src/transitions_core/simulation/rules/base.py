"""Behavioural rules: objects in a registry that adjust the engine's rates for a territory at a date.

A rule never draws a random number and never emits an event: it only says how a rate changes (an
odds ratio on a probability, a multiplier on a hazard, a speed or a mean) and which limit it explains.
Each one's `params_model` validates its block under `rules:` in a scenario; every parameter can be swept.

A rule may also say on which days its answer can change (`Tabulable.changes`): the engine then asks the
rules once per stretch of days instead of at every step (`TerritoryRules`). A rule that does not say so
is asked every time, as before.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from datetime import date
from enum import StrEnum
from typing import Any, NamedTuple, Protocol, runtime_checkable

from pydantic import BaseModel

from transitions_core.simulation.model.calendar import Calendar
from transitions_core.simulation.model.named import NamedRegistry
from transitions_core.simulation.model.territories import Candidate
from transitions_core.simulation.scenario.spec import Spec


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


class Situation(NamedTuple):
    """What a rule may look at: the territory, the day, the calendar, and the delegation if known."""

    # A NamedTuple, not a frozen dataclass: the engine builds hundreds a run, at a third of the cost.

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


@runtime_checkable
class Tabulable(Protocol):
    """A rule that can say on which days its answer may change, so that the engine asks it less often."""

    def changes(
        self, quantity: Quantity, candidate: Candidate, calendar: Calendar, params: Any
    ) -> Sequence[date] | None:
        """The days from `calendar.start` to `calendar.end` on which `adjust(quantity, …)` for `candidate`
        may differ from the day before, whatever the value and the delegation; None if it may on any day."""
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


#: The rule sets of the scenarios in use, by their `rules:` block: every run of a scenario shares one.
_RULE_SETS: dict[int, tuple[RuleRegistry, dict[str, dict[str, Any]], RuleSet]] = {}


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
        #: Whether every active rule says on which days its answer may change (checked once, not per territory).
        self.tabulable = all(isinstance(rule, Tabulable) for rule, _ in self.active)

    @classmethod
    def of(cls, registry: RuleRegistry, params: dict[str, dict[str, Any]]) -> RuleSet:
        """The rule set of a scenario's `rules:`, validated once for all the runs that share them."""
        known = _RULE_SETS.get(id(params))
        if known is None or known[0] is not registry or known[1] is not params:
            if len(_RULE_SETS) > 64:
                _RULE_SETS.clear()
            known = _RULE_SETS[id(params)] = (registry, params, cls(registry, params))
        return known[2]

    def adjust(self, quantity: Quantity, value: float, situation: Situation) -> float:
        """`value` after every active rule."""
        for rule, params in self.active:
            value = rule.adjust(quantity, value, situation, params)
        return value

    def changes(self, quantity: Quantity, candidate: Candidate, calendar: Calendar) -> list[int] | None:
        """Offsets from `calendar.start` of the days on which some rule's answer may change; None if unknown."""
        if not self.tabulable:
            return None
        days: set[date] = set()
        for rule, params in self.active:
            said = rule.changes(quantity, candidate, calendar, params)  # type: ignore[attr-defined]
            if said is None:
                return None
            days.update(said)
        start = calendar.start
        return sorted((day - start).days for day in days)

    def territory(self, candidate: Candidate, calendar: Calendar) -> TerritoryRules:
        """The rules as one territory's life asks them, by simulation time."""
        return TerritoryRules(self, candidate, calendar)

    def limits(self, situation: Situation) -> list[tuple[str, str]]:
        """(rule name, limit text) for each active rule that explains a limit."""
        out = []
        for rule, params in self.active:
            text = rule.limit(situation, params)
            if text:
                out.append((rule.name, text))
        return out


class TerritoryRules:
    """The rules' answers for one territory in one run, worked out once per stretch of days where they hold.

    An answer depends on the quantity, the value, the delegation and the day; where every active rule
    says on which days its answer may change (`Tabulable`), days between two changes share one answer,
    computed by `RuleSet.adjust` on the first of them that is asked. Otherwise, or outside the programme,
    every question goes to `RuleSet.adjust`. tests/simulation/test_tabulated_rules.py checks both agree.
    """

    def __init__(self, rules: RuleSet, candidate: Candidate, calendar: Calendar) -> None:
        self.rules = rules
        self.candidate = candidate
        self.calendar = calendar
        self.last = (calendar.end - calendar.start).days
        self._changes: dict[Quantity, list[int] | None] = {}
        self._answers: dict[tuple[Quantity, float, int, bool | None], float] = {}

    def adjust(
        self, quantity: Quantity, value: float, time: float, delegation_complete: bool | None
    ) -> float:
        """`RuleSet.adjust` of `value` for this territory at simulation time `time`."""
        offset = int(time)  # the day `Calendar.at(time)` gives
        try:
            changes = self._changes[quantity]
        except KeyError:
            changes = self._changes[quantity] = self.rules.changes(quantity, self.candidate, self.calendar)
        if changes is None or not 0 <= offset <= self.last:
            return self.rules.adjust(quantity, value, self.situation(time, delegation_complete))
        key = (quantity, value, bisect_right(changes, offset), delegation_complete)
        answer = self._answers.get(key)
        if answer is None:
            answer = self._answers[key] = self.rules.adjust(
                quantity, value, self.situation(time, delegation_complete)
            )
        return answer

    def stretch(
        self, quantity: Quantity, value: float, time: float, delegation_complete: bool | None
    ) -> tuple[float, int]:
        """`adjust`'s answer at `time`, and the first day (an offset from `calendar.start`) it may not hold.

        `adjust` written out with one bisection for both: the engine's work and drop-out ask this.
        """
        offset = int(time)
        try:
            changes = self._changes[quantity]
        except KeyError:
            changes = self._changes[quantity] = self.rules.changes(quantity, self.candidate, self.calendar)
        if changes is None or not 0 <= offset <= self.last:
            return self.rules.adjust(quantity, value, self.situation(time, delegation_complete)), offset + 1
        index = bisect_right(changes, offset)
        key = (quantity, value, index, delegation_complete)
        answer = self._answers.get(key)
        if answer is None:
            answer = self._answers[key] = self.rules.adjust(
                quantity, value, self.situation(time, delegation_complete)
            )
        return answer, changes[index] if index < len(changes) else self.last + 1

    def situation(self, time: float, delegation_complete: bool | None) -> Situation:
        """The territory at simulation time `time`, for the rules."""
        calendar = self.calendar
        return Situation(self.candidate, calendar.at(time), calendar, delegation_complete)
