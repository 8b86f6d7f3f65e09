"""The cohort in figures, line by line: the report's first section, from `view.stats`.

This module chooses which figures each line tells; `narratives/wording/LANG/report.yaml` says them.
"""

from __future__ import annotations

from typing import Any

from transitions_core.narrative.views import CohortView
from transitions_core.timeline.stats import CohortStats, Range
from transitions_narratives.wording import Wording, wording

#: A figure to tell: its key in `report.figures`, and its slots beside the cohort's figures (`s`).
Figure = tuple[str, dict[str, Any]]


def figures(view: CohortView, lang: str = "fr") -> list[tuple[str, str]]:
    """(label, sentence) pairs: recruitment, common core, diagnostics, pilots, effects, productions."""
    say = wording(lang)
    return [
        (
            say.say(f"report.figures.labels.{label}"),
            say.say("report.figures.line", parts=[_said(say, view.stats, figure) for figure in told]),
        )
        for label, told in plan(view.stats)
    ]


def _said(say: Wording, s: CohortStats, figure: Figure) -> str:
    key, slots = figure
    filled = {
        name: say.say("report.figures.range", r=value)
        if isinstance(value, Range)
        else [_said(say, s, item) for item in value]
        if isinstance(value, list)
        else value
        for name, value in slots.items()
    }
    return say.say(f"report.figures.{key}", s=s, **filled)


def plan(s: CohortStats) -> list[tuple[str, list[Figure]]]:
    """Each line's figures, in order: a figure the history does not give is left out of its line."""

    def only(condition: object, key: str) -> list[Figure]:
        return [(key, {})] if condition else []

    lines: list[tuple[str, list[Figure]]] = [
        ("recruitment", [*only(s.presentation_events, "presentations"), ("approached", {}), ("joined", {})]),
        (
            "common_core",
            [
                ("days", {"attendance": s.in_person_attendance}),
                ("webinars", {"attendance": s.webinar_attendance}),
                ("forums", {}),
            ],
        ),
        (
            "diagnostics",
            [("diagnostics", {}), *only(s.interviews, "interviews"), *only(s.people_trained, "trained")],
        ),
        (
            "pilots",
            [
                ("pilots", {}),
                *only(s.allies_assigned, "allies"),
                *[("note", {"kind": kind, "n": n}) for kind, n in s.notes_written.items()],
                *only(s.milestones, "milestones"),
                *only(s.milestones_announced, "announced"),  # announced, not reached: not among the steps
                *only(s.days_spent or s.days_budget, "days_spent"),
            ],
        ),
        ("effects", [("effects", {"labelled": sum(s.effects_by_label.values())}), ("limits", {})]),
    ]
    if s.productions:
        made: list[Figure] = [("production", {"kind": kind, "n": n}) for kind, n in s.productions.items()]
        lines.append(("productions", [("productions", {"made": made})]))
    return lines
