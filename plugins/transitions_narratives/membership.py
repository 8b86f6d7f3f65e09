"""A territory that did not (or not yet) join, told as such: approached, perhaps presented the scheme, then
declined or still deciding. Every territory format tells such a territory this story and nothing else.

This module chooses what is told; `narratives/wording/LANG/membership.yaml` says it.
"""

from __future__ import annotations

from transitions_core.narrative.status import Membership
from transitions_core.narrative.views import CohortView, TerritoryView
from transitions_narratives.prose import first
from transitions_narratives.wording import wording

#: The steps of a territory's way to the cohort that such a story tells, in order.
STEPS = (
    ("approached", "territory_approached"),
    ("presented", "scheme_presented"),
    ("declined", "territory_declined"),
)


def engaged(view: TerritoryView) -> bool:
    """Whether the territory had joined by the view's date: only then is it told as taking part."""
    return view.status.membership is Membership.JOINED


def outside(view: TerritoryView, lang: str = "fr") -> list[str]:
    """The story of a territory that had not joined by the view's date, as paragraphs."""
    say = wording(lang)
    parts: list[str] = []
    for key, kind in STEPS:
        entry = first(view, kind)
        if entry is not None:
            parts.append(
                say.say(
                    f"membership.{key}",
                    t=view.territory,
                    facts=entry.facts,
                    occurred=entry.occurred,
                    alone=not parts,
                    reason=view.status.declined_reason,
                )
            )
    if first(view, "territory_declined") is None:
        if view.status.not_yet("joined"):
            parts.append(say.say("membership.not_yet", t=view.territory))
        elif view.status.membership is Membership.APPROACHED:
            parts.append(say.say("membership.undecided"))
    return [" ".join(parts)] if parts else []


def headline(view: TerritoryView, lang: str = "fr") -> str:
    """A headline for a territory that had not joined."""
    state = "declined" if view.status.declined else "approached"
    return wording(lang).say(f"membership.headline.{state}", t=view.territory)


def lines(view: CohortView, lang: str = "fr") -> list[str]:
    """One sentence per territory that had not joined (`Le Val de Brume n'a pas rejoint la cohorte : …`), or left."""
    say = wording(lang)
    return [
        say.say(
            f"membership.line.{'declined' if t.status.declined else 'approached'}",
            t=t.territory,
            reason=t.status.declined_reason,
            as_of=view.as_of,
        )
        for t in view.territories
        if not t.status.engaged
    ] + [left_line(t, lang) for t in view.territories if t.status.left]


def left_line(view: TerritoryView, lang: str = "fr") -> str:
    """`Le Val de Brume a rejoint la cohorte, puis l'a quittée en cours de route, le 6 avril 2025.`"""
    return wording(lang).say(
        "membership.line.left", t=view.territory, reason=view.status.declined_reason, left=view.status.left_on
    )
