"""The English `poem`: shorter free verse from the same facts; the sources' own words stay in French."""

from __future__ import annotations

import random
import re

from babel.dates import format_date

from transitions_core.narrative.views import DayView, TerritoryView
from transitions_core.text.filters import unstop
from transitions_narratives.article_text_en import KINDS, and_list, quoted
from transitions_narratives.prose import seed_of

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
        ["What brings us here fits in a line:", f"{quoted(facts['theme'])} (in French)."],
    ]
    titles = [re.sub(r"^Journée #\d+\s*", "", a).strip() for a in facts.get("activities") or []]
    if titles:
        stanzas.append(["On the programme, in French:", *(f"{quoted(t)}," for t in titles)])
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
    """Who, the listening, the project, the changes."""
    rng, profile = seed_of(view, "territory-en"), view.territory
    kind = KINDS.get(profile.kind, profile.kind)
    stanzas = [
        [
            f"{profile.name},",
            f"a {kind}{' in ' + profile.department if profile.department else ''},",
            "joins the cohort.",
        ]
    ]
    if view.diagnostic.started:
        interviews = view.diagnostic.interviews
        heard = (
            f"{'about ' if view.diagnostic.interviews_approximate else ''}{interviews} interviews,"
            if interviews
            else ""
        )
        stanzas.append(["First, listening:", *([heard] if heard else []), "then telling it back."])
    else:
        stanzas.append(["No one has come to listen yet."])
    if view.pilot:
        stanzas.append(
            rng.choice(
                [
                    ["Then a project takes a name:", quoted(view.pilot.title)],
                    ["It needed a project. It will be", quoted(view.pilot.title)],
                ]
            )
        )
    else:
        stanzas.append(["The pilot project", "has no name yet."])
    labels = [quoted(e.label) for e in view.effects if e.label]
    if labels:
        stanzas.append([f"{and_list(_some(rng, labels))}:", "the words the report keeps (in French)."])
    return [_closed(s) for s in stanzas]


def _some(rng: random.Random, items: list[str], k: int = 3) -> list[str]:
    picked = sorted(rng.sample(range(len(items)), min(k, len(items))))
    return [items[i] for i in picked]


def _closed(lines: Stanza) -> Stanza:
    lines[-1] = lines[-1].removesuffix(",")
    if not lines[-1].endswith((".", ":")):
        lines[-1] += "."
    return lines
