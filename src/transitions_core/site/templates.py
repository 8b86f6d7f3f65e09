"""Rendering the site's templates and the plugins' parts in the sandbox, errors said in one sentence."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from transitions_core.narrative.views import NarrativeView


def render(environment: Any, name: str, **context: Any) -> str:
    """A template of the site, rendered; a template's error names its file and line."""
    import jinja2

    from transitions_core.narrative.limits import TemplateRefused
    from transitions_core.narrative.template_errors import TemplateProblem, explain

    try:
        template = environment.get_template(name)
    except (jinja2.TemplateNotFound, jinja2.TemplateSyntaxError) as error:
        raise TemplateProblem(explain(error, name)) from None
    try:
        return str(template.render(**context))
    except (jinja2.TemplateError, TemplateRefused, RecursionError) as error:
        raise TemplateProblem(explain(error, template.filename or name)) from None


def render_part(environment: Any, name: str, view: NarrativeView, lang: str) -> Markup:
    """A plugin's part, on the read-only view every narrative template gets."""
    from transitions_core.narrative.readonly import wrap

    data = wrap(view)
    return Markup(render(environment, name, view=data, lang=lang, **{view.kind: data}))
