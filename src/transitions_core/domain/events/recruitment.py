"""Recruitment: the cohort is opened, territories are approached, presented the scheme, join or decline."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from transitions_core.domain.events.base import DomainEvent, Scope, Stage
from transitions_core.domain.values import Channel, Count, Days

Gender = Literal["m", "f"]


class CohortOpened(DomainEvent):
    """A cohort is set up in a region (the first event of a cohort)."""

    told = False

    scope = Scope.COHORT

    slug: str
    name: str
    region: str
    period: str | None = None
    pilot_days_budget: Days | None = None
    aims: list[str] = Field(default_factory=list)


class CallForApplicationsPresented(DomainEvent):
    """Presentation events of the approach, with testimonies and a call for applications."""

    stage = Stage.RECRUITMENT

    scope = Scope.COHORT

    count: Count = 1
    description: str | None = None


class UnnamedTerritoriesApproached(DomainEvent):
    """Territories approached that the history does not name, and how many saw the scheme presented."""

    stage = Stage.RECRUITMENT

    scope = Scope.COHORT

    count: Count
    presented: Count = 0
    by: list[Channel] = Field(default_factory=list)


class TerritoryRegistered(DomainEvent):
    """A territory enters the history of a cohort, with its profile (the first event of a territory)."""

    told = False

    cohort: str
    slug: str
    name: str
    article: str = ""
    gender: Gender | None = None
    kind: str
    department: str | None = None
    #: The article of the department's name, when the history gives it (a name the place data does not know).
    department_article: str | None = None
    region: str | None = None
    population: Count | None = None
    area_km2: float | None = None
    communes: Count | None = None
    description: str | None = None


class TerritoryApproached(DomainEvent):
    """The territory is approached to join the cohort."""

    stage = Stage.RECRUITMENT

    by: Channel = Channel.UNKNOWN
    by_whom: str | None = None


class SchemePresented(DomainEvent):
    """The accompaniment scheme is presented to the territory."""

    stage = Stage.RECRUITMENT

    by: str | None = None


class TerritoryJoined(DomainEvent):
    """The territory commits to the cohort: from now on it can be accompanied."""

    stage = Stage.RECRUITMENT


class TerritoryDeclined(DomainEvent):
    """The territory decides not to join."""

    stage = Stage.RECRUITMENT

    reason: str | None = None


class TerritoryLeft(DomainEvent):
    """The territory leaves the cohort it had joined: nothing more is accompanied there."""

    stage = Stage.RECRUITMENT

    reason: str | None = None


class CohortClosed(DomainEvent):
    """The cohort ends: nothing more can happen in it, only corrections of the record."""

    scope = Scope.COHORT
