"""The newsletter's plan: what an issue tells of a period, in which section, in no language.

An issue has an editorial (two or three sentences: the cohort's sessions, its territories' steps, the next
date), "À la une" (the two or three most salient events, by the score below), "En bref" (the cohort's other
entries of the period, a line each), "Dans les territoires" (one item per territory with news, its most
salient fact not already headlined), "La parole à…" (one quote said in the period), "Le chiffre" (one
figure) and "À venir" (what the history dates after the period). A period with no news says so in one
sentence and keeps only what comes next.

The score of an event (documented in docs/narratives.md): an in-person or evaluation day 5, a cohort closed
5; a restitution 4 (6 when public), a pilot project chosen 4; a territory joining, a step reached, a
publication 3; a webinar, a forum, a peer exchange, a call for applications, the diagnostics' tally, an
event with the Region 2; anything else 1. A session gains 1 from 20 participants and 2 from 40 (its
highest count). Ties go to the earlier date, then to the order of the history.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from transitions_core.narrative.views import CohortView, QuoteView, TerritoryView
from transitions_core.timeline.trusted import trusted
from transitions_core.timeline.view import Profile, TimelineEntry
from transitions_narratives import digest
from transitions_narratives.plans.story import first_sentence, quote_score, tie

#: How many events "À la une" holds at most.
HEADLINES = 3
SCORES = {
    "in_person_day_held": 5,
    "evaluation_day_held": 5,
    "cohort_closed": 5,
    "diagnostic_restituted": 4,
    "pilot_project_chosen": 4,
    "territory_joined": 3,
    "milestone_reached": 3,
    "production_published": 3,
    "webinar_held": 2,
    "pilot_forum_held": 2,
    "peer_exchange_held": 2,
    "call_for_applications_presented": 2,
    "diagnostics_tallied": 2,
    "regional_event_co_organised": 2,
    "territory_declined": 2,
    # A territory leaving ends its story in the cohort: more news than its joining.
    "territory_left": 4,
}
#: The facts of an entry that say what it was, told after its lead sentence in a territory's item.
DETAILS = {
    "pilot_project_chosen": "summary",
    "milestone_reached": "description",
    "effect_observed": "description",
    "limit_observed": "description",
    "finding_recorded": "summary",
    "delegation_incomplete_noted": "description",
    "territory_declined": "reason",
}


#: The steps of a territory's path, which an item may add in a second sentence (observations have their own).
PATH = frozenset(
    {
        "territory_joined",
        "diagnostic_started",
        "interviews_held",
        "diagnostic_pre_restituted",
        "diagnostic_restituted",
        "pilot_project_chosen",
        "pilot_note_written",
        "ally_assigned",
        "accompaniment_days_spent",
        "milestone_reached",
    }
)


def score(entry: TimelineEntry) -> int:
    """How salient an event is (see the module's docstring)."""
    value = SCORES.get(entry.type, 1)
    if entry.type == "diagnostic_restituted" and entry.facts.get("public"):
        value += 2
    attendance = entry.facts.get("attendance") or {}
    most = attendance.get("high") or attendance.get("low") or 0
    return value + (2 if int(most) >= 40 else 1 if int(most) >= 20 else 0)


@dataclass(frozen=True)
class Item:
    """A territory's item: the fact told, its detail, and which phrasing of its type (none used twice)."""

    territory: Profile
    entry: TimelineEntry
    detail: str = ""
    choice: int = 0
    #: One more fact of the period, told in a sentence after the first (a short item holds two at most).
    also: tuple[TimelineEntry, ...] = ()


@dataclass(frozen=True)
class Voice:
    """The quote of "La parole à…": its words, who said them, and where (a territory, or a session)."""

    quote: QuoteView
    territory: Profile | None = None
    entry: TimelineEntry | None = None


@dataclass(frozen=True)
class Figure:
    """The issue's figure: what it counts, the number(s), and what they are about."""

    kind: str
    value: int
    high: int | None = None
    slots: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Issue:
    """What an issue tells, section by section."""

    view: CohortView
    engaged: tuple[TerritoryView, ...]
    headlines: tuple[TimelineEntry, ...]
    brief: tuple[TimelineEntry, ...]
    items: tuple[Item, ...]
    quiet: tuple[Profile, ...]
    voice: Voice | None
    figure: Figure | None
    upcoming: tuple[TimelineEntry, ...]
    sessions: dict[str, list[TimelineEntry]]
    steps: dict[str, int]

    @property
    def calm(self) -> bool:
        """Whether nothing at all is dated in the period: the issue says so and looks ahead."""
        return not (self.headlines or self.brief or self.items)


def issue(view: CohortView) -> Issue:
    """The plan of an issue for the view's period (or its whole history)."""
    cohort_news = digest.cohort_news(view)
    news = {t.territory.id: digest.territory_news(t, view) for t in view.territories}
    candidates = list(cohort_news) + [e for entries in news.values() for e in entries]
    ranked = sorted(candidates, key=lambda e: (-score(e), e.sort_key()))
    headlines = tuple(sorted(ranked[:HEADLINES], key=lambda e: e.sort_key())) if ranked else ()
    told = {e.entry for e in headlines}
    items = _items(view, news, told)
    told |= {i.entry.entry for i in items}
    brief = tuple(e for e in cohort_news if e.entry not in told)
    sessions: dict[str, list[TimelineEntry]] = {}
    for entry in cohort_news:
        sessions.setdefault(entry.type, []).append(entry)
    steps: dict[str, int] = {}
    for entries in news.values():
        for entry in entries:
            steps[entry.type] = steps.get(entry.type, 0) + 1
    return Issue(
        view=view,
        engaged=tuple(digest.engaged(view)),
        headlines=headlines,
        brief=brief,
        items=items,
        quiet=tuple(digest.quiet(view)),
        voice=_voice(view, cohort_news, news),
        figure=_figure(view, cohort_news, news),
        upcoming=tuple(digest.upcoming(view)),
        sessions=sessions,
        steps=steps,
    )


def _items(view: CohortView, news: dict[str, list[TimelineEntry]], told: set[str]) -> tuple[Item, ...]:
    """One item per territory with news not headlined; a type's phrasings go round, none used twice in a row."""
    used: dict[str, int] = {}
    items = []
    for territory in view.territories:
        left = [e for e in news[territory.territory.id] if e.entry not in told]
        if not left:
            continue
        ranked = sorted(left, key=lambda e: (score(e), e.sort_key()), reverse=True)
        entry = ranked[0]
        start = tie(f"{view.cohort.id}/{entry.type}")
        choice = start + used.get(entry.type, 0)
        used[entry.type] = used.get(entry.type, 0) + 1
        field_name = DETAILS.get(entry.type)
        detail = first_sentence(str(entry.facts.get(field_name) or "")) if field_name else ""
        # A second fact only in a period's issue: over the whole history, every path has the same steps.
        periodic = view.period_from is not None or view.period_to is not None
        also = tuple(e for e in ranked[1:] if e.type in PATH)[:1] if periodic else ()
        items.append(Item(territory.territory, entry, detail, choice, also))
    return tuple(items)


def _voice(
    view: CohortView, cohort_news: Sequence[TimelineEntry], news: dict[str, list[TimelineEntry]]
) -> Voice | None:
    """The strongest quote said in the period (in an entry of it), with where it was said."""
    found: list[Voice] = []
    profiles = {t.territory.id: t.territory for t in view.territories}
    for entry in [*cohort_news, *(e for entries in news.values() for e in entries)]:
        for key in ("quotes", "said", "feedback"):
            for said in entry.facts.get(key) or []:
                if not said.get("text") or not 20 <= len(str(said["text"])) <= 240:
                    continue
                quote = trusted(
                    QuoteView, text=str(said["text"]), speaker=said.get("speaker"), context=entry.type
                )
                found.append(Voice(quote, profiles.get(entry.territory or ""), entry))
    if not found:
        return None
    return max(found, key=lambda v: (quote_score(v.quote), -len(v.quote.text)))


def _figure(
    view: CohortView, cohort_news: Sequence[TimelineEntry], news: dict[str, list[TimelineEntry]]
) -> Figure | None:
    """One figure for the period: the largest session, else interviews held, else restitutions, else sessions."""
    sessions = [e for e in cohort_news if (e.facts.get("attendance") or {}).get("low")]
    if sessions:
        best = max(sessions, key=lambda e: (int((e.facts["attendance"]).get("high") or 0), score(e)))
        attendance = best.facts["attendance"]
        low, high = int(attendance["low"]), attendance.get("high")
        return Figure(
            "attendance",
            low,
            int(high) if high is not None and int(high) != low else None,
            {"entry": best, "approximate": bool(attendance.get("approximate"))},
        )
    territory_entries = [e for entries in news.values() for e in entries]
    interviews = sum(int(e.facts.get("count") or 0) for e in territory_entries if e.type == "interviews_held")
    if interviews:
        return Figure("interviews", interviews)
    restituted = sum(1 for e in territory_entries if e.type == "diagnostic_restituted")
    if restituted > 1:
        return Figure("restitutions", restituted)
    if len(cohort_news) > 1:
        return Figure("sessions", len(cohort_news))
    engaged = len(digest.engaged(view))
    return Figure("engaged", engaged) if engaged and not (view.period_from or view.period_to) else None
