"""One French sentence per timeline entry: the grammar of the timeline, shared by every narrative."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from typing import Any

from transitions_core.domain.dates import PartialDate
from transitions_core.domain.values import ActorCategory
from transitions_core.text import filters
from transitions_core.text.filters import lower_first, unstop
from transitions_core.text.french import (
    a_,
    approx,
    count,
    date_words,
    elide,
    join_list,
    number,
    quote,
    sentence,
    with_article,
)
from transitions_core.text.places import located
from transitions_core.timeline.view import (
    CohortProfile,
    OrganisationProfile,
    Profile,
    TimelineEntry,
    organisation_profile,
)
from transitions_narratives.lexicon import table

Facts = dict[str, Any]

ORDINALS_F = [
    "première",
    "deuxième",
    "troisième",
    "quatrième",
    "cinquième",
    "sixième",
    "septième",
    "huitième",
]
CARDINALS = ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix"]
CATEGORIES = table("fr", "categories")
CATEGORY_ONE = {
    ActorCategory.ELECTED: "des élus",
    ActorCategory.STAFF: "des agents de la collectivité",
    ActorCategory.STATE: "des agents de l'État",
    ActorCategory.SOCIO_ECONOMIC: "des acteurs socio-économiques",
}
CHANNELS = table("fr", "channels")
FINDINGS = table("fr", "finding_names")
NOTES = table("fr", "notes")
MILESTONES = table("fr", "milestones")
PRODUCTIONS = table("fr", "productions")


def describe_profile(profile: Profile) -> str:
    """`Commune de l'Aude (Occitanie) : 5 068 habitants, 43,65 km².`"""
    kind = profile.kind[:1].upper() + profile.kind[1:]
    where = located(profile.department, profile.region, profile.department_article)
    figures = []
    if profile.population is not None:
        figures.append(count(profile.population, "habitant"))
    if profile.area_km2 is not None:
        figures.append(f"{number(profile.area_km2)} km²")
    if profile.communes is not None:
        figures.append(count(profile.communes, "commune"))
    tail = f" : {join_list(figures)}" if figures else ""
    return f"{kind}{' ' + where if where else ''}{tail}."


def guillemets(text: str) -> str:
    """Straight double quotes from the sources become French guillemets."""
    return re.sub(r'"([^"\n]+)"', lambda m: quote(m.group(1)), text)


def entry_sentence(entry: TimelineEntry, profile: Profile, cohort: CohortProfile | None = None) -> str:
    """One entry as a French sentence, with a mention of any correction.

    `cohort` (the view's) says how the organisations the entry names take their article and number.
    """
    token = _COHORT.set(cohort) if cohort is not None else None
    try:
        text = WRITERS[entry.type](entry.facts, profile)
    finally:
        if token is not None:
            _COHORT.reset(token)
    text = re.sub(r"([!?…])\.$", r"\1", text)
    if entry.corrections:
        # Each reason is a clause of its own: « et » would run two of them into one.
        reasons = " ; ".join(c.reason.rstrip(".") for c in entry.corrections)
        text += f" (corrigé : {reasons})"
    return sentence(text)


#: The cohort whose entries are being told: the writers keep their (facts, profile) signature.
_COHORT: ContextVar[CohortProfile | None] = ContextVar("told_cohort", default=None)


def organisation(name: str) -> OrganisationProfile:
    """How the sentences use an organisation's name: as the told cohort declares it, else as the name says."""
    cohort = _COHORT.get()
    return cohort.organisation(name) if cohort is not None else organisation_profile(name)


def named(name: str) -> str:
    """An organisation's name with its article, inside a sentence: `l'AREC Occitanie`, `Les Ateliers du Trégor`."""
    told = organisation(name)
    return with_article(told.name, told.article)


def place_a(place: str) -> str:
    """`à Fronton`, `au Vigan`, `aux Aubiers`: a place name whose article is written in it."""
    first = place.split(" ", 1)[0].lower()
    article = first if first in ("le", "la", "les") else ("l'" if place.lower().startswith("l'") else "")
    return a_(place, article)


def _headcount(value: Facts | None, noun: str = "participant") -> str:
    if not value:
        return ""
    low, high = value["low"], value.get("high")
    total = " au total" if value.get("cumulative") else ""
    if high is not None and high != low:
        return f"entre {number(low)} et {number(high)} {noun}s{total}"
    if value.get("approximate"):
        return f"{elide_de(approx(low), noun + 's')}{total}"
    return f"{count(low, noun)}{total}"


def elide_de(amount: str, noun: str) -> str:
    """`une cinquantaine de participants`, `une quinzaine d'entretiens`, `environ 15 entretiens`."""
    if amount.startswith("environ"):
        return f"{amount} {noun}"
    return f"{amount} {elide('de', noun)}"


def people_phrase(people: Sequence[Any], of: bool = False, to: bool = False) -> str:
    """`Frédérique Assal et Olivier Pezilla (Pôles en pomme)`, `Elsa Lewin, 3e adjointe`: people grouped by
    organisation, each with the role the history gives.

    With `of` (`to`), the list follows `de` (`à`), contracted with the article a public label or an
    organisation has: `du maire`, `aux Ateliers du Trégor`.
    """
    names = _COHORT.get()
    if of:
        return filters.people_of(people, names)
    return filters.people_to(people, names) if to else filters.people(people, names)


def _quotes(quotes: list[Facts]) -> str:
    if not quotes:
        return ""
    parts = []
    for item in quotes:
        speaker = f" ({item['speaker']})" if item.get("speaker") else ""
        parts.append(f"{quote(unstop(item['text']))}{speaker}")
    label = "Parole citée" if len(parts) == 1 else "Paroles citées"
    return f" {label} : {' ; '.join(parts)}."


def _then(label: str, text: str) -> str:
    """`Effet « outillage ». Un apport…`: a label, then the source's own sentence with its capital."""
    text = sentence(text.strip())  # a sentence of its own: it starts with a capital
    return f"{label}. {text}" if text else f"{label}."


def _number_word(n: int) -> str:
    return CARDINALS[n] if 0 <= n < len(CARDINALS) else number(n)


def _approached(f: Facts, p: Profile) -> str:
    channel = CHANNELS.get(f.get("by", ""), "")
    who = f" ({f['by_whom']})" if f.get("by_whom") else ""
    return f"premier contact en vue de rejoindre la cohorte{' ' + channel if channel else ''}{who}."


def _presented(f: Facts, p: Profile) -> str:
    by = f" par {named(f['by'])}" if f.get("by") else ""
    return f"présentation de l'accompagnement en cohorte{by}."


def _joined(f: Facts, p: Profile) -> str:
    return f"{with_article(p.name, p.article)} s'engage dans la cohorte."


def _declined(f: Facts, p: Profile) -> str:
    reason = f" : {unstop(str(f['reason']))}" if f.get("reason") else ""
    return f"{with_article(p.name, p.article)} ne rejoint pas la cohorte{reason}."


def _left(f: Facts, p: Profile) -> str:
    reason = f" : {unstop(str(f['reason']))}" if f.get("reason") else ""
    return f"{with_article(p.name, p.article)} quitte la cohorte en cours de route{reason}."


def _day(f: Facts, p: Profile) -> str:
    n = f["number"]
    rank = ORDINALS_F[n - 1] if 0 < n <= len(ORDINALS_F) else f"{n}e"
    attendance = _headcount(f.get("attendance"))
    tail = f" ; {attendance}" if attendance else ""
    activities = f" Séquences : {_items(f['activities'])}." if f.get("activities") else ""
    where = f", {place_a(f['place'])}" if f.get("place") else ""
    return f"{rank} journée en présentiel de la cohorte{where} : {f['theme']}{tail}.{activities}{_quotes(f.get('feedback', []))}"


def _items(items: list[str]) -> str:
    """Recorded phrases one after the other: `a ; b ; c`."""
    return " ; ".join(unstop(str(item)) for item in items)


def _webinar(f: Facts, p: Profile) -> str:
    attendance = _headcount(f.get("attendance"))
    text = f"webinaire n° {f['number']} : {f['theme']}"
    details = [count(f["duration_hours"], "heure")] if f.get("duration_hours") is not None else []
    if attendance:
        details.append(attendance)
    if details:
        text += f" ({', '.join(details)})"
    if f.get("recorded") is False:
        because = f", {f['not_recorded_because']}" if f.get("not_recorded_because") else ""
        text += f" ; non enregistré{because}"
    elif f.get("recordings"):
        text += f" ; enregistré en {count(len(f['recordings']), 'vidéo')} : {_items(f['recordings'])}"
    elif f.get("recorded"):
        text += " ; enregistré"
    return text + "."


def _forum(f: Facts, p: Profile) -> str:
    n = f.get("count", 1)
    attendance = _headcount(f.get("attendance"))
    head = "forum des projets pilotes" if n == 1 else f"{_number_word(n)} forums des projets pilotes"
    fmt = f" ({f['format']})" if f.get("format") else ""
    return f"{head}{fmt}{', ' + attendance if attendance else ''}."


def _peers(f: Facts, p: Profile) -> str:
    categories = [CATEGORIES[ActorCategory(c)] for c in f.get("categories", [])]
    who = f" ({join_list(categories)})" if categories else ""
    # The occasion is the coordinator's own phrase ("lors du webinaire 5"): labelled, never spliced in.
    occasion = f" ; occasion : {unstop(str(f['occasion']))}" if f.get("occasion") else ""
    attendance = _headcount(f.get("attendance"))
    said = _quotes(f.get("said", []))
    return f"échanges entre pairs{who}{', ' + attendance if attendance else ''}{occasion}.{said}"


def _diag_started(f: Facts, p: Profile) -> str:
    by = f.get("conducted_by") or []
    if by:
        return f"début du diagnostic sensible, mené par {join_list(named(b) for b in by)}."
    return "début du diagnostic sensible ; qui l'a mené n'est pas précisé."


def _interviews(f: Facts, p: Profile) -> str:
    n = f.get("count")
    if n is None:
        return "entretiens menés pour le diagnostic sensible (nombre non précisé)."
    amount = approx(n) if f.get("approximate") else number(n)
    noun = "entretiens" if n > 1 else "entretien"
    return f"{elide_de(amount, noun) if f.get('approximate') else f'{amount} {noun}'} pour le diagnostic sensible."


def _pre_restitution(f: Facts, p: Profile) -> str:
    to = f.get("to") or "la personne à la tête de l'exécutif"
    return f"pré-restitution du diagnostic sensible devant {to}."


def restitution_audience(f: Facts) -> str:
    """` en réunion publique, devant les habitants`, ` devant les personnes interrogées`, or nothing."""
    audience = str(f.get("audience") or "").strip()
    public = " en réunion publique" if f.get("public") else ""
    # "une réunion publique" as the audience says no more than `public`.
    if audience and not (public and "réunion publique" in audience.lower()):
        return f"{public}{',' if public else ''} devant {unstop(audience)}"
    return public


def _restitution(f: Facts, p: Profile) -> str:
    return f"restitution du diagnostic sensible{restitution_audience(f)}."


def _finding(f: Facts, p: Profile) -> str:
    return _then(f"diagnostic sensible, {FINDINGS[f['kind']]}", f["summary"]) + _quotes(f.get("quotes", []))


def _member(f: Facts, p: Profile) -> str:
    member = f["member"]
    return f"dans la délégation, du côté {CATEGORY_ONE[ActorCategory(f['category'])]} : {people_phrase([member])}."


def _incomplete(f: Facts, p: Profile) -> str:
    missing = join_list(CATEGORIES[ActorCategory(c)] for c in f.get("missing", []))
    return _then(
        f"délégation incomplète{' (il y manque les ' + missing + ')' if missing else ''}", f["description"]
    )


def _pilot(f: Facts, p: Profile) -> str:
    goals = f.get("goals") or []
    text = f"projet pilote retenu : {quote(f['title'])}." + (f" {f['summary']}" if f.get("summary") else "")
    if goals:
        text += " Objectifs : " + " ; ".join(lower_first(g.rstrip(".; ")) for g in goals) + "."
    return text


def _note(f: Facts, p: Profile) -> str:
    return f"{NOTES[f['kind']].lower()} du projet pilote rédigée."


def _ally(f: Facts, p: Profile) -> str:
    text = f"accompagnement du projet pilote confié {allies_phrase(f['allies'], f.get('also_did_diagnostic'), f.get('diagnostic_by', []), to=True)}"
    return text + (f". Pourquoi : {lower_first(unstop(f['reason']))}." if f.get("reason") else ".")


def allies_phrase(
    allies: Sequence[Any],
    also_did: bool | None,
    diagnosed_by: Sequence[str] = (),
    to: bool = False,
    cohort: CohortProfile | None = None,
) -> str:
    """`Florence Chemille (AREC Occitanie) et Pierre Cancé (Eco-Morphose) ; Florence Chemille avait aussi
    mené le diagnostic sensible`: the relative clause never lands on the wrong person. `diagnosed_by` names
    who did, as the history records it; with several allies and no name, "l'un d'eux au moins"."""
    token = _COHORT.set(cohort) if cohort is not None else None
    try:
        return _allies(allies, also_did, diagnosed_by, to)
    finally:
        if token is not None:
            _COHORT.reset(token)


def _allies(allies: Sequence[Any], also_did: bool | None, diagnosed_by: Sequence[str], to: bool) -> str:
    people = [a if isinstance(a, dict) else a.model_dump() for a in allies]
    text = people_phrase(people, to=to)
    by = [name for name in diagnosed_by if any(a["name"] == name for a in people)]
    # Agreement with one plural name (« Les Ateliers du Trégor, qui avaient »).
    plural = len(people) == 1 and organisation(people[0]["name"]).plural
    if also_did is False:
        return text + " ; le diagnostic sensible avait été mené par d'autres"
    if by and len(by) < len(people):  # which of them: « qui » would take in every ally listed
        return f"{text} ; {join_list(by)} {'avait' if len(by) == 1 else 'avaient'} aussi mené le diagnostic sensible"
    if by or (also_did and len(people) == 1):
        return f"{text}, qui {'avait' if len(people) == 1 and not plural else 'avaient'} aussi mené le diagnostic sensible"
    if also_did:
        return text + " ; l'un d'eux au moins avait aussi mené le diagnostic sensible"
    return text


def _days(f: Facts, p: Profile) -> str:
    return f"{count(f['days'], 'jour')} d'accompagnement du projet pilote."


def _extended(f: Facts, p: Profile) -> str:
    reason = f" : {f['reason']}" if f.get("reason") else "."
    return f"budget d'accompagnement augmenté de {count(f['days'], 'jour')}{reason}"


def _milestone(f: Facts, p: Profile) -> str:
    kind = "" if f["kind"] == "other" else f" ({MILESTONES[f['kind']]})"
    return _then(f"étape concrète{kind}", f["description"])


def _announced(f: Facts, p: Profile) -> str:
    kind = "" if f["kind"] == "other" else f" ({MILESTONES[f['kind']]})"
    expected = f", prévue {date_words(PartialDate(f['expected']))}" if f.get("expected") else ""
    return _then(f"étape annoncée{kind}{expected}", f["description"])


def _evaluation_day(f: Facts, p: Profile) -> str:
    text = "journée d'évaluation de la cohorte" + (f", {place_a(f['place'])}" if f.get("place") else "")
    if f.get("in_person_day"):
        n = f["in_person_day"]
        text += f" ({ORDINALS_F[n - 1] if 0 < n <= len(ORDINALS_F) else str(n) + 'e'} journée en présentiel)"
    if f.get("objectives"):
        text += f". Objectifs : {_items(f['objectives'])}"
    return text + "."


OBSERVERS = table("fr", "observers")


def _observed(f: Facts) -> str:
    return f" (relevé {OBSERVERS[f['observed_by']]})" if OBSERVERS.get(f.get("observed_by") or "") else ""


def _effect(f: Facts, p: Profile) -> str:
    label = f"effet {quote(f['label'])}" if f.get("label") else "effet relevé"
    return _then(f"{label}{_observed(f)}", f["description"]) + _quotes(f.get("quotes", []))


def _limit(f: Facts, p: Profile) -> str:
    observed = _observed(f).replace("relevé", "relevée")
    return _then(f"limite{observed or ' relevée'}", f["description"]) + _quotes(f.get("quotes", []))


def _viewpoint(f: Facts, p: Profile) -> str:
    side = "côté allié" if f["side"] == "ally" else "côté territoire"
    speakers = f", {people_phrase(f['speakers'], of=True)}" if f.get("speakers") else ""
    if not f.get("expressed", True):
        return f"point de vue {side}{speakers} : non exprimé à ce jour."
    return _then(f"point de vue {side}{speakers}", f.get("summary") or "") + _quotes(f.get("quotes", []))


def _production(f: Facts, p: Profile) -> str:
    kind: str = PRODUCTIONS.get(f["kind"]) or str(f["kind"])
    number_part = f" n° {f['number']}" if f.get("number") else ""
    tail = ""
    if f.get("in_person_day"):
        n = f["in_person_day"]
        tail += f", lors de la {ORDINALS_F[n - 1] if 0 < n <= len(ORDINALS_F) else str(n) + 'e'} journée en présentiel"
    if f.get("where"):
        tail += f" ; où : {unstop(str(f['where']))}"
    if f["title"].lower().startswith(kind.lower()):  # « Infolettre #1 » says no more than its kind
        return f"{kind.lower()}{number_part}, par {named(f['author'])}{tail}."
    return f"{kind.lower()}{number_part} {quote(unstop(f['title']))}, par {named(f['author'])}{tail}."


WRITERS: dict[str, Callable[[Facts, Profile], str]] = {
    "territory_approached": _approached,
    "scheme_presented": _presented,
    "territory_joined": _joined,
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
    "pilot_note_written": _note,
    "ally_assigned": _ally,
    "accompaniment_days_spent": _days,
    "accompaniment_budget_extended": _extended,
    "milestone_reached": _milestone,
    "milestone_announced": _announced,
    "evaluation_day_held": _evaluation_day,
    "effect_observed": _effect,
    "limit_observed": _limit,
    "viewpoint_recorded": _viewpoint,
    "production_published": _production,
}


def cohort_sentence(entry: TimelineEntry, cohort: CohortProfile | None = None) -> str:
    """A cohort-level entry as a French sentence (the writers live in `cohort_sentences`)."""
    from transitions_narratives.cohort_sentences import cohort_sentence as write

    return write(entry, cohort)


#: The name the organisation work (issue 10) gave the people writer.
_people = people_phrase
