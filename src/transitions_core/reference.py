"""Reference pages generated from the code (`make docs`); tests check the committed copies match."""

from __future__ import annotations

import types
import typing
from enum import Enum
from typing import Any

from pydantic import BaseModel

from transitions_core.domain.events import BOOKKEEPING_FIELDS, CATALOGUE, DomainEvent, Scope
from transitions_core.domain.glossary import GLOSSARY
from transitions_core.domain.values import Headcount, Person, Quote

HEADER_FIELDS = ("occurred", "source", "note", "confidential")


def events_markdown() -> str:
    """docs/events.md: every event type, its scope and its fields."""
    lines = [
        "# Event catalogue",
        "",
        "Generated from `src/transitions_core/domain/events/` by `make docs`; a test keeps it in step.",
        "In a history file, an entry's `type` is the name in the first column; `date` fills `occurred`.",
        "Any entry may also have `source`, `note` and `confidential: true`; a confidential entry is left out",
        "of public narratives (`--audience public`).",
        "",
    ]
    for event_type in CATALOGUE:
        scope = "cohort" if event_type.scope is Scope.COHORT else "territory"
        shared = (
            ", shown in the timelines of the territories taking part"
            if event_type.shared_with_territories
            else ""
        )
        lines += [f"## `{event_type.type_name()}`", "", f"{_doc(event_type)} *Scope: {scope}{shared}.*", ""]
        fields = _fields(event_type)
        if fields:
            lines += ["| field | type | required |", "|---|---|---|"]
            lines += [f"| `{name}` | {kind} | {required} |" for name, kind, required in fields]
            lines.append("")
    lines += ["# Values", "", "Blocks that several events use."]
    for value_type in (Person, Headcount, Quote):
        lines += ["", f"## {value_type.__name__}", "", " ".join((value_type.__doc__ or "").split()), ""]
        lines += ["| field | type | required |", "|---|---|---|"]
        for name, info in value_type.model_fields.items():
            lines.append(
                f"| `{name}` | {_type_name(info.annotation)} | {'yes' if info.is_required() else 'no'} |"
            )
    return "\n".join(lines)


def glossary_markdown() -> str:
    """docs/glossary.md: the programme's French terms and their identifiers."""
    lines = [
        "# Glossary",
        "",
        "The programme's French terms, mapped once to the identifiers of the code and of history files.",
        "Generated from `src/transitions_core/domain/glossary.py` by `make docs`.",
        "",
        "| French | identifier | meaning |",
        "|---|---|---|",
    ]
    lines += [f"| {t.french} | `{t.identifier}` | {t.meaning} |" for t in GLOSSARY]
    return "\n".join(lines) + "\n"


def _doc(event_type: type[DomainEvent]) -> str:
    return " ".join((event_type.__doc__ or "").split())


def _fields(event_type: type[DomainEvent]) -> list[tuple[str, str, str]]:
    rows = []
    for name, info in event_type.model_fields.items():
        if name in BOOKKEEPING_FIELDS or name in HEADER_FIELDS:
            continue
        rows.append((name, _type_name(info.annotation), "yes" if info.is_required() else "no"))
    return rows


def _type_name(annotation: Any) -> str:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _type_name(args[0])
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_type_name(a) for a in args if a is not type(None)) + (
            " or null" if type(None) in args else ""
        )
    if origin is list:
        return f"list of {_type_name(args[0])}"
    if origin is dict:
        return "mapping"
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return "one of " + ", ".join(f"`{member.value}`" for member in annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"[{annotation.__name__}](#{annotation.__name__.lower()})"
    if isinstance(annotation, type):
        return {"str": "text", "int": "integer", "float": "number", "bool": "true/false"}.get(
            annotation.__name__, annotation.__name__
        )
    return str(annotation)


def main() -> None:
    """Write the generated pages into docs/."""
    from pathlib import Path

    docs = Path("docs")
    (docs / "events.md").write_text(events_markdown() + "\n", encoding="utf-8")
    (docs / "glossary.md").write_text(glossary_markdown(), encoding="utf-8")


if __name__ == "__main__":
    main()
