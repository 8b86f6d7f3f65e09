"""The fallback renderer: a format with no Python renderer of its own is rendered from its template."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from transitions_core import hookimpl
from transitions_core.narrative.formats import Format, RenderOptions
from transitions_core.narrative.views import NarrativeView


class TemplateRenderer:
    """Registered by the host last of all (`trylast`), with the template folders it must search."""

    def __init__(
        self, plugin_dirs: list[Path], filters: dict[str, Callable[..., Any]], user_dir: Path | None
    ) -> None:
        self.plugin_dirs = plugin_dirs
        self.filters = filters
        self.user_dir = user_dir
        # One environment per media type, kept: building one and compiling its templates again was
        # 94 % of a fiche's rendering (docs/performance.md). jinja2 still reloads a template edited on disk.
        self.environments: dict[str, Any] = {}

    @hookimpl(trylast=True)
    def render_narrative(self, format: Format, view: NarrativeView, options: RenderOptions) -> str | None:
        """Render `view` with the format's template for its subject and language."""
        import jinja2

        from transitions_core.errors import TransitionsError
        from transitions_core.narrative.environment import make_environment

        environment = self.environments.get(format.media_type)
        if environment is None:
            environment = make_environment(format.media_type, self.plugin_dirs, self.filters, self.user_dir)
            self.environments[format.media_type] = environment
        name = format.template_name(options.subject, options.lang)
        try:
            template = environment.get_template(name)
        except jinja2.TemplateNotFound:
            raise TransitionsError(
                f"Le format « {format.name} » n'a pas de modèle {name} (langue « {options.lang} »)."
            ) from None
        return template.render(view=view, **{view.kind: view})
