"""Storytelling (mise en récits): poems, video portraits, newsletters, articles."""

from __future__ import annotations

from pydantic import Field

from transitions_core.domain.events.base import DomainEvent, Scope, Stage
from transitions_core.domain.values import Count, ProductionKind


class ProductionPublished(DomainEvent):
    """A piece of storytelling is published; `about` names the territories it portrays."""

    stage = Stage.STORYTELLING

    key_fields = ("kind", "title")

    scope = Scope.COHORT
    shared_with_territories = True

    kind: ProductionKind
    title: str
    author: str
    number: Count | None = None
    about: list[str] = Field(default_factory=list)
    in_person_day: Count | None = None
    where: str | None = None
