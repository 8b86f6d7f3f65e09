"""The simulation scenario file (`kind: simulation`): cohort composition, calendar, parameters, rules, sweep.

A rate that a cohort's history measures has no default: a scenario states it, as `transitions calibrate`
writes it (`scenarios/baseline-occitanie.yaml` holds the Occitanie cohort's). Every default is a stated
assumption, the same for every cohort; docs/simulation.md gives the reason for each (a test holds the
table to these defaults and to the baseline file).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from transitions_core.simulation.scenario.base import (
    Backing,
    Capacity,
    DayRange,
    Positive,
    Probability,
    Slug,
    Spec,
    assumed,
    ordered,
)
from transitions_core.simulation.scenario.parameters import (
    Cohesion,
    Delegation,
    Diagnostic,
    Dropout,
    Evaluation,
    Parameters,
    Pilot,
    ProgrammeCapacity,
    Recruitment,
    Sessions,
    assumption,
    measured_parameters,
)
from transitions_core.simulation.scenario.sessions import (
    KINDS,
    Session,
    SessionCounts,
    TooManySessions,
    held,
    held_days,
)


class Forums(Spec):
    """The optional pilot forums, spread over a window."""

    start: date
    end: date
    count: int = Field(ge=0)


class CalendarSpec(Spec):
    """The programme's dates; `shift_months` moves all of them, but not the electoral calendar."""

    recruitment_start: date
    launch: date
    end: date
    shift_months: int = 0
    # The national calendar of municipal elections, not a cohort's: the 2020 councils (second round of
    # 28 June 2020) until the first round of 15 March 2026; the model repeats it every six years.
    mandate_start: date = date(2020, 6, 28)
    elections: date = date(2026, 3, 15)
    in_person_days: list[Session] = Field(default_factory=list)
    webinars: list[Session] = Field(default_factory=list)
    forums: Forums | None = None
    peer_exchanges: list[date] = Field(default_factory=list)
    evaluation_day: Session | None = None
    #: How many sessions of each kind are held (a lever); absent, as many as are dated.
    sessions: SessionCounts = Field(default_factory=SessionCounts, validate_default=True)

    @field_validator("sessions")
    @classmethod
    def _counted(cls, counts: SessionCounts, info: ValidationInfo) -> SessionCounts:
        dated = info.data
        if any(dated.get(name) is None for name, _ in KINDS.values()) or "launch" not in dated:
            return counts  # a date or a list is wrong: that error is the one to tell
        filled = {
            kind: len(dated[name]) if getattr(counts, kind) is None else getattr(counts, kind)
            for kind, (name, _) in KINDS.items()
        }
        window = _common_core(dated)
        for kind, (name, words) in KINDS.items():
            try:
                (held_days if kind == "peer_exchanges" else held)(dated[name], filled[kind], window)
            except TooManySessions as error:
                raise error.told(kind, filled[kind], words) from None
        return SessionCounts(**filled)

    def held(self) -> tuple[list[Session], list[Session], list[date]]:
        """The in-person days, webinars and peer exchanges held: the dated ones, or as many as `sessions` says."""
        window = _common_core(self.__dict__)
        counts = self.sessions
        return (
            held(self.in_person_days, counts.in_person or 0, window),
            held(self.webinars, counts.webinars or 0, window),
            held_days(self.peer_exchanges, counts.peer_exchanges or 0, window),
        )

    @model_validator(mode="after")
    def _in_order(self) -> CalendarSpec:
        if not self.recruitment_start < self.launch < self.end:
            raise ValueError("il faut recruitment_start < launch < end")
        if not self.mandate_start < self.elections:
            raise ValueError("il faut mandate_start < elections")
        return self


def _common_core(calendar: dict[str, Any]) -> tuple[date, date]:
    """Where sessions added to a kind dated less than twice go: from the launch to the last dated session
    of the common core (the evaluation day included), or to the end when none is dated after the launch."""
    launch: date = calendar["launch"]
    days = [s.date for s in (*calendar["in_person_days"], *calendar["webinars"])]
    days += list(calendar["peer_exchanges"])
    if calendar.get("evaluation_day") is not None:
        days.append(calendar["evaluation_day"].date)
    last = max(days, default=launch)
    return launch, last if last > launch else calendar.get("end") or launch + timedelta(days=365)


class TerritoryProfile(Spec):
    """A listed candidate territory and the attributes the report shows matter."""

    id: Slug
    name: str
    article: Literal["", "le", "la", "les", "l'"] = ""
    gender: Literal["m", "f"] | None = None
    kind: str
    department: str | None = None
    population: int = Field(ge=1)
    seasonal_peak: int | None = Field(default=None, ge=1)
    staff_capacity: Capacity = "auto"
    political_backing: Backing = "medium"
    delegation_complete: bool | None = None


class GeneratorSpec(Spec):
    """Candidates drawn by a registered territory generator (`sampled` is built in)."""

    generator: str = "sampled"
    count: int = Field(ge=0)
    params: dict[str, Any] = Field(default_factory=dict)


class RegionSpec(Spec):
    """One region, one cohort: its listed candidates and those drawn by generators."""

    region: str
    territories: list[TerritoryProfile] = Field(default_factory=list)
    generate: list[GeneratorSpec] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique(self) -> RegionSpec:
        ids = [t.id for t in self.territories]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"territoire « {duplicates[0]} » listé deux fois")
        return self


class SweepSpec(Spec):
    """Values to try: `grid` crosses every list, `points` lists the combinations one by one."""

    grid: dict[str, list[Any]] | None = None
    points: list[dict[str, Any]] | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> SweepSpec:
        if (self.grid is None) == (self.points is None):
            raise ValueError("un balayage a soit « grid », soit « points »")
        return self


Distribution = Literal["uniform", "triangular", "loguniform"]


class UncertaintySpec(Spec):
    """A parameter's plausible values, as an experiment samples them (`scenario/uncertain.py` reads them)."""

    low: float = Field(allow_inf_nan=False)
    high: float = Field(allow_inf_nan=False)
    distribution: Distribution = "uniform"
    #: The most likely value of a triangular distribution (the middle when absent).
    mode: float | None = None
    source: str | None = None

    @model_validator(mode="after")
    def _sound(self) -> UncertaintySpec:
        if not self.low < self.high:
            raise ValueError(f"intervalle vide : low ({self.low}) doit être inférieur à high ({self.high})")
        if self.mode is not None and not self.low <= self.mode <= self.high:
            raise ValueError(f"mode {self.mode} hors de l'intervalle [{self.low}, {self.high}]")
        if self.distribution == "loguniform" and self.low <= 0:
            raise ValueError("une loi log-uniforme demande low > 0")
        return self


class LeverSpec(Spec):
    """A setting the programme controls: a range or the values to try."""

    low: float | None = Field(default=None, allow_inf_nan=False)
    high: float | None = Field(default=None, allow_inf_nan=False)
    values: list[float] | None = Field(default=None, min_length=1)
    description: str | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> LeverSpec:
        if (self.values is None) == (self.low is None or self.high is None):
            raise ValueError("un levier a soit « low » et « high », soit « values »")
        if self.low is not None and self.high is not None and not self.low < self.high:
            raise ValueError(f"intervalle vide : low ({self.low}) doit être inférieur à high ({self.high})")
        return self


class Scenario(Spec):
    """A whole simulation scenario, validated."""

    kind: Literal["simulation"]
    extends: str | None = None
    id: Slug
    title: str
    description: str | None = None
    calibrated_from: str | None = None
    calendar: CalendarSpec
    parameters: Parameters
    rules: dict[str, dict[str, Any]] = Field(default_factory=dict)
    regions: list[RegionSpec] = Field(min_length=1)
    #: Changes applied to the scenario before the sweep, with the sweep's dotted paths (`*` = every item).
    set: dict[str, Any] = Field(default_factory=dict)
    sweep: SweepSpec | None = None
    #: The recorded outcomes of the cohort it was calibrated from, by measure: plots mark them.
    history: dict[str, float] = Field(default_factory=dict)
    #: Dotted path → plausible range, for experiments; absent, every assumption with a range is one.
    uncertainties: dict[str, UncertaintySpec] = Field(default_factory=dict)
    #: Dotted path → what the programme could choose, for experiments; absent, the default levers.
    levers: dict[str, LeverSpec] = Field(default_factory=dict)

    @field_validator("history")
    @classmethod
    def _measured(cls, value: dict[str, float]) -> dict[str, float]:
        from transitions_core.simulation.model.outcomes import MEASURES

        unknown = sorted(set(value) - set(MEASURES))
        if unknown:
            raise ValueError(f"mesure « {unknown[0]} » inconnue ; mesures possibles : {', '.join(MEASURES)}")
        return value


#: The blocks and types of a scenario, those defined in base.py and parameters.py included.
__all__ = [
    "Backing",
    "CalendarSpec",
    "Capacity",
    "Cohesion",
    "DayRange",
    "Delegation",
    "Diagnostic",
    "Distribution",
    "Dropout",
    "Evaluation",
    "Forums",
    "GeneratorSpec",
    "LeverSpec",
    "Parameters",
    "Pilot",
    "Positive",
    "Probability",
    "ProgrammeCapacity",
    "Recruitment",
    "RegionSpec",
    "Scenario",
    "Session",
    "SessionCounts",
    "Sessions",
    "Slug",
    "Spec",
    "SweepSpec",
    "TerritoryProfile",
    "UncertaintySpec",
    "assumed",
    "assumption",
    "measured_parameters",
    "ordered",
]
