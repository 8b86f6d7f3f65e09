"""The built-in behavioural rules, each read from the report: political backing, the electoral calendar,
staff capacity, the tourist season and the delegation of the four actor categories.

Each also says on which days its answer may change (`changes`, see `rules.Tabulable`): only the electoral
calendar and the tourist season read the day.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from typing import Any

from pydantic import BaseModel, Field

from transitions_core.simulation.model.calendar import Calendar
from transitions_core.simulation.model.territories import Candidate
from transitions_core.simulation.rules.base import Quantity, RuleParams, Situation, scaled
from transitions_core.simulation.scenario.spec import Backing, Positive, Probability, assumed

#: What `changes` says of an answer that no day changes.
NEVER: tuple[date, ...] = ()


def _levels(weak: float, strong: float) -> Any:
    # The range an experiment sweeps each level's factor over: from half to one and a half times it.
    ranges: Any = {
        "weak": [round(weak / 2, 3), round(weak * 1.5, 3)],
        "strong": [round(strong / 2, 3), round(strong * 1.5, 3)],
    }
    return Field(
        default_factory=lambda: {"weak": weak, "medium": 1.0, "strong": strong},
        json_schema_extra={
            "level_ranges": ranges,
            "why": "hypothèse : le rapport dit que le portage compte, pas combien",
        },
    )


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
        # A Quantity is a str: it names its table without going through the enum's `.value`.
        table: dict[str, float] | None = getattr(params, quantity, None)
        if table is None:
            return value
        return scaled(quantity, value, table[situation.candidate.political_backing])

    def changes(
        self, quantity: Quantity, candidate: Candidate, calendar: Calendar, params: Any
    ) -> Sequence[date]:
        """The backing level is the territory's own: no day changes it."""
        return NEVER

    def limit(self, situation: Situation, params: Any) -> str | None:
        """Weak backing is a limit of its own."""
        return self.text if situation.candidate.political_backing == "weak" else None


_MANDATE = "hypothèse : « en fin de mandat c'est comme si les carottes étaient cuites », sans mesure"


class ElectoralParams(RuleParams):
    """Where the programme falls in the municipal mandate."""

    reference_elapsed: Probability = 0.68
    join_slope: float = assumed(2.0, 0.0, 4.0, _MANDATE)
    effects_slope: float = assumed(0.8, 0.0, 2.0, _MANDATE)
    pre_election_months: Positive = assumed(12.0, 6.0, 18.0, _MANDATE)
    pre_election_progress: Positive = assumed(0.7, 0.4, 1.0, _MANDATE)
    pre_election_attend: Positive = assumed(0.8, 0.5, 1.0, _MANDATE)
    pre_election_dropout: Positive = assumed(2.0, 1.0, 4.0, _MANDATE)
    late_from: Probability = 0.6


_MANDATE_QUANTITIES = frozenset({Quantity.JOIN, Quantity.EFFECTS})
_PRE_ELECTION_QUANTITIES = {
    Quantity.PROGRESS: "pre_election_progress",
    Quantity.ATTEND: "pre_election_attend",
    Quantity.DROPOUT: "pre_election_dropout",
}


class ElectoralCalendar:
    """Late in the mandate, fewer join and less comes of it; close to the elections, everything slows."""

    name = "electoral_calendar"
    params_model: type[BaseModel] = ElectoralParams
    text = "Démarche arrivée en fin de mandat : « c'est comme si les carottes étaient cuites »."

    def adjust(self, quantity: Quantity, value: float, situation: Situation, params: Any) -> float:
        """Mandate position for joining and effects; pre-electoral months for the rest."""
        p: ElectoralParams = params
        calendar = situation.calendar
        if quantity in _MANDATE_QUANTITIES:
            earlier = p.reference_elapsed - calendar.mandate_elapsed(calendar.launch)
            slope = p.join_slope if quantity == Quantity.JOIN else p.effects_slope
            return scaled(quantity, value, math.exp(slope * earlier))
        if quantity not in _PRE_ELECTION_QUANTITIES:
            return value
        if calendar.months_to_elections(situation.day) > p.pre_election_months:
            return value
        factor: float = getattr(p, _PRE_ELECTION_QUANTITIES[quantity])
        return scaled(quantity, value, factor)

    def changes(
        self, quantity: Quantity, candidate: Candidate, calendar: Calendar, params: Any
    ) -> Sequence[date]:
        """Where the pre-electoral months begin and end; the mandate position is the launch's."""
        if quantity not in _PRE_ELECTION_QUANTITIES:
            return NEVER
        return calendar.pre_election_changes(params.pre_election_months)

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


_CAPACITY_QUANTITIES = frozenset({Quantity.ATTEND, Quantity.PROGRESS, Quantity.DROPOUT})


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
        if quantity not in _CAPACITY_QUANTITIES:
            return value
        table: dict[str, float] = getattr(params, quantity)
        return scaled(quantity, value, table[self.level(situation.candidate, params)])

    def changes(
        self, quantity: Quantity, candidate: Candidate, calendar: Calendar, params: Any
    ) -> Sequence[date]:
        """The capacity is the territory's own: no day changes it."""
        return NEVER

    def limit(self, situation: Situation, params: Any) -> str | None:
        """Low capacity is a limit."""
        return self.text if self.level(situation.candidate, params) == "low" else None


class SeasonalParams(RuleParams):
    """The tourist season of territories whose population swells in summer."""

    months: list[int] = Field(default_factory=lambda: [6, 7, 8, 9])
    min_ratio: Positive = 3.0
    progress: Positive = assumed(0.2, 0.1, 0.6, "hypothèse : la haute saison de Gruissan, sans mesure")
    attend: Positive = assumed(0.3, 0.1, 0.8, "hypothèse : la haute saison de Gruissan, sans mesure")


_SEASONAL_QUANTITIES = frozenset({Quantity.PROGRESS, Quantity.ATTEND})


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
        if quantity not in _SEASONAL_QUANTITIES or situation.day.month not in p.months:
            return value
        if not self.seasonal(situation.candidate, p):
            return value
        return scaled(quantity, value, p.progress if quantity == Quantity.PROGRESS else p.attend)

    def changes(
        self, quantity: Quantity, candidate: Candidate, calendar: Calendar, params: Any
    ) -> Sequence[date]:
        """The first day of each month, for a seasonal territory's work and sessions."""
        if quantity not in _SEASONAL_QUANTITIES or not self.seasonal(candidate, params):
            return NEVER
        return calendar.month_starts()

    def limit(self, situation: Situation, params: Any) -> str | None:
        """A seasonal territory lives the season as a limit."""
        return self.text if self.seasonal(situation.candidate, params) else None


_DELEGATION = (
    "hypothèse : « ce qui a limité la capacité de mettre en place un portage collectif », sans mesure"
)


class DelegationParams(RuleParams):
    """Factors when the four actor categories are not all in the delegation."""

    attend: Positive = assumed(0.6, 0.4, 1.0, _DELEGATION)
    progress: Positive = assumed(0.85, 0.6, 1.0, _DELEGATION)
    effects: Positive = assumed(0.75, 0.5, 1.1, _DELEGATION)
    #: History: 9 limits for the 3 incomplete delegations (3.0 each) against 24 for the 5 complete ones
    #: (4.8): 3.0 / 4.8. The report's contrast, where the first version assumed 1.2.
    limits: Positive = 0.625


_DELEGATION_QUANTITIES = frozenset({Quantity.ATTEND, Quantity.PROGRESS, Quantity.EFFECTS, Quantity.LIMITS})


class DelegationCompleteness:
    """Without the four actor categories, carrying the project together is harder."""

    name = "delegation"
    params_model: type[BaseModel] = DelegationParams
    text = "La délégation des 4 Fantastiques n'a pas vraiment été constituée, ce qui limite le portage collectif."

    def adjust(self, quantity: Quantity, value: float, situation: Situation, params: Any) -> float:
        """Apply the incomplete-delegation factor once the delegation is known to be incomplete."""
        if situation.delegation_complete is not False or quantity not in _DELEGATION_QUANTITIES:
            return value
        factor: float = getattr(params, quantity)
        return scaled(quantity, value, factor)

    def changes(
        self, quantity: Quantity, candidate: Candidate, calendar: Calendar, params: Any
    ) -> Sequence[date]:
        """Only the delegation changes this rule's answer, and the engine asks with it."""
        return NEVER

    def limit(self, situation: Situation, params: Any) -> str | None:
        """An incomplete delegation is a limit."""
        return self.text if situation.delegation_complete is False else None
