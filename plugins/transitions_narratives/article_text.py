"""The French `article`: a territory's path told as a journalist would, from its facts only.

Each function returns ready paragraphs; the template only places them under its headings. Choices among
phrasings come from a seed derived from the view, so a history always gives the same article.
"""

from __future__ import annotations

import random
import re

from transitions_core.domain.dates import PartialDate
from transitions_core.narrative.views import QuoteView, TerritoryView
from transitions_core.text.filters import lower_first, the, unstop
from transitions_core.text.french import count, date_words, join_list, number, quote, sentence
from transitions_core.text.places import located
from transitions_core.timeline.view import TimelineEntry
from transitions_narratives import membership
from transitions_narratives.claims import pending
from transitions_narratives.membership import engaged
from transitions_narratives.prose import (
    Subject,
    as_of,
    days_budget,
    first,
    in_quotes,
    same_text,
    seed_of,
    sentence_end,
    when,
)
from transitions_narratives.sentences import (
    CARDINALS,
    FINDINGS,
    allies_phrase,
    people_phrase,
    place_a,
    restitution_audience,
)

#: Quotes shorter than this can stand as a headline.
HEADLINE_QUOTE = 70


def kind_phrase(view: TerritoryView) -> str:
    """`Commune du Gard de 7 010 habitants`, or `Avec ses 28 233 habitants` when the name says its kind."""
    profile, subject = view.territory, Subject(view.territory)
    where = located(profile.department, department_article=profile.department_article)
    in_department = f" {where}" if where else ""
    if profile.name.lower().startswith(profile.kind.lower()):
        if profile.population is None:
            return ""
        return f"Avec {subject.its()} {count(profile.population, 'habitant')}"
    kind = sentence(profile.kind)
    people = f" de {count(profile.population, 'habitant')}" if profile.population is not None else ""
    return f"{kind}{in_department}{people}"


def headline(view: TerritoryView) -> str:
    """A headline that says where the territory stands."""
    if not engaged(view):
        return membership.headline(view)
    rng, subject = seed_of(view, "headline"), Subject(view.territory)
    name = sentence(subject.name())
    said = [q for q in _voices(view) if q.speaker and len(q.text) <= HEADLINE_QUOTE]
    if view.pilot and said:
        return f"{name} : {in_quotes(said[0].text)}"
    if view.pilot:
        options = [f"{name}, du diagnostic au projet pilote", f"{name} : un projet pilote pour se lancer"]
        if len(view.pilot.title) <= HEADLINE_QUOTE:
            options.append(f"{name} : du diagnostic sensible à {quote(view.pilot.title)}")
        return rng.choice(options)
    if view.diagnostic.restituted:
        return f"{name}, après le diagnostic sensible"
    if view.diagnostic.started:
        return f"{name} : le diagnostic sensible est lancé"
    return f"{name} {subject.verb('rejoint', 'rejoignent')} la cohorte"


def outside(view: TerritoryView) -> list[str]:
    """A territory that had not joined by the view's date: its approach and decision, and nothing else."""
    return membership.outside(view)


def standfirst(view: TerritoryView) -> str:
    """Who the territory is, which cohort it joined (or did not), and what the article will tell."""
    rng, subject = seed_of(view, "standfirst"), Subject(view.territory)
    lead = kind_phrase(view)
    if view.status.declined:
        joined = f"{subject.verb('a', 'ont')} décidé de ne pas rejoindre la {_cohort(view)}"
    elif not engaged(view):
        joined = f"{subject.verb('a', 'ont')} été {subject.agree('approché')} par la {_cohort(view)}"
    else:
        joined = f"{subject.verb('a', 'ont')} rejoint la {_cohort(view)}"
    opening = f"{lead}, {subject.name()} {joined}." if lead else f"{sentence(subject.name())} {joined}."
    if not engaged(view):
        return opening
    pilot = view.pilot
    if pilot:
        tail = rng.choice(
            [
                f"Du diagnostic sensible au projet pilote, {quote(unstop(pilot.title))}, récit d'un chemin, de ses effets et de ce qui résiste encore.",
                f"Retour sur un parcours qui mène de l'écoute du territoire à un projet pilote : {quote(unstop(pilot.title))}.",
            ]
        )
    elif view.diagnostic.started:
        tail = "Le diagnostic sensible est engagé. " + (pending(view.status, "pilot") or "")
    else:
        tail = pending(view.status, "diagnostic") or ""
    return f"{opening} {tail}".strip()


def path(view: TerritoryView) -> list[str]:
    """From joining the cohort to the restitution of the sensitive diagnostic."""
    rng, subject = seed_of(view, "path"), Subject(view.territory)
    paragraphs = []
    start = []
    joined = first(view, "territory_joined")
    joined_when = when(joined.occurred) if joined else None
    if joined_when:
        engages = subject.verb("s'engage", "s'engagent")
        start.append(f"{sentence(joined_when)}, {subject.name()} {engages} dans la cohorte.")
    launch = first(view, "in_person_day_held")
    if launch:
        place = place_a(launch.facts["place"])
        start.append(
            rng.choice(
                [
                    f"Le {_day(launch)}, la cohorte se retrouve {place} pour sa première journée en présentiel, sur le thème {quote(launch.facts['theme'])}.",
                    f"Tout se met en route {place}, le {_day(launch)} : première journée en présentiel, sur le thème {quote(launch.facts['theme'])}.",
                ]
            )
        )
    days = [e for e in view.entries if e.type == "in_person_day_held"]
    webinars = [e for e in view.entries if e.type == "webinar_held"]
    if len(days) > 1 or webinars:
        parts = [count(len(days), "journée en présentiel", "journées en présentiel")]
        if webinars:
            parts.append(count(len(webinars), "webinaire"))
        start.append(f"Au fil du tronc commun{as_of(view, ', à cette date')} : {join_list(parts)}.")
    if start:
        paragraphs.append(" ".join(start))
    paragraphs.append(_diagnostic(view, rng))
    effects = [e.description for e in view.effects]
    findings = [_finding(f) for f in view.diagnostic.findings if not same_text(str(f["summary"]), effects)]
    members = [people_phrase([m["member"]]) for m in view.delegation]
    if members:
        findings.append(f"Dans la délégation du territoire, on trouve {join_list(members)}.")
    if findings:
        paragraphs.append(" ".join(findings))
    return paragraphs


def pilot(view: TerritoryView) -> list[str]:
    """The pilot project: its title, its aims, who supports it and the steps taken."""
    rng = seed_of(view, "pilot")
    project = view.pilot
    if project is None:
        return [_no_pilot(view)]
    title = quote(unstop(project.title))
    opener = rng.choice(
        [
            f"De ce travail naît le projet pilote : {title}.",
            f"Le projet pilote retenu s'intitule {title}.",
            f"Reste à choisir où porter l'effort. Ce sera {title}.",
        ]
        if _follows(view, "pilot_project_chosen", "diagnostic_restituted")
        else [f"Le projet pilote retenu s'intitule {title}."]
    )
    told = [opener, sentence_end(_without_title_echo(project.summary, project.title))]
    if project.goals:
        goals = [lower_first(unstop(goal)) for goal in project.goals]
        told.append(
            f"{'Objectif affiché' if len(goals) == 1 else 'Objectifs affichés'} : {' ; '.join(goals)}."
        )
    paragraphs = [" ".join(told)]
    if project.allies:
        who = allies_phrase(
            list(project.allies),
            project.ally_also_did_diagnostic,
            project.diagnosed_by,
            to=True,
            cohort=view.cohort,
        )
        support = f"L'accompagnement est confié {who}."
        if project.days_spent:
            budget = days_budget(view)
            support += f" Au total, {count(project.days_spent, 'jour')} d'accompagnement y sont consacrés"
            support += f", sur les {number(budget)} prévus." if budget else "."
        paragraphs.append(support)
    effects = [e.description for e in view.effects]
    steps = [sentence_end(m["description"]) for m in project.milestones]
    steps = [s for s in steps if not same_text(s, effects)]
    if steps:
        paragraphs.append(
            rng.choice(["Des étapes concrètes suivent.", "Le projet avance par étapes."])
            + " "
            + " ".join(steps)
        )
    if project.announced:  # announced, not reached: said as announced, with the date given for them
        planned = [
            unstop(lower_first(m["description"]))
            + (f" ({date_words(PartialDate(m['expected']))})" if m.get("expected") else "")
            for m in project.announced
        ]
        n = len(planned)
        head = "Une étape est annoncée" if n == 1 else f"{_cardinal(n).capitalize()} étapes sont annoncées"
        paragraphs.append(f"{head} : {' ; '.join(planned)}.")
    return paragraphs


def _follows(view: TerritoryView, later: str, earlier: str) -> bool:
    """Whether the history dates `later` certainly after `earlier`: only then may one be told as born of the other."""
    after, before = first(view, later), first(view, earlier)
    if after is None or before is None:
        return False
    start, end = after.occurred.earliest, before.occurred.latest
    return start is not None and end is not None and start >= end


def _cardinal(n: int) -> str:
    return CARDINALS[n] if n < len(CARDINALS) else str(n)


def _without_title_echo(summary: str, title: str) -> str:
    """Drop the summary's first sentence when it only repeats the title just quoted."""
    first, _, rest = summary.partition(". ")
    words = set(re.findall(r"\w+", first.lower()))
    if rest and words and len(words & set(re.findall(r"\w+", title.lower()))) >= 0.8 * len(words):
        return rest
    return summary


def _no_pilot(view: TerritoryView) -> str:
    text = pending(view.status, "pilot") or ""
    notes = [e for e in view.entries if e.type == "pilot_note_written"]
    spent = [e for e in view.entries if e.type == "accompaniment_days_spent"]
    if notes:
        text += f" Une note {_note(notes[-1])} est rédigée{_when(notes[-1])}."
    if spent:
        days = sum(e.facts["days"] for e in spent)
        spent_when = when(spent[0].occurred) if len(spent) == 1 else None
        text += (
            f" L'accompagnement compte déjà {count(days, 'jour')}{', ' + spent_when if spent_when else ''}."
        )
    return text


def _voices(view: TerritoryView) -> list[QuoteView]:
    return [q for v in (view.territory_view, view.ally_view) if v for q in v.quotes]


def _diagnostic(view: TerritoryView, rng: random.Random) -> str:
    diagnostic = view.diagnostic
    if not diagnostic.started:
        return pending(view.status, "diagnostic") or ""
    started = first(view, "diagnostic_started")
    start_when = when(started.occurred) if started else None
    by = join_list(the(view.cohort.organisation(name)) for name in diagnostic.conducted_by)
    interviews = _interviews(view)
    opener = rng.choice(["Tout commence par l'écoute.", "D'abord, écouter.", "Premier temps : l'écoute."])
    if by and interviews:
        core = f"mené par {by}, le diagnostic sensible s'appuie sur {interviews}"
    elif by:
        core = f"le diagnostic sensible est mené par {by}"
    elif interviews:
        core = f"le diagnostic sensible s'appuie sur {interviews}"
    else:
        core = "le diagnostic sensible est engagé"
    text = [opener, sentence(f"{start_when}, {core}." if start_when else f"{core}.")]
    pre = first(view, "diagnostic_pre_restituted")
    done = first(view, "diagnostic_restituted")
    to = f" devant {pre.facts['to']}" if pre and pre.facts.get("to") else ""
    if done:
        audience = restitution_audience(done.facts)
        if pre:
            text.append(
                f"Ses conclusions sont d'abord présentées{to}{_when(pre)}, puis restituées{audience}{_when(done)}."
            )
        else:
            text.append(f"Ses conclusions sont restituées{audience}{_when(done)}.")
    elif pre:
        text.append(f"Une première restitution a lieu{to}{_when(pre)}.")
    else:
        text.append(pending(view.status, "restitution") or "")
    return " ".join(text)


def _interviews(view: TerritoryView) -> str:
    from transitions_narratives.sentences import elide_de

    n = view.diagnostic.interviews
    if n is None:
        return ""
    if view.diagnostic.interviews_approximate:
        from transitions_core.text.french import approx

        return elide_de(approx(n), "entretiens")
    return count(n, "entretien")


FINDING_OPENERS = {
    "strength": "Côté forces, ",
    "fragility": "Une fragilité ressort : ",
    "tension": "Le diagnostic met aussi au jour des tensions : ",
    "opportunity": "Une opportunité apparaît : ",
    "resistance": "Des résistances apparaissent : ",
}


def _finding(facts: dict[str, object]) -> str:
    kind = str(facts["kind"])
    opener = FINDING_OPENERS.get(kind, f"{sentence(FINDINGS.get(kind, kind))} : ")
    return opener + lower_first(sentence_end(str(facts["summary"])))


def _note(entry: TimelineEntry) -> str:
    return {"intention": "d'intention", "framing": "de cadrage", "feasibility": "de faisabilité"}.get(
        entry.facts["kind"], "sur le projet"
    )


def _when(entry: TimelineEntry) -> str:
    said = when(entry.occurred)
    return f" {said}" if said else ""


def _day(entry: TimelineEntry) -> str:
    return date_words(entry.occurred).removeprefix("le ")


def _cohort(view: TerritoryView) -> str:
    name = view.cohort.name
    if name.lower().startswith("cohorte"):
        return lower_first(name)
    return f"cohorte {name}" if "«" in name else f"cohorte {quote(name)}"
