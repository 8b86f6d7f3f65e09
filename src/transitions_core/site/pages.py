"""The pages of one cohort: home, territories, in-person days, chronology, figures, sources, report, and
the pages plugins add. Each is written as soon as it is rendered."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from markupsafe import Markup

from transitions_core.narrative.formats import Subject
from transitions_core.narrative.views import CohortView, DayView, TerritoryView
from transitions_core.site.figures import figures
from transitions_core.site.language import Grammar
from transitions_core.site.narratives import Narrator
from transitions_core.site.parts import Parts, title_of
from transitions_core.site.stages import ACTORS, STAGES
from transitions_core.site.templates import render_part
from transitions_core.site.timeline import items, sentences
from transitions_core.site.writer import SiteWriter
from transitions_core.timeline.view import TimelineEntry


@dataclass
class CohortSite:
    """One cohort's pages, under `prefix` (empty when the site holds one cohort)."""

    view: CohortView
    prefix: str
    writer: SiteWriter
    narrator: Narrator
    grammar: Grammar
    parts: Parts
    days: list[DayView]

    @property
    def words(self) -> dict[str, Any]:
        """The site's lexicon."""
        return self.writer.layout.words

    def path(self, name: str) -> str:
        """A page's path from the site's root."""
        return f"{self.prefix}{name}"

    def territory_path(self, view: TerritoryView) -> str:
        """Where a territory's page is."""
        return self.path(f"territoires/{view.territory.id}.html")

    def day_path(self, day: date) -> str:
        """Where an in-person day's page is."""
        return self.path(f"journees/{day.isoformat()}.html")

    def nav(self) -> list[tuple[str, str]]:
        """The navigation of this cohort's pages."""
        w = self.words
        items = [
            (w["home"], self.path("index.html")),
            (w["chronology"], self.path("chronologie.html")),
            (w["figures_page"], self.path("chiffres.html")),
            (w["sources"], self.path("sources.html")),
            (w["report"], self.path("rapport.html")),
        ]
        items += [
            (title_of(page, self.grammar.lang), self.path(f"pages/{page.name}.html"))
            for _, page in self.parts.pages
        ]
        return [*items, (w["search"], "recherche.html")]

    def timeline(
        self, entries: tuple[TimelineEntry, ...], text: str | None, names: dict[str, str] | None = None
    ) -> dict[str, Any]:
        """The visual timeline's data for these entries, their sentences taken from the timeline's text."""
        w, g = self.words, self.grammar
        texts = sentences(text, entries, g.short) if text is not None else [None] * len(entries)
        fallback = {stage: g.typo(w["fallback"].format(stage=w["stages"][stage])) for stage in STAGES}
        data = items(entries, texts, g.short, fallback, names)
        data["stages"] = [
            {"key": key, "label": w["stages"][key]}
            for key in STAGES
            if any(i["stage"] == key for i in [*data["dated"], *data["unknown"]])
        ]
        data["actors"] = [
            {"key": key, "label": w["actors"][key]}
            for key in ACTORS
            if any(i["actor"] == key for i in [*data["dated"], *data["unknown"]])
        ]
        return data

    def write_all(self) -> None:
        """Every page of the cohort."""
        chronology = self.write_chronology()
        for territory in self.view.territories:
            self.write_territory(territory)
        for day in self.days:
            self.write_day(day, chronology)
        self.write_figures()
        self.write_sources(chronology)
        self.write_report()
        for _, page in self.parts.pages:
            html = render_part(self.writer.environment, page.template, self.view, self.grammar.lang)
            self.writer.page(
                self.path(f"pages/{page.name}.html"),
                "site/page.html.j2",
                title_of(page, self.grammar.lang),
                self.nav(),
                {"content": html},
            )
        self.write_home()

    def write_home(self) -> None:
        """The cohort's home: its story, its key figures, its territories and its days."""
        w, g, s = self.words, self.grammar, self.view.stats
        cohort = self.view.cohort
        here = self.path("index.html")
        period = w["home_period"].format(period=cohort.period) if cohort.period else ""
        intro = w["home_intro"].format(
            cohort=cohort.name,
            territories=g.count(s.joined, w["territory_word"]),
            region=cohort.region,
            period=period,
        )
        key = [
            (g.count(s.joined, w["territory_word"]), w["key"]["joined"]),
            (g.count(s.in_person_days, w["day_word"]), ""),
            (g.count(s.webinars, w["webinar_word"]), ""),
            (g.count(s.diagnostics_restituted, w["diagnostic_word"]), ""),
            (g.count(s.pilots_chosen, w["pilot_word"]), ""),
            (g.count(s.effects, w["effect_word"]), ""),
        ]
        territories = [
            {
                "name": t.territory.name,
                "href": self.writer.href(here, self.territory_path(t)),
                "pilot": g.typo(w["pilot_of"].format(title=t.pilot.title)) if t.pilot else None,
                "kind": t.territory.kind,
                "place": t.territory.department or t.territory.region or "",
            }
            for t in self.view.territories
        ]
        days = [self._day_link(here, d) for d in self.days]
        sections = [
            {
                "name": part.name,
                "title": title_of(part, g.lang),
                "html": render_part(self.writer.environment, part.template, self.view, g.lang),
            }
            for _, part in self.parts.sections
            if part.on == "cohort"
        ]
        self.writer.page(
            here,
            "site/home.html.j2",
            cohort.name,
            self.nav(),
            {
                "home": here,
                "site_title": cohort.name,
                "intro": g.typo(intro),
                "aims": [g.typo(a) for a in cohort.aims],
                "key": [k for k, _ in key],
                "territories": territories,
                "days": days,
                "sections": sections,
                "links": self.writer.links(
                    here, {"figures": self.path("chiffres.html"), "chronology": self.path("chronologie.html")}
                ),
            },
        )

    def _day_link(self, here: str, day: DayView) -> dict[str, Any]:
        facts = day.day.facts
        assert day.day.occurred.earliest is not None
        return {
            "title": self._day_title(day),
            "date": self.grammar.short(day.day.occurred),
            "theme": self.grammar.typo(str(facts.get("theme") or "")),
            "href": self.writer.href(here, self.day_path(day.day.occurred.earliest)),
        }

    def _day_title(self, day: DayView) -> str:
        facts = day.day.facts
        number = facts.get("number")
        place = str(facts.get("place") or "")
        if self.grammar.lang == "en":
            shown, at = str(number or ""), place
        else:
            from transitions_core.text.french import a_, ordinal

            shown, at = (
                (ordinal(int(number), "f") if number is not None else ""),
                (a_(place, "") if place else ""),
            )
        title = self.words["day_title"].format(number=shown, place=at)
        return self.grammar.typo(
            title.strip().rstrip(",").strip()[:1].upper() + title.strip().rstrip(",").strip()[1:]
        )

    def write_territory(self, view: TerritoryView) -> None:
        """A territory's page: every narrative of it, its visual timeline, its data."""
        from transitions_core.site.territory_page import write_territory

        write_territory(self, view)

    def write_day(self, day: DayView, chronology: dict[str, Any]) -> None:
        """An in-person day's page: what happened, its poem, the territories of the cohort."""
        from transitions_core.site.day_page import write_day

        write_day(self, day, chronology)

    def write_chronology(self) -> dict[str, Any]:
        """The cohort's chronology: every entry on a time axis; returns each entry's sentence by key."""
        view = self.view
        text = self.narrator.text("timeline", view, Subject.COHORT)
        names = {t.territory.id: t.territory.name for t in view.territories}
        told = view.entries
        if text is not None:
            # What the timeline leaves untold (the cohort's opening, the territories' registration) is
            # bookkeeping, not an event of the cohort's life: the chronology leaves it out too.
            lines = sentences(text, view.entries, self.grammar.short)
            told = tuple(e for e, line in zip(view.entries, lines, strict=True) if line is not None)
        data = self.timeline(told, text, names)
        here = self.path("chronologie.html")
        self.writer.page(
            here,
            "site/chronology.html.j2",
            self.words["chronology"],
            self.nav(),
            {"timeline": data, "cohort": view.cohort.name},
        )
        texts = (
            sentences(text, view.entries, self.grammar.short)
            if text is not None
            else [None] * len(view.entries)
        )
        return {"by_entry": {e.entry: t for e, t in zip(view.entries, texts, strict=True)}}

    def write_figures(self) -> None:
        """The figures page: each chart as inline SVG, with its title, alt text and table."""
        here = self.path("chiffres.html")
        charts = figures(self.view.stats, self.words, self.grammar.number)
        for chart in charts:
            chart["title"], chart["alt"] = self.grammar.typo(chart["title"]), self.grammar.typo(chart["alt"])
        self.writer.page(
            here, "site/figures.html.j2", self.words["figures_page"], self.nav(), {"figures": charts}
        )

    def write_sources(self, chronology: dict[str, Any]) -> None:
        """Where each fact comes from: the declared documents, then each cited source and its facts."""
        g = self.grammar
        cited: dict[str, list[dict[str, str]]] = {}
        for entry in self.view.entries:
            source = entry.source or self.words["no_source"]
            text = chronology["by_entry"].get(entry.entry) or g.typo(
                self.words["fallback"].format(stage=entry.type)
            )
            cited.setdefault(source, []).append({"date": g.short(entry.occurred), "text": text})
        documents = [
            {
                "title": g.typo(s.title),
                "author": s.author,
                "url": s.url,
                "cited_as": s.cited_as,
                "occurred": s.occurred,
            }
            for s in self.view.cohort.sources
        ]
        groups = [
            {"source": g.typo(source), "count": g.count(len(facts), self.words["facts_word"]), "facts": facts}
            for source, facts in cited.items()
        ]
        self.writer.page(
            self.path("sources.html"),
            "site/sources.html.j2",
            self.words["sources"],
            self.nav(),
            {"documents": documents, "groups": groups},
        )

    def write_report(self) -> None:
        """The cohort's report, as one printable page."""
        html = self.narrator.html("report-html", self.view, Subject.COHORT)
        if html is None:
            html = self.narrator.html("report", self.view, Subject.COHORT, shift=0) or Markup("")
        self.writer.page(
            self.path("rapport.html"),
            "site/report.html.j2",
            self.words["report"],
            self.nav(),
            {"content": html},
        )


def in_person_days(view: CohortView) -> Iterator[date]:
    """The days of the cohort's in-person days that are known to the day."""
    for entry in view.entries:
        occurred = entry.occurred
        if (
            entry.type == "in_person_day_held"
            and occurred.earliest is not None
            and occurred.earliest == occurred.latest
        ):
            yield occurred.earliest
