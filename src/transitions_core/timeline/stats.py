"""A cohort's figures, computed from its corrected timeline: funnel, sessions, diagnostics, pilots, effects."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict

from transitions_core.timeline.readmodel import TimelineReadModel
from transitions_core.timeline.trusted import trusted
from transitions_core.timeline.view import TimelineEntry, corrected_entries


class Range(BaseModel):
    """The lowest and highest attendance reported for a kind of session."""

    model_config = ConfigDict(frozen=True, defer_build=True)  # built on first use: a replay never needs it

    low: int | None = None
    high: int | None = None


class CohortStats(BaseModel):
    """What `transitions stats` reports."""

    model_config = ConfigDict(frozen=True, defer_build=True)  # built on first use: a replay never needs it

    cohort: str
    name: str
    presentation_events: int
    approached: int
    presented: int
    joined: int
    #: Territories that declined to join (a `territory_declined` before any `territory_joined`).
    declined: int
    #: Territories that left the cohort after joining: drop-outs, not refusals.
    dropped_out: int = 0
    in_person_days: int
    in_person_attendance: Range
    webinars: int
    #: Webinars recorded, among those whose recording the history states; None when it states none.
    webinars_recorded: int | None
    #: Webinars whose recording the history does not state (a narrative claims no absence for them).
    webinars_recording_unknown: int = 0
    webinar_attendance: Range
    forums: int
    forum_attendance: int | None
    peer_exchanges: int
    diagnostics_started: int
    diagnostics_restituted: int
    public_restitutions: int
    interviews: int | None
    #: Whether that figure adds counts the history gives as approximate (« une vingtaine »).
    interviews_approximate: bool = False
    interviews_by_territory: int
    people_trained: int | None
    pilots_chosen: int
    notes_written: dict[str, int]
    allies_assigned: int
    days_spent: float
    days_budget: float | None
    milestones: int
    #: Steps announced for later, not yet reached (not counted in `milestones`).
    milestones_announced: int = 0
    effects: int
    effects_by_label: dict[str, int]
    limits: int
    productions: dict[str, int]


ALWAYS_KEPT = ("cohort_opened", "territory_registered")


def cohort_stats(
    readmodel: TimelineReadModel,
    cohort: str,
    as_of: date | None = None,
    confidential: bool = True,
    every: Sequence[TimelineEntry] | None = None,
) -> CohortStats:
    """Count what the cohort's history records (as of a date); figures given only in aggregate are used as given.

    With `confidential=False`, confidential entries are not counted (the figures of a public narrative).
    `every` is all the cohort's corrected entries in recording order, when the caller has read them.
    """
    entries = [
        e
        for e in (corrected_entries(readmodel.rows(cohort)) if every is None else every)
        if (as_of is None or e.type in ALWAYS_KEPT or e.occurred.certainly_by(as_of))
        and (confidential or not e.confidential)
    ]
    by_type: dict[str, list[TimelineEntry]] = {}
    for entry in entries:
        by_type.setdefault(entry.type, []).append(entry)

    def of(kind: str) -> list[dict[str, Any]]:
        return [e.facts for e in by_type.get(kind, [])]

    opened = of("cohort_opened")[0]
    unnamed = of("unnamed_territories_approached")
    days = of("in_person_day_held")
    webinars = of("webinar_held")
    forums = of("pilot_forum_held")
    tallies = of("diagnostics_tallied")
    interviews_known = sum(f["count"] or 0 for f in of("interviews_held"))
    tallied = [f["interviews"] for f in tallies if f.get("interviews") is not None]
    joined = len(of("territory_joined"))
    engaged = {e.territory for e in by_type.get("territory_joined", [])}
    # A drop-out is `territory_left`; older histories said it as a decline after joining.
    late = sum(1 for e in by_type.get("territory_declined", []) if e.territory in engaged)
    left = len(by_type.get("territory_left", [])) + late
    budget = opened.get("pilot_days_budget")
    trained = [f["count"] for f in of("diagnosticians_trained")]
    effects = of("effect_observed")
    # An effect the source gives no label is counted among the effects, under no label.
    labels = Counter(f["label"].lower() for f in effects if f.get("label"))
    spent = sum(f["days"] for f in of("accompaniment_days_spent"))
    extended = sum(f["days"] for f in of("accompaniment_budget_extended"))
    return trusted(
        CohortStats,
        cohort=cohort,
        name=opened["name"],
        presentation_events=sum(f["count"] for f in of("call_for_applications_presented")),
        approached=len(of("territory_approached")) + sum(f["count"] for f in unnamed),
        presented=len(of("scheme_presented")) + sum(f["presented"] for f in unnamed),
        joined=joined,
        declined=len(of("territory_declined")) - late,
        dropped_out=left,
        in_person_days=len(days),
        in_person_attendance=_range(days),
        webinars=len(webinars),
        webinars_recorded=(
            sum(1 for f in webinars if f.get("recorded"))
            if any(f.get("recorded") is not None for f in webinars)
            else None
        ),
        webinars_recording_unknown=sum(1 for f in webinars if f.get("recorded") is None),
        webinar_attendance=_range(webinars),
        forums=sum(f["count"] for f in forums),
        forum_attendance=sum(f["attendance"]["low"] for f in forums if f.get("attendance")) or None,
        peer_exchanges=len(of("peer_exchange_held")),
        diagnostics_started=len(of("diagnostic_started")),
        diagnostics_restituted=len(of("diagnostic_restituted")),
        public_restitutions=sum(1 for f in of("diagnostic_restituted") if f.get("public")),
        interviews=max(tallied) if tallied else (interviews_known or None),
        interviews_approximate=not tallied and any(f.get("approximate") for f in of("interviews_held")),
        interviews_by_territory=interviews_known,
        people_trained=max(trained) if trained else None,
        pilots_chosen=len(of("pilot_project_chosen")),
        notes_written=dict(Counter(f["kind"] for f in of("pilot_note_written"))),
        allies_assigned=len(of("ally_assigned")),
        # Float fields: validation would make an int sum a float.
        days_spent=float(spent),
        days_budget=float(budget * joined + extended) if budget is not None else None,
        milestones=len(of("milestone_reached")),
        milestones_announced=len(of("milestone_announced")),
        effects=len(effects),
        effects_by_label=dict(sorted(labels.items(), key=lambda item: (-item[1], _folded(item[0])))),
        limits=len(of("limit_observed")),
        productions=dict(Counter(f["kind"] for f in of("production_published"))),
    )


def _range(sessions: list[dict[str, Any]]) -> Range:
    lows = [s["attendance"]["low"] for s in sessions if s.get("attendance")]
    highs = [s["attendance"].get("high") or s["attendance"]["low"] for s in sessions if s.get("attendance")]
    return trusted(Range, low=min(lows) if lows else None, high=max(highs) if highs else None)


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
