"""The timeline as text: a header, then one dated line per entry.

The sentences come from the language's teller (`tellers.py`), the header's words from
`narratives/wording/LANG/timeline.yaml`; the language's typography is the renderer's last pass.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from transitions_core.domain.dates import PartialDate
from transitions_core.narrative.views import CohortView, TerritoryView
from transitions_core.text.grammar import filters
from transitions_narratives.kinds import untold
from transitions_narratives.tellers import teller
from transitions_narratives.wording import Wording, wording


def render_territory(view: TerritoryView, lang: str = "fr") -> str:
    """A territory's timeline: a header, then one dated line per entry."""
    tell, say = teller(lang), wording(lang)
    profile = view.territory
    lines = [say.say("timeline.territory", t=profile, cohort=view.cohort), tell.profile(profile)]
    lines += _as_of_line(say, view.as_of)
    lines.append("")
    if not view.entries:
        lines.append(say.say("timeline.empty"))
    for entry in view.entries:
        lines.append(f"• {short_date(entry.occurred, lang)} — {tell.entry(entry, profile, view.cohort)}")
    return tell.quotes("\n".join(lines)) + "\n"


def render_cohort(view: CohortView, lang: str = "fr") -> str:
    """A cohort's timeline: its own events and its territories', each territory's named at the start."""
    tell, say = teller(lang), wording(lang)
    profiles = {t.territory.id: t.territory for t in view.territories}
    lines = [
        say.say("timeline.cohort", cohort=view.cohort),
        say.say("timeline.territories", n=len(profiles), cohort=view.cohort),
    ]
    lines += _as_of_line(say, view.as_of)
    lines.append("")
    profiles_only = untold()  # the cohort's and the territories' registrations are their profiles
    for entry in view.entries:
        if entry.type in profiles_only:
            continue
        profile = profiles.get(entry.territory or "")
        text = tell.entry(entry, profile, view.cohort)
        if profile is not None and not names_early(text, profile.name):
            text = say.say("timeline.named", name=profile.name, text=text)
        lines.append(f"• {short_date(entry.occurred, lang)} — {text}")
    return tell.quotes("\n".join(lines)) + "\n"


def names_early(text: str, name: str) -> bool:
    """Whether a sentence names the territory near its start."""
    return text.lower().startswith(name.lower()) or name.lower() in text[:60].lower()


@lru_cache(maxsize=1024)
def short_date(occurred: PartialDate, lang: str = "fr") -> str:
    # A timeline repeats its dates (a day's sessions, findings, effects); a PartialDate is immutable.
    return str(filters(lang)["date_short"](occurred))


def _as_of_line(say: Wording, as_of: date | None) -> list[str]:
    return [] if as_of is None else [say.say("timeline.as_of", as_of=as_of)]
