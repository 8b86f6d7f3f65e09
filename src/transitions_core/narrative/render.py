"""Render a view in a named format, turning any failure into a clear error that names the plugin."""

from __future__ import annotations

from transitions_core.errors import TransitionsError
from transitions_core.narrative.formats import RenderOptions, Subject
from transitions_core.narrative.views import NarrativeView
from transitions_core.plugins import Host, PluginError
from transitions_core.text.french import typeset

SUBJECT_NAMES = {
    "territory": "un territoire",
    "cohort": "une cohorte",
    "day": "une journée",
    "period": "une période",
}


def render(host: Host, format_name: str, view: NarrativeView, subject: Subject, lang: str = "fr") -> str:
    """The text of `view` in the format `format_name`."""
    import jinja2

    fmt = host.format(format_name)
    if subject not in fmt.subjects:
        can = ", ".join(SUBJECT_NAMES[s.value] for s in fmt.subjects)
        raise TransitionsError(f"Le format « {fmt.name} » raconte {can}, pas {SUBJECT_NAMES[subject.value]}.")
    options = RenderOptions(lang=lang, subject=subject, audience=view.audience)
    try:
        result = host.manager.hook.render_narrative(format=fmt, view=view, options=options)
    except TransitionsError:
        raise
    except jinja2.exceptions.SecurityError as error:
        raise TransitionsError(
            f"Modèle refusé par le bac à sable : {error}. Un modèle ne peut pas accéder à Python."
        ) from None
    except jinja2.TemplateError as error:
        where = f"{error.name}:{error.lineno}: " if isinstance(error, jinja2.TemplateSyntaxError) else ""
        raise TransitionsError(f"Modèle du format « {fmt.name} » : {where}{error}") from None
    except Exception as error:
        # Every plugin's render_narrative sees every format: the culprit may not own this one.
        culprit = host.plugin_that_raised(error) or host.plugin_of(fmt.name)
        raise PluginError(
            f"Le plugin {culprit} a échoué en produisant « {fmt.name} » : {type(error).__name__}: {error}"
        ) from None
    if result is None:
        raise PluginError(f"Aucun plugin n'a produit le format « {fmt.name} ».")
    if fmt.media_type in TYPESET and lang == "fr":
        return typeset(str(result))
    return str(result)


#: Media types whose French text gets French typography (narrow spaces, guillemets) after rendering.
TYPESET = ("text/plain", "text/markdown")
