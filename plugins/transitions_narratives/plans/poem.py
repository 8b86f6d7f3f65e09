"""The poems' plans: which facts a poem tells, in which form and order, in no language.

A territory's poem is built around what stands out in its history (`story.Centre`):
- its strongest words become a **litany**: the quote told once, then its first words coming back as a
  refrain between the stanzas;
- a tension the diagnostic found, a delegation that was never complete, or a limit opens **free verse**
  on that difficulty, then tells the path;
- otherwise the place and its pilot project are told in **short stanzas** of two or three lines.
Lines taken from the history (a limit, an effect, a step) are its own sentences, broken at their
punctuation, never cut. A poem keeps 24 lines at most: the stanzas of highest rank go first.
A day's poem tells what that day held: where and when, how many came, its theme, its sequences, what
participants said, and the poem written that day.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum

from transitions_core.narrative.status import Membership
from transitions_core.narrative.views import DayView, TerritoryView
from transitions_narratives.plans import Say, Stanza
from transitions_narratives.plans.story import REFRAIN, Centre, Story, first_sentence, story, tie, verse

MOST_LINES = 24


class Form(StrEnum):
    """The three shapes a territory's poem takes."""

    LITANY = "litany"
    FREE = "free"
    STANZAS = "stanzas"


FORMS = {
    Centre.VOICE: Form.LITANY,
    Centre.TENSION: Form.FREE,
    Centre.DELEGATION: Form.FREE,
    Centre.LIMIT: Form.FREE,
    Centre.PUBLIC: Form.STANZAS,
    Centre.PLACE: Form.STANZAS,
}


def territory_title(view: TerritoryView) -> Say:
    """The title: the refrain of a litany, else what the poem is built around."""
    if view.status.membership is not Membership.JOINED:
        return Say("territory.title.outside", {"t": view.territory})
    told = story(view)
    return Say(f"territory.title.{told.centre}", _common(told), told.pick("title"))


def territory_stanzas(view: TerritoryView) -> list[Stanza]:
    """The stanzas of a territory's poem, in order, each with its rank (see `MOST_LINES`)."""
    if view.status.membership is not Membership.JOINED:
        return list(_outside(view))
    told = story(view)
    form = FORMS[told.centre]
    build = {Form.LITANY: _litany, Form.FREE: _free, Form.STANZAS: _stanzas}[form]
    return [s for s in build(told) if s.says]


def _common(told: Story) -> dict[str, object]:
    view = told.view
    return {
        "t": view.territory,
        "refrain": told.refrain or "",
        "pilot": view.pilot.title if view.pilot else "",
        "tension": told.tension or "",
        "form": FORMS[told.centre].value,
    }


# ─── The three forms ───


def _litany(told: Story) -> Iterator[Stanza]:
    refrain = Say("refrain", {"refrain": told.refrain})
    yield Stanza((_place(told), *_left(told)))
    yield Stanza((_voice(told, first=True),))
    if _telling(told):
        yield Stanza((*_listening(told), refrain), rank=3)
    yield Stanza((*_project(told), refrain), rank=2)
    yield from _difficulties(told, rank=4)
    yield from _found(told, "effect", rank=5, most=1)
    yield from _found(told, "limit", rank=6, opening=False)
    yield Stanza((Say("close.litany", {"refrain": told.refrain}),))


def _free(told: Story) -> Iterator[Stanza]:
    centre = told.centre
    if centre is Centre.TENSION:
        yield Stanza((_lines("tension.opening", told.tension or "", told),))
    elif centre is Centre.DELEGATION:
        yield Stanza((_lines("gap.opening", told.gaps[0], told),))
    else:
        yield from _found(told, "limit", rank=0, opening=True)
    yield Stanza(
        (
            Say("turn", {"centre": centre.value, **_common(told)}, told.pick("turn")),
            _place(told),
            *_left(told),
        )
    )
    if _telling(told):
        yield Stanza(tuple(_listening(told)), rank=3)
    yield Stanza(tuple(_project(told)), rank=2)
    yield from _found(told, "step", rank=6, most=1)
    yield from _found(told, "effect", rank=4, most=2)
    if told.voice is not None:
        yield Stanza((_voice(told, first=True),), rank=5)
    if centre is not Centre.LIMIT:
        yield from _found(told, "limit", rank=7, opening=False)


def _stanzas(told: Story) -> Iterator[Stanza]:
    yield Stanza((_place(told), *_left(told)))
    if told.view.territory.description:
        yield Stanza((_lines("description", told.view.territory.description, told),), rank=6)
    if _telling(told):
        yield Stanza(tuple(_listening(told)), rank=1)
    yield Stanza(tuple(_project(told)), rank=1)
    yield from _difficulties(told, rank=3)
    yield from _found(told, "step", rank=6, most=1)
    yield from _found(told, "effect", rank=5, most=2)
    if told.voice is not None:
        yield Stanza((_voice(told, first=True),), rank=4)
    yield from _found(told, "limit", rank=2, opening=False)


# ─── Stanzas every form draws on ───


def _difficulties(told: Story, rank: int) -> Iterator[Stanza]:
    """A tension the diagnostic found, or a delegation left incomplete, when the poem is not built on it."""
    if told.tension and told.centre is not Centre.TENSION:
        yield Stanza((_lines("tension.told", told.tension, told),), rank=rank)
    elif told.gaps and told.centre is not Centre.DELEGATION:
        yield Stanza((_lines("gap.told", told.gaps[0], told),), rank=rank)


def _place(told: Story) -> Say:
    view = told.view
    profile = view.territory
    joined = next((e for e in view.entries if e.type == "territory_joined"), None)
    kind = "" if profile.name.lower().startswith(profile.kind.lower()) else profile.kind
    return Say(
        "place",
        {
            "t": profile,
            "kind": kind,
            "population": profile.population,
            "communes": profile.communes,
            "joined": joined.occurred if joined else None,
            "gone": view.status.left,
            "form": FORMS[told.centre].value,
        },
        told.pick("place"),
    )


def _listening(told: Story) -> Iterator[Say]:
    view = told.view
    diagnostic = view.diagnostic
    if not diagnostic.started:
        if view.status.not_yet("diagnostic"):  # "not yet" only of a step dated later; of the rest, nothing
            yield Say("listening.not_yet", {}, told.pick("listening"))
        return
    pre = next((e for e in view.entries if e.type == "diagnostic_pre_restituted"), None)
    done = next((e for e in view.entries if e.type == "diagnostic_restituted"), None)
    yield Say(
        "listening.done" if done else "listening.started",
        {
            "by": [view.cohort.organisation(name) for name in diagnostic.conducted_by],
            "interviews": diagnostic.interviews,
            "approximate": diagnostic.interviews_approximate,
            "first_to": str(pre.facts.get("to") or "") if pre else "",
            "audience": str(done.facts.get("audience") or "") if done else "",
            "public": bool(done.facts.get("public")) if done else False,
            "later": view.status.not_yet("restitution"),
        },
        told.pick("listening"),
    )


def _telling(told: Story) -> bool:
    """Whether to tell the listening: it has something of its own (a public restitution, who, how many), or
    the path has not reached a pilot project and the listening is where it stands."""
    diagnostic = told.view.diagnostic
    told_of = bool(diagnostic.public or diagnostic.conducted_by or diagnostic.interviews)
    return told_of or not diagnostic.started or told.view.pilot is None


def _project(told: Story) -> Iterator[Say]:
    view = told.view
    if view.pilot is None:
        if view.status.not_yet("pilot"):
            yield Say("project.not_yet", {}, told.pick("project"))
        return
    pilot = view.pilot
    yield Say(
        "project.chosen",
        {
            "title": pilot.title,
            "allies": [view.cohort.organisation(p.name) for p in pilot.allies],
            "organisations": list(dict.fromkeys(p.organisation for p in pilot.allies if p.organisation)),
        },
        told.pick("project"),
    )


def _voice(told: Story, first: bool) -> Say:
    item = told.voice
    assert item is not None
    slots = {"text": item.text, "lines": verse(item.text.strip().rstrip(".")), "speaker": item.speaker or ""}
    return Say("voice", {**slots, "refrain": told.refrain}, told.pick("voice"))


def _left(told: Story) -> Iterator[Say]:
    """A territory that joined, then left by the view's date: the poem says it left, and when."""
    view = told.view
    if view.status.left:
        yield Say("left", {"t": view.territory, "left": view.status.left_on}, told.pick("left"))


def _lines(key: str, text: str, told: Story, **slots: object) -> Say:
    sentence = first_sentence(text)
    return Say(key, {"text": sentence, "lines": verse(sentence), **slots}, told.pick(key))


def _found(told: Story, kind: str, rank: int, most: int = 1, opening: bool = False) -> Iterator[Stanza]:
    """Stanzas of the history's own sentences: a step reached, an effect (with its label), the limit told."""
    view = told.view
    items: list[tuple[str, str]]
    quote = ""
    if kind == "limit":
        items = [(told.limit.description, "")] if told.limit else []
        said = [q.text for q in told.limit.quotes if len(q.text) <= REFRAIN] if told.limit else []
        quote = said[0] if said else ""
    elif kind == "effect":
        items = [(e.description, e.label or "") for e in told.effects]
    else:
        steps = view.pilot.milestones if view.pilot else ()
        items = sorted(((str(m["description"]), "") for m in steps), key=lambda i: len(first_sentence(i[0])))
        effects = {first_sentence(e.description) for e in told.effects}
        items = [i for i in items if first_sentence(i[0]) not in effects]
    items = [i for i in items if len(verse(first_sentence(i[0]))) <= 4]
    key = f"{kind}.opening" if opening else f"{kind}.told"
    for index, (text, label) in enumerate(items[:most]):
        sentence = first_sentence(text)
        slots = {"text": sentence, "lines": verse(sentence), "index": index, "label": _plain_label(label)}
        slots["quote"] = quote
        yield Stanza((Say(key, slots, told.pick(key, index)),), rank=rank + index)


def _plain_label(label: str) -> str:
    """A label that reads as a noun inside a sentence (`transversalité`), else nothing."""
    return label if label and "/" not in label and not label.lower().startswith(("d'", "d’", "de ")) else ""


def _outside(view: TerritoryView) -> Iterator[Stanza]:
    approached = next((e for e in view.entries if e.type == "territory_approached"), None)
    profile = view.territory
    kind = "" if profile.name.lower().startswith(profile.kind.lower()) else profile.kind
    yield Stanza(
        (
            Say(
                "outside.who",
                {
                    "t": profile,
                    "kind": kind,
                    "population": profile.population,
                    "approached": approached.occurred if approached else None,
                    "declined": view.status.declined,
                },
            ),
        )
    )
    if view.status.declined_reason:
        yield Stanza((Say("outside.reason", {"reason": view.status.declined_reason}),))


def fit(stanzas: list[Stanza], lines_of: dict[int, int], most: int = MOST_LINES) -> list[Stanza]:
    """The stanzas kept within `most` lines: those of highest rank leave first (a rank of 0 stays)."""
    kept = list(stanzas)
    while sum(lines_of[id(s)] for s in kept) > most:
        droppable = [s for s in kept if s.rank > 0]
        if not droppable:
            break
        kept.remove(max(droppable, key=lambda s: s.rank))
    return kept


# ─── A common-core day ───


def day_title(view: DayView) -> Say:
    """The title of a day's poem: the place and the day, its rank, or what was said."""
    return Say("day.title", _day_slots(view), tie(f"{view.cohort.id}/{view.day.occurred}"))


def day_stanzas(view: DayView) -> list[Stanza]:
    """What the day held: arrival, theme, sequences, voices (or the cohort's aims), the poem it left."""
    choice = tie(f"{view.cohort.id}/{view.day.occurred}")
    slots = _day_slots(view)
    stanzas = [Stanza((Say("day.arrival", slots, choice),)), Stanza((Say("day.theme", slots, choice),))]
    middle = []
    if slots["activities"]:
        middle.append(Stanza((Say("day.activities", slots, choice),), rank=2))
    if slots["said"]:
        middle.append(Stanza((Say("day.voices", slots, choice),), rank=1))
    elif view.cohort.aims:
        middle.append(Stanza((Say("day.aims", {**slots, "aims": list(view.cohort.aims)}, choice),), rank=1))
    if choice % 2:
        middle.reverse()
    stanzas += middle
    if slots["poem"]:
        stanzas.append(Stanza((Say("day.remains", slots, choice),)))
    return stanzas


def territory_footer(view: TerritoryView) -> Say:
    """The line under a territory's poem: what it was written from."""
    return Say("territory.footer", {"t": view.territory, "as_of": view.as_of, "cohort": view.cohort})


def day_footer(view: DayView) -> Say:
    """The line under a day's poem."""
    return Say("day.footer", _day_slots(view))


def _day_slots(view: DayView) -> dict[str, object]:
    facts = view.day.facts
    poems = [p.facts for p in view.poems if p.facts.get("title")]
    author = poems[0].get("author") if poems else None
    attendance = facts.get("attendance") or {}
    return {
        "place": facts.get("place"),
        "held": view.day.occurred.earliest,
        "number": int(facts.get("number") or 0),
        "theme": facts["theme"],
        "activities": [_sequence(a) for a in facts.get("activities") or [] if _sequence(a)],
        "said": [str(f["text"]) for f in facts.get("feedback") or [] if f.get("text")][:3],
        "low": attendance.get("low"),
        "high": attendance.get("high"),
        "approximate": bool(attendance.get("approximate")),
        "poem": str(poems[0]["title"]) if poems else "",
        "author": view.cohort.organisation(str(author)) if author else None,
        "cohort": view.cohort,
    }


def _sequence(title: str) -> str:
    """A sequence's title without its programme number (`Journée #1 La séquence inspiration`)."""
    import re

    return re.sub(r"^Journée #\d+\s*", "", str(title)).strip()
