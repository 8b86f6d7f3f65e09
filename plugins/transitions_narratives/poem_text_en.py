"""The English `poem`: shorter free verse from the same facts; the sources' own words stay in French."""

from __future__ import annotations

import random
import re

from babel.dates import format_date

from transitions_core.narrative.views import DayView, TerritoryView
from transitions_core.text.english import join_list as and_list
from transitions_core.text.english import number
from transitions_core.text.filters import unstop
from transitions_narratives.article_text_en import quoted
from transitions_narratives.claims import source_of_type
from transitions_narratives.membership import engaged
from transitions_narratives.prose import seed_of
from transitions_narratives.sentences_en import kind_en

Stanza = list[str]
ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"]


def day_title(view: DayView) -> str:
    """The place and the day."""
    held = view.day.occurred.earliest
    assert held is not None
    return f"{view.day.facts['place']}, {format_date(held, 'd MMMM y', locale='en')}"


def day_stanzas(view: DayView) -> list[Stanza]:
    """Place and time, theme, activities, words, what remains."""
    rng, facts = seed_of(view, "day-en"), view.day.facts
    held = view.day.occurred.earliest
    assert held is not None
    n = facts["number"]
    rank = ORDINALS[n - 1] if 0 < n <= len(ORDINALS) else f"number {n}"
    attendance = facts.get("attendance") or {}
    crowd = (
        f"between {attendance['low']} and {attendance['high']} people"
        if attendance.get("high") and attendance["high"] != attendance["low"]
        else f"{attendance['low']} people"
        if attendance
        else "the cohort"
    )
    weekday = format_date(held, "EEEE", locale="en")
    stanzas = [
        rng.choice(
            [
                [f"A {weekday} in {facts['place']}:", f"{crowd} gather", f"for the {rank} time."],
                [f"In {facts['place']}, the {rank} day,", f"{crowd} in one place."],
            ]
        ),
        ["What brings us here fits in a line:", f"{quoted(facts['theme'])}."],
    ]
    titles = [re.sub(r"^Journée #\d+\s*", "", a).strip() for a in facts.get("activities") or []]
    if titles:
        stanzas.append(["On the programme:", *(f"{quoted(t)}," for t in titles)])
    feedback = [unstop(f["text"]) for f in facts.get("feedback") or [] if f.get("text")]
    if feedback:
        stanzas.append(["Voices from the day:", *(f"{quoted(f)}," for f in _some(rng, feedback))])
    poems = [p.facts for p in view.poems if p.facts.get("title")]
    if poems:
        stanzas.append(
            [
                f"What remains: a poem by {poems[0].get('author') or 'a poet'},",
                f"{quoted(poems[0]['title'])}.",
            ]
        )
    return [_closed(s) for s in stanzas]


def territory_title(view: TerritoryView) -> str:
    """The territory's name."""
    return view.territory.name


def territory_stanzas(view: TerritoryView) -> list[Stanza]:
    """Who, the listening, the project, the changes, a voice, what resists: the French poem's facts."""
    rng, profile = seed_of(view, "territory-en"), view.territory
    where = f" in {profile.department}" if profile.department else ""
    who = [f"{profile.name},", f"a {kind_en(profile.kind)}{where},"]
    if profile.population is not None:
        who.append(
            f"{number(profile.population)} {'inhabitant' if profile.population == 1 else 'inhabitants'},"
        )
    if not engaged(view):
        who.append("approached by the cohort,")
        if view.status.declined:
            who.append("chooses to stay outside.")
        stanzas = [who]
        if view.status.declined_reason:
            stanzas.append(["The reason, in a line:", f"{quoted(view.status.declined_reason)}."])
        return [_closed(s) for s in stanzas]
    who.append("joins the cohort.")
    stanzas = [who]
    diagnostic = view.diagnostic
    if diagnostic.started:
        lines = ["First, listening,"]
        if diagnostic.interviews is not None:
            about = "about " if diagnostic.interviews_approximate else ""
            lines.append(
                f"{about}{diagnostic.interviews} {'interview' if diagnostic.interviews == 1 else 'interviews'},"
            )
        if diagnostic.conducted_by:
            lines.append(f"with {and_list(diagnostic.conducted_by)},")
        if diagnostic.restituted:
            lines.append("then telling it all back.")
        elif view.status.not_yet("restitution"):
            lines.append("and the telling back still to come.")
        stanzas.append(lines)
    elif view.status.not_yet("diagnostic"):
        stanzas.append(["No one has come to listen yet."])
    if view.pilot:
        lines = rng.choice(
            [
                ["Then a project takes a name:", quoted(view.pilot.title)],
                ["It needed a project. It will be", quoted(view.pilot.title)],
            ]
        )
        if view.pilot.allies:
            lines = [
                *lines[:-1],
                lines[-1] + ",",
                f"with {and_list([p.name for p in view.pilot.allies])} walking alongside.",
            ]
        stanzas.append(lines)
    elif view.status.not_yet("pilot"):
        stanzas.append(["The pilot project", "has no name yet."])
    labels = list(dict.fromkeys(quoted(e.label) for e in view.effects if e.label))
    if labels:
        source = source_of_type(view, "effect_observed", "en")
        keeps = (
            f"the words {source.noun} {source.verb('keeps', 'keep')}." if source else "the words that stay."
        )
        stanzas.append([f"{and_list(_some(seed_of(view, 'labels'), labels))}:", keeps])
    quotes = [q for q in view.quotes if len(q.text) <= 90]
    if quotes:
        item = seed_of(view, "voice").choice(quotes)
        stanzas.append(
            [f"{quoted(item.text)},", f"says {item.speaker}." if item.speaker else "a voice, unnamed."]
        )
    if view.limits:
        limit = min(view.limits, key=lambda item: len(item.description))
        stanzas.append(["And yet:", f"{quoted(limit.description)}."])
    return [_closed(s) for s in stanzas]


def _some(rng: random.Random, items: list[str], k: int = 3) -> list[str]:
    picked = sorted(rng.sample(range(len(items)), min(k, len(items))))
    return [items[i] for i in picked]


def _closed(lines: Stanza) -> Stanza:
    lines[-1] = lines[-1].removesuffix(",")
    if not lines[-1].endswith((".", ":")):
        lines[-1] += "."
    return lines
