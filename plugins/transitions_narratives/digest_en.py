"""English sentences for the cohort-level entries that `sentences_en` does not cover (the Region, partners…)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from transitions_core.domain.dates import PartialDate
from transitions_core.timeline.view import Profile, TimelineEntry
from transitions_narratives.sentences_en import FINDINGS, date_en, entry_sentence_en

Facts = dict[str, Any]


def _n(n: float, noun: str, plural: str | None = None) -> str:
    return f"{n:g} {noun if n == 1 else plural or noun + 's'}"


COHORT_WRITERS_EN: dict[str, Callable[[Facts], str]] = {
    "context_noted": lambda f: f"Context: {f['title']}.",
    "call_for_applications_presented": lambda f: (
        f"{_n(f.get('count', 1), 'presentation event')}, with a call for applications."
    ),
    "unnamed_territories_approached": lambda f: (
        f"{_n(f['count'], 'other territory', 'other territories')} approached, "
        f"{f.get('presented', 0)} given a presentation."
    ),
    "partner_joined": lambda f: f"{f['organisation']} joined the cohort.",
    "diagnosticians_trained": lambda f: (
        f"{_n(f['count'], 'person', 'people')} trained in the sensitive diagnostic."
    ),
    "diagnostics_tallied": lambda f: (
        f"{_n(f['diagnostics'], 'sensitive diagnostic')}"
        + (f", {_n(f['interviews'], 'interview')} in all" if f.get("interviews") is not None else "")
        + "."
    ),
    "cross_finding_recorded": lambda f: (
        f"Finding shared by the diagnostics ({FINDINGS[f['kind']]}): {f['title']}."
    ),
    "evaluation_interviews_held": lambda f: (
        f"Evaluation interviews as the accompaniment went along, by {f['by']}."
    ),
    "evaluation_report_expected": lambda f: (
        f"Final evaluation report expected in {date_en(PartialDate(str(f['due'])))}"
        + (f", by {f['by']}" if f.get("by") else "")
        + "."
    ),
    "regional_event_co_organised": lambda f: f"Event co-organised with the Region: {f['title']}.",
    "region_intent_note_sent": lambda f: (
        f"Intent note for the Region's own accompaniment, in {_n(len(f['orientations']), 'orientation')}."
    ),
    "region_action_sheets_drafted": lambda f: (
        f"{_n(len(f['sheets']), 'action sheet')} drafted{' for the ' + f['plan'] if f.get('plan') else ''}."
    ),
    "region_actions_not_carried_out": lambda f: (
        f"{_n(len(f['reasons']), 'planned action')} not carried out yet."
    ),
    "cohort_closed": lambda f: "The cohort closed.",
}


def sentence_en(entry: TimelineEntry, profile: Profile) -> str:
    """One entry in English, cohort-level entries included; the sources' own words stay in French."""
    writer = COHORT_WRITERS_EN.get(entry.type)
    text = writer(entry.facts) if writer else entry_sentence_en(entry, profile)
    return re.sub(r"([!?…])\.$", r"\1", text)
