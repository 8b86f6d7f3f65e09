"""Build a cohort's website: views from `narrative.build`, texts from the plugin host, pages streamed into a
temporary folder, checked for leaks, then renamed into place. Nothing is half-written."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from transitions_core.narrative.audience import Audience
from transitions_core.narrative.template_renderer import TemplateRenderer
from transitions_core.plugins import Host
from transitions_core.site.language import Grammar, lexicon
from transitions_core.site.leaks import LeakCheck, confidential_texts
from transitions_core.site.narratives import Narrator
from transitions_core.site.output import check_output, discard, publish, temporary_beside
from transitions_core.site.pages import CohortSite, in_person_days
from transitions_core.site.parts import collect_parts
from transitions_core.site.search import INDEX_NAME, SearchIndex
from transitions_core.site.writer import Layout, SiteWriter
from transitions_core.timeline.readmodel import TimelineReadModel

ASSETS = {
    "assets/site.css": "site/assets/site.css.j2",
    "assets/site.js": "site/assets/site.js.j2",
    "assets/search.js": "site/assets/search.js.j2",
}


@dataclass(frozen=True)
class SiteOptions:
    """What `transitions site build` asks for."""

    output: Path
    audience: Audience = Audience.PUBLIC
    lang: str = "fr"
    as_of: date | None = None
    base_url: str | None = None
    force: bool = False
    #: The moment to print in the footer (`--stamp`), given by the caller: the build reads no clock.
    stamp: str | None = None
    #: The moment of knowledge the site tells (`--known-at`), in words, said in every page's footer.
    known_at: str | None = None


@dataclass
class SiteReport:
    """What was built: where, how many pages, and what was left out and why."""

    output: Path
    pages: int = 0
    warnings: list[str] = field(default_factory=list)


def _renderer(host: Host) -> TemplateRenderer:
    renderer = host.templates
    assert renderer is not None, "load_host gives every host its template renderer"
    return renderer


def site_environment(host: Host) -> Any:
    """The templates' environment for HTML: the user's folder, the plugins', the built-ins (`site/…`)."""
    from transitions_core.narrative.environment import make_environment

    renderer = _renderer(host)
    return make_environment("text/html", renderer.plugin_dirs, renderer.filters, renderer.user_dir)


def template_folders(host: Host) -> list[Path]:
    """The template folders in the loader's order, for the site's lexicon."""
    from transitions_core.narrative.folders import builtin_dir

    renderer = _renderer(host)
    user = [renderer.user_dir] if renderer.user_dir is not None else []
    return [*user, *renderer.plugin_dirs, builtin_dir()]


def _typeset(value: Any, grammar: Grammar) -> Any:
    if isinstance(value, str):
        return grammar.typo(value)
    if isinstance(value, dict):
        return {key: _typeset(item, grammar) for key, item in value.items()}
    if isinstance(value, list):
        return [_typeset(item, grammar) for item in value]
    return value


def build_site(
    readmodel: TimelineReadModel, cohorts: list[str], options: SiteOptions, host: Host
) -> SiteReport:
    """Write the site of `cohorts` into `options.output`, or raise with nothing written."""
    from transitions_core.narrative.build import cohort_view, day_view

    check_output(options.output, options.force)
    grammar = Grammar(options.lang)
    words = _typeset(lexicon(template_folders(host), options.lang), grammar)
    environment = site_environment(host)
    parts = collect_parts(host)
    report = SiteReport(options.output, warnings=list(parts.refused))
    layout = Layout(
        words=words,
        lang=options.lang,
        internal=options.audience != Audience.PUBLIC,
        stamp=" ".join(
            text
            for text in (
                words["known_at"].format(moment=options.known_at) if options.known_at else None,
                words["stamp"].format(moment=options.stamp) if options.stamp else None,
            )
            if text
        )
        or None,
        as_of=grammar.typo(words["as_of"].format(day=grammar.day(options.as_of))) if options.as_of else None,
        base_url=options.base_url,
    )
    if len(cohorts) == 1:
        words["site"] = readmodel_name(readmodel, cohorts[0]) or words["site"]
    built = temporary_beside(options.output)
    try:
        with SearchIndex(built / INDEX_NAME) as index:
            writer = SiteWriter(built, environment, layout, index)
            for path, template in ASSETS.items():
                source, _, _ = environment.loader.get_source(environment, template)
                writer.write(path, source)
            narrator = Narrator(host, options.lang, report.warnings)
            homes: list[dict[str, str]] = []
            for cohort in cohorts:
                view = cohort_view(readmodel, cohort, options.as_of, audience=options.audience)
                days = [day_view(readmodel, cohort, day, options.audience) for day in in_person_days(view)]
                prefix = f"{cohort}/" if len(cohorts) > 1 else ""
                site = CohortSite(view, prefix, writer, narrator, grammar, parts, days)
                site.write_all()
                homes.append(
                    {"name": view.cohort.name, "path": site.path("index.html"), "intro": view.cohort.region}
                )
                nav = (
                    site.nav()
                    if len(cohorts) == 1
                    else [(words["home"], "index.html"), (words["search"], "recherche.html")]
                )
            if len(cohorts) > 1:
                cohorts_list = [
                    {"name": h["name"], "intro": h["intro"], "href": writer.href("index.html", h["path"])}
                    for h in homes
                ]
                writer.page(
                    "index.html", "site/cohorts.html.j2", words["cohorts"], nav, {"cohorts": cohorts_list}
                )
            writer.page(
                "recherche.html",
                "site/search.html.j2",
                words["search"],
                nav,
                {
                    "index": writer.href("recherche.html", INDEX_NAME),
                    "searcher": writer.href("recherche.html", "assets/search.js"),
                },
                searchable=False,
            )
            writer.page(
                "404.html",
                "site/404.html.j2",
                words["not_found_title"],
                nav,
                {},
                searchable=False,
                listed=False,
            )
            report.pages = len(writer.addresses) + 1
        writer.sitemap()
        _check(readmodel, cohorts, options, built)
        publish(built, options.output)
    except BaseException:
        discard(built)
        raise
    return report


def readmodel_name(readmodel: TimelineReadModel, cohort: str) -> str | None:
    """The cohort's name, as the read model lists it."""
    rows = [row for row in readmodel.aggregates(kind="cohort") if row.cohort == cohort]
    return rows[0].name if rows else None


def _check(readmodel: TimelineReadModel, cohorts: list[str], options: SiteOptions, built: Path) -> None:
    """A public site holds no name and no confidential text of the internal view; no site loads from elsewhere."""
    from transitions_core.narrative.audience import people_of
    from transitions_core.timeline.view import corrected_entries, profile_of_cohort

    names: list[str] = []
    texts: list[str] = []
    if options.audience == Audience.PUBLIC:
        for cohort in cohorts:
            entries = corrected_entries(readmodel.rows(cohort))
            profile = profile_of_cohort(cohort, entries)
            names += [name for name in people_of(entries) if not profile.declares(name)]
            texts += confidential_texts(entries)
    LeakCheck(names, texts, options.base_url).check_folder(built)
