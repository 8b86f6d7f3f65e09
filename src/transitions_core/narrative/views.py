"""Read-only view models handed to narrative plugins. They hold facts, never the store.

A view is the same whichever store the history came from: it is built from the timeline read model
(`build.py`), and everything in it is immutable. `audience` says who it was made for: a `public` view
holds no confidential entry and no person's name (see `audience.py`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import Field

from transitions_core.narrative.status import TerritoryStatus, territory_status
from transitions_core.timeline.stats import CohortStats
from transitions_core.timeline.view import CohortProfile, Profile, TimelineEntry, View


class QuoteView(View):
    """A short attributed quotation, with where it comes from."""

    text: str
    speaker: str | None = None
    context: str


class EffectView(View):
    """An effect of the accompaniment, under the label its source gives it (None when it gives none)."""

    label: str | None = None
    description: str
    observed_by: str
    quotes: tuple[QuoteView, ...] = ()


class LimitView(View):
    """A limit of the accompaniment."""

    description: str
    quotes: tuple[QuoteView, ...] = ()


class PersonView(View):
    """Somebody named in the history."""

    name: str
    role: str | None = None
    organisation: str | None = None


class ViewpointView(View):
    """The ally's or the territory's view of the accompaniment."""

    side: str
    speakers: tuple[PersonView, ...] = ()
    expressed: bool = True
    summary: str | None = None
    quotes: tuple[QuoteView, ...] = ()


class PilotView(View):
    """The pilot project and who supports it."""

    title: str
    summary: str
    goals: tuple[str, ...] = ()
    allies: tuple[PersonView, ...] = ()
    ally_also_did_diagnostic: bool | None = None
    #: The allies who had also conducted the sensitive diagnostic, when known (a lone ally who did is named).
    diagnosed_by: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    days_spent: float = 0
    #: Steps reached (`milestone_reached`), each with its `occurred` date.
    milestones: tuple[dict[str, Any], ...] = ()
    #: Steps announced but not reached yet (`milestone_announced`), each with `occurred` and `expected`.
    announced: tuple[dict[str, Any], ...] = ()


class DiagnosticView(View):
    """How far the sensitive diagnostic went, and what it found."""

    conducted_by: tuple[str, ...] = ()
    started: bool = False
    interviews: int | None = None
    interviews_approximate: bool = False
    pre_restituted: bool = False
    restituted: bool = False
    public: bool | None = None
    findings: tuple[dict[str, Any], ...] = ()


class TerritoryView(View):
    """A territory's history as of a date, ready to narrate."""

    kind: str = "territory"
    #: `internal` or `public`; left out of dumps, as it is not a fact of the history.
    audience: str = Field(default="internal", exclude=True)
    cohort: CohortProfile
    territory: Profile
    as_of: date | None = None
    entries: tuple[TimelineEntry, ...]
    diagnostic: DiagnosticView
    pilot: PilotView | None = None
    effects: tuple[EffectView, ...] = ()
    limits: tuple[LimitView, ...] = ()
    ally_view: ViewpointView | None = None
    territory_view: ViewpointView | None = None
    delegation: tuple[dict[str, Any], ...] = ()
    delegation_gaps: tuple[str, ...] = ()
    quotes: tuple[QuoteView, ...] = ()
    sessions: tuple[TimelineEntry, ...] = ()
    productions: tuple[TimelineEntry, ...] = ()
    #: Where the territory stands, answered from its whole history (`narrative/status.py`): what a
    #: narrative may claim of it. Built from `entries` when a view is made by hand. Derived, not a fact
    #: of the history: dumps leave it out.
    status: TerritoryStatus = Field(
        default_factory=lambda data: territory_status(data["entries"], data.get("as_of")), exclude=True
    )


class DayView(View):
    """One in-person day of the common core."""

    kind: str = "day"
    #: `internal` or `public`; left out of dumps, as it is not a fact of the history.
    audience: str = Field(default="internal", exclude=True)
    cohort: CohortProfile
    day: TimelineEntry
    poems: tuple[TimelineEntry, ...] = ()
    territories: tuple[Profile, ...] = ()


class CohortView(View):
    """A cohort's history as of a date (and, for a digest, within a period)."""

    kind: str = "cohort"
    #: `internal` or `public`; left out of dumps, as it is not a fact of the history.
    audience: str = Field(default="internal", exclude=True)
    cohort: CohortProfile
    as_of: date | None = None
    period_from: date | None = None
    period_to: date | None = None
    stats: CohortStats
    territories: tuple[TerritoryView, ...]
    entries: tuple[TimelineEntry, ...]
    #: Entries dated certainly after the period's end (sessions and territories' steps alike).
    upcoming: tuple[TimelineEntry, ...] = ()
    #: Ids of the territories none of whose entries may be dated within the period: of these alone may a
    #: digest say that nothing happened in it. Derived: dumps leave it out.
    quiet: tuple[str, ...] = Field(default=(), exclude=True)


NarrativeView = TerritoryView | CohortView | DayView
