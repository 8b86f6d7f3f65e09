"""Cohort set-up: partners join, diagnosticians are trained, the regional context is noted."""

from __future__ import annotations

from pydantic import Field

from transitions_core.domain.events.base import DomainEvent, Scope
from transitions_core.domain.values import Count, PartnerRole, Person


class PartnerJoined(DomainEvent):
    """An organisation (or a person) joins the cohort in one or more roles."""

    key_fields = ("organisation",)

    scope = Scope.COHORT

    organisation: str
    roles: list[PartnerRole]
    people: list[Person] = Field(default_factory=list)
    missions: list[str] = Field(default_factory=list)
    diagnostics: Count | None = None


class DiagnosticiansTrained(DomainEvent):
    """People are trained to conduct sensitive diagnostics."""

    scope = Scope.COHORT

    count: Count
    allies_and_region_agents: Count | None = None
    description: str | None = None


class ContextNoted(DomainEvent):
    """A fact of the cohort's surroundings that explains it (a regional plan, an assembly)."""

    scope = Scope.COHORT

    title: str
    description: str | None = None
