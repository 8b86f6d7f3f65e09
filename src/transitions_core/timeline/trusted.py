"""Views made from values already of their fields' types, without pydantic's validation.

A read command builds a few dozen views (a replay) to a few thousand (a cohort's report) from rows the
store validated when it wrote them. Validating them again changes nothing, but the first validation of
each model class builds its schema (`defer_build`), and the first of all loads pydantic's schema
machinery and its plugins (about 25 ms of a replay, issue 16). `trusted` fills the model as validation
would (as `model_construct` does, three to five times faster); the callers convert what validation
would convert (a list to a tuple, an int to a float, an enum to its text). `tests/narratives/test_trusted_views.py` builds every view both ways and compares
them field by field and type by type.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from enum import Enum
from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from transitions_core.domain.dates import PartialDate

M = TypeVar("M", bound=BaseModel)

_validating = False


def trusted(model: type[M], /, **fields: Any) -> M:
    """`model(**fields)` for fields already as validation would keep them: filled, not validated."""
    if _validating:
        return model(**fields)
    values: dict[str, Any] = {}
    taken = 0
    for name, default, factory in _plan(model):
        if name in fields:
            values[name] = fields[name]
            taken += 1
        elif factory is not None:
            values[name] = factory.get_default(call_default_factory=True, validated_data=values)
        elif default is _REQUIRED:
            raise TypeError(f"{model.__name__}: il manque le champ {name}")
        else:
            values[name] = default
    if taken != len(fields):  # validation would refuse a field the model does not have
        raise TypeError(f"{model.__name__}: champs inconnus {sorted(set(fields) - set(values))}")
    made = model.__new__(model)
    _set(made, "__dict__", values)
    _set(made, "__pydantic_fields_set__", set(fields))
    _set(made, "__pydantic_extra__", None)
    _set(made, "__pydantic_private__", None)
    return made


_REQUIRED: Any = object()
_set = object.__setattr__


@cache
def _plan(model: type[BaseModel]) -> tuple[tuple[str, Any, FieldInfo | None], ...]:
    """Each field of `model` in order, with its default (or _REQUIRED), or the field when a factory makes it.

    Filled as `model_construct` fills a model (about 3 times faster: a report builds thousands of views).
    Defaults are kept as they are, so a model here has only immutable ones (tested).
    """
    if (
        model.__pydantic_post_init__
        or model.__private_attributes__
        or model.model_config.get("extra") == "allow"
    ):
        raise TypeError(f"{model.__name__}: `trusted` fills only plain models")
    plan: list[tuple[str, Any, FieldInfo | None]] = []
    for name, field in model.__pydantic_fields__.items():
        if field.default_factory is not None:
            plan.append((name, None, field))
        else:
            plan.append((name, _REQUIRED if field.is_required() else field.default, None))
    return tuple(plan)


@contextmanager
def validating() -> Iterator[None]:
    """Within it, `trusted` validates: how the tests get the views validation builds."""
    global _validating
    before, _validating = _validating, True
    try:
        yield
    finally:
        _validating = before


class _Unusual(Exception):
    """A value `dumped` does not spell as pydantic would for sure: pydantic dumps the model."""


def dumped(model: BaseModel) -> dict[str, Any]:
    """`model.model_dump(mode="json")` without building the model's serializer, for plain values.

    Views hold text, numbers, dates, partial dates, enums, tuples, dicts and other views: those are spelled
    here as pydantic spells them (tested on every view of the bundled and simulated histories); a model
    holding anything else is dumped by pydantic.
    """
    try:
        return _model(model)
    except _Unusual:
        return model.model_dump(mode="json")


def _model(model: BaseModel) -> dict[str, Any]:
    fields = type(model).__pydantic_fields__
    return {
        name: _plain(value)
        for name, value in model.__dict__.items()
        if not fields[name].exclude and fields[name].serialization_alias is None
    }


_SCALARS = frozenset({str, int, bool, type(None)})


def _plain(value: Any) -> Any:
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is float:
        if value != value or value in (float("inf"), float("-inf")):
            raise _Unusual
        return value
    if kind is tuple or kind is list:
        return [_plain(item) for item in value]
    if kind is dict:
        if not _STR_KEYS.issuperset(map(type, value)):
            raise _Unusual
        return {key: _plain(item) for key, item in value.items()}
    if kind is date:
        return value.isoformat()
    if isinstance(value, BaseModel):
        return _model(value)
    if isinstance(value, Enum) and type(value.value) in _SCALARS:
        return value.value
    if kind is PartialDate:
        return str(value)
    raise _Unusual


_STR_KEYS = frozenset({str})
