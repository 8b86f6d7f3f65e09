"""Render a view in a named format with the format's own renderer, turning any failure into a clear error.

Each format is rendered by what its plugin declared: its `renderer`, else the plugin's own
`render_narrative` (deprecated), else its template. Another plugin's code never runs for it.
"""

from __future__ import annotations

from typing import Any

from transitions_core.errors import TransitionsError
from transitions_core.narrative.formats import Format, RenderOptions, Subject
from transitions_core.narrative.views import NarrativeView
from transitions_core.plugins import Host, PluginError

SUBJECT_NAMES = {
    "territory": "un territoire",
    "cohort": "une cohorte",
    "day": "une journée",
    "period": "une période",
}


def render(host: Host, format_name: str, view: NarrativeView, subject: Subject, lang: str = "fr") -> str:
    """The text of `view` in the format `format_name`, for the audience the view was built for."""
    from transitions_core.narrative import limits
    from transitions_core.narrative.collection import paused
    from transitions_core.text.grammar import typeset

    fmt = host.format(format_name)
    if subject not in fmt.subjects:
        can = ", ".join(SUBJECT_NAMES[s.value] for s in fmt.subjects)
        raise TransitionsError(f"Le format « {fmt.name} » raconte {can}, pas {SUBJECT_NAMES[subject.value]}.")
    owner = host.plugin_of(format_name)
    options = RenderOptions(lang=lang, subject=subject, audience=view.audience)
    try:
        with limits.budget(limits.Limits.from_env()), paused():
            result = _produce(host, fmt, owner, view, options)
    except TransitionsError:
        raise
    except Exception as error:
        raise _failure(host, fmt, owner, error) from None
    if host.plugins.get(owner) is not None and host.plugins[owner].status == "failing":
        _recovered(host, owner)
    return typeset(lang, result) if fmt.media.typeset else result


def _produce(host: Host, fmt: Format, owner: str, view: NarrativeView, options: RenderOptions) -> str:
    result: Any
    if fmt.renderer is not None:
        result = fmt.renderer(view, options)
    else:
        legacy = host.legacy_renderer(owner)
        result = legacy(format=fmt, view=view, options=options) if legacy is not None else None
        if result is None:
            assert host.templates is not None
            result = host.templates.render(fmt, view, options)
    if not isinstance(result, str):
        raise PluginError(
            f"Le plugin {owner} a produit « {fmt.name} » sans rendre de texte (il a rendu {type(result).__name__})."
        )
    return result


def _failure(host: Host, fmt: Format, owner: str, error: Exception) -> TransitionsError:
    """The error to show for an exception raised while rendering; a plugin's is remembered (`plugins list`)."""
    from transitions_core.narrative.limits import TemplateRefused
    from transitions_core.narrative.template_errors import template_location
    from transitions_core.plugin_failures import remember

    culprit = host.plugin_that_raised(error)
    described = f"{type(error).__name__}: {error}"
    if culprit is None:
        location = template_location(error)
        if location is not None:  # an expression of the template itself (`{{ 1 / 0 }}`)
            return TransitionsError(f"Modèle {location[0]}:{location[1]} : {described}.")
        culprit = owner
    info = host.plugins.get(culprit)
    if info is not None:
        info.status, info.error = "failing", f"« {fmt.name} » a échoué : {described}"
        remember(info, fmt.name, described)
    if isinstance(error, TemplateRefused):  # the alarm stopped the plugin's own code
        return PluginError(f"Le plugin {culprit} a été arrêté en produisant « {fmt.name} » : {error}.")
    return PluginError(f"Le plugin {culprit} a échoué en produisant « {fmt.name} » : {described}")


def _recovered(host: Host, owner: str) -> None:
    from transitions_core.plugin_failures import forget

    host.plugins[owner].status, host.plugins[owner].error = "ok", None
    forget(owner)


#: Media types whose French text gets French typography (narrow spaces, guillemets) after rendering.
TYPESET = ("text/plain", "text/markdown")
