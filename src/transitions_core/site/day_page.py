"""An in-person day's page: what happened that day, its poem, and the cohort's territories."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from transitions_core.narrative.formats import Subject
from transitions_core.narrative.views import DayView

if TYPE_CHECKING:
    from transitions_core.site.pages import CohortSite


def _range(value: Any, site: CohortSite) -> str | None:
    if isinstance(value, dict):
        low, high = value.get("low"), value.get("high")
        if low is not None and high is not None and low != high:
            return str(site.words["range"]).format(
                low=site.grammar.number(low), high=site.grammar.number(high)
            )
        single = low if low is not None else high
        return None if single is None else site.grammar.number(single)
    return None if value is None else site.grammar.number(value)


def write_day(site: CohortSite, day: DayView, chronology: dict[str, Any]) -> None:
    """Render and write one day's page."""
    g, writer = site.grammar, site.writer
    entry = day.day
    assert entry.occurred.earliest is not None
    here = site.day_path(entry.occurred.earliest)
    facts = entry.facts
    feedback = [g.typo(q["text"] if isinstance(q, dict) else str(q)) for q in facts.get("feedback") or []]
    activities = [
        g.typo(a["title"] if isinstance(a, dict) and "title" in a else str(a))
        for a in facts.get("activities") or []
    ]
    poem = site.narrator.html("poem", day, Subject.DAY, shift=2)
    territories = {t.territory.id: t for t in site.view.territories}
    present = facts.get("territories") or list(territories)
    writer.page(
        here,
        "site/day.html.j2",
        site.day_title(day),
        site.nav(),
        {
            "heading": site.day_title(day),
            "when": g.typo(site.words["day_heading"].format(day=g.day(entry.occurred.earliest))),
            "theme": g.typo(str(facts.get("theme") or "")),
            "place": g.typo(str(facts.get("place") or "")),
            "attendance": _range(facts.get("attendance"), site),
            "activities": activities,
            "feedback": feedback,
            "sentence": chronology["by_entry"].get(entry.entry),
            "poem": poem,
            "territories": [
                {
                    "name": territories[t].territory.name,
                    "href": writer.href(here, site.territory_path(territories[t])),
                }
                for t in present
                if t in territories
            ],
        },
    )
