"""One prompt per field, chosen from the field's type in the event's pydantic schema.

Required fields first; a closed list of values is a choice; a list asks again until an empty answer;
a block (a person and their role, a quote and its speaker) asks for each of its own fields.
"""

from __future__ import annotations

import typing
from enum import Enum
from typing import Any

import questionary
from pydantic import BaseModel, TypeAdapter, ValidationError

from transitions_core.domain.dates import PartialDate
from transitions_core.recording.dates import parse_when
from transitions_core.recording.fields import _bare, fact_fields
from transitions_core.recording.guide import key_meaning
from transitions_core.reference.types import closed_values

SKIP = "(passer)"


def ask_fields(
    kind: type[BaseModel], type_name: str, model: str | None = None, indent: str = ""
) -> dict[str, Any]:
    """Ask for each fact of `kind`, required ones first; optional ones may be left empty."""
    fields = fact_fields(kind)
    order = sorted(fields, key=lambda name: not fields[name].is_required())
    values: dict[str, Any] = {}
    for name in order:
        info = fields[name]
        meaning = key_meaning(type_name, name, model)
        label = f"{indent}{name}{f' ({meaning})' if meaning else ''}{'' if info.is_required() else ' [facultatif]'} :"
        value = _ask(info.annotation, label, info.is_required(), type_name, indent)
        if value is not None:
            values[name] = value
    return values


def _ask(annotation: Any, label: str, required: bool, type_name: str, indent: str) -> Any:
    bare = _bare(annotation)
    values = closed_values(bare)
    if values:
        choices = [*values, *([] if required else [SKIP])]
        answer = questionary.select(label, choices=choices).unsafe_ask()
        return None if answer == SKIP else _enum_value(bare, answer)
    if bare is bool:
        choices = ["oui", "non", *([] if required else [SKIP])]
        answer = questionary.select(label, choices=choices).unsafe_ask()
        return None if answer == SKIP else answer == "oui"
    if isinstance(bare, type) and issubclass(bare, BaseModel):
        if not required and not _yes(f"{label} renseigner ?", default=False):
            return None
        questionary.print(label)
        return ask_fields(bare, type_name, bare.__name__, indent + "  ")
    if typing.get_origin(bare) in (list, tuple):
        return _ask_list(typing.get_args(bare)[0], label, required, type_name, indent)
    if bare is PartialDate:
        return _ask_text(label, required, lambda text: str(parse_when(text)))
    return _ask_text(
        label, required, lambda text: TypeAdapter(annotation).validate_python(_typed(bare, text))
    )


def _ask_list(item: Any, label: str, required: bool, type_name: str, indent: str) -> list[Any] | None:
    values = closed_values(item)
    if values:
        chosen = questionary.checkbox(f"{label} (espace pour cocher)", choices=values).unsafe_ask()
        return [_enum_value(item, v) for v in chosen] or None
    items: list[Any] = []
    if isinstance(item, type) and issubclass(item, BaseModel):
        what = {"Person": "une personne", "Quote": "une citation"}.get(item.__name__, "un élément")
        while _yes(f"{label} ajouter {what} ?", default=required and not items):
            items.append(ask_fields(item, type_name, item.__name__, indent + "  "))
        return items or None
    while True:
        answer = _ask_text(
            f"{label} {'une valeur' if not items else 'une autre'} (vide pour finir)", False, _scalar(item)
        )
        if answer is None:
            return items or None
        items.append(answer)


def _scalar(item: Any) -> Any:
    return lambda text: TypeAdapter(item).validate_python(_typed(_bare(item), text))


def _typed(bare: Any, text: str) -> Any:
    return text if bare is str else text.replace(",", ".") if bare is float else text


def _ask_text(label: str, required: bool, convert: Any) -> Any:
    def valid(text: str) -> bool | str:
        if not text.strip():
            return "obligatoire" if required else True
        try:
            convert(text.strip())
        except (ValueError, ValidationError) as error:
            return _french(error)
        return True

    text = questionary.text(label, validate=valid).unsafe_ask()
    return convert(text.strip()) if text.strip() else None


def _yes(label: str, default: bool) -> bool:
    """A yes/no question in French (questionary's confirm answers Yes/No)."""
    choices = ["oui", "non"] if default else ["non", "oui"]
    return bool(questionary.select(label, choices=choices).unsafe_ask() == "oui")


def _enum_value(kind: Any, answer: str) -> Any:
    return answer if not (isinstance(kind, type) and issubclass(kind, Enum)) else kind(answer).value


def _french(error: Exception) -> str:
    if isinstance(error, ValidationError):
        kind = error.errors()[0]["type"]
        return {
            "int_parsing": "un nombre entier, comme 12",
            "float_parsing": "un nombre, comme 2,5",
            "greater_than_equal": "trop petit",
        }.get(kind, error.errors()[0]["msg"])
    return str(error)
