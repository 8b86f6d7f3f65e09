"""The pilot project of a territory, its delegation and the regional ally who supports it."""

from __future__ import annotations

from pydantic import Field

from transitions_core.domain.dates import PartialDate
from transitions_core.domain.events.base import DomainEvent, Stage
from transitions_core.domain.values import ActorCategory, Days, MilestoneKind, Person, PilotNote


class PilotProjectChosen(DomainEvent):
    """The territory chooses its pilot project."""

    stage = Stage.PILOT

    title: str
    summary: str
    goals: list[str] = Field(default_factory=list)


class PilotNoteWritten(DomainEvent):
    """One of the three successive notes: intention, then framing (cadrage), then feasibility."""

    stage = Stage.PILOT

    key_fields = ("kind",)

    kind: PilotNote


class AllyAssigned(DomainEvent):
    """A regional ally is assigned to accompany the pilot project.

    `also_did_diagnostic` says whether the ally (one of them, when there are several) had also conducted
    the territory's sensitive diagnostic; `diagnostic_by` names which of `allies` did, when the source says.
    """

    stage = Stage.PILOT

    added_fields = ("diagnostic_by",)

    allies: list[Person]
    also_did_diagnostic: bool | None = None
    diagnostic_by: list[str] = Field(default_factory=list)
    reason: str | None = None


class AccompanimentDaysSpent(DomainEvent):
    """Days of the ally's accompaniment used, counted against the budget."""

    stage = Stage.PILOT

    days: Days


class AccompanimentBudgetExtended(DomainEvent):
    """The accompaniment budget of the territory grows by some days."""

    stage = Stage.PILOT

    days: Days
    reason: str | None = None


class MilestoneReached(DomainEvent):
    """A concrete step: a plan voted, a post created, a label obtained, a decision taken."""

    stage = Stage.PILOT

    kind: MilestoneKind
    description: str


class MilestoneAnnounced(DomainEvent):
    """A concrete step is announced, not yet reached: `occurred` is the announcement, `expected` the step's date."""

    stage = Stage.PILOT

    kind: MilestoneKind
    description: str
    expected: PartialDate | None = None


class DelegationMemberNamed(DomainEvent):
    """Someone in the territory's delegation, by actor category."""

    stage = Stage.PILOT

    member: Person
    category: ActorCategory


class DelegationIncompleteNoted(DomainEvent):
    """The delegation of the four actor categories is not (fully) formed."""

    stage = Stage.PILOT

    missing: list[ActorCategory] = Field(default_factory=list)
    description: str
