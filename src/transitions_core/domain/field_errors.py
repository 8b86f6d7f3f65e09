"""What a field's validation error says, in French: the words every message about a wrong value shares."""

from __future__ import annotations

import re
from typing import Any

MESSAGES = {
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
BOUNDS = {
    "greater_than_equal": ("doit être supérieur ou égal à {}", "ge"),
    "greater_than": ("doit être strictement supérieur à {}", "gt"),
    "less_than_equal": ("doit être inférieur ou égal à {}", "le"),
    "less_than": ("doit être strictement inférieur à {}", "lt"),
    "too_short": ("doit avoir au moins {} élément(s)", "min_length"),
    "too_long": ("doit avoir au plus {} élément(s)", "max_length"),
}


def problem(error: Any) -> str:
    """The French words for one of pydantic's error details (`ValidationError.errors()[i]`)."""
    kind = error["type"]
    context = error.get("ctx", {})
    if kind in ("enum", "literal_error"):
        return f"valeur « {error.get('input')} » inconnue ; valeurs possibles : {_choices(context.get('expected', ''))}"
    if kind == "value_error":
        return str(context.get("error", error["msg"]))
    if kind in BOUNDS:
        template, limit = BOUNDS[kind]
        bound = context.get(limit, "?")
        return template.format(int(bound) if isinstance(bound, float) and bound.is_integer() else bound)
    return str(MESSAGES.get(kind, error["msg"]))


def _choices(expected: object) -> str:
    """pydantic's "'a', 'b' or \"l'\"" as « a », « b » ou « l' » (an empty choice written « »)."""
    values = [m[1] if m[1] is not None else m[2] for m in _QUOTED.finditer(str(expected))]
    if not values:
        return str(expected)
    quoted = [f"« {value} »" if value else "« »" for value in values]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} ou {quoted[-1]}"


_QUOTED = re.compile(r"'([^']*)'|\"([^\"]*)\"")
