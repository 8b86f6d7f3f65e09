"""The model's parameters, block by block: the measured rates without default, the assumed ones with
their default, their range (`assumed`) and their source (docs/simulation.md holds the table)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, field_validator

from transitions_core.domain.territory import DEFAULT_PILOT_DAYS_BUDGET
from transitions_core.simulation.scenario.base import DayRange, Positive, Probability, Spec, assumed, ordered


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

    _ranges = field_validator("present_delay_days", "decide_delay_days")(ordered)


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

    _ranges = field_validator("start_delay_days", "pre_restitution_days", "restitution_days")(ordered)


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
        ordered
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

    _ranges = field_validator("formed_within_days")(ordered)


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
    exchanges weigh `peer_weight`, l. 304: « un des moments forts »), times the dose of common core it
    was offered: A(amount) = (1 + headroom)·amount ÷ (headroom + amount), the amount being the sessions
    held over those dated (model/cohesion.py; 1, so A = 1, when the dated sessions are held). At the
    evaluation, effects are multiplied by exp(effects × (cohesion − reference)) and limits by
    exp(−limits × (cohesion − reference)): the dose-response of docs/simulation.md. `reference` is the
    baseline's mean cohesion, so the calibrated means hold there.
    """

    peer_weight: Positive = assumed(2.0, 1.0, 4.0, "hypothèse : « un des moments forts » (l. 304)")
    reference: Probability = assumed(
        0.73, 0.6, 0.95, "hypothèse : la cohésion moyenne du scénario de référence (0,73 sur 400 tirages)"
    )
    effects: float = assumed(1.5, 0.0, 3.0, "hypothèse : l'apprentissage par les pairs (l. 57)")
    limits: float = assumed(
        1.0, 0.0, 2.0, "hypothèse : une délégation soudée bute sur moins de limites, non mesuré"
    )
    #: How far a larger common core can lift cohesion (at most × (1 + headroom)), and the dose at which
    #: half of that is reached, in reference programmes: 1 makes one more session worth half the average.
    headroom: Positive = assumed(
        1.0, 0.25, 2.0, "hypothèse : le socle collectif compte (l. 204), mais son effet n'est pas chiffré"
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
