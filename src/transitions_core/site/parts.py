"""What plugins add to a site: whole pages, or sections of the territory pages and the home page.

A plugin implements the `site_parts` hook and calls `register(SitePage(...))` or
`register(SiteSection(...))`. A part is an HTML fragment drawn from the plugin's template, in the same
environment (and sandbox) as the site's own templates. A name belongs to the first plugin that gives it;
a later plugin giving the same name is left out of the site, and the build says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from transitions_core.plugins import Host

#: Names the site's own sections use: a plugin cannot take them.
RESERVED = frozenset({"fiche", "article", "poem", "timeline", "json", "frise", "data"})


@dataclass(frozen=True)
class SiteSection:
    """A section added to every territory page (`on="territory"`) or to the home page (`on="cohort"`).

    `template` renders an HTML fragment with `view` (the territory's or the cohort's view) and `lang`.
    """

    name: str
    title: str
    template: str
    on: str = "territory"
    title_en: str | None = None


@dataclass(frozen=True)
class SitePage:
    """A page added to each cohort's site, at `pages/<name>.html`, linked from the navigation.

    `template` renders an HTML fragment with `view` (the cohort's view) and `lang`.
    """

    name: str
    title: str
    template: str
    title_en: str | None = None


SitePart = SiteSection | SitePage


@dataclass(frozen=True)
class Parts:
    """The parts plugins gave, with who gave each, and what was left out and why."""

    sections: tuple[tuple[str, SiteSection], ...] = ()
    pages: tuple[tuple[str, SitePage], ...] = ()
    refused: tuple[str, ...] = ()


def title_of(part: SitePart, lang: str) -> str:
    """The part's title in the site's language."""
    return part.title_en if lang == "en" and part.title_en else part.title


def collect_parts(host: Host) -> Parts:
    """Ask every plugin for its parts; a plugin whose hook raises or clashes is left out, with a reason."""
    import re

    sections: list[tuple[str, SiteSection]] = []
    pages: list[tuple[str, SitePage]] = []
    refused: list[str] = []
    owners: dict[str, str] = {}
    for plugin_name, plugin in sorted(host.manager.list_name_plugin(), key=lambda pair: pair[0]):
        hook: Callable[..., None] | None = getattr(plugin, "site_parts", None)
        if plugin is None or hook is None:
            continue
        given: list[object] = []
        try:
            hook(register=given.append)
        except Exception as error:  # one plugin's bug must not stop the site
            refused.append(f"Le plugin {plugin_name} n'ajoute rien au site : {type(error).__name__}: {error}")
            continue
        for part in given:
            if not isinstance(part, SiteSection | SitePage):
                refused.append(
                    f"Le plugin {plugin_name} a donné au site un {type(part).__name__}, ni SitePage ni SiteSection."
                )
                continue
            if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", part.name) or part.name in RESERVED:
                refused.append(
                    f"Le plugin {plugin_name} ne peut pas nommer une partie du site « {part.name} » : "
                    "choisissez des minuscules, chiffres, - ou _, hors des noms du site."
                )
                continue
            if part.name in owners:
                refused.append(
                    f"Le plugin {plugin_name} donne au site la partie « {part.name} », déjà prise par le plugin "
                    f"{owners[part.name]} : elle est laissée de côté."
                )
                continue
            owners[part.name] = plugin_name
            if isinstance(part, SiteSection):
                sections.append((plugin_name, part))
            else:
                pages.append((plugin_name, part))
    return Parts(tuple(sections), tuple(pages), tuple(refused))
