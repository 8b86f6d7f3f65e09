"""A template's failure as one French sentence that names the template file and, when known, its line."""

from __future__ import annotations

import re
from types import TracebackType

import jinja2

from transitions_core.errors import TransitionsError
from transitions_core.narrative.limits import TemplateRefused


class TemplateProblem(TransitionsError):
    """A template could not be rendered: refused by the sandbox, or wrong."""


#: jinja2's own messages, said in French.
_JINJA_MESSAGES = [
    (re.compile(r"'([^']+)' is undefined"), "« {0} » n'est pas défini"),
    (re.compile(r"'([^']+)' has no attribute '([^']+)'"), "« {1} » n'existe pas dans « {0} »"),
    (re.compile(r"'([^']+)' object has no attribute '([^']+)'"), "« {1} » n'existe pas dans « {0} »"),
    (re.compile(r"(.+) is not safely callable"), "{0} ne peut pas être appelé par un modèle"),
    (
        re.compile(r"access to attribute '([^']+)' of '([^']+)' object is unsafe\.?"),
        "« {0} » de {1} n'est pas accessible à un modèle",
    ),
]


def template_location(error: BaseException) -> tuple[str, int] | None:
    """The innermost template file and line a traceback went through (jinja2 rewrites them so)."""
    found = None
    trace: TracebackType | None = error.__traceback__
    while trace is not None:
        filename = trace.tb_frame.f_code.co_filename
        if filename.endswith(".j2") or filename == "<template>":
            found = (filename, trace.tb_lineno)
        trace = trace.tb_next
    return found


def explain(error: BaseException, template: str) -> str:
    """What went wrong in `template` (the name asked for), in one French sentence."""
    if isinstance(error, jinja2.TemplateSyntaxError):
        where = f"{error.filename or error.name or template}:{error.lineno}"
        return f"Modèle {where} : erreur de syntaxe : {_french(error.message or str(error))}."
    location = template_location(error)
    where = f"{location[0]}:{location[1]}" if location else template
    if isinstance(error, jinja2.TemplateNotFound) and error.name != template:
        return (
            f"Modèle {where} : le modèle « {error.name} » est introuvable ; un modèle n'inclut que des "
            "modèles de ses dossiers, par un chemin relatif sans « .. »."
        )
    if isinstance(error, RecursionError):
        return f"Modèle refusé, {where} : il s'inclut ou s'appelle lui-même sans fin."
    if isinstance(error, TemplateRefused | jinja2.exceptions.SecurityError):
        return f"Modèle refusé, {where} : {_french(str(error))}."
    return f"Modèle {where} : {_french(str(error))}."


def _french(message: str) -> str:
    """jinja2's message in French when it is one of its usual ones; without a final full stop."""
    for pattern, french in _JINJA_MESSAGES:
        match = pattern.fullmatch(message.strip())
        if match:
            return french.format(*match.groups())
    return message.strip().rstrip(".")
