"""How the catalogues name the type of a field: in English for events.md, in French for evenements.md."""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from pydantic import BaseModel

from transitions_core.domain.dates import PartialDate


@dataclass(frozen=True)
class Words:
    """The words of one language for the kinds of value a field holds."""

    scalars: dict[str, str]
    date: str
    mapping: str
    either: str
    null: str
    list_of: Callable[[str], str]
    values: Callable[[list[str]], str]
    list_of_values: Callable[[list[str]], str]
    block: Callable[[type[BaseModel]], str]
    list_of_blocks: Callable[[type[BaseModel]], str]


def french_list(items: list[str], last: str) -> str:
    """`a, b et c` (or `a, b ou c`): the list as French writes it."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {last} {items[-1]}"


ENGLISH = Words(
    scalars={"str": "text", "int": "integer", "float": "number", "bool": "true/false"},
    date="date (EDTF)",
    mapping="mapping",
    either=" or ",
    null=" or null",
    list_of=lambda kind: f"list of {kind}",
    values=lambda values: "one of " + ", ".join(f"`{v}`" for v in values),
    list_of_values=lambda values: "list of one of " + ", ".join(f"`{v}`" for v in values),
    block=lambda model: f"[{model.__name__}](#{model.__name__.lower()})",
    list_of_blocks=lambda model: f"list of [{model.__name__}](#{model.__name__.lower()})",
)


def type_name(annotation: Any, words: Words) -> str:
    """The kind of value a field holds, in the words of one language."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return type_name(args[0], words)
    if origin in (typing.Union, types.UnionType):
        kinds = words.either.join(type_name(a, words) for a in args if a is not type(None))
        return kinds + (words.null if type(None) in args else "")
    if origin is list:
        item = args[0]
        if isinstance(item, type) and issubclass(item, BaseModel):
            return words.list_of_blocks(item)
        values = closed_values(item)
        return words.list_of_values(values) if values else words.list_of(type_name(item, words))
    if origin is dict:
        return words.mapping
    values = closed_values(annotation)
    if values:
        return words.values(values)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return words.block(annotation)
    if annotation is PartialDate:
        return words.date
    if isinstance(annotation, type):
        return words.scalars.get(annotation.__name__, annotation.__name__)
    return str(annotation)


def closed_values(annotation: Any) -> list[str]:
    """The values a field may take when they are a closed list (an enum, a Literal); else none."""
    if typing.get_origin(annotation) is typing.Literal:
        return [str(value) if value != "" else '""' for value in typing.get_args(annotation)]
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return [str(member.value) for member in annotation]
    return []
