"""What the newsletter and the report select from a cohort view; the sentences come from `sentences`.

Templates call these as filters: they choose and group facts, and hold no grammar of their own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from transitions_core.domain.dates import PartialDate
from transitions_core.narrative.views import CohortView, QuoteView, TerritoryView
from transitions_core.text.filters import lower_first
from transitions_core.text.french import (
    nbsp_punct,
    typeset,
)
from transitions_core.timeline.trusted import trusted
from transitions_core.timeline.view import Profile, TimelineEntry
from transitions_narratives import kinds
from transitions_narratives.report_figures import figures
from transitions_narratives.report_parts import (
    declined,
    diagnostic_summary,
    first_sentence,
    joined,
    pilots,
    stages,
    synthesis,
    told_stages,
)
from transitions_narratives.tellers import teller
from transitions_narratives.timeline_text import names_early, short_date
from transitions_narratives.wording import wording

#: Cohort-level entries worth a line in a digest: sessions, productions, the Region, the diagnostics' totals.
COHORT_NEWS = (
    "call_for_applications_presented",
    "in_person_day_held",
    "webinar_held",
    "pilot_forum_held",
    "peer_exchange_held",
    "evaluation_day_held",
    "production_published",
    "diagnosticians_trained",
    "diagnostics_tallied",
    "region_intent_note_sent",
    "region_action_sheets_drafted",
    "region_actions_not_carried_out",
    "regional_event_co_organised",
    "evaluation_report_expected",
    "cohort_closed",
)


def territory_news_types() -> tuple[str, ...]:
    """Territory entries that can stand as its highlight: every step of its own path, its profile aside,
    read from the events' declarations (in the catalogue's order, which breaks a tie between two)."""
    return kinds.of(scope="territory")


def when(entry: TimelineEntry, lang: str = "fr") -> str:
    """The entry's date, compact: `7 mai 2024`, `juil.–sept. 2024` (`Jul – Sep 2024` in English)."""
    return short_date(entry.occurred, lang)


def entry_text(
    entry: TimelineEntry, view: CohortView, lang: str = "fr", named: bool = True, brief: bool = False
) -> str:
    """An entry as one sentence; with `named`, the territory comes first when the sentence does not say it.

    `brief` leaves a pilot project's summary and goals to the territory's page.
    """
    if brief and entry.type == "pilot_project_chosen":
        facts = entry.facts | {"summary": "", "goals": []}
        entry = entry.model_copy(update={"facts": facts})
    tell = teller(lang)
    profile = next((t.territory for t in view.territories if t.territory.id == entry.territory), None)
    text = _stopped(tell.quotes(tell.entry(entry, profile, view.cohort)).strip())
    if profile is None or not named or names_early(text, profile.name):
        return text
    return wording(lang).say("timeline.named", name=profile.name, text=lower_first(text))


def _stopped(text: str) -> str:
    # Some source reasons end without a full stop; a line of a digest always ends its sentence (a note
    # in brackets after it, such as a correction, ends it too).
    return text if re.search(r"[.!?…][\s\u00a0\u202f»)]*(\([^()]*\))?$", text) else text + "."


def upcoming_text(entry: TimelineEntry, view: CohortView, lang: str = "fr") -> str:
    """A session still to come: what and where, without the attendance the history records afterwards."""
    facts = {k: v for k, v in entry.facts.items() if k not in AFTERWARDS}
    return entry_text(entry.model_copy(update={"facts": facts}), view, lang)


AFTERWARDS = ("attendance", "recorded", "not_recorded_because", "said")


def cohort_news(view: CohortView) -> list[TimelineEntry]:
    """The cohort's own notable entries within the view (its period, or the whole history)."""
    return _one_per_day([e for e in view.entries if e.scope == "cohort" and e.type in COHORT_NEWS])


def upcoming(view: CohortView) -> list[TimelineEntry]:
    """What comes next: what the history dates in the three months after the period (at most eight), or
    else its first three later facts; an evaluation day held as an in-person day told once."""
    later = _one_per_day([e for e in view.upcoming if e.type not in BOOKKEEPING])
    if view.period_to is None:
        return later
    horizon = view.period_to + timedelta(days=92)
    soon = [e for e in later if e.occurred.earliest is not None and e.occurred.earliest <= horizon]
    return soon[:UPCOMING] if soon else later[:3]


#: How many dated facts an "À venir" section lists at most.
UPCOMING = 8


#: Entries about the record, not about the cohort's life: never news.
BOOKKEEPING = frozenset({"source_declared", "cohort_opened", "territory_registered"})


def _one_per_day(entries: list[TimelineEntry]) -> list[TimelineEntry]:
    # The evaluation day is often the last in-person day: the day's own entry already says it.
    days = {(str(e.occurred), e.facts.get("place")) for e in entries if e.type == "in_person_day_held"}
    return [
        e
        for e in entries
        if not (e.type == "evaluation_day_held" and (str(e.occurred), e.facts.get("place")) in days)
    ]


def territory_news(territory: TerritoryView, view: CohortView) -> list[TimelineEntry]:
    """A territory's notable entries within the view's period (or its whole history)."""
    ids = {e.entry for e in view.entries}
    return [e for e in territory.entries if e.entry in ids and e.type in territory_news_types()]


@dataclass(frozen=True)
class Highlight:
    """A territory's highlight in a digest: its latest notable fact of the period, and a voice."""

    territory: TerritoryView
    fact: TimelineEntry | None
    quote: QuoteView | None


def highlights(view: CohortView) -> list[Highlight]:
    """Each territory's highlight, in the cohort's order."""
    return [highlight(t, view) for t in view.territories]


def highlight(territory: TerritoryView, view: CohortView) -> Highlight:
    """The most telling fact of the period (the latest, steps before observations) and the territory's most
    telling quote: for a period, one said in an entry of that period, never older words."""
    news = territory_news(territory, view)
    fact = max(news, key=_telling) if news else None
    if view.period_from or view.period_to:
        quotes = [
            trusted(QuoteView, text=q["text"], speaker=q.get("speaker"), context=e.type)
            for e in news
            for key in ("quotes", "said", "feedback")
            for q in e.facts.get(key, [])
        ]
        return Highlight(territory=territory, fact=fact, quote=most_telling(quotes))
    return Highlight(territory=territory, fact=fact, quote=best_quote(territory))


def _telling(entry: TimelineEntry) -> tuple[bool, int, int]:
    # The latest dated fact; on the same day, a step of the path before an observation.
    unknown, middle, _, _ = entry.sort_key()
    return (not unknown, middle, -territory_news_types().index(entry.type))


def engaged(view: CohortView) -> list[TerritoryView]:
    """The territories a digest counts as its own: those that had joined by the view's date, but those that
    had certainly left before its period began."""
    return [t for t in view.territories if t.status.engaged and not _gone_before(t, view.period_from)]


def _gone_before(territory: TerritoryView, start: date | None) -> bool:
    left_on = territory.status.left_on if territory.status.left else None
    return start is not None and left_on is not None and left_on.latest is not None and left_on.latest < start


def quiet(view: CohortView) -> list[Profile]:
    """The digest's own territories of which it may say nothing happened: nothing may be dated in its
    period, or, for the whole history, nothing is recorded but the territory's profile."""
    own = engaged(view)
    if view.period_from or view.period_to:
        ids = set(view.quiet)
        return [t.territory for t in own if t.territory.id in ids]
    return [t.territory for t in own if not any(e.scope == "territory" for e in t.entries)]


def outside(view: CohortView) -> list[TerritoryView]:
    """The territories that had not joined by the view's date (declined, or approached with no decision)."""
    return [t for t in view.territories if not t.status.engaged]


def outside_lines(view: CohortView, lang: str = "fr") -> list[str]:
    """One sentence per territory that had not joined: `Le Val de Brume n'a pas rejoint la cohorte : …`."""
    from transitions_narratives.membership import lines

    return lines(view, lang)


def best_quote(territory: TerritoryView) -> QuoteView | None:
    """A quote to lead with: attributed first, then from the territory's own view, then the fullest."""
    return most_telling(list(territory.quotes))


def most_telling(quotes: list[QuoteView]) -> QuoteView | None:
    """Of these quotes, the one to lead with: attributed first, then from a view, then the fullest."""
    usable = [q for q in quotes if 20 <= len(q.text) <= 320]
    if not usable:
        return None
    return max(usable, key=lambda q: (q.speaker is not None, QUOTE_CONTEXTS.get(q.context, 1), len(q.text)))


#: Which quotes speak best for a territory: its own view, then an effect, a finding; a limit last.
QUOTE_CONTEXTS = {"viewpoint_recorded": 4, "effect_observed": 3, "finding_recorded": 2, "limit_observed": 0}


def period_words(view: CohortView, lang: str = "fr") -> str:
    """`entre le 1er mai et le 31 juillet 2024`, `depuis le 1er mai 2024`, `jusqu'au 31 juillet 2024`, or ``."""
    start, end = view.period_from, view.period_to
    return wording(lang).say(
        "newsletter.period",
        start=start,
        end=end,
        span=PartialDate(f"{start.isoformat()}/{end.isoformat()}") if start and end else None,
        since=PartialDate(start.isoformat()) if start else None,
        until=PartialDate(end.isoformat()) if end else None,
    )


def demote(text: str, levels: int = 1) -> str:
    """Push Markdown headings down `levels` levels, to set a page inside a longer document."""
    return re.sub(r"(?m)^#", "#" * (levels + 1), text)


def squeeze(text: str) -> str:
    """At most one blank line in a row: optional blocks of a Markdown template leave no gaps."""
    return re.sub(r"\n{3,}", "\n\n", text)


def anchor(text: str) -> str:
    """An id for a heading: `Le Vigan` → `le-vigan`."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def html_typeset(text: str) -> str:
    """French typography for HTML text before it is escaped: guillemets and narrow no-break spaces."""
    return typeset(nbsp_punct(str(text)))


FILTERS: dict[str, Callable[..., Any]] = {
    "digest_when": when,
    "digest_entry": entry_text,
    "digest_upcoming": upcoming_text,
    "digest_cohort_news": cohort_news,
    "digest_territory_news": territory_news,
    "digest_highlight": highlight,
    "digest_highlights": highlights,
    "digest_upcoming_entries": upcoming,
    "digest_period": period_words,
    "digest_quiet": quiet,
    "engaged": engaged,
    "outside": outside,
    "report_outside": outside_lines,
    "report_stages": stages,
    "report_told_stages": told_stages,
    "report_pilots": pilots,
    "report_joined": joined,
    "report_declined": declined,
    "report_synthesis": synthesis,
    "first_sentence": first_sentence,
    "report_diagnostic": diagnostic_summary,
    "report_figures": figures,
    "demote": demote,
    "squeeze": squeeze,
    "anchor": anchor,
    "fr_typeset": html_typeset,
}
