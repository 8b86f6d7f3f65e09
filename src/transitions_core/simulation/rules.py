"""Behavioural rules: objects in a registry that adjust the engine's rates for a territory at a date.

A rule never draws a random number and never emits an event: it only says how a rate changes (an
odds ratio on a probability, a multiplier on a hazard, a speed or a mean) and which limit it explains.
Each one's `params_model` validates its block under `rules:` in a scenario; every parameter can be swept.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, Protocol

from pydantic import BaseModel, Field

from transitions_core.simulation.calendar import Calendar
from transitions_core.simulation.scenario import Backing, Positive, Probability, Spec
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


def _levels(weak: float, strong: float) -> Any:
    return Field(default_factory=lambda: {"weak": weak, "medium": 1.0, "strong": strong})


class BackingParams(RuleParams):
    """Factors by level of political backing (medium = the calibrated reference)."""

    present: dict[Backing, Positive] = _levels(0.7, 1.3)
    join: dict[Backing, Positive] = _levels(0.5, 1.6)
    attend: dict[Backing, Positive] = _levels(0.7, 1.2)
    progress: dict[Backing, Positive] = _levels(0.8, 1.15)
    dropout: dict[Backing, Positive] = _levels(2.5, 0.5)
    effects: dict[Backing, Positive] = _levels(0.75, 1.2)
    limits: dict[Backing, Positive] = _levels(1.2, 0.9)


class PoliticalBacking:
    """Strong backing helps joining, coming, moving on and staying; weak backing the reverse."""

    name = "political_backing"
    params_model: type[BaseModel] = BackingParams
    text = "Manque de portage politique : les élus en responsabilité se sont peu impliqués."

    def adjust(self, quantity: Quantity, value: float, situation: Situation, params: Any) -> float:
        """Look up the factor of the territory's backing level."""
        table: dict[str, float] | None = getattr(params, quantity.value, None)
        if table is None:
            return value
        return scaled(quantity, value, table[situation.candidate.political_backing])

    def limit(self, situation: Situation, params: Any) -> str | None:
        """Weak backing is a limit of its own."""
        return self.text if situation.candidate.political_backing == "weak" else None


class ElectoralParams(RuleParams):
    """Where the programme falls in the municipal mandate."""

    reference_elapsed: Probability = 0.68
    join_slope: float = 2.0
    effects_slope: float = 0.8
    pre_election_months: Positive = 12.0
    pre_election_progress: Positive = 0.7
    pre_election_attend: Positive = 0.8
    pre_election_dropout: Positive = 2.0
    late_from: Probability = 0.6


class ElectoralCalendar:
    """Late in the mandate, fewer join and less comes of it; close to the elections, everything slows."""

    name = "electoral_calendar"
    params_model: type[BaseModel] = ElectoralParams
    text = "Démarche arrivée en fin de mandat : « c'est comme si les carottes étaient cuites »."

    def adjust(self, quantity: Quantity, value: float, situation: Situation, params: Any) -> float:
        """Mandate position for joining and effects; pre-electoral months for the rest."""
        p: ElectoralParams = params
        calendar = situation.calendar
        if quantity in (Quantity.JOIN, Quantity.EFFECTS):
            earlier = p.reference_elapsed - calendar.mandate_elapsed(calendar.launch)
            slope = p.join_slope if quantity is Quantity.JOIN else p.effects_slope
            return scaled(quantity, value, math.exp(slope * earlier))
        if calendar.months_to_elections(situation.day) > p.pre_election_months:
            return value
        factor = {
            Quantity.PROGRESS: p.pre_election_progress,
            Quantity.ATTEND: p.pre_election_attend,
            Quantity.DROPOUT: p.pre_election_dropout,
        }.get(quantity)
        return value if factor is None else scaled(quantity, value, factor)

    def limit(self, situation: Situation, params: Any) -> str | None:
        """A launch late in the mandate is a limit."""
        late = situation.calendar.mandate_elapsed(situation.calendar.launch) >= params.late_from
        return self.text if late else None


def _capacities(low: float, high: float) -> Any:
    return Field(default_factory=lambda: {"low": low, "medium": 1.0, "high": high})


class CapacityParams(RuleParams):
    """Factors by staff capacity; `auto` capacity follows the population."""

    low_below: int = Field(default=2000, ge=0)
    high_from: int = Field(default=50000, ge=0)
    attend: dict[str, Positive] = _capacities(0.6, 1.1)
    progress: dict[str, Positive] = _capacities(0.7, 1.1)
    dropout: dict[str, Positive] = _capacities(2.0, 0.8)


class StaffCapacity:
    """A small team cannot follow the cohort's pace."""

    name = "staff_capacity"
    params_model: type[BaseModel] = CapacityParams
    text = "Peu de moyens humains pour suivre le rythme de la cohorte."

    @staticmethod
    def level(candidate: Candidate, params: CapacityParams) -> str:
        """The territory's capacity, read from its population when the scenario says `auto`."""
        if candidate.staff_capacity != "auto":
            return candidate.staff_capacity
        if candidate.population < params.low_below:
            return "low"
        return "high" if candidate.population >= params.high_from else "medium"

    def adjust(self, quantity: Quantity, value: float, situation: Situation, params: Any) -> float:
        """Look up the factor of the territory's capacity."""
        table: dict[str, float] | None = getattr(params, quantity.value, None)
        if table is None:
            return value
        return scaled(quantity, value, table[self.level(situation.candidate, params)])

    def limit(self, situation: Situation, params: Any) -> str | None:
        """Low capacity is a limit."""
        return self.text if self.level(situation.candidate, params) == "low" else None


class SeasonalParams(RuleParams):
    """The tourist season of territories whose population swells in summer."""

    months: list[int] = Field(default_factory=lambda: [6, 7, 8, 9])
    min_ratio: Positive = 3.0
    progress: Positive = 0.2
    attend: Positive = 0.3


class SeasonalLoad:
    """In high season a seaside town can neither consult nor come to sessions."""

    name = "seasonal_load"
    params_model: type[BaseModel] = SeasonalParams
    text = "La saison touristique a rendu difficile la mobilisation des services et des habitants."

    @staticmethod
    def seasonal(candidate: Candidate, params: SeasonalParams) -> bool:
        """Whether the territory's summer population is `min_ratio` times its own or more."""
        peak = candidate.seasonal_peak
        return peak is not None and peak >= params.min_ratio * candidate.population

    def adjust(self, quantity: Quantity, value: float, situation: Situation, params: Any) -> float:
        """Slow work and sessions down in the season's months."""
        p: SeasonalParams = params
        if quantity not in (Quantity.PROGRESS, Quantity.ATTEND) or situation.day.month not in p.months:
            return value
        if not self.seasonal(situation.candidate, p):
            return value
        return scaled(quantity, value, p.progress if quantity is Quantity.PROGRESS else p.attend)

    def limit(self, situation: Situation, params: Any) -> str | None:
        """A seasonal territory lives the season as a limit."""
        return self.text if self.seasonal(situation.candidate, params) else None


class DelegationParams(RuleParams):
    """Factors when the four actor categories are not all in the delegation."""

    attend: Positive = 0.6
    progress: Positive = 0.85
    effects: Positive = 0.75
    limits: Positive = 1.2


class DelegationCompleteness:
    """Without the four actor categories, carrying the project together is harder."""

    name = "delegation"
    params_model: type[BaseModel] = DelegationParams
    text = "La délégation des 4 Fantastiques n'a pas vraiment été constituée, ce qui limite le portage collectif."

    def adjust(self, quantity: Quantity, value: float, situation: Situation, params: Any) -> float:
        """Apply the incomplete-delegation factor once the delegation is known to be incomplete."""
        if situation.delegation_complete is not False:
            return value
        factor: float | None = getattr(params, quantity.value, None)
        return value if factor is None else scaled(quantity, value, factor)

    def limit(self, situation: Situation, params: Any) -> str | None:
        """An incomplete delegation is a limit."""
        return self.text if situation.delegation_complete is False else None


class RuleRegistry:
    """Behavioural rules by name, applied in registration order; a plugin hook can register more."""

    def __init__(self, rules: Iterable[Rule] = ()) -> None:
        self._rules: dict[str, Rule] = {}
        for rule in rules:
            self.register(rule)

    def register(self, rule: Rule) -> None:
        """Add a rule; names are unique."""
        if rule.name in self._rules:
            raise ValueError(f"une règle « {rule.name} » existe déjà")
        self._rules[rule.name] = rule

    def get(self, name: str) -> Rule | None:
        """The rule called `name`, or None."""
        return self._rules.get(name)

    def names(self) -> list[str]:
        """Registered names, in registration order."""
        return list(self._rules)


def default_rules() -> RuleRegistry:
    """The built-in rules."""
    return RuleRegistry(
        [PoliticalBacking(), ElectoralCalendar(), StaffCapacity(), SeasonalLoad(), DelegationCompleteness()]
    )


class RuleSet:
    """The rules of one scenario, each with its validated parameters; disabled ones are left out."""

    def __init__(self, registry: RuleRegistry, params: dict[str, dict[str, Any]]) -> None:
        self.active: list[tuple[Rule, Any]] = []
        for name in registry.names():
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
