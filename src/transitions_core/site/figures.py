"""The cohort's figures as bar charts: rows of numbers for the template, which draws inline SVG and tables.

Each figure carries its rows and the bars' lengths; titles, labels and alt texts come from the site's
lexicon, in the site's language. A range (`entre 35 et 45 participants`) is drawn from low to high.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from transitions_core.timeline.stats import CohortStats

#: Height of one bar's row in the SVG, in its own units (the SVG scales to the page's width).
ROW = 44
WIDTH = 600


def figures(
    stats: CohortStats, words: dict[str, Any], number: Callable[[float], str]
) -> list[dict[str, Any]]:
    """Every figure of the cohort that has something to show, in the order of the programme."""
    s = stats
    plain: list[tuple[str, list[tuple[str, float | None]]]] = [
        (
            "funnel",
            [
                ("approached", s.approached),
                ("presented", s.presented),
                ("joined", s.joined),
                ("declined", s.declined),
            ],
        ),
        (
            "sessions",
            [
                ("in_person_days", s.in_person_days),
                ("webinars", s.webinars),
                ("webinars_recorded", s.webinars_recorded),
                ("forums", s.forums),
                ("peer_exchanges", s.peer_exchanges),
            ],
        ),
        (
            "diagnostics",
            [
                ("started", s.diagnostics_started),
                ("restituted", s.diagnostics_restituted),
                ("public_restitutions", s.public_restitutions),
            ],
        ),
        (
            "interviews",
            [
                ("interviews", s.interviews),
                ("interviews_by_territory", s.interviews_by_territory),
                ("people_trained", s.people_trained),
            ],
        ),
        (
            "pilots",
            [
                ("pilots_chosen", s.pilots_chosen),
                ("allies_assigned", s.allies_assigned),
                ("milestones", s.milestones),
                ("milestones_announced", s.milestones_announced),
            ],
        ),
        ("effects_limits", [("effects", s.effects), ("limits", s.limits)]),
        ("days", [("days_spent", s.days_spent), ("days_budget", s.days_budget)]),
    ]
    out = []
    attendance = _attendance(s, words, number)
    # Figures the history gives as approximate are said so (the forums' attendance is always a lower bound).
    about = {"interviews"} if s.interviews_approximate else set()
    for key, rows in plain:
        labels = words["figures"][key]["rows"]
        shown = [(labels[name], value, name in about) for name, value in rows if value is not None]
        out.append(_figure(key, words, shown, number))
        if key == "funnel" and attendance is not None:
            out.append(attendance)
    labels = [(label, float(n), False) for label, n in s.effects_by_label.items()]
    if labels:
        out.insert(len(out) - 2, _figure("effects_by_label", words, labels, number))
    return [f for f in out if f["rows"]]


def _figure(
    key: str, words: dict[str, Any], rows: list[tuple[str, float, bool]], number: Callable[[float], str]
) -> dict[str, Any]:
    top = max((value for _, value, _ in rows), default=0) or 1
    drawn = [
        {
            "label": label,
            "value": str(words["about"]).format(n=number(value)) if approximate else number(value),
            "y": index * ROW,
            "x": 0,
            "width": f"{(WIDTH - 80) * value / top:.1f}",
            "range": False,
        }
        for index, (label, value, approximate) in enumerate(rows)
    ]
    return _wrap(key, words, drawn)


def _attendance(
    s: CohortStats, words: dict[str, Any], number: Callable[[float], str]
) -> dict[str, Any] | None:
    labels = words["figures"]["attendance"]["rows"]
    ranges = [
        (labels["in_person"], s.in_person_attendance.low, s.in_person_attendance.high),
        (labels["webinars"], s.webinar_attendance.low, s.webinar_attendance.high),
    ]
    if s.forum_attendance is not None:
        ranges.append((labels["forums"], s.forum_attendance, s.forum_attendance))  # a lower bound: "environ"
    ranges = [(label, low, high) for label, low, high in ranges if low is not None or high is not None]
    if not ranges:
        return None
    top = max((high or low or 0) for _, low, high in ranges) or 1
    scale = (WIDTH - 80) / top
    drawn = []
    for index, (label, low, high) in enumerate(ranges):
        low_, high_ = low if low is not None else high, high if high is not None else low
        assert low_ is not None and high_ is not None
        if low_ != high_:
            value = words["range"].format(low=number(low_), high=number(high_))
        else:
            value = words["about"].format(n=number(low_)) if label == labels["forums"] else number(low_)
        drawn.append(
            {
                "label": label,
                "value": value,
                "y": index * ROW,
                "x": f"{low_ * scale:.1f}" if low_ != high_ else 0,
                "width": f"{(high_ - low_) * scale if low_ != high_ else high_ * scale:.1f}",
                "range": low_ != high_,
            }
        )
    return _wrap("attendance", words, drawn)


def _wrap(key: str, words: dict[str, Any], rows: list[dict[str, Any]]) -> dict[str, Any]:
    title = words["figures"][key]["title"]
    alt = f"{title}. " + " ; ".join(f"{row['label']} : {row['value']}" for row in rows) + "."
    if words["lang"] == "en":
        alt = f"{title}. " + "; ".join(f"{row['label']}: {row['value']}" for row in rows) + "."
    return {
        "id": key,
        "title": title,
        "alt": alt,
        "rows": rows,
        "height": max(1, len(rows)) * ROW,
        "width": WIDTH,
    }
