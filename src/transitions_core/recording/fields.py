"""An entry as a history file writes it, built from `field=value` pairs checked against the event's schema."""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterable, Mapping
from typing import Any

import yaml
from pydantic import BaseModel

from transitions_core.domain.events import BOOKKEEPING_FIELDS, EVENT_TYPES, DomainEvent
from transitions_core.errors import TransitionsError
from transitions_core.recording.dates import parse_when

#: Keys every entry may carry besides its facts (`history/schema.py`'s ENTRY_KEYS, less date, type, territory).
COMMON_KEYS = ("id", "source", "note", "confidential")
#: The types a history file writes as blocks, not entries.
NOT_ENTRIES = (
    "cohort_opened",
    "territory_registered",
    "organisation_registered",
    "entry_corrected",
    "entry_retracted",
)


class EntryInputError(TransitionsError):
    """A `--set`, a type or a date that cannot make an entry; nothing was written."""


def entry_types() -> dict[str, type[DomainEvent]]:
    """The types an entry may take, by name, in the order of a cohort's life."""
    return {name: cls for name, cls in EVENT_TYPES.items() if name not in NOT_ENTRIES}


def event_type(name: str) -> type[DomainEvent]:
    """The event type `name` names, or an error listing the close ones."""
    known = entry_types()
    if name in known:
        return known[name]
    close = difflib.get_close_matches(name, list(known), n=3)
    hint = f"vouliez-vous dire {', '.join(close)} ?" if close else f"types possibles : {', '.join(known)}."
    raise EntryInputError(f"type d'entrée « {name} » inconnu ; {hint}")


def fact_fields(kind: type[BaseModel]) -> dict[str, Any]:
    """The facts an entry of this type carries, by name (its bookkeeping and date left out)."""
    return {
        name: info
        for name, info in kind.model_fields.items()
        if name not in BOOKKEEPING_FIELDS
        and name not in ("occurred", "source", "note", "confidential", "translations")
    }


def parse_pairs(kind: type[BaseModel], pairs: Iterable[str], what: str) -> dict[str, Any]:
    """`field=value` pairs as facts of `kind`: text kept as written, other values read as YAML, lists repeated."""
    fields = fact_fields(kind)
    allowed = [*fields, *COMMON_KEYS, "date"]
    values: dict[str, Any] = {}
    for pair in pairs:
        name, sep, text = pair.partition("=")
        name = name.strip()
        if not sep or not name:
            raise EntryInputError(f"« {pair} » : écrivez champ=valeur, par exemple --set label=coopération.")
        if name not in allowed:
            raise EntryInputError(
                f"« {name} » n'est pas un champ de {what} ; champs possibles : {', '.join(allowed)}."
            )
        annotation = fields[name].annotation if name in fields else (bool if name == "confidential" else str)
        value = _value(name, text, annotation)
        if name in values and _is_list(annotation):
            values[name] = [*values[name], *(value if isinstance(value, list) else [value])]
        else:
            values[name] = value
    return values


def _value(name: str, text: str, annotation: Any) -> Any:
    if name == "date":
        try:
            return str(parse_when(text))
        except ValueError as error:
            raise EntryInputError(f"« date » : {error}") from None
    if _is_text(annotation):
        return text
    try:
        value = yaml.safe_load(text) if text.strip() else None
    except yaml.YAMLError:
        raise EntryInputError(
            f"« {name} » : « {text} » ne se lit pas ; une liste s'écrit [a, b], un bloc {{clé: valeur}}."
        ) from None
    if _is_list(annotation) and not isinstance(value, list) and value is not None:
        value = [text] if _is_text(typing.get_args(_bare(annotation))[0]) else [value]
    return value


def build_entry(
    kind: type[DomainEvent], date: str, territory: str | None, values: Mapping[str, Any]
) -> dict[str, Any]:
    """The entry in a history file's order: date, type, territory, id, the facts, then source and note."""
    entry: dict[str, Any] = {"date": date, "type": kind.type_name()}
    if territory:
        entry["territory"] = territory
    if values.get("id") is not None:
        entry["id"] = values["id"]
    for name in fact_fields(kind):
        if name in values and values[name] is not None:
            entry[name] = values[name]
    for name in ("source", "note", "confidential"):
        if values.get(name) not in (None, False, ""):
            entry[name] = values[name]
    return entry


def _bare(annotation: Any) -> Any:
    """The annotation without `None` and `Annotated`."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _bare(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _bare(args[0]) if len(args) == 1 else annotation
    return annotation


def _is_text(annotation: Any) -> bool:
    return _bare(annotation) is str


def _is_list(annotation: Any) -> bool:
    return typing.get_origin(_bare(annotation)) in (list, tuple)
