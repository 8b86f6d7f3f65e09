"""A run's outcome measures, read from its domain events only: what a stored history would show."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from uuid import UUID

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
    PilotForumHeld,
    PilotNoteWritten,
    PilotProjectChosen,
    SchemePresented,
    TerritoryApproached,
    TerritoryDeclined,
    TerritoryJoined,
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


def measure(
    events: Sequence[DomainEvent],
    labels: Iterable[str],
    limit_texts: dict[str, str],
    min_cohort: int,
) -> dict[str, float]:
    """Every measure of one run (all its cohorts), plus one column per effect label and per rule."""
    counts = dict.fromkeys(MEASURES, 0.0)
    by_label = {effect_column(label): 0.0 for label in labels}
    by_rule = {limit_column(rule): 0.0 for rule in limit_texts.values()}
    joined: set[UUID] = set()
    joined_by_cohort: dict[UUID, int] = {}
    budget = 0.0
    in_person: list[int] = []
    webinars: list[int] = []
    cohort: UUID | None = None
    for event in events:
        kind = type(event)
        if kind is CohortOpened:
            assert isinstance(event, CohortOpened)
            cohort = event.originator_id
            joined_by_cohort[cohort] = 0
            budget = event.pilot_days_budget or 0.0
        elif kind is TerritoryApproached:
            counts["approached"] += 1
        elif kind is SchemePresented:
            counts["presented"] += 1
        elif kind is TerritoryJoined:
            counts["joined"] += 1
            counts["days_budget"] += budget
            joined.add(event.originator_id)
            assert cohort is not None
            joined_by_cohort[cohort] += 1
        elif kind is TerritoryDeclined:
            counts["dropped_out" if event.originator_id in joined else "declined"] += 1
        elif kind is DelegationIncompleteNoted:
            counts["delegations_incomplete"] += 1
        elif kind is DiagnosticStarted:
            counts["diagnostics_started"] += 1
        elif kind is InterviewsHeld:
            assert isinstance(event, InterviewsHeld)
            counts["interviews"] += event.count or 0
        elif kind is DiagnosticRestituted:
            assert isinstance(event, DiagnosticRestituted)
            counts["diagnostics_restituted"] += 1
            counts["public_restitutions"] += 1 if event.public else 0
        elif kind is PilotProjectChosen:
            counts["pilots_chosen"] += 1
        elif kind is PilotNoteWritten:
            assert isinstance(event, PilotNoteWritten)
            column = {
                PilotNote.INTENTION: "notes_intention",
                PilotNote.FRAMING: "notes_framing",
                PilotNote.FEASIBILITY: "pilots_feasibility",
            }[event.kind]
            counts[column] += 1
        elif kind is AllyAssigned:
            counts["allies_assigned"] += 1
        elif kind is AccompanimentDaysSpent:
            assert isinstance(event, AccompanimentDaysSpent)
            counts["days_used"] += event.days
        elif kind is MilestoneReached:
            counts["milestones"] += 1
        elif kind is EffectObserved:
            assert isinstance(event, EffectObserved)
            counts["effects"] += 1
            column = effect_column(event.label)
            by_label[column] = by_label.get(column, 0.0) + 1
        elif kind is LimitObserved:
            assert isinstance(event, LimitObserved)
            counts["limits"] += 1
            rule = limit_texts.get(event.description)
            if rule:
                by_rule[limit_column(rule)] += 1
        elif kind is InPersonDayHeld:
            assert isinstance(event, InPersonDayHeld)
            in_person.append(event.attendance.low if event.attendance else 0)
        elif kind is WebinarHeld:
            assert isinstance(event, WebinarHeld)
            webinars.append(event.attendance.low if event.attendance else 0)
        elif kind is PilotForumHeld:
            assert isinstance(event, PilotForumHeld)
            counts["forum_attendance"] += event.attendance.low if event.attendance else 0
    counts["cohorts_formed"] = sum(1 for n in joined_by_cohort.values() if n >= min_cohort)
    counts["in_person_attendance_min"] = min(in_person, default=0)
    counts["in_person_attendance_max"] = max(in_person, default=0)
    counts["webinar_attendance_min"] = min(webinars, default=0)
    counts["webinar_attendance_max"] = max(webinars, default=0)
    counts["events"] = len(events)
    return {**counts, **by_label, **by_rule}
