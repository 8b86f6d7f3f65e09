"""The template renderer: a format with no Python renderer of its own is rendered from its template."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from transitions_core.narrative.formats import Format, RenderOptions
from transitions_core.narrative.views import NarrativeView

if TYPE_CHECKING:
    from transitions_core.narrative.sandbox import DataSandbox


class TemplateRenderer:
    """Renders formats from their templates, in the sandbox, with the folders and filters plugins gave."""

    def __init__(
        self, plugin_dirs: list[Path], filters: dict[str, Callable[..., Any]], user_dir: Path | None
    ) -> None:
        self.plugin_dirs = plugin_dirs
        self.filters = filters
        self.user_dir = user_dir
        # One environment per media type, kept: building one and compiling its templates again was
        # 94 % of a fiche's rendering (docs/performance.md). jinja2 still reloads a template edited on disk.
        self.environments: dict[str, DataSandbox] = {}

    def environment(self, format: Format) -> DataSandbox:
        """The sandboxed environment for the format's media type."""
        environment = self.environments.get(format.media_type)
        if environment is None:
            from transitions_core.narrative.environment import make_environment

            environment = make_environment(format.media_type, self.plugin_dirs, self.filters, self.user_dir)
            self.environments[format.media_type] = environment
        return environment

    def render(self, format: Format, view: NarrativeView, options: RenderOptions) -> str:
        """Render `view` with the format's template for its subject and language, on read-only data."""
        import jinja2

        from transitions_core.narrative.limits import TemplateRefused
        from transitions_core.narrative.readonly import wrap
        from transitions_core.narrative.template_errors import TemplateProblem, explain

        environment = self.environment(format)
        name = format.template_name(options.subject, options.lang)
        # A language's own template first; else one written for every language (its words in data files).
        try:
            template = environment.get_or_select_template(
                [name, format.any_language_template_name(options.subject)]
            )
        except jinja2.TemplatesNotFound as missing:
            if name not in missing.templates:
                raise TemplateProblem(explain(missing, name)) from None
            raise TemplateProblem(
                f"Le format « {format.name} » n'a pas de modèle {name} (langue « {options.lang} »)."
            ) from None
        except jinja2.TemplateNotFound as missing:
            raise TemplateProblem(explain(missing, name)) from None
        except jinja2.TemplateSyntaxError as error:
            raise TemplateProblem(explain(error, name)) from None
        data = wrap(view)
        try:
            return template.render(view=data, lang=options.lang, **{view.kind: data})
        except (jinja2.TemplateError, TemplateRefused, RecursionError) as error:
            raise TemplateProblem(explain(error, template.filename or name)) from None
