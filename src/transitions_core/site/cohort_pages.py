"""A cohort's figures, sources and printable report."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from transitions_core.narrative.formats import Subject
from transitions_core.site.figures import figures

if TYPE_CHECKING:
    from transitions_core.site.pages import CohortSite


def write_figures(site: CohortSite) -> None:
    """The figures page: each chart as inline SVG, with its title, alt text and table."""
    here = site.path("chiffres.html")
    charts = figures(site.view.stats, site.words, site.grammar.number)
    for chart in charts:
        chart["title"], chart["alt"] = site.grammar.typo(chart["title"]), site.grammar.typo(chart["alt"])
        for row in chart["rows"]:
            row["label"] = site.grammar.typo(row["label"])
    site.writer.page(
        here, "site/figures.html.j2", site.words["figures_page"], site.nav(), {"figures": charts}
    )


def write_sources(site: CohortSite, chronology: dict[str, Any]) -> None:
    """Where each fact comes from: the declared documents, then each cited source and its facts."""
    g = site.grammar
    cited: dict[str, list[dict[str, str]]] = {}
    for entry in site.view.entries:
        source = entry.source or site.words["no_source"]
        text = chronology["by_entry"].get(entry.entry)
        if text is None:  # a profile (a territory's registration), which the chronology does not tell
            continue
        cited.setdefault(source, []).append({"date": g.short(entry.occurred), "text": text})
    documents = [
        {
            "title": g.typo(s.title),
            "author": s.author,
            "url": s.url,
            "cited_as": s.cited_as,
            "occurred": s.occurred,
        }
        for s in site.view.cohort.sources
    ]
    groups = [
        {"source": g.typo(source), "count": g.count(len(facts), site.words["facts_word"]), "facts": facts}
        for source, facts in cited.items()
    ]
    site.writer.page(
        site.path("sources.html"),
        "site/sources.html.j2",
        site.words["sources"],
        site.nav(),
        {"documents": documents, "groups": groups},
    )


def write_report(site: CohortSite) -> None:
    """The cohort's report, as one printable page."""
    html = site.narrator.html("report-html", site.view, Subject.COHORT)
    if html is None:
        html = site.narrator.html("report", site.view, Subject.COHORT, shift=0) or Markup("")
    site.writer.page(
        site.path("rapport.html"),
        "site/report.html.j2",
        site.words["report"],
        site.nav(),
        {"content": html},
    )
