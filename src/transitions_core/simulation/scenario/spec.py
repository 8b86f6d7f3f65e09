"""The simulation scenario file (`kind: simulation`): cohort composition, calendar, parameters, rules, sweep.

A rate that a cohort's history measures has no default: a scenario states it, as `transitions calibrate`
writes it (`scenarios/baseline-occitanie.yaml` holds the Occitanie cohort's). Every default is a stated
assumption, the same for every cohort; docs/simulation.md gives the reason for each (a test holds the
table to these defaults and to the baseline file).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from transitions_core.domain.territory import DEFAULT_PILOT_DAYS_BUDGET

Probability = Annotated[float, Field(ge=0, le=1)]
Positive = Annotated[float, Field(ge=0, allow_inf_nan=False)]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
Backing = Literal["weak", "medium", "strong"]
Capacity = Literal["auto", "low", "medium", "high"]
DayRange = tuple[Annotated[int, Field(ge=0)], Annotated[int, Field(ge=0)]]


class Spec(BaseModel):
    """Base of every block of a scenario: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _ordered(value: Any) -> Any:
    if value[0] > value[1]:
        raise ValueError(f"intervalle [{value[0]}, {value[1]}] : le début dépasse la fin")
    return value


def assumed(default: Any, low: float, high: float, why: str) -> Any:
    """A parameter the history does not measure: its default, the range an experiment sweeps, and why."""
    return Field(default=default, json_schema_extra={"range": [low, high], "why": why})


class Session(Spec):
    """A dated session of the common core (an in-person day or a webinar)."""

    date: date
    place: str | None = None
    theme: str | None = None


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

    @model_validator(mode="after")
    def _in_order(self) -> CalendarSpec:
        if not self.recruitment_start < self.launch < self.end:
            raise ValueError("il faut recruitment_start < launch < end")
        if not self.mandate_start < self.elections:
            raise ValueError("il faut mandate_start < elections")
        return self


class Recruitment(Spec):
    """The funnel: approached → presented → joined."""

    presentation_events: int = Field(ge=0)
    present: Probability
    join: Probability
    min_cohort: int = Field(default=5, ge=0)
    #: How candidates were brought in: the call first, then the Region's and the allies' proposals (l. 133).
    channel_weights: tuple[Positive, Positive, Positive] = (0.5, 0.3, 0.2)
    #: Days from the approach to the presentation, then from it to the decision.
    present_delay_days: DayRange = (7, 30)
    decide_delay_days: DayRange = (7, 30)

    _ranges = field_validator("present_delay_days", "decide_delay_days")(_ordered)


class Sessions(Spec):
    """Who comes to the common core."""

    in_person_organisers: int = Field(default=10, ge=0)
    webinar_organisers: int = Field(default=4, ge=0)
    attend_in_person: Probability = assumed(
        0.85, 0.5, 1.0, "hypothèse : « peu de constance dans la présence »"
    )
    attend_webinar: Probability = assumed(0.75, 0.4, 1.0, "hypothèse : « peu de constance dans la présence »")
    #: A webinar's length in hours (the history gives none).
    webinar_hours: Positive = 2.0
    people_in_person: Positive
    people_webinar: Positive
    turnout_spread: Positive
    forum_people: Positive


class Diagnostic(Spec):
    """The sensitive diagnostic: delays in days, interviews, restitution."""

    start_delay_days: DayRange = (14, 150)
    interviews_mean: Positive
    interviews_per_week: Positive = assumed(3.0, 1.5, 6.0, "hypothèse : le rythme des entretiens")
    pre_restitution_days: DayRange = (14, 60)
    restitution_days: DayRange = (14, 60)
    public_restitution: Probability

    _ranges = field_validator("start_delay_days", "pre_restitution_days", "restitution_days")(_ordered)


class Pilot(Spec):
    """The pilot project: its choice, three notes, the ally and the accompaniment days."""

    #: Days from the diagnostic's restitution to the pilot's choice (« après la restitution », l. 326).
    choice_delay_days: DayRange = (30, 120)
    note_work_days: Positive = assumed(60.0, 20.0, 240.0, "hypothèse : aucune note datée dans l'historique")
    ally_delay_days: DayRange = (14, 45)
    days_budget: Positive = DEFAULT_PILOT_DAYS_BUDGET
    days_used_share: Probability = assumed(0.85, 0.5, 1.0, "hypothèse : aucun jour consigné")
    #: An ally's days in one territory: the budget × `days_used_share` × U(1 − spread, 1 + spread).
    days_used_spread: Probability = assumed(
        0.25, 0.0, 0.5, "hypothèse : aucun jour d'accompagnement n'est consigné"
    )
    session_days: tuple[Positive, Positive] = (0.5, 2.0)
    #: Days between two of an ally's visits.
    ally_gap_days: DayRange = (14, 42)
    milestones_mean: Positive
    #: The share of milestones a pilot reaches without its feasibility note.
    unfinished_milestones: Probability = assumed(
        0.5, 0.2, 1.0, "hypothèse : part des étapes atteintes sans note de faisabilité, non mesurée"
    )
    #: Days of work between two readings of the pace: fine enough for a season or a pre-electoral year.
    work_step_days: Positive = Field(default=14.0, gt=0)

    _ranges = field_validator("choice_delay_days", "ally_delay_days", "session_days", "ally_gap_days")(
        _ordered
    )


class Evaluation(Spec):
    """What the evaluation finds in each territory still engaged."""

    effects_mean: Positive
    limits_mean: Positive
    unrestituted_effects: Positive = assumed(0.6, 0.2, 1.0, "hypothèse : rien ne la mesure")
    effect_labels: dict[str, Positive]
    #: The evaluation on the calendar's evaluation day (when it falls after the launch), else on the last day.
    on_evaluation_day: bool = True


class Delegation(Spec):
    """The delegation of the four actor categories."""

    complete: Probability
    #: Days from the launch until the delegation is formed.
    formed_within_days: DayRange = (14, 60)

    _ranges = field_validator("formed_within_days")(_ordered)


class ProgrammeCapacity(Spec):
    """What the programme can give at once, shared by every region of a run: regions compete for it.

    « la capacité réelle de l'accompagnement » (l. 567) is finite: diagnostics are made by the
    programme and its allies (l. 62), an ally accompanies each pilot (l. 343), the team reviews the notes.
    """

    #: Diagnostics under way at once (a diagnostician holds one from its start to its restitution).
    diagnosticians: Annotated[int, Field(ge=1)] = assumed(
        8, 2, 16, "hypothèse : une équipe par territoire de la cohorte Occitanie"
    )
    #: Pilots accompanied at once (an ally holds one from its assignment to its last day).
    allies: Annotated[int, Field(ge=1)] = assumed(
        8, 2, 16, "hypothèse : un allié par territoire de la cohorte Occitanie"
    )
    #: The team's days a month for the pilots' notes (refilled monthly, up to three months banked).
    team_days_per_month: Positive = assumed(
        12.0, 2.0, 24.0, "hypothèse : le temps de l'équipe pour relire les notes, non consigné"
    )
    #: The team's days a pilot note takes.
    team_days_per_note: Positive = assumed(
        1.0, 0.0, 3.0, "hypothèse : la relecture d'une note, non consignée"
    )


class Cohesion(Spec):
    """The delegation's cohesion, built at the common core and the peer exchanges, drives effects and limits.

    Cohesion is the weighted share of the sessions held while engaged that the delegation came to (peer
    exchanges weigh `peer_weight`, l. 304: « un des moments forts »). At the evaluation, effects are
    multiplied by exp(effects × (cohesion − reference)) and limits by exp(−limits × (cohesion − reference)):
    the dose-response of docs/simulation.md. `reference` is the baseline's mean cohesion, so the
    calibrated means hold there.
    """

    peer_weight: Positive = assumed(2.0, 1.0, 4.0, "hypothèse : « un des moments forts » (l. 304)")
    reference: Probability = assumed(
        0.73, 0.6, 0.95, "hypothèse : la cohésion moyenne du scénario de référence (0,73 sur 400 tirages)"
    )
    effects: float = assumed(1.5, 0.0, 3.0, "hypothèse : l'apprentissage par les pairs (l. 57)")
    limits: float = assumed(
        1.0, 0.0, 2.0, "hypothèse : une délégation soudée bute sur moins de limites, non mesuré"
    )


class Dropout(Spec):
    """Territories leaving the cohort once engaged."""

    monthly_hazard: Probability


class Parameters(Spec):
    """The model's rates and durations: the measured ones without default, the assumed ones with theirs."""

    recruitment: Recruitment
    sessions: Sessions
    diagnostic: Diagnostic
    pilot: Pilot
    evaluation: Evaluation
    delegation: Delegation
    dropout: Dropout
    capacity: ProgrammeCapacity = Field(default_factory=ProgrammeCapacity)
    cohesion: Cohesion = Field(default_factory=Cohesion)


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


def measured_parameters(model: type[Spec] = Parameters, prefix: str = "parameters") -> list[str]:
    """The dotted paths of the parameters without default: the rates a scenario must state."""
    out: list[str] = []
    for name, field in model.model_fields.items():
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, Spec):
            out.extend(measured_parameters(annotation, f"{prefix}.{name}"))
        elif field.is_required():
            out.append(f"{prefix}.{name}")
    return out


def assumption(block: type[Spec], name: str) -> Any:
    """The stated assumption a parameter of `block` defaults to."""
    field = block.model_fields[name]
    if field.is_required():
        raise KeyError(f"{block.__name__}.{name} is measured: it has no assumed value")
    return field.get_default(call_default_factory=True)
