"""The documents a cohort's history is drawn from, so that narratives attribute only what a source says."""

from __future__ import annotations

from transitions_core.domain.events.base import DomainEvent, Scope
from transitions_core.domain.values import SourceKind


class SourceDeclared(DomainEvent):
    """A document the cohort's history is drawn from; entries cite it in their `source:` as `cited_as`."""

    key_fields = ("title",)
    scope = Scope.COHORT

    title: str
    kind: SourceKind = SourceKind.OTHER
    author: str | None = None
    url: str | None = None
    #: How entries' `source:` name it, before the first comma (`Rapport, Gruissan, …`); the title by default.
    cited_as: str | None = None
