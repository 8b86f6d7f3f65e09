"""A cohort's home page: its story in a few sentences, its key figures, its territories and its days."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from transitions_core.narrative.views import DayView
from transitions_core.site.parts import title_of
from transitions_core.site.templates import render_part

if TYPE_CHECKING:
    from transitions_core.site.pages import CohortSite


def write_home(site: CohortSite) -> None:
    """The cohort's home: its story, its key figures, its territories and its days."""
    w, g, s = site.words, site.grammar, site.view.stats
    cohort = site.view.cohort
    here = site.path("index.html")
    period = w["home_period"].format(period=cohort.period) if cohort.period else ""
    intro = w["home_intro"].format(
        cohort=cohort.name,
        territories=g.count(s.joined, w["territory_word"]),
        region=cohort.region,
        period=period,
    )
    key = [
        g.count(s.joined, w["territory_word"]),
        g.count(s.in_person_days, w["day_word"]),
        g.count(s.webinars, w["webinar_word"]),
        g.count(s.diagnostics_restituted, w["diagnostic_word"]),
        g.count(s.pilots_chosen, w["pilot_word"]),
        g.count(s.effects, w["effect_word"]),
    ]
    territories = [
        {
            "name": t.territory.name,
            "href": site.writer.href(here, site.territory_path(t)),
            "pilot": g.typo(w["pilot_of"].format(title=t.pilot.title)) if t.pilot else None,
            "declined": w["declined"] if t.status.membership == "declined" else None,
            "kind": t.territory.kind,
            "place": t.territory.department or t.territory.region or "",
        }
        for t in site.view.territories
    ]
    days = [day_link(site, here, d) for d in site.days]
    sections = [
        {
            "name": part.name,
            "title": title_of(part, g.lang),
            "html": render_part(site.writer.environment, part.template, site.view, g.lang),
        }
        for _, part in site.parts.sections
        if part.on == "cohort"
    ]
    site.writer.page(
        here,
        "site/home.html.j2",
        cohort.name,
        site.nav(),
        {
            "home": here,
            "site_title": cohort.name,
            "intro": g.typo(intro),
            "aims": [g.typo(a) for a in cohort.aims],
            "key": key,
            "territories": territories,
            "days": days,
            "sections": sections,
            "links": site.writer.links(
                here, {"figures": site.path("chiffres.html"), "chronology": site.path("chronologie.html")}
            ),
        },
    )


def day_link(site: CohortSite, here: str, day: DayView) -> dict[str, Any]:
    facts = day.day.facts
    assert day.day.occurred.earliest is not None
    return {
        "title": day_title(site, day),
        "date": site.grammar.short(day.day.occurred),
        "theme": site.grammar.typo(str(facts.get("theme") or "")),
        "href": site.writer.href(here, site.day_path(day.day.occurred.earliest)),
    }


def day_title(site: CohortSite, day: DayView) -> str:
    facts = day.day.facts
    number = facts.get("number")
    place = str(facts.get("place") or "")
    if site.grammar.lang == "en":
        shown, at = str(number or ""), place
    else:
        from transitions_core.text.french import a_, ordinal

        shown, at = (
            (ordinal(int(number), "f") if number is not None else ""),
            (a_(place, "") if place else ""),
        )
    title = site.words["day_title"].format(number=shown, place=at)
    return site.grammar.typo(
        title.strip().rstrip(",").strip()[:1].upper() + title.strip().rstrip(",").strip()[1:]
    )
