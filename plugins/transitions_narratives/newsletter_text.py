"""The newsletter, said in a language: `plans/newsletter.py` chooses, `narratives/wording/<lang>/newsletter.yaml`
words, and the templates (`newsletter/issue.md.j2`, `issue.html.j2`) lay the sections out.
"""

from __future__ import annotations

from typing import Any

from transitions_core.narrative.views import CohortView
from transitions_core.text.grammar import filters
from transitions_core.timeline.view import TimelineEntry
from transitions_narratives import digest, kinds
from transitions_narratives.plans.newsletter import Issue, Item, issue
from transitions_narratives.wording import Wording, wording


def newsletter(view: CohortView, lang: str = "fr", html: bool = False) -> dict[str, Any]:
    """Every text of an issue, section by section, ready for a template (typeset for HTML)."""
    plan, say = issue(view), wording(lang)
    period = digest.period_words(view, lang)
    common = {"cohort": view.cohort, "period": period, "as_of": view.as_of, "engaged": len(plan.engaged)}
    text: dict[str, Any] = {
        "lang": lang,
        "title": say.say("newsletter.title", **common),
        "dateline": say.say("newsletter.dateline", **common),
        "editorial": _editorial(plan, say, common),
        "calm": plan.calm,
        "headings": {k: say.say(f"newsletter.headings.{k}", **common) for k in HEADINGS},
        "headlines": [_headline(e, plan, say, lang) for e in plan.headlines],
        "brief": [{"when": _when(e, lang), "text": digest.entry_text(e, view, lang)} for e in plan.brief],
        "news": [_item(i, plan, say, lang) for i in plan.items],
        "none_dated": "",
        "quiet": "",
        "voice": _voice(plan, say),
        "figure": _figure(plan, say),
        "upcoming": [
            {"when": _when(e, lang), "text": digest.upcoming_text(e, view, lang)} for e in plan.upcoming
        ],
        "footer": say.say("newsletter.footer", **common),
    }
    quiet = plan.quiet
    if quiet:
        key = "newsletter.quiet.period" if period else "newsletter.quiet.whole"
        text["quiet"] = say.say(key, territories=list(quiet), **common)
    if not plan.calm and not plan.items and not quiet:
        text["none_dated"] = say.say("newsletter.none_dated", **common)
    return _typeset(text, filters(lang)["typeset"]) if html else text


HEADINGS = ("headlines", "brief", "territories", "figure", "upcoming")


def _editorial(plan: Issue, say: Wording, common: dict[str, Any]) -> str:
    if plan.calm:
        parts = [say.say("newsletter.editorial.calm", **common)]
    else:
        days = plan.sessions.get("in_person_day_held", [])
        parts = [
            say.say(
                "newsletter.editorial.sessions",
                # The places the history gives; a day whose place it does not give is counted, not placed.
                places=[str(d.facts["place"]) for d in days if d.facts.get("place")],
                days=len(days),
                webinars=len(plan.sessions.get("webinar_held", [])),
                forums=len(plan.sessions.get("pilot_forum_held", [])),
                others=sum(len(v) for k, v in plan.sessions.items() if k in MEETINGS),
                publications=len(plan.sessions.get("production_published", [])),
                **common,
            ),
            say.say(
                "newsletter.editorial.territories",
                done=[say.say(f"newsletter.step.{k}", n=plan.steps[k]) for k in STEPS if plan.steps.get(k)],
                **common,
            ),
        ]
    upcoming = [
        e
        for e in plan.upcoming
        if e.scope == "cohort" and e.type in kinds.of(scope="cohort", stage="common_core")
    ]
    if upcoming:
        parts.append(say.say("newsletter.editorial.next", **_slots(upcoming[0], plan), **common))
    return " ".join(p for p in parts if p)


#: The cohort's other meetings an editorial counts (an evaluation day held on an in-person day is told once).
MEETINGS = (
    "peer_exchange_held",
    "evaluation_day_held",
    "regional_event_co_organised",
    "call_for_applications_presented",
)
#: The territories' steps an editorial counts, in the order of a path.
STEPS = (
    "territory_joined",
    "diagnostic_started",
    "diagnostic_restituted",
    "pilot_project_chosen",
    "milestone_reached",
    "effect_observed",
)


def _slots(entry: TimelineEntry, plan: Issue) -> dict[str, Any]:
    profiles = {t.territory.id: t.territory for t in plan.view.territories}
    return {
        "type": entry.type,
        "facts": entry.facts,
        "occurred": entry.occurred,
        "t": profiles.get(entry.territory or ""),
        "number": int(entry.facts.get("number") or 0),
    }


def _headline(entry: TimelineEntry, plan: Issue, say: Wording, lang: str) -> dict[str, str]:
    key = f"newsletter.headline.{entry.type}"
    title = say.say(key if say.has(key) else "newsletter.headline.other", **_slots(entry, plan))
    return {
        "title": title,
        "when": _when(entry, lang),
        "text": digest.entry_text(entry, plan.view, lang),
    }


def _item(item: Item, plan: Issue, say: Wording, lang: str) -> dict[str, str]:
    key = f"newsletter.item.{item.entry.type}"
    if say.has(key):
        lead = say.say(key, item.choice, detail=item.detail, **_slots(item.entry, plan))
    else:
        lead = digest.entry_text(item.entry, plan.view, lang, named=False, brief=True)
        lead = say.say("newsletter.item.other", item.choice, text=lead, detail=item.detail)
    if item.also:
        # A correction's reason is for the timeline; the item only tells what happened.
        plain = [e.model_copy(update={"corrections": ()}) for e in item.also]
        texts = [digest.entry_text(e, plan.view, lang, named=False, brief=True) for e in plain]
        lead += " " + say.say("newsletter.item.also", texts=texts)
    return {"name": item.territory.name, "when": _when(item.entry, lang), "text": lead}


def _when(entry: TimelineEntry, lang: str) -> str:
    """The entry's date, compact, or nothing when the history does not date it (no "date inconnue")."""
    return "" if entry.occurred.is_unknown else digest.when(entry, lang)


def _voice(plan: Issue, say: Wording) -> dict[str, str] | None:
    voice = plan.voice
    if voice is None:
        return None
    slots = {
        "speaker": voice.quote.speaker or "",
        "t": voice.territory,
        "type": voice.entry.type if voice.entry else "",
        "facts": voice.entry.facts if voice.entry else {},
        "number": int((voice.entry.facts.get("number") or 0) if voice.entry else 0),
    }
    return {
        "heading": say.say("newsletter.voice.heading", **slots),
        "text": voice.quote.text,
        "quoted": say.say("newsletter.voice.quoted", text=voice.quote.text),
        "by": say.say("newsletter.voice.by", **slots),
    }


def _figure(plan: Issue, say: Wording) -> dict[str, str] | None:
    figure = plan.figure
    if figure is None:
        return None
    slots: dict[str, Any] = dict(figure.slots)
    if "entry" in slots:
        slots.update(_slots(slots.pop("entry"), plan))
    value = say.say("newsletter.figure.value", value=figure.value, high=figure.high)
    caption = say.say(f"newsletter.figure.{figure.kind}", value=figure.value, high=figure.high, **slots)
    return {"value": value, "caption": caption}


def _typeset(value: Any, typeset: Any) -> Any:
    if isinstance(value, str):
        return typeset(value)
    if isinstance(value, dict):
        return {k: v if k == "lang" else _typeset(v, typeset) for k, v in value.items()}
    if isinstance(value, list):
        return [_typeset(v, typeset) for v in value]
    return value
