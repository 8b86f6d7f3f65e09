"""Cohort set-up: organisations are named, partners join, diagnosticians are trained, the context is noted."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from transitions_core.domain.events.base import DomainEvent, Scope, Stage
from transitions_core.domain.values import Count, PartnerRole, Person


class OrganisationRegistered(DomainEvent):
    """An organisation enters the history of a cohort, with how its name is used in a sentence.

    `article`, `gender` and `number` left out are read from the name: `Les Ateliers du Trégor` is
    plural and takes `les`; a name without a leading article takes none and is singular.
    """

    told = False

    key_fields = ("name",)

    scope = Scope.COHORT

    name: str
    article: str | None = None
    gender: Literal["m", "f"] | None = None
    number: Literal["singular", "plural"] | None = None


class PartnerJoined(DomainEvent):
    """An organisation (or a person) joins the cohort in one or more roles."""

    stage = Stage.CONTEXT

    key_fields = ("organisation",)

    scope = Scope.COHORT

    organisation: str
    roles: list[PartnerRole]
    people: list[Person] = Field(default_factory=list)
    missions: list[str] = Field(default_factory=list)
    diagnostics: Count | None = None


class DiagnosticiansTrained(DomainEvent):
    """People are trained to conduct sensitive diagnostics."""

    stage = Stage.DIAGNOSTIC

    scope = Scope.COHORT

    count: Count
    allies_and_region_agents: Count | None = None
    description: str | None = None


class ContextNoted(DomainEvent):
    """A fact of the cohort's surroundings that explains it (a regional plan, an assembly)."""

    stage = Stage.CONTEXT

    scope = Scope.COHORT

    title: str
    description: str | None = None
