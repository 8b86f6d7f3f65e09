"""The common core (tronc commun): in-person days, webinars, pilot forums and peer exchanges."""

from __future__ import annotations

from pydantic import Field

from transitions_core.domain.events.base import DomainEvent, Scope, Stage
from transitions_core.domain.values import ActorCategory, Count, Headcount, Quote


class _CohortSession(DomainEvent):
    stage = Stage.COMMON_CORE
    scope = Scope.COHORT
    shared_with_territories = True

    #: Territories whose delegation took part; None when the history does not say.
    territories: list[str] | None = None
    attendance: Headcount | None = None


class InPersonDayHeld(_CohortSession):
    """A day of the common core, in person."""

    key_fields = ("number",)

    number: Count
    place: str | None = None
    theme: str
    activities: list[str] = Field(default_factory=list)
    feedback: list[Quote] = Field(default_factory=list)


class WebinarHeld(_CohortSession):
    """A webinar of the common core."""

    key_fields = ("number",)

    number: Count
    theme: str
    duration_hours: float | None = None
    recorded: bool | None = None
    not_recorded_because: str | None = None
    recordings: list[str] = Field(default_factory=list)


class PilotForumHeld(_CohortSession):
    """Optional video forums where delegations talk freely about their pilot projects."""

    count: Count = 1
    format: str | None = None


class PeerExchangeHeld(_CohortSession):
    """Actors of one category (or of each category) meet their peers from other territories."""

    stage = Stage.PEERS

    categories: list[ActorCategory] = Field(default_factory=list)
    occasion: str | None = None
    said: list[Quote] = Field(default_factory=list)
