"""docs/events.md and docs/glossary.md: the event catalogue and the glossary, in English."""

from __future__ import annotations

import typing
from enum import Enum
from typing import Any

from pydantic import BaseModel

from transitions_core.domain import values
from transitions_core.domain.events import BOOKKEEPING_FIELDS, CATALOGUE, DomainEvent, Scope
from transitions_core.domain.glossary import GLOSSARY
from transitions_core.domain.values import Headcount, Person, Quote
from transitions_core.reference.types import ENGLISH, closed_values, type_name

HEADER_FIELDS = ("occurred", "source", "note", "confidential", "translations")
VALUE_TYPES: tuple[type[BaseModel], ...] = (Person, Headcount, Quote)


def events_markdown() -> str:
    """docs/events.md: every event type, its scope and its fields."""
    lines = [
        "# Event catalogue",
        "",
        "Generated from `src/transitions_core/domain/events/` by `make docs`; a test keeps it in step.",
        "In a history file, an entry's `type` is the name in the first column; `date` fills `occurred`.",
        "Any entry may also have `source`, `note` and `confidential: true`; a confidential entry is left out",
        "of public narratives (`--audience public`). `translations: {en: {field: text}}` gives an English",
        "version of the entry's own text fields, which English narratives use instead of the French words.",
        "",
    ]
    for event_type in CATALOGUE:
        scope = "cohort" if event_type.scope is Scope.COHORT else "territory"
        shared = (
            ", shown in the timelines of the territories taking part"
            if event_type.shared_with_territories
            else ""
        )
        lines += [f"## `{event_type.type_name()}`", "", f"{doc(event_type)} *Scope: {scope}{shared}.*", ""]
        fields = event_fields(event_type)
        if fields:
            lines += ["| field | type | required |", "|---|---|---|"]
            lines += [
                f"| `{name}` | {type_name(annotation, ENGLISH)} | {'yes' if required else 'no'} |"
                for name, annotation, required in fields
            ]
            lines.append("")
    lines += ["# Values", "", "Blocks that several events use."]
    for value_type in VALUE_TYPES:
        lines += ["", f"## {value_type.__name__}", "", doc(value_type), ""]
        lines += ["| field | type | required |", "|---|---|---|"]
        for name, info in value_type.model_fields.items():
            lines.append(
                f"| `{name}` | {type_name(info.annotation, ENGLISH)} | {'yes' if info.is_required() else 'no'} |"
            )
    return "\n".join(lines)


def glossary_markdown() -> str:
    """docs/glossary.md: the programme's French terms and their identifiers (values as written in files)."""
    lines = [
        "# Glossary",
        "",
        "The programme's French terms, mapped once to the identifiers of the code and of history files.",
        "Generated from `src/transitions_core/domain/glossary.py` by `make docs`.",
        "",
        "| French | identifier | meaning |",
        "|---|---|---|",
    ]
    placed: set[str] = set()  # vocabularies whose fields are already named, on their first row
    for term in GLOSSARY:
        lines.append(f"| {term.french} | {plain_identifier(term.identifier, placed)} | {term.meaning} |")
    return "\n".join(lines) + "\n"


def plain_identifier(identifier: str, placed: set[str]) -> str:
    """A glossary identifier as a history file writes it: `elected` for `ActorCategory.ELECTED`.

    The first row of a vocabulary also says which fields take its values.
    """
    owner, _, member = identifier.partition(".")
    vocabulary = getattr(values, owner, None)
    if not (isinstance(vocabulary, type) and issubclass(vocabulary, Enum)):
        return f"`{identifier}`"
    plain = (
        f"`{vocabulary[member].value}`"
        if member
        else "one of " + ", ".join(f"`{v}`" for v in closed_values(vocabulary))
    )
    if owner in placed:
        return plain
    placed.add(owner)
    return f"{plain}, in " + ", ".join(f"`{field}`" for field in fields_of(vocabulary))


def fields_of(vocabulary: type[Enum]) -> list[str]:
    """The fields of events and values that take their values from `vocabulary`: `finding_recorded.kind`."""
    found = []
    models: tuple[type[BaseModel], ...] = (*CATALOGUE, *VALUE_TYPES)
    for model in models:
        owner = model.type_name() if issubclass(model, DomainEvent) else model.__name__
        found += [
            f"{owner}.{name}"
            for name, info in model.model_fields.items()
            if mentions(info.annotation, vocabulary)
        ]
    return found


def mentions(annotation: Any, vocabulary: type[Enum]) -> bool:
    """Whether a field's type is `vocabulary`, or a list or option of it."""
    return annotation is vocabulary or any(mentions(arg, vocabulary) for arg in typing.get_args(annotation))


def doc(model: type[Any]) -> str:
    """The first paragraph of a class's docstring, on one line."""
    return " ".join((model.__doc__ or "").split())


def event_fields(event_type: type[DomainEvent]) -> list[tuple[str, Any, bool]]:
    """(name, annotation, required) of the facts an entry of this type gives."""
    return [
        (name, info.annotation, info.is_required())
        for name, info in event_type.model_fields.items()
        if name not in BOOKKEEPING_FIELDS and name not in HEADER_FIELDS
    ]
