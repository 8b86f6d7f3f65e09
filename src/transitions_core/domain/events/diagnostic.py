"""The sensitive diagnostic (diagnostic sensible) of a territory, and the cohort's totals."""

from __future__ import annotations

from pydantic import Field

from transitions_core.domain.events.base import DomainEvent, Scope, Stage
from transitions_core.domain.values import Count, FindingKind, Quote


class DiagnosticStarted(DomainEvent):
    """The sensitive diagnostic of the territory starts; `conducted_by` is empty when unknown."""

    stage = Stage.DIAGNOSTIC

    conducted_by: list[str] = Field(default_factory=list)


class InterviewsHeld(DomainEvent):
    """Interviews held for the diagnostic."""

    stage = Stage.DIAGNOSTIC

    count: Count | None = None
    approximate: bool = False


class DiagnosticPreRestituted(DomainEvent):
    """The findings are first presented to the head of the executive."""

    stage = Stage.DIAGNOSTIC

    to: str | None = None


class DiagnosticRestituted(DomainEvent):
    """The findings are presented to the people interviewed, at least."""

    stage = Stage.DIAGNOSTIC

    public: bool | None = None
    audience: str | None = None


class FindingRecorded(DomainEvent):
    """A strength, fragility, tension, opportunity or resistance the diagnostic brought out."""

    stage = Stage.DIAGNOSTIC

    kind: FindingKind
    summary: str
    quotes: list[Quote] = Field(default_factory=list)


class CrossFindingRecorded(DomainEvent):
    """A finding shared by several territories' diagnostics."""

    stage = Stage.DIAGNOSTIC

    scope = Scope.COHORT

    kind: FindingKind
    title: str
    summary: str


class DiagnosticsTallied(DomainEvent):
    """The cohort's own totals for the diagnostics, when they are known only in aggregate."""

    stage = Stage.DIAGNOSTIC

    scope = Scope.COHORT

    diagnostics: Count
    interviews: Count | None = None
    feedback: list[Quote] = Field(default_factory=list)
