"""One French sentence per cohort-level entry (partners, recruitment, the Region…), for cohort narratives."""

from __future__ import annotations

import re
from collections.abc import Callable

from transitions_core.domain.dates import PartialDate
from transitions_core.text.filters import lower_first, unstop
from transitions_core.text.french import count, date_words, join_list, number, quote, sentence, with_article
from transitions_core.timeline.trusted import trusted
from transitions_core.timeline.view import CohortProfile, Profile, TimelineEntry
from transitions_narratives.lexicon import table
from transitions_narratives.sentences import (
    _COHORT,
    FINDINGS,
    WRITERS,
    Facts,
    _items,
    _number_word,
    _quotes,
    _then,
    named,
    organisation,
    place_a,
)


def cohort_sentence(entry: TimelineEntry, cohort: CohortProfile | None = None) -> str:
    """A cohort-level entry as a French sentence; `cohort` says how its organisations are named."""
    writer = COHORT_WRITERS.get(entry.type)
    token = _COHORT.set(cohort) if cohort is not None else None
    try:
        text = writer(entry.facts) if writer is not None else WRITERS[entry.type](entry.facts, NOBODY)
    finally:
        if token is not None:
            _COHORT.reset(token)
    return sentence(re.sub(r"([!?…])\.$", r"\1", text))


NOBODY = trusted(Profile, cohort="", id="", name="", kind="")
ROLES = table("fr", "roles")


def _partner(f: Facts) -> str:
    roles = join_list(ROLES.get(r, r) for r in f.get("roles", []))
    # Its people, each with the role the history gives (and their organisation, if not the partner).
    named_people = [
        ", ".join(
            x for x in (p["name"], p.get("role"), p.get("organisation")) if x and x != f["organisation"]
        )
        for p in f.get("people", [])
        if p["name"] != f["organisation"]
    ]
    people = f" ({join_list(named_people)})" if named_people else ""
    partner = organisation(f["organisation"])
    joins = "rejoignent" if partner.plural else "rejoint"
    text = f"{with_article(partner.name, partner.article)}{people} {joins} la cohorte : {roles}"
    if f.get("diagnostics") is not None:
        text += f" ; {count(f['diagnostics'], 'diagnostic sensible', 'diagnostics sensibles')} à mener"
    if f.get("missions"):
        text += f". Missions : {_items(f['missions'])}"
    return text + "."


def _call(f: Facts) -> str:
    n = f.get("count", 1)
    head = "un événement de présentation" if n == 1 else f"{_number_word(n)} événements de présentation"
    text = f"{head} de la démarche, avec appel à candidatures"
    return text + (f" : {lower_first(unstop(f['description']))}." if f.get("description") else ".")


def _unnamed(f: Facts) -> str:
    channels = join_list(CHANNELS_SHORT.get(c, c) for c in f.get("by", []))
    by = f" ({channels})" if channels else ""
    return (
        f"{count(f['count'], 'autre territoire approché', 'autres territoires approchés')}{by}, "
        f"dont {count(f.get('presented', 0), 'a reçu', 'ont reçu')} une présentation de la démarche."
    )


CHANNELS_SHORT = table("fr", "channels_short")


def _trained(f: Facts) -> str:
    among = (
        f", dont {number(f['allies_and_region_agents'])} alliés et agents de la Région"
        if f.get("allies_and_region_agents")
        else ""
    )
    text = f"{count(f['count'], 'personne formée', 'personnes formées')} au diagnostic sensible{among}"
    return text + (f" : {lower_first(unstop(f['description']))}." if f.get("description") else ".")


def _tallied(f: Facts) -> str:
    interviews = f", {count(f['interviews'], 'entretien')} en tout" if f.get("interviews") is not None else ""
    return f"{count(f['diagnostics'], 'diagnostic sensible', 'diagnostics sensibles')} menés{interviews}.{_quotes(f.get('feedback', []))}"


def _regional_event(f: Facts) -> str:
    head = f"événement coorganisé avec la Région : {f['title']}"
    if f.get("place"):
        head += f", {place_a(f['place'])}"
    if f.get("participants"):
        head += f", avec {join_list(f['participants'])}"
    return _then(head, f.get("description") or "")


def _not_carried_out(f: Facts) -> str:
    actions = f" ({_items(f['actions'])})" if f.get("actions") else ""
    reasons = " ; ".join(lower_first(r.rstrip(".;")) for r in f["reasons"])
    return f"actions non réalisées à ce jour{actions}. Pourquoi : {reasons}."


SOURCE_KINDS = table("fr", "source_kinds")


def _source(f: Facts) -> str:
    kind = SOURCE_KINDS.get(f.get("kind", "other"), SOURCE_KINDS["other"])
    text = f"source de cet historique, {kind} : {quote(unstop(f['title']))}"
    if f.get("author"):
        text += f", par {f['author']}"
    if f.get("cited_as"):
        text += f" (cité « {f['cited_as']} »)"
    if f.get("url"):
        text += f", {f['url']}"
    return text + "."


COHORT_WRITERS: dict[str, Callable[[Facts], str]] = {
    "context_noted": lambda f: _then(f"contexte : {f['title']}", f.get("description") or ""),
    "call_for_applications_presented": _call,
    "unnamed_territories_approached": _unnamed,
    "partner_joined": _partner,
    "diagnosticians_trained": _trained,
    "cross_finding_recorded": lambda f: _then(
        f"constat commun aux diagnostics ({FINDINGS[f['kind']]}) : {lower_first(f['title'])}", f["summary"]
    ),
    "diagnostics_tallied": _tallied,
    "evaluation_interviews_held": lambda f: _then(
        f"entretiens d'évaluation au fil de l'eau, par {named(f['by'])}", f.get("description") or ""
    ),
    "evaluation_report_expected": lambda f: (
        f"rapport final d'évaluation attendu {date_words(PartialDate(f['due']))}{', par ' + named(f['by']) if f.get('by') else ''}."
    ),
    "regional_event_co_organised": _regional_event,
    "region_intent_note_sent": lambda f: (
        f"note d'intention pour l'accompagnement de la Région, en {len(f['orientations'])} orientations : {' ; '.join(lower_first(o.rstrip('.;')) for o in f['orientations'])}."
    ),
    "region_action_sheets_drafted": lambda f: (
        f"{count(len(f['sheets']), 'fiche action', 'fiches actions')}{' pour le ' + f['plan'] if f.get('plan') else ''} : {' ; '.join(lower_first(x.rstrip('.;')) for x in f['sheets'])}."
    ),
    "region_actions_not_carried_out": _not_carried_out,
    "source_declared": _source,
    "cohort_closed": lambda f: "clôture de la cohorte.",
}
