"""Value objects and vocabularies shared by the domain events."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field


class CountMarker:
    """Marks an integer field as a count, which the invariants keep non-negative."""


Count = Annotated[int, CountMarker()]
#: Days are finite: NaN would slip through every comparison with the budget.
Days = Annotated[float, Field(allow_inf_nan=False), CountMarker()]


class Value(BaseModel):
    """Base of the immutable values carried by events."""

    # Built on first use: the narratives import the vocabularies below, a read never validates a value.
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class ActorCategory(StrEnum):
    """The four actor categories of a territory in transition (les « 4 Fantastiques »)."""

    ELECTED = "elected"
    STAFF = "staff"
    STATE = "state"
    SOCIO_ECONOMIC = "socio_economic"


class Channel(StrEnum):
    """Who brought a territory to the programme."""

    CALL_FOR_APPLICATIONS = "call_for_applications"
    REGION = "region"
    ALLY = "ally"
    UNKNOWN = "unknown"


class PartnerRole(StrEnum):
    """What a partner organisation does for the cohort."""

    PIVOT_ALLY = "pivot_ally"
    DIAGNOSTICIAN = "diagnostician"
    ALLY = "ally"
    MEDIA = "media"
    EVALUATOR = "evaluator"
    POET = "poet"
    FUNDER = "funder"


class FindingKind(StrEnum):
    """The five kinds of finding a sensitive diagnostic brings out."""

    STRENGTH = "strength"
    FRAGILITY = "fragility"
    TENSION = "tension"
    OPPORTUNITY = "opportunity"
    RESISTANCE = "resistance"


class PilotNote(StrEnum):
    """The three successive notes that define a pilot project, in their required order."""

    INTENTION = "intention"
    FRAMING = "framing"
    FEASIBILITY = "feasibility"


class MilestoneKind(StrEnum):
    """Concrete steps a pilot project reaches."""

    PLAN_VOTED = "plan_voted"
    POST_CREATED = "post_created"
    LABEL_OBTAINED = "label_obtained"
    DECISION_TAKEN = "decision_taken"
    PRESENTATION = "presentation"
    TRAINING = "training"
    SEMINAR = "seminar"
    OTHER = "other"


class ProductionKind(StrEnum):
    """The storytelling productions (mise en récits)."""

    POEM = "poem"
    VIDEO_PORTRAIT = "video_portrait"
    NEWSLETTER = "newsletter"
    ARTICLE_SERIES = "article_series"
    DAY_SYNTHESIS = "day_synthesis"
    PLATFORM = "platform"
    REPORT = "report"


class SourceKind(StrEnum):
    """What kind of document a cohort's history is drawn from."""

    REPORT = "report"
    EVALUATION = "evaluation"
    MINUTES = "minutes"
    INTERVIEWS = "interviews"
    PRESS = "press"
    NEWSLETTER = "newsletter"
    OTHER = "other"


class Side(StrEnum):
    """Whose viewpoint on the accompaniment is recorded."""

    ALLY = "ally"
    TERRITORY = "territory"


class Observer(StrEnum):
    """Who observed an effect or a limit."""

    TERRITORY = "territory"
    ALLY = "ally"
    EVALUATOR = "evaluator"
    PROGRAMME = "programme"
    UNKNOWN = "unknown"


class Person(Value):
    """Somebody named in the history; every field but the name may be unknown."""

    name: str
    role: str | None = None
    organisation: str | None = None
    category: ActorCategory | None = None


class Headcount(Value):
    """How many people took part: an exact figure, a range, or an approximation."""

    low: Count
    high: Count | None = None
    approximate: bool = False
    cumulative: bool = False


class Quote(Value):
    """A short quotation, attributed when the source attributes it."""

    text: str
    speaker: str | None = None
