"""The pages of one cohort: home, territories, in-person days, chronology, figures, sources, report, and
the pages plugins add. Each is written as soon as it is rendered."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from transitions_core.narrative.formats import Subject
from transitions_core.narrative.views import CohortView, DayView, TerritoryView
from transitions_core.site.language import Grammar
from transitions_core.site.narratives import Narrator
from transitions_core.site.parts import Parts, title_of
from transitions_core.site.stages import ACTORS, STAGES
from transitions_core.site.templates import render_part
from transitions_core.site.timeline import items, sentences
from transitions_core.site.writer import SiteWriter
from transitions_core.timeline.public import STRUCTURAL
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
        from transitions_core.site.cohort_pages import write_figures, write_report, write_sources
        from transitions_core.site.home_page import write_home

        chronology = self.write_chronology()
        for territory in self.view.territories:
            self.write_territory(territory)
        for day in self.days:
            self.write_day(day, chronology)
        write_figures(self)
        write_sources(self, chronology)
        write_report(self)
        for _, page in self.parts.pages:
            html = render_part(self.writer.environment, page.template, self.view, self.grammar.lang)
            self.writer.page(
                self.path(f"pages/{page.name}.html"),
                "site/page.html.j2",
                title_of(page, self.grammar.lang),
                self.nav(),
                {"content": html},
            )
        write_home(self)

    def day_title(self, day: DayView) -> str:
        """An in-person day's title: `2e journée en présentiel, à Toulouse`."""
        from transitions_core.site.home_page import day_title

        return day_title(self, day)

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
        # The cohort's opening and the territories' registrations hold their profiles: no event of the
        # cohort's life, and the timeline tells none of them.
        told = tuple(e for e in view.entries if e.type not in STRUCTURAL)
        if text is not None:
            lines = sentences(text, told, self.grammar.short)
            told = tuple(e for e, line in zip(told, lines, strict=True) if line is not None)
        data = self.timeline(told, text, names)
        here = self.path("chronologie.html")
        self.writer.page(
            here,
            "site/chronology.html.j2",
            self.words["chronology"],
            self.nav(),
            {"timeline": data, "cohort": view.cohort.name},
        )
        texts = sentences(text, told, self.grammar.short) if text is not None else [None] * len(told)
        return {"by_entry": {e.entry: t for e, t in zip(told, texts, strict=True)}}


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
