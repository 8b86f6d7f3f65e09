"""Turn pydantic's validation errors into one French message with the line it concerns."""

from __future__ import annotations

import enum
import types
import typing
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from transitions_core.domain.dates import PartialDate
from transitions_core.domain.field_errors import problem
from transitions_core.history.date_hints import with_hint
from transitions_core.history.yaml_lines import LineDict, LineList


def describe(
    error: ValidationError,
    raw: Any,
    fields: list[str] | None = None,
    *,
    within: Sequence[str] = (),
    renamed: Mapping[str, str] | None = None,
) -> tuple[str, int | None]:
    """The first error of `error` as (message, line), the line found by walking `raw` along its path.

    `within` is where the validated value sits in `raw`; `renamed` gives, for a field, the key a file
    writes for it (`occurred` is written `date`).
    """
    first = error.errors()[0]
    loc = _path(first, within, renamed)
    path = ".".join(str(part) for part in loc) or "(entrée)"
    kind = first["type"]
    text = problem(first)
    if kind == "value_error":
        text = with_hint(text, first.get("input"))
    if kind == "extra_forbidden" and fields:
        shown = [(renamed or {}).get(name, name) for name in fields]
        text += f" ; champs possibles : {', '.join(shown)}"
    return f"« {path} » : {text}.", line_of(raw, loc)


def example_for(error: ValidationError, model: type[BaseModel], *, within: Sequence[str] = ()) -> str | None:
    """For a value that should have been a block of keys, two lines of YAML that show how to write it."""
    first = error.errors()[0]
    if first["type"] not in _BLOCKS:
        return None
    loc = _path(first, (), None)
    annotation: Any = model
    for part in loc:
        annotation = _inner(annotation)
        if isinstance(part, str) and isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if part not in annotation.model_fields:
                return None
            annotation = annotation.model_fields[part].annotation
    block = _inner(annotation)
    name = next((str(part) for part in reversed([*within, *loc]) if isinstance(part, str)), "bloc")
    if not (isinstance(block, type) and issubclass(block, BaseModel)):
        return f"{name}:\n  clé: valeur"
    required = [n for n, f in block.model_fields.items() if f.is_required()] or list(block.model_fields)
    if not required:
        return None
    key = required[0]
    return f"{name}:\n  {key}: {_sample(block.model_fields[key].annotation)}"


_BLOCKS = ("dict_type", "model_type", "model_attributes_type")


def _path(first: Any, within: Sequence[str], renamed: Mapping[str, str] | None) -> list[Any]:
    loc = [part for part in first["loc"] if not isinstance(part, str) or not part.startswith("function-")]
    return [*within, *((renamed or {}).get(part, part) if isinstance(part, str) else part for part in loc)]


def _inner(annotation: Any) -> Any:
    """The type inside Optional, list, tuple and Annotated."""
    while True:
        origin = typing.get_origin(annotation)
        args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if origin not in (typing.Annotated, typing.Union, types.UnionType, list, tuple) or not args:
            return annotation
        annotation = args[0]


def _sample(annotation: Any) -> str:
    kind = _inner(annotation)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return str(next(iter(kind)).value)
    if typing.get_origin(kind) is typing.Literal:
        return str(typing.get_args(kind)[0])
    samples: dict[Any, str] = {int: "12", float: "2.5", bool: "true", PartialDate: "2026-03"}
    return samples.get(kind, "…")


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
