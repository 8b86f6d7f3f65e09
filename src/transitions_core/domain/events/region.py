"""The Region's own accompaniment as an institution."""

from __future__ import annotations

from pydantic import Field

from transitions_core.domain.events.base import DomainEvent, Scope, Stage


class RegionalEventCoOrganised(DomainEvent):
    """An event organised with the Region's services."""

    stage = Stage.REGION

    scope = Scope.COHORT

    title: str
    place: str | None = None
    participants: list[str] = Field(default_factory=list)
    description: str | None = None


class RegionIntentNoteSent(DomainEvent):
    """A note of intent frames the accompaniment of the Region."""

    stage = Stage.REGION

    scope = Scope.COHORT

    orientations: list[str]


class RegionActionSheetsDrafted(DomainEvent):
    """The orientations become action sheets."""

    stage = Stage.REGION

    scope = Scope.COHORT

    plan: str | None = None
    sheets: list[str]


class RegionActionsNotCarriedOut(DomainEvent):
    """Actions agreed with the Region that could not be carried out, and why."""

    stage = Stage.REGION

    scope = Scope.COHORT

    actions: list[str] = Field(default_factory=list)
    reasons: list[str]
