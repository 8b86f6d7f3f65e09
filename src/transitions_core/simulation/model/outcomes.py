"""A run's outcome measures, read from its domain events only: what a stored history would show."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from transitions_core.domain.events import (
    AccompanimentDaysSpent,
    AllyAssigned,
    CohortOpened,
    DelegationIncompleteNoted,
    DiagnosticRestituted,
    DiagnosticStarted,
    DomainEvent,
    EffectObserved,
    InPersonDayHeld,
    InterviewsHeld,
    LimitObserved,
    MilestoneReached,
    OrganisationRegistered,
    PilotForumHeld,
    PilotNoteWritten,
    PilotProjectChosen,
    SchemePresented,
    TerritoryApproached,
    TerritoryDeclined,
    TerritoryJoined,
    TerritoryLeft,
    WebinarHeld,
)
from transitions_core.domain.values import PilotNote

#: The measures of every run, in CSV column order, with the French label of the summary table.
MEASURES: dict[str, str] = {
    "approached": "territoires approchés",
    "presented": "présentations",
    "joined": "territoires engagés",
    "declined": "refus après présentation",
    "dropped_out": "abandons en cours de route",
    "cohorts_formed": "cohortes à la taille minimale",
    "delegations_incomplete": "délégations incomplètes",
    "diagnostics_started": "diagnostics engagés",
    "diagnostics_restituted": "diagnostics restitués",
    "public_restitutions": "restitutions publiques",
    "interviews": "entretiens",
    "pilots_chosen": "projets pilotes retenus",
    "notes_intention": "notes d'intention",
    "notes_framing": "notes de cadrage",
    "pilots_feasibility": "projets à la note de faisabilité",
    "allies_assigned": "alliés désignés",
    "days_used": "jours d'accompagnement utilisés",
    "days_budget": "jours d'accompagnement prévus",
    "milestones": "étapes concrètes",
    "effects": "effets observés",
    "limits": "limites observées",
    "in_person_attendance_min": "présence minimale en journée",
    "in_person_attendance_max": "présence maximale en journée",
    "webinar_attendance_min": "présence minimale en webinaire",
    "webinar_attendance_max": "présence maximale en webinaire",
    "forum_attendance": "participants cumulés aux forums",
    "events": "événements émis",
}
#: The measures the printed summary shows (the CSV has them all).
SUMMARY = (
    "approached",
    "presented",
    "joined",
    "dropped_out",
    "diagnostics_restituted",
    "interviews",
    "pilots_feasibility",
    "days_used",
    "effects",
    "limits",
)


def effect_column(label: str) -> str:
    """The CSV column counting one effect label."""
    return f"effect[{label}]"


def limit_column(rule: str) -> str:
    """The CSV column counting the limits a rule explains."""
    return f"limit[{rule}]"


class OutcomeTally:
    """The measures of one run, counted event by event: from stored events, or as the engine decides.

    `measure` feeds it the events of a history; a run whose history is not kept feeds it the same
    kinds and facts directly (`cohort_event` / `territory_event`, the emitter's interface) and builds
    neither the events nor the aggregates. tests/simulation/test_fast_path.py checks both give the same
    rows.
    """

    def __init__(self, labels: Iterable[str], limit_texts: dict[str, str]) -> None:
        self.counts = dict.fromkeys(MEASURES, 0.0)
        self.by_label = {effect_column(label): 0.0 for label in labels}
        self.by_rule = {limit_column(rule): 0.0 for rule in limit_texts.values()}
        self.limit_texts = limit_texts
        self.joined: set[Hashable] = set()
        #: Territories joined, by cohort (the cohort opened last, where events come one cohort at a time).
        self.joined_by_cohort: dict[Hashable, int] = {}
        self.budgets: dict[Hashable, float] = {}
        self.in_person: list[int] = []
        self.webinars: list[int] = []
        self.events = 0

    def cohort(self, key: Hashable) -> CohortTally:
        """The sink of one cohort of the run: the regions' cohorts of a run live at the same time."""
        return CohortTally(self, key)

    def add(
        self, kind: type[DomainEvent], who: Hashable, facts: Mapping[str, Any], cohort: Hashable = None
    ) -> None:
        """Count one event: its type, the aggregate it belongs to, its facts, and its cohort (None: the last
        opened)."""
        if kind is OrganisationRegistered:
            return  # how a simulated organisation's name is said (kept histories only): not a step of the programme
        self.events += 1
        counts = self.counts
        column = COUNTED.get(kind)
        if column is not None:
            counts[column] += 1
        elif kind is EffectObserved:
            counts["effects"] += 1
            column = effect_column(facts["label"])
            self.by_label[column] = self.by_label.get(column, 0.0) + 1
        elif kind is LimitObserved:
            counts["limits"] += 1
            rule = self.limit_texts.get(facts["description"])
            if rule:
                self.by_rule[limit_column(rule)] += 1
        elif kind is AccompanimentDaysSpent:
            counts["days_used"] += facts["days"]
        elif kind is PilotNoteWritten:
            counts[NOTE_COLUMNS[facts["kind"]]] += 1
        elif kind is CohortOpened:
            if cohort is None:
                cohort = len(self.joined_by_cohort)
            self.joined_by_cohort[cohort] = 0
            self.budgets[cohort] = facts.get("pilot_days_budget") or 0.0
        elif kind is TerritoryJoined:
            if cohort is None:
                cohort = next(reversed(self.joined_by_cohort), None)
            counts["joined"] += 1
            counts["days_budget"] += self.budgets[cohort]
            self.joined.add(who)
            self.joined_by_cohort[cohort] += 1
        elif kind is TerritoryDeclined:
            # A store written before `territory_left` says a drop-out as a decline after joining.
            counts["dropped_out" if who in self.joined else "declined"] += 1
        elif kind is InterviewsHeld:
            counts["interviews"] += facts.get("count") or 0
        elif kind is DiagnosticRestituted:
            counts["diagnostics_restituted"] += 1
            counts["public_restitutions"] += 1 if facts.get("public") else 0
        elif kind is InPersonDayHeld:
            self.in_person.append(_attendance(facts))
        elif kind is WebinarHeld:
            self.webinars.append(_attendance(facts))
        elif kind is PilotForumHeld:
            counts["forum_attendance"] += _attendance(facts)

    def measures(self, min_cohort: int) -> dict[str, float]:
        """Every measure of the run, plus one column per effect label and per rule."""
        counts = dict(self.counts)
        counts["cohorts_formed"] = sum(1 for n in self.joined_by_cohort.values() if n >= min_cohort)
        counts["in_person_attendance_min"] = min(self.in_person, default=0)
        counts["in_person_attendance_max"] = max(self.in_person, default=0)
        counts["webinar_attendance_min"] = min(self.webinars, default=0)
        counts["webinar_attendance_max"] = max(self.webinars, default=0)
        counts["events"] = self.events
        return {**counts, **self.by_label, **self.by_rule}


class CohortTally:
    """One cohort's events, counted in the run's tally (the emitter's interface)."""

    def __init__(self, tally: OutcomeTally, key: Hashable) -> None:
        self.tally = tally
        self.key = key

    def cohort_event(self, kind: type[DomainEvent], day: date, /, **facts: Any) -> None:
        """Count a cohort-level event."""
        self.tally.add(kind, None, facts, self.key)

    def territory_event(self, slug: str, kind: type[DomainEvent], day: date, /, **facts: Any) -> None:
        """Count an event of one territory of this cohort."""
        tally = self.tally
        column = COUNTED.get(kind)
        if column is not None:  # what `add` does first, without its call: most events are these
            tally.events += 1
            tally.counts[column] += 1
            return
        tally.add(kind, (self.key, slug), facts, self.key)


#: Kinds that add one to a measure, whatever their facts (looked up first: most events are these).
COUNTED: dict[type[DomainEvent], str] = {
    TerritoryApproached: "approached",
    SchemePresented: "presented",
    TerritoryLeft: "dropped_out",
    DelegationIncompleteNoted: "delegations_incomplete",
    DiagnosticStarted: "diagnostics_started",
    PilotProjectChosen: "pilots_chosen",
    AllyAssigned: "allies_assigned",
    MilestoneReached: "milestones",
}
NOTE_COLUMNS = {
    PilotNote.INTENTION: "notes_intention",
    PilotNote.FRAMING: "notes_framing",
    PilotNote.FEASIBILITY: "pilots_feasibility",
}


def _attendance(facts: Mapping[str, Any]) -> int:
    attendance = facts.get("attendance")
    return attendance.low if attendance else 0


def measure(
    events: Sequence[DomainEvent],
    labels: Iterable[str],
    limit_texts: dict[str, str],
    min_cohort: int,
) -> dict[str, float]:
    """Every measure of one run (all its cohorts), read from its events."""
    tally = OutcomeTally(labels, limit_texts)
    for event in events:
        tally.add(type(event), event.originator_id, vars(event))
    return tally.measures(min_cohort)
