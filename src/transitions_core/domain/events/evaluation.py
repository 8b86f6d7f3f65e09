"""Evaluation: the embedded evaluator, the evaluation day, effects, limits and viewpoints."""

from __future__ import annotations

from pydantic import Field

from transitions_core.domain.dates import PartialDate
from transitions_core.domain.events.base import DomainEvent, Scope, Stage
from transitions_core.domain.values import Count, Observer, Person, Quote, Side


class EvaluationDayHeld(DomainEvent):
    """The day given over to evaluating the effects and limits of the accompaniment."""

    stage = Stage.EVALUATION

    scope = Scope.COHORT
    shared_with_territories = True

    place: str | None = None
    in_person_day: Count | None = None
    objectives: list[str] = Field(default_factory=list)


class EvaluationInterviewsHeld(DomainEvent):
    """The evaluator's interviews with the actors, as the accompaniment goes along."""

    stage = Stage.EVALUATION

    scope = Scope.COHORT

    by: str
    description: str | None = None


class EvaluationReportExpected(DomainEvent):
    """The final evaluation report is announced for a date; `by` names its author when the source does."""

    stage = Stage.EVALUATION

    scope = Scope.COHORT

    by: str | None = None
    #: A date (EDTF): every narrative writes it in words.
    due: PartialDate


class EffectObserved(DomainEvent):
    """An effect of the accompaniment on the territory, under the short label its source gives it, if any."""

    stage = Stage.EVALUATION

    key_fields = ("label",)

    label: str | None = None
    description: str
    observed_by: Observer = Observer.UNKNOWN
    quotes: list[Quote] = Field(default_factory=list)


class LimitObserved(DomainEvent):
    """A limit of the accompaniment as the territory lived it."""

    stage = Stage.EVALUATION

    description: str
    observed_by: Observer = Observer.UNKNOWN
    quotes: list[Quote] = Field(default_factory=list)


class ViewpointRecorded(DomainEvent):
    """The ally's or the territory's view of the accompaniment; `expressed` is False when none was given."""

    stage = Stage.EVALUATION

    key_fields = ("side",)

    side: Side
    speakers: list[Person] = Field(default_factory=list)
    expressed: bool = True
    summary: str | None = None
    quotes: list[Quote] = Field(default_factory=list)
