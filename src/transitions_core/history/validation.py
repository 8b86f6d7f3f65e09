"""Turn pydantic's validation errors into one French message with the line it concerns."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from transitions_core.history.yaml_lines import LineDict, LineList

_MESSAGES = {
    "missing": "champ obligatoire manquant",
    "extra_forbidden": "champ inconnu",
    "int_parsing": "doit être un nombre entier",
    "int_type": "doit être un nombre entier",
    "int_from_float": "doit être un nombre entier",
    "float_parsing": "doit être un nombre",
    "float_type": "doit être un nombre",
    "finite_number": "doit être un nombre fini",
    "bool_parsing": "doit valoir true ou false",
    "bool_type": "doit valoir true ou false",
    "string_type": "doit être un texte",
    "list_type": "doit être une liste (des lignes commençant par « - »)",
    "dict_type": "doit être un bloc de clés",
    "model_type": "doit être un bloc de clés",
    "string_pattern_mismatch": "identifiant invalide : minuscules, chiffres et tirets seulement (ex. le-vigan)",
    "date_parsing": "doit être une date AAAA-MM-JJ qui existe",
    "date_from_datetime_parsing": "doit être une date AAAA-MM-JJ qui existe",
    "date_type": "doit être une date AAAA-MM-JJ",
    "tuple_type": "doit être une liste de deux valeurs, comme [14, 60]",
}
#: Bounds, with the pydantic context key that holds the limit.
_BOUNDS = {
    "greater_than_equal": ("doit être supérieur ou égal à {}", "ge"),
    "greater_than": ("doit être strictement supérieur à {}", "gt"),
    "less_than_equal": ("doit être inférieur ou égal à {}", "le"),
    "less_than": ("doit être strictement inférieur à {}", "lt"),
    "too_short": ("doit avoir au moins {} élément(s)", "min_length"),
    "too_long": ("doit avoir au plus {} élément(s)", "max_length"),
}


def describe(error: ValidationError, raw: Any, fields: list[str] | None = None) -> tuple[str, int | None]:
    """The first error of `error` as (message, line), the line found by walking `raw` along its path."""
    first = error.errors()[0]
    loc = [part for part in first["loc"] if not isinstance(part, str) or not part.startswith("function-")]
    path = ".".join(str(part) for part in loc) or "(entrée)"
    kind = first["type"]
    if kind in ("enum", "literal_error"):
        expected = str(first.get("ctx", {}).get("expected", "")).replace("'", "").replace(" or ", " ou ")
        text = f"valeur « {first.get('input')} » inconnue ; valeurs possibles : {expected}"
    elif kind == "value_error":
        text = str(first.get("ctx", {}).get("error", first["msg"]))
    elif kind in _BOUNDS:
        template, limit = _BOUNDS[kind]
        bound = first.get("ctx", {}).get(limit, "?")
        text = template.format(int(bound) if isinstance(bound, float) and bound.is_integer() else bound)
    else:
        text = _MESSAGES.get(kind, first["msg"])
    if kind == "extra_forbidden" and fields:
        text += f" ; champs possibles : {', '.join(fields)}"
    return f"« {path} » : {text}.", line_of(raw, loc)


def line_of(raw: Any, loc: list[Any]) -> int | None:
    """The line of the deepest node of `raw` that `loc` reaches."""
    line = getattr(raw, "line", None) or None
    node = raw
    for part in loc:
        if isinstance(node, LineDict) and isinstance(part, str) and part in node:
            line = node.line_of(part)
            node = node[part]
        elif isinstance(node, LineList) and isinstance(part, int) and 0 <= part < len(node):
            line = node.item_lines[part]
            node = node[part]
        else:
            break
    return line
