"""One English sentence per timeline entry, territory and cohort alike: the `--lang en` counterpart of
`sentences` and `cohort_sentences`, showing the same facts (tests/narratives/test_fields_rendered.py).

What the tool says is English; what a coordinator recorded in French (descriptions, quotes, reasons,
themes) stays French, marked as such: « … ».
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from transitions_core.domain.dates import PartialDate
from transitions_core.text.english import count, date_short, date_words, fr, join_list, number
from transitions_core.timeline.view import Profile, TimelineEntry
from transitions_narratives.lexicon import table

Facts = dict[str, Any]
FINDINGS = table("en", "finding_names")
CHANNELS = table("en", "channels")
CHANNELS_SHORT = table("en", "channels_short")
CATEGORIES = table("en", "categories")
NOTES = table("en", "notes")
MILESTONES = table("en", "milestones")
PRODUCTIONS = table("en", "productions")
ROLES = table("en", "roles")
OBSERVERS = table("en", "observers")
SOURCE_KINDS = table("en", "source_kinds")


def date_en(pd: PartialDate) -> str:
    """`7 May 2024`, `Sep 2024`, `autumn 2025`, `Jul 2024 – Sep 2024`, `date unknown`."""
    return date_short(pd)


KINDS = {
    "commune": "municipality",
    "communauté de communes": "community of municipalities",
    "communauté d'agglomération": "urban community",
    "métropole": "metropolitan authority",
}


def kind_en(kind: str) -> str:
    """A territory's kind in English, or as recorded (in French) when it is not a usual one."""
    return KINDS.get(kind.lower(), fr(kind))


def describe_profile_en(profile: Profile) -> str:
    """`Municipality in Aude (Occitanie): 5,068 inhabitants, 43.65 km².`"""
    kind = kind_en(profile.kind)
    text = kind[:1].upper() + kind[1:]
    if profile.department:
        text += f" in {profile.department}"
    if profile.region:
        text += f" ({profile.region})"
    figures = []
    if profile.population is not None:
        figures.append(count(profile.population, "inhabitant"))
    if profile.area_km2 is not None:
        figures.append(f"{number(profile.area_km2)} km²")
    if profile.communes is not None:
        figures.append(count(profile.communes, "municipality", "municipalities"))
    return text + (f": {join_list(figures)}." if figures else ".")


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def person(p: Facts) -> str:
    """`Elsa Bonal, « alliée » (Déjà-là)`: the name, then what the history says of the person."""
    return people([p])


def people(items: Sequence[Any]) -> str:
    """People grouped by organisation, each with the role the history gives (in French, marked)."""
    from transitions_core.text.english import people as grouped

    return grouped(items)


def allies_phrase_en(allies: Sequence[Any], also_did: bool | None, diagnosed_by: Sequence[str] = ()) -> str:
    """The pilot's allies, those who also conducted the diagnostic named as such (see `allies_phrase`)."""
    items = [a if isinstance(a, dict) else a.model_dump() for a in allies]
    text = people(items)
    by = [name for name in diagnosed_by if any(a["name"] == name for a in items)]
    if also_did is False:
        return text + "; the sensitive diagnostic had been conducted by others"
    if by and len(by) < len(items):
        return f"{text}; {join_list(by)} had also conducted the sensitive diagnostic"
    if by or (also_did and len(items) == 1):
        return text + ", who had also conducted the sensitive diagnostic"
    if also_did:
        return text + "; one of them at least had also conducted the sensitive diagnostic"
    return text


def headcount(value: Facts | None) -> str:
    """`35 to 45 participants`, `about 50 participants in all`."""
    if not value:
        return ""
    low, high = value["low"], value.get("high")
    total = " in all" if value.get("cumulative") else ""
    if high is not None and high != low:
        return f"{number(low)} to {number(high)} participants{total}"
    return f"{'about ' if value.get('approximate') else ''}{count(low, 'participant')}{total}"


def quotes(items: Sequence[Facts]) -> str:
    """` Quoted: « … » (speaker).`"""
    if not items:
        return ""
    parts = [f"{fr(q['text'])}{' (' + q['speaker'] + ')' if q.get('speaker') else ''}" for q in items]
    return f" {'Quoted' if len(parts) == 1 else 'Quotes'}: {'; '.join(parts)}."


def tr(f: Facts, field: str) -> str:
    """A recorded text in English: the entry's own translation when the history gives one, else the
    coordinator's words as written, marked as French."""
    translated = (f.get("translations") or {}).get("en", {}).get(field)
    return str(translated).strip().rstrip(".") if translated else fr(f[field])


def _then(label: str, f: Facts, field: str) -> str:
    """`Effect « outillage »: « … ».`: a label, then the entry's text, translated or marked as French."""
    return f"{label}: {tr(f, field)}." if f.get(field) and str(f[field]).strip() else f"{label}."


def _list(items: Sequence[str]) -> str:
    return "; ".join(fr(i) for i in items)


def _approached(f: Facts, p: Profile) -> str:
    channel = CHANNELS.get(f.get("by", ""), "")
    who = f" ({f['by_whom']})" if f.get("by_whom") else ""
    return f"First contact about joining the cohort{' ' + channel if channel else ''}{who}."


def _presented(f: Facts, p: Profile) -> str:
    return f"The accompaniment was presented{' by ' + f['by'] if f.get('by') else ''}."


def _declined(f: Facts, p: Profile) -> str:
    return f"{p.name} did not join the cohort{', giving this reason: ' + tr(f, 'reason') if f.get('reason') else ''}."


def _left(f: Facts, p: Profile) -> str:
    return f"{p.name} left the cohort{', giving this reason: ' + tr(f, 'reason') if f.get('reason') else ''}."


def _day(f: Facts, p: Profile) -> str:
    where = f", in {f['place']}" if f.get("place") else ""
    text = f"{_ordinal(f['number'])} in-person day of the cohort{where}: {tr(f, 'theme')}"
    if f.get("attendance"):
        text += f"; {headcount(f['attendance'])}"
    if f.get("activities"):
        text += f". Sessions: {_list(f['activities'])}"
    return text + "." + quotes(f.get("feedback", []))


def _webinar(f: Facts, p: Profile) -> str:
    text = f"Webinar no. {f['number']}: {tr(f, 'theme')}"
    details = []
    if f.get("duration_hours") is not None:
        details.append(count(f["duration_hours"], "hour"))
    if f.get("attendance"):
        details.append(headcount(f["attendance"]))
    if details:
        text += f" ({', '.join(details)})"
    if f.get("recorded") is False:
        text += "; not recorded" + (
            f", {tr(f, 'not_recorded_because')}" if f.get("not_recorded_because") else ""
        )
    elif f.get("recordings"):
        text += f"; recorded as {count(len(f['recordings']), 'video')}: {_list(f['recordings'])}"
    elif f.get("recorded"):
        text += "; recorded"
    return text + "."


def _forum(f: Facts, p: Profile) -> str:
    n = f.get("count", 1)
    text = "pilot-project forum" if n == 1 else f"{number(n)} pilot-project forums"
    if f.get("format"):
        text += f" ({tr(f, 'format')})"
    if f.get("attendance"):
        text += f", {headcount(f['attendance'])}"
    return text[:1].upper() + text[1:] + "."


def _peers(f: Facts, p: Profile) -> str:
    who = join_list(CATEGORIES[c] for c in f.get("categories", []))
    text = f"Peer exchanges{' (' + who + ')' if who else ''}"
    if f.get("attendance"):
        text += f", {headcount(f['attendance'])}"
    if f.get("occasion"):
        text += f"; occasion: {tr(f, 'occasion')}"
    return text + "." + quotes(f.get("said", []))


def _diag_started(f: Facts, p: Profile) -> str:
    by = f.get("conducted_by") or []
    if by:
        return f"The sensitive diagnostic began, conducted by {join_list(by)}."
    return "The sensitive diagnostic began; who conducted it is not stated."


def _interviews(f: Facts, p: Profile) -> str:
    n = f.get("count")
    if n is None:
        return "Interviews held for the sensitive diagnostic (number not stated)."
    return f"{'About ' if f.get('approximate') else ''}{count(n, 'interview')} for the sensitive diagnostic."


def _pre_restitution(f: Facts, p: Profile) -> str:
    to = tr(f, "to") if f.get("to") else "the head of the executive"
    return f"The diagnostic's findings were first presented to {to}."


def _restitution(f: Facts, p: Profile) -> str:
    text = "The diagnostic's findings were presented back"
    if f.get("public"):
        text += " at a public meeting"
    audience = str(f.get("audience") or "")
    if audience and not (f.get("public") and "réunion publique" in audience.lower()):
        text += f", to {fr(audience)}"
    return text + "."


def _finding(f: Facts, p: Profile) -> str:
    return _then(f"Diagnostic, {FINDINGS[f['kind']]}", f, "summary") + quotes(f.get("quotes", []))


def _member(f: Facts, p: Profile) -> str:
    return f"In the delegation, among {CATEGORIES[f['category']]}: {person(f['member'])}."


def _incomplete(f: Facts, p: Profile) -> str:
    missing = join_list(CATEGORIES[c] for c in f.get("missing", []))
    label = f"Incomplete delegation{' (missing: ' + missing + ')' if missing else ''}"
    return _then(label, f, "description")


def _pilot(f: Facts, p: Profile) -> str:
    text = f"Pilot project chosen: {tr(f, 'title')}. Summary: {tr(f, 'summary')}."
    if f.get("goals"):
        text += f" Goals: {_list(f['goals'])}."
    return text


def _ally(f: Facts, p: Profile) -> str:
    text = (
        "The pilot project's support was entrusted to "
        f"{allies_phrase_en(f['allies'], f.get('also_did_diagnostic'), f.get('diagnostic_by', []))}"
    )
    return text + (f". Why: {tr(f, 'reason')}." if f.get("reason") else ".")


def _extended(f: Facts, p: Profile) -> str:
    text = f"Accompaniment budget extended by {count(f['days'], 'day')}"
    return text + (f": {tr(f, 'reason')}." if f.get("reason") else ".")


def _milestone(f: Facts, p: Profile) -> str:
    kind = "" if f["kind"] == "other" else f" ({MILESTONES[f['kind']]})"
    return _then(f"Concrete step{kind}", f, "description")


def _announced(f: Facts, p: Profile) -> str:
    kind = "" if f["kind"] == "other" else f" ({MILESTONES[f['kind']]})"
    expected = f", expected {date_words(PartialDate(str(f['expected'])))}" if f.get("expected") else ""
    return _then(f"Step announced{kind}{expected}", f, "description")


def _evaluation_day(f: Facts, p: Profile) -> str:
    text = "Evaluation day of the cohort" + (f", in {f['place']}" if f.get("place") else "")
    if f.get("in_person_day"):
        text += f" (the {_ordinal(f['in_person_day'])} in-person day)"
    if f.get("objectives"):
        text += f". Objectives: {_list(f['objectives'])}"
    return text + "."


def _observed(f: Facts) -> str:
    return f" (observed {OBSERVERS[f['observed_by']]})" if OBSERVERS.get(f.get("observed_by") or "") else ""


def _effect(f: Facts, p: Profile) -> str:
    label = f"Effect {tr(f, 'label')}" if f.get("label") else "Effect noted"
    return _then(f"{label}{_observed(f)}", f, "description") + quotes(f.get("quotes", []))


def _limit(f: Facts, p: Profile) -> str:
    return _then(f"Limit{_observed(f)}", f, "description") + quotes(f.get("quotes", []))


def _viewpoint(f: Facts, p: Profile) -> str:
    side = "the ally's" if f["side"] == "ally" else "the territory's"
    speakers = f", from {people(f['speakers'])}" if f.get("speakers") else ""
    if not f.get("expressed", True):
        return f"View of {side} side{speakers}: not expressed to date."
    return _then(f"View of {side} side{speakers}", f, "summary") + quotes(f.get("quotes", []))


def _production(f: Facts, p: Profile) -> str:
    kind = PRODUCTIONS.get(f["kind"], str(f["kind"]))
    text = f"{kind}{' no. ' + str(f['number']) if f.get('number') else ''} {tr(f, 'title')}, by {f['author']}"
    if f.get("in_person_day"):
        text += f", on the {_ordinal(f['in_person_day'])} in-person day"
    if f.get("where"):
        text += f"; where: {tr(f, 'where')}"
    return text + "."


WRITERS: dict[str, Callable[[Facts, Profile], str]] = {
    "territory_approached": _approached,
    "scheme_presented": _presented,
    "territory_joined": lambda f, p: f"{p.name} joined the cohort.",
    "territory_declined": _declined,
    "territory_left": _left,
    "in_person_day_held": _day,
    "webinar_held": _webinar,
    "pilot_forum_held": _forum,
    "peer_exchange_held": _peers,
    "diagnostic_started": _diag_started,
    "interviews_held": _interviews,
    "diagnostic_pre_restituted": _pre_restitution,
    "diagnostic_restituted": _restitution,
    "finding_recorded": _finding,
    "delegation_member_named": _member,
    "delegation_incomplete_noted": _incomplete,
    "pilot_project_chosen": _pilot,
    "pilot_note_written": lambda f, p: f"The pilot project's {NOTES[f['kind']]} was written.",
    "ally_assigned": _ally,
    "accompaniment_days_spent": lambda f, p: f"{count(f['days'], 'day')} of pilot-project accompaniment.",
    "accompaniment_budget_extended": _extended,
    "milestone_reached": _milestone,
    "milestone_announced": _announced,
    "evaluation_day_held": _evaluation_day,
    "effect_observed": _effect,
    "limit_observed": _limit,
    "viewpoint_recorded": _viewpoint,
    "production_published": _production,
}


def _partner(f: Facts) -> str:
    roles = join_list(ROLES.get(r, r) for r in f.get("roles", []))
    names = [
        ", ".join(
            v
            for v in (x["name"], fr(x["role"]) if x.get("role") else None, x.get("organisation"))
            if v and v != f["organisation"]
        )
        for x in f.get("people", [])
        if x["name"] != f["organisation"]
    ]
    text = f"{f['organisation']}{' (' + join_list(names) + ')' if names else ''} joined the cohort: {roles}"
    if f.get("diagnostics") is not None:
        text += f"; {count(f['diagnostics'], 'sensitive diagnostic')} conducted"
    if f.get("missions"):
        text += f". Missions: {_list(f['missions'])}"
    return text + "."


def _unnamed(f: Facts) -> str:
    channels = join_list(CHANNELS_SHORT.get(c, c) for c in f.get("by", []))
    by = f" ({channels})" if channels else ""
    return (
        f"{count(f['count'], 'other territory', 'other territories')} approached{by}, "
        f"{number(f.get('presented', 0))} of them given a presentation of the scheme."
    )


def _trained(f: Facts) -> str:
    among = (
        f", {number(f['allies_and_region_agents'])} of them allies and Region staff"
        if f.get("allies_and_region_agents")
        else ""
    )
    text = f"{count(f['count'], 'person', 'people')} trained in the sensitive diagnostic{among}"
    return text + (f": {tr(f, 'description')}." if f.get("description") else ".")


def _tallied(f: Facts) -> str:
    interviews = f", {count(f['interviews'], 'interview')} in all" if f.get("interviews") is not None else ""
    return f"{count(f['diagnostics'], 'sensitive diagnostic')} conducted{interviews}.{quotes(f.get('feedback', []))}"


def _call(f: Facts) -> str:
    text = f"{count(f.get('count', 1), 'presentation event')} of the scheme, with a call for applications"
    return text + (f": {tr(f, 'description')}." if f.get("description") else ".")


def _regional_event(f: Facts) -> str:
    text = f"Event co-organised with the Region: {tr(f, 'title')}"
    if f.get("place"):
        text += f", in {f['place']}"
    if f.get("participants"):
        text += f", with {join_list(f['participants'])}"
    return text + (f". {tr(f, 'description')}." if f.get("description") else ".")


def _not_carried_out(f: Facts) -> str:
    text = "Actions not carried out to date"
    if f.get("actions"):
        text += f": {_list(f['actions'])}"
    return text + f". Why: {_list(f['reasons'])}."


def _source(f: Facts) -> str:
    kind = SOURCE_KINDS.get(f.get("kind", "other"), SOURCE_KINDS["other"])
    text = f"Source of this history ({kind}): {tr(f, 'title')}"
    if f.get("author"):
        text += f", by {f['author']}"
    if f.get("cited_as"):
        text += f" (cited as {tr(f, 'cited_as')})"
    if f.get("url"):
        text += f", {f['url']}"
    return text + "."


COHORT_WRITERS: dict[str, Callable[[Facts], str]] = {
    "source_declared": _source,
    "context_noted": lambda f: _then(f"Context: {tr(f, 'title')}", f, "description"),
    "call_for_applications_presented": _call,
    "unnamed_territories_approached": _unnamed,
    "partner_joined": _partner,
    "diagnosticians_trained": _trained,
    "cross_finding_recorded": lambda f: _then(
        f"Finding shared by the diagnostics ({FINDINGS[f['kind']]}): {tr(f, 'title')}", f, "summary"
    ),
    "diagnostics_tallied": _tallied,
    "evaluation_interviews_held": lambda f: _then(
        f"Evaluation interviews as the accompaniment went along, by {f['by']}", f, "description"
    ),
    "evaluation_report_expected": lambda f: (
        f"Final evaluation report expected {date_words(PartialDate(str(f['due'])))}"
        + (f", by {f['by']}" if f.get("by") else "")
        + "."
    ),
    "regional_event_co_organised": _regional_event,
    "region_intent_note_sent": lambda f: (
        f"Intent note for the Region's own accompaniment, in {count(len(f['orientations']), 'orientation')}: "
        f"{_list(f['orientations'])}."
    ),
    "region_action_sheets_drafted": lambda f: (
        f"{count(len(f['sheets']), 'action sheet')} drafted{' for the ' + tr(f, 'plan') if f.get('plan') else ''}: "
        f"{_list(f['sheets'])}."
    ),
    "region_actions_not_carried_out": _not_carried_out,
    "cohort_closed": lambda f: "The cohort closed.",
}


def entry_sentence_en(entry: TimelineEntry, profile: Profile) -> str:
    """One entry in English, territory or cohort; what the coordinator wrote in French stays French."""
    writer = COHORT_WRITERS.get(entry.type)
    text = writer(entry.facts) if writer is not None else WRITERS[entry.type](entry.facts, profile)
    text = re.sub(r"([!?…])\.$", r"\1", text)
    if entry.corrections:
        text += f" (corrected: {'; '.join(fr(c.reason.rstrip('.')) for c in entry.corrections)})"
    return text[:1].upper() + text[1:]
