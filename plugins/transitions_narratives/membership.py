"""A territory that did not (or not yet) join, told as such: approached, perhaps presented the scheme, then
declined or still deciding. Every territory format tells such a territory this story and nothing else.
"""

from __future__ import annotations

from transitions_core.narrative.status import Membership
from transitions_core.narrative.views import TerritoryView
from transitions_core.text.filters import unstop
from transitions_core.text.french import sentence
from transitions_core.timeline.view import TimelineEntry
from transitions_narratives.lexicon import table
from transitions_narratives.prose import Subject, first, when
from transitions_narratives.sentences import CHANNELS
from transitions_narratives.sentences_en import date_en

CHANNELS_EN = table("en", "channels")


def engaged(view: TerritoryView) -> bool:
    """Whether the territory had joined by the view's date: only then is it told as taking part."""
    return view.status.membership is Membership.JOINED


def outside(view: TerritoryView, lang: str = "fr") -> list[str]:
    """The story of a territory that had not joined by the view's date, as paragraphs."""
    return _outside_en(view) if lang == "en" else _outside_fr(view)


def headline(view: TerritoryView, lang: str = "fr") -> str:
    """A headline for a territory that had not joined."""
    if lang == "en":
        name = view.territory.name
        return (
            f"{name} stays out of the cohort" if view.status.declined else f"{name}, approached by the cohort"
        )
    subject = Subject(view.territory)
    name = sentence(subject.name())
    if view.status.declined:
        return f"{name} ne rejoint pas la cohorte"
    return f"{name}, {subject.agree('approché')} par la cohorte"


def _outside_fr(view: TerritoryView) -> list[str]:
    subject = Subject(view.territory)
    name = subject.name()
    approached = first(view, "territory_approached")
    presented = first(view, "scheme_presented")
    declined = first(view, "territory_declined")
    parts = []
    if approached:
        channel = CHANNELS.get(str(approached.facts.get("by", "")), "")
        by_whom = f" ({approached.facts['by_whom']})" if approached.facts.get("by_whom") else ""
        said = _when(approached)
        verb = subject.verb("est", "sont")
        parts.append(
            sentence(
                f"{said + ', ' if said else ''}{name} {verb} {subject.agree('approché')} "
                f"en vue de rejoindre la cohorte{' ' + channel if channel else ''}{by_whom}."
            )
        )
    if presented:
        said = _when(presented)
        by = f" par {presented.facts['by']}" if presented.facts.get("by") else ""
        parts.append(sentence(f"{said + ', ' if said else ''}la démarche lui est présentée{by}."))
    if declined:
        said = _when(declined)
        decides = subject.verb("décide", "décident")
        who = subject.pronoun() if parts else name
        text = f"{said + ', ' if said else ''}{who} {decides} de ne pas rejoindre la cohorte"
        reason = view.status.declined_reason
        parts.append(sentence(f"{text} : {unstop(reason)}." if reason else f"{text}."))
    elif view.status.not_yet("joined"):
        parts.append(sentence(f"{name} n'a pas encore rejoint la cohorte à cette date."))
    elif view.status.membership is Membership.APPROACHED:
        parts.append("Aucune décision n'est encore consignée.")
    return [" ".join(parts)] if parts else []


def _outside_en(view: TerritoryView) -> list[str]:
    name = view.territory.name
    approached = first(view, "territory_approached")
    presented = first(view, "scheme_presented")
    declined = first(view, "territory_declined")
    parts = []
    if approached:
        channel = CHANNELS_EN.get(str(approached.facts.get("by", "")), "")
        by_whom = f" ({approached.facts['by_whom']})" if approached.facts.get("by_whom") else ""
        said = _when_en(approached)
        parts.append(
            f"{name} was approached to join the cohort{' ' + channel if channel else ''}{by_whom}{said}."
        )
    if presented:
        by = f" by {presented.facts['by']}" if presented.facts.get("by") else ""
        parts.append(f"The scheme was presented to it{by}{_when_en(presented)}.")
    if declined:
        reason = view.status.declined_reason
        text = f"{name} decided not to join{_when_en(declined)}"
        parts.append(
            f"{text}, giving this reason (in French): « {unstop(reason)} »." if reason else f"{text}."
        )
    elif view.status.not_yet("joined"):
        parts.append(f"{name} had not joined the cohort yet by then.")
    elif view.status.membership is Membership.APPROACHED:
        parts.append("No decision is on record yet.")
    return [" ".join(parts)] if parts else []


def _when(entry: TimelineEntry) -> str:
    return when(entry.occurred) or ""


def _when_en(entry: TimelineEntry) -> str:
    occurred = entry.occurred
    if occurred.is_unknown:
        return ""
    text = date_en(occurred)
    return f" on {text}" if text[:1].isdigit() else f" in {text}"
