"""The plugin API: the hooks a narrative or simulation plugin can implement. Hooks only ever gain arguments."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from transitions_core.narrative.formats import Format, RenderOptions
    from transitions_core.narrative.views import NarrativeView
    from transitions_core.simulation.model.territories import TerritoryGenerator
    from transitions_core.simulation.rules.base import Rule
    from transitions_core.site.parts import SitePart

hookspec = pluggy.HookspecMarker("transitions_core")


@hookspec
def register_formats(register: Callable[[Format], None]) -> None:
    """Declare the narrative formats this plugin offers by calling `register(Format(...))`."""


@hookspec
def template_dirs() -> list[Path]:
    """Return folders of jinja2 templates, searched after the user's folder and before the built-ins."""
    return []  # a specification: pluggy never runs this body


@hookspec
def template_filters() -> dict[str, Callable[..., Any]]:
    """Return jinja2 filters by name, added to every template's environment; `Replacing(f)` replaces one on purpose."""
    return {}  # a specification: pluggy never runs this body


@hookspec(firstresult=True)
def render_narrative(format: Format, view: NarrativeView, options: RenderOptions) -> str | None:
    """Deprecated: render `view` in a format of this plugin, or return None to use its template; prefer `Format(renderer=...)`."""


@hookspec
def simulation_rules() -> list[Rule]:
    """Return behavioural rules for simulations; a scenario applies one when it names it under `rules:`."""
    return []  # a specification: pluggy never runs this body


@hookspec
def territory_generators() -> list[TerritoryGenerator]:
    """Return territory generators for simulations; a scenario names one in `generate: [{generator: NAME}]`."""
    return []  # a specification: pluggy never runs this body


@hookspec
def site_parts(register: Callable[[SitePart], None]) -> None:
    """Add pages or sections to a published site by calling `register(SitePage(...))` or `register(SiteSection(...))`."""
