"""A territory's page: its narratives (fiche, article, poem, and every other format that narrates a
territory, a plugin's too), its visual timeline, and the sections plugins add.

The `json` format is no section (it is data) and no download either: its sessions list every territory
of the cohort, so that a file per territory would make the site grow as the square of its territories
(291 KB per territory at 1,000 territories).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from transitions_core.narrative.formats import Subject
from transitions_core.narrative.views import TerritoryView
from transitions_core.site.parts import title_of
from transitions_core.site.templates import render_part

if TYPE_CHECKING:
    from transitions_core.site.pages import CohortSite


def write_territory(site: CohortSite, view: TerritoryView) -> None:
    """Render and write one territory's page."""
    w, g, writer = site.words, site.grammar, site.writer
    here = site.territory_path(view)
    sections: list[dict[str, Any]] = [
        {"name": s.name, "title": g.typo(s.title), "html": s.html}
        for s in site.narrator.sections(view, w["sections_titles"])
    ]
    for _, part in site.parts.sections:
        if part.on == "territory":
            html = render_part(writer.environment, part.template, view, g.lang)
            sections.append({"name": part.name, "title": title_of(part, g.lang), "html": html})
    timeline = site.timeline(view.entries, site.narrator.text("timeline", view, Subject.TERRITORY))
    profile = view.territory
    writer.page(
        here,
        "site/territory.html.j2",
        profile.name,
        site.nav(),
        {
            "territory": {
                "name": profile.name,
                "kind": profile.kind,
                "place": profile.department or profile.region or "",
            },
            "sections": sections,
            "timeline": timeline,
            "pilot": g.typo(w["pilot_of"].format(title=view.pilot.title)) if view.pilot else None,
        },
    )
