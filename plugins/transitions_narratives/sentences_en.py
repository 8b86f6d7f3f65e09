"""One English sentence per timeline entry: the `--lang en` counterpart of `sentences`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from babel.dates import format_date

from transitions_core.domain.dates import PartialDate, Precision
from transitions_core.timeline.view import Profile, TimelineEntry

Facts = dict[str, Any]
SEASONS = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}
FINDINGS = {
    "strength": "strength",
    "fragility": "fragility",
    "tension": "tension or controversy",
    "opportunity": "opportunity",
    "resistance": "resistance",
}
CHANNELS = {
    "call_for_applications": "after the call for applications",
    "region": "put forward by the Region",
    "ally": "put forward by an ally",
}
CATEGORIES = {
    "elected": "elected officials",
    "staff": "local-government staff",
    "state": "state agents",
    "socio_economic": "socio-economic actors",
}


def date_en(pd: PartialDate) -> str:
    """`7 May 2024`, `Sept 2024`, `autumn 2025`, `Jul–Sep 2024`, `unknown date`."""
    if pd.is_unknown or pd.earliest is None or pd.latest is None:
        return "unknown date"
    if pd.precision is Precision.DAY:
        return format_date(pd.earliest, "d MMM y", locale="en")
    if pd.precision is Precision.MONTH:
        return format_date(pd.earliest, "MMM y", locale="en")
    if pd.precision is Precision.SEASON and pd.season:
        return f"{SEASONS[pd.season]} {pd.earliest.year}"
    if pd.precision is Precision.YEAR:
        return str(pd.earliest.year)
    if pd.precision is Precision.SET:
        return " or ".join(date_en(m) for m in pd.members)
    if pd.start is not None and pd.end is not None:
        return f"{date_en(pd.start)} – {date_en(pd.end)}"
    return f"{_day(pd.earliest)} – {_day(pd.latest)}"


def _day(day: date) -> str:
    return format_date(day, "d MMM y", locale="en")


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}" if items else ""


def _people(people: list[Facts]) -> str:
    return _and(
        [f"{p['name']} ({p['organisation']})" if p.get("organisation") else p["name"] for p in people]
    )


def _headcount(value: Facts | None) -> str:
    if not value:
        return ""
    low, high = value["low"], value.get("high")
    if high is not None and high != low:
        return f"{low} to {high} participants"
    return f"{'about ' if value.get('approximate') else ''}{low} participants{' in all' if value.get('cumulative') else ''}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


WRITERS: dict[str, Callable[[Facts, Profile], str]] = {
    "territory_approached": lambda f, p: (
        f"First contact about joining the cohort{' ' + CHANNELS[f['by']] if f.get('by') in CHANNELS else ''}."
    ),
    "scheme_presented": lambda f, p: "The accompaniment was presented.",
    "territory_joined": lambda f, p: f"{p.name} joined the cohort.",
    "territory_declined": lambda f, p: (
        f"{p.name} did not join the cohort{': ' + f['reason'] if f.get('reason') else ''}."
    ),
    "in_person_day_held": lambda f, p: (
        f"{_ordinal(f['number'])} in-person day of the cohort, in {f['place']}: {f['theme']}{'; ' + _headcount(f.get('attendance')) if f.get('attendance') else ''}."
    ),
    "webinar_held": lambda f, p: (
        f"Webinar {f['number']}: {f['theme']}{' (' + _headcount(f.get('attendance')) + ')' if f.get('attendance') else ''}{'; not recorded' if f.get('recorded') is False else ''}."
    ),
    "pilot_forum_held": lambda f, p: (
        f"{f.get('count', 1)} pilot-project forum{'s' if f.get('count', 1) > 1 else ''}{', ' + _headcount(f.get('attendance')) if f.get('attendance') else ''}."
    ),
    "peer_exchange_held": lambda f, p: (
        f"Peer exchanges{' (' + _and([CATEGORIES[c] for c in f.get('categories', [])]) + ')' if f.get('categories') else ''}."
    ),
    "diagnostic_started": lambda f, p: (
        f"The sensitive diagnostic began{', conducted by ' + _and(f['conducted_by']) if f.get('conducted_by') else ''}."
    ),
    "interviews_held": lambda f, p: (
        f"{'About ' if f.get('approximate') else ''}{f['count']} interviews for the diagnostic."
        if f.get("count") is not None
        else "Interviews for the diagnostic."
    ),
    "diagnostic_pre_restituted": lambda f, p: (
        "The diagnostic was first presented to the head of the executive."
    ),
    "diagnostic_restituted": lambda f, p: (
        "The diagnostic was presented at a public meeting."
        if f.get("public")
        else "The diagnostic was presented to the people interviewed."
    ),
    "finding_recorded": lambda f, p: f"Diagnostic, {FINDINGS[f['kind']]}. {f['summary']}",
    "delegation_member_named": lambda f, p: (
        f"In the delegation, among {CATEGORIES[f['category']]}: {f['member']['name']}."
    ),
    "delegation_incomplete_noted": lambda f, p: f"Incomplete delegation. {f['description']}",
    "pilot_project_chosen": lambda f, p: f"Pilot project chosen: “{f['title']}”.",
    "pilot_note_written": lambda f, p: f"The {f['kind']} note of the pilot project was written.",
    "ally_assigned": lambda f, p: f"The pilot project is accompanied by {_people(f['allies'])}.",
    "accompaniment_days_spent": lambda f, p: (
        f"{f['days']:g} day{'s' if f['days'] > 1 else ''} of accompaniment."
    ),
    "accompaniment_budget_extended": lambda f, p: f"Accompaniment budget extended by {f['days']:g} days.",
    "milestone_reached": lambda f, p: f"Milestone ({f['kind'].replace('_', ' ')}). {f['description']}",
    "milestone_announced": lambda f, p: (
        f"Milestone announced ({f['kind'].replace('_', ' ')})"
        f"{', expected ' + date_en(PartialDate(f['expected'])) if f.get('expected') else ''}. {f['description']}"
    ),
    "evaluation_day_held": lambda f, p: f"Evaluation day of the cohort, in {f['place']}.",
    "effect_observed": lambda f, p: (
        f"Effect “{f['label']}”. {f['description']}" if f.get("label") else f"Effect. {f['description']}"
    ),
    "limit_observed": lambda f, p: f"Limit. {f['description']}",
    "viewpoint_recorded": lambda f, p: (
        f"The {f['side']}'s view{' (' + _people(f['speakers']) + ')' if f.get('speakers') else ''}: {'not expressed to date.' if not f.get('expressed', True) else 'recorded (in French).'}"
    ),
    "production_published": lambda f, p: (
        f"{f['kind'].replace('_', ' ').capitalize()} “{f['title']}”, by {f['author']}."
    ),
}


def entry_sentence_en(entry: TimelineEntry, profile: Profile) -> str:
    """One entry in English; the source's own words (descriptions, quotes) stay in French."""
    writer = WRITERS.get(entry.type)
    text = writer(entry.facts, profile) if writer else f"{entry.type.replace('_', ' ').capitalize()}."
    if entry.corrections:
        text += " (corrected)"
    return text
