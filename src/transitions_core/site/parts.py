"""What plugins add to a site: whole pages, or sections of the territory pages and the home page.

A plugin implements the `site_parts` hook and calls `register(SitePage(...))` or
`register(SiteSection(...))`. A part is an HTML fragment drawn from the plugin's template, in the same
sandboxed environment as the site's own templates, on the same read-only views. Names follow the one
rule of `registry.py`: the site's own sections hold theirs, then each name belongs to the first plugin
that gives it; a newcomer is left out of the site for that name, and the build says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from transitions_core.registry import CORE, Registry, replaced_names

if TYPE_CHECKING:
    from transitions_core.plugins import Host

#: Names the site's own sections and pages use.
RESERVED = ("fiche", "article", "poem", "timeline", "json", "frise", "data", "contenu")
_NAME = r"[a-z0-9][a-z0-9_-]*"


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
    replaces: tuple[str, ...] = ()


@dataclass(frozen=True)
class SitePage:
    """A page added to each cohort's site, at `pages/<name>.html`, linked from the navigation.

    `template` renders an HTML fragment with `view` (the cohort's view) and `lang`.
    """

    name: str
    title: str
    template: str
    title_en: str | None = None
    replaces: tuple[str, ...] = ()


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


def part_registry() -> Registry[Any]:
    """The registry of site parts, holding the site's own names already."""
    registry: Registry[Any] = Registry(
        "la partie du site", lambda name: f'déclarez replaces=("{name}",)', True
    )
    for name in RESERVED:
        registry.offer(name, name, CORE)
    return registry


def collect_parts(host: Host) -> Parts:
    """Ask every plugin, in the host's order, for its parts; what raises or clashes is left out, with a reason."""
    import re

    registry = part_registry()
    refused: list[str] = []
    for plugin_name in host.plugins:
        plugin = host.manager.get_plugin(plugin_name)
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
            elif not re.fullmatch(_NAME, part.name):
                refused.append(
                    f"Le plugin {plugin_name} ne peut pas nommer une partie du site « {part.name} » : "
                    "écrivez-le en minuscules, chiffres, - ou _."
                )
            else:
                registry.offer(part.name, (plugin_name, part), plugin_name, bool(replaced_names(part)))
    refused += [clash.message() for clash in registry.clashes]
    chosen = [registry.items[name] for name in registry if registry.owner(name) != CORE]
    sections = tuple((owner, part) for owner, part in chosen if isinstance(part, SiteSection))
    pages = tuple((owner, part) for owner, part in chosen if isinstance(part, SitePage))
    return Parts(sections, pages, tuple(refused))
