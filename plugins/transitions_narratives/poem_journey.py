"""The French `poem` of a territory's journey: who it is, the listening, the project, what moved and resists."""

from __future__ import annotations

import random

from transitions_core.narrative.views import TerritoryView
from transitions_core.text.filters import lower_first, the, unstop
from transitions_core.text.french import approx, de_, join_list, number, quote, sentence
from transitions_core.text.places import located
from transitions_narratives.claims import source_of_type
from transitions_narratives.membership import engaged
from transitions_narratives.poem_text import VERSE_QUOTE, Stanza, closing, ordered_sample, source_words, words
from transitions_narratives.prose import Subject, first, seed_of, when
from transitions_narratives.sentences import elide_de


def territory_title(view: TerritoryView) -> str:
    """The poem's title: the territory's name, or its pilot project."""
    rng, subject = seed_of(view, "title"), Subject(view.territory)
    options = [sentence(subject.name()), f"Chemin {de_(view.territory.name, view.territory.article)}"]
    return rng.choice(options)


def territory_stanzas(view: TerritoryView) -> list[Stanza]:
    """A territory's journey: who it is, the listening, the project, the changes, a voice, what resists."""
    rng = seed_of(view, "territory")
    if not engaged(view):
        return [closing(s) for s in (_who(view, rng), _why_not(view)) if s]
    stanzas = [
        _who(view, rng),
        _listening(view, rng),
        _project(view, rng),
        _changes(view, rng),
        _a_voice(view, rng),
        _resists(view, rng),
    ]
    return [closing(s) for s in stanzas if s]


def _who(view: TerritoryView, rng: random.Random) -> Stanza:
    profile, subject = view.territory, Subject(view.territory)
    name = sentence(subject.name())
    kind = profile.kind if not profile.name.lower().startswith(profile.kind.lower()) else ""
    department = located(profile.department, department_article=profile.department_article)
    lines = [f"{name},"]
    if kind:
        lines.append(f"{kind} {department}".strip() + ",")
    if profile.population is not None:
        people = words(profile.population) if profile.population < 100 else number(profile.population)
        lines.append(f"{people} {'habitant' if profile.population < 2 else 'habitants'},")
    if engaged(view):
        joined = first(view, "territory_joined")
        said = when(joined.occurred) if joined else None
        lines.append(f"{subject.verb('entre', 'entrent')} dans la cohorte{' ' + said if said else ''}.")
    else:
        approached = first(view, "territory_approached")
        said = when(approached.occurred) if approached else None
        lines.append(f"{subject.agree('approché')} par la cohorte{' ' + said if said else ''},")
        if view.status.declined:
            lines.append(f"{subject.verb('choisit', 'choisissent')} de rester au-dehors.")
    if rng.random() < 0.5 and len(lines) > 2:
        lines = [lines[0], " ".join(lines[1:-1]).rstrip(","), lines[-1]]
        lines[1] += ","
    return lines


def _why_not(view: TerritoryView) -> Stanza:
    reason = view.status.declined_reason
    if not reason:
        return []
    return ["La raison tient en une ligne :", f"{lower_first(unstop(reason))}."]


def _listening(view: TerritoryView, rng: random.Random) -> Stanza:
    diagnostic = view.diagnostic
    if not diagnostic.started:
        # "Not yet" only for a diagnostic the history dates later: of the rest, a poem keeps quiet.
        if not view.status.not_yet("diagnostic"):
            return []
        return rng.choice(
            [
                ["L'écoute n'a pas commencé.", "Le territoire attend qu'on l'entende."],
                ["Personne encore", "n'est venu écouter."],
            ]
        )
    lines = [rng.choice(["Écouter d'abord,", "D'abord, écouter,", "Il a fallu écouter,"])]
    if diagnostic.interviews is not None:
        n = diagnostic.interviews
        amount = (
            elide_de(approx(n), "entretiens")
            if diagnostic.interviews_approximate
            else f"{words(n)} entretiens"
        )
        lines.append(amount + ",")
    if diagnostic.conducted_by:
        lines.append(f"avec {join_list(the(view.cohort.organisation(n)) for n in diagnostic.conducted_by)},")
    done = first(view, "diagnostic_restituted")
    audience = str(done.facts.get("audience") or "") if done else ""
    if done and done.facts.get("public"):
        lines.append("puis tout redire en réunion publique.")
    elif done and "entretiens" in audience:
        lines.append("puis tout redire devant ceux qui ont parlé.")
    elif done and audience:
        lines.append(f"puis tout redire devant {audience}.")
    elif done:
        lines.append("puis tout redire.")
    elif view.status.not_yet("restitution"):
        lines.append("et la restitution reste à venir.")
    else:
        lines[-1] = lines[-1].rstrip(",") + "."
    return lines


def _project(view: TerritoryView, rng: random.Random) -> Stanza:
    if view.pilot is None:
        return ["Le projet pilote", "n'a pas encore de nom."] if view.status.not_yet("pilot") else []
    title = quote(unstop(view.pilot.title))
    allies = join_list(the(view.cohort.organisation(p.name)) for p in view.pilot.allies)
    lines = rng.choice([["Alors un projet prend un nom :", title], ["Il fallait un projet. Ce sera", title]])
    if allies:
        lines = [*lines[:-1], lines[-1] + ",", f"avec {allies} pour marcher à côté."]
    return lines


def _changes(view: TerritoryView, rng: random.Random) -> Stanza:
    labels = list(dict.fromkeys(e.label for e in view.effects if e.label))
    if not labels:
        return []
    chosen = ordered_sample(seed_of(view, "labels"), labels, 3)
    source = source_of_type(view, "effect_observed")
    keeps = (
        f"les mots que {source.noun} {source.verb('retient', 'retiennent')}."
        if source
        else "les mots qui restent."
    )
    return rng.choice(
        [
            [f"{join_list(quote(label) for label in chosen)} :", keeps],
            ["Ce qui bouge a des noms :", *(f"{quote(label)}," for label in chosen)],
        ]
    )


def _a_voice(view: TerritoryView, rng: random.Random) -> Stanza:
    quotes = [q for q in view.quotes if len(q.text) <= VERSE_QUOTE]
    if not quotes:
        return []
    item = seed_of(view, "voice").choice(quotes)
    text = quote(source_words(item.text))
    if item.speaker:
        return [f"{text},", f"dit {item.speaker}."]
    return rng.choice([["Une voix, sans nom :", f"{text}."], [f"{text} —", "on l'a entendu là-bas."]])


def _resists(view: TerritoryView, rng: random.Random) -> Stanza:
    n = len(view.limits)
    if not n:
        return []
    limit = min(view.limits, key=lambda item: len(item.description))
    source = source_of_type(view, "limit_observed")
    where = f"dans {source.noun}" if source else ("relevée" if n < 2 else "relevées")
    return rng.choice(
        [
            ["Et pourtant :", f"{lower_first(unstop(limit.description))}."],
            [
                f"{sentence(words(n))} {'limite' if n < 2 else 'limites'} {where},",
                f"dont celle-ci : {lower_first(unstop(limit.description))}.",
            ],
        ]
    )
