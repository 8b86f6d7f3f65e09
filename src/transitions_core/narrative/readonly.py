"""Read-only data for templates: a view seen as fields, mappings and sequences, with no method to call.

A template receives these wrappers instead of the view models. A record shows its data fields (a
pydantic model's fields, a dataclass's fields, a named tuple's fields, and the public properties its
own classes define) and nothing else: no pydantic API (`model_copy`, `parse_raw`…), no method, no
`__class__`. A mapping shows its items and the reading methods `get`, `keys`, `items` and `values`; a
sequence its items. Text, numbers, booleans, dates and None pass as they are.

Python filters get the real objects back (`unwrap`), and what they return is wrapped again (`wrap`),
so a plugin's filter works on the models it always did.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from types import GeneratorType
from typing import Any

from pydantic import BaseModel

#: Values a template may hold as they are: they have no data to hide, and their methods are allow-listed.
PLAIN: tuple[type, ...] = (str, int, float, bool, type(None), date)
#: The methods of a mapping that read it, as `{{ facts.get("speaker") }}` or `{% for k, v in d.items() %}`.
MAPPING_READERS = frozenset({"get", "keys", "items", "values"})


class DataView:
    """What every read-only wrapper shares: the wrapped object, printing and comparing as it does."""

    __slots__ = ("_target",)
    _target: Any

    def __init__(self, target: Any) -> None:
        object.__setattr__(self, "_target", target)

    def __str__(self) -> str:
        return str(self._target)

    def __repr__(self) -> str:
        return repr(self._target)

    def __eq__(self, other: object) -> bool:
        return bool(self._target == unwrap(other))

    def __ne__(self, other: object) -> bool:
        return bool(self._target != unwrap(other))

    def __lt__(self, other: object) -> bool:
        return bool(self._target < unwrap(other))

    def __le__(self, other: object) -> bool:
        return bool(self._target <= unwrap(other))

    def __gt__(self, other: object) -> bool:
        return bool(self._target > unwrap(other))

    def __ge__(self, other: object) -> bool:
        return bool(self._target >= unwrap(other))

    def __hash__(self) -> int:
        return hash(self._target)

    def __bool__(self) -> bool:
        return bool(self._target)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("read-only")


class RecordView(DataView):
    """A record (a view model, a dataclass, a partial date): its data fields, by attribute or by key."""

    __slots__ = ("_fields",)
    _fields: frozenset[str]

    def __init__(self, target: Any) -> None:
        object.__setattr__(self, "_target", target)
        object.__setattr__(self, "_fields", data_fields(type(target)))

    def __getattr__(self, name: str) -> Any:
        if name in self._fields:
            return wrap(getattr(self._target, name))
        raise AttributeError(name)

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str) and key in self._fields:
            return wrap(getattr(self._target, key))
        raise KeyError(key)

    def __iter__(self) -> Iterator[Any]:
        raise TypeError(f"{type(self._target).__name__} n'est pas une liste")


class MappingView(DataView, Mapping[Any, Any]):
    """A mapping (an entry's `facts`, a filter's dict): its items, and the methods that read them."""

    __slots__ = ()

    def __getitem__(self, key: Any) -> Any:
        return wrap(self._target[unwrap(key)])

    def __iter__(self) -> Iterator[Any]:
        return iter(self._target)

    def __len__(self) -> int:
        return len(self._target)

    def __contains__(self, key: object) -> bool:
        return unwrap(key) in self._target

    __eq__ = DataView.__eq__
    __hash__ = DataView.__hash__


class SequenceView(DataView):
    """A sequence (entries, quotes, a filter's list): its items, read-only."""

    __slots__ = ()

    def __getitem__(self, index: Any) -> Any:
        return wrap(self._target[unwrap(index)])

    def __iter__(self) -> Iterator[Any]:
        return map(wrap, self._target)

    def __reversed__(self) -> Iterator[Any]:
        return map(wrap, reversed(self._target))

    def __len__(self) -> int:
        return len(self._target)

    def __contains__(self, item: object) -> bool:
        return unwrap(item) in self._target

    def __add__(self, other: Any) -> Any:
        return wrap(tuple(self._target) + tuple(unwrap(other)))

    def __radd__(self, other: Any) -> Any:
        return wrap(tuple(unwrap(other)) + tuple(self._target))


class OpaqueView(DataView):
    """Anything else a filter returned (a function, an unknown object): it prints, and shows nothing."""

    __slots__ = ()


def readable_names(value: DataView) -> frozenset[str]:
    """The attributes a template may read on a wrapped value: a record's fields, a mapping's readers."""
    if isinstance(value, RecordView):
        return value._fields
    if isinstance(value, MappingView):
        return MAPPING_READERS
    return frozenset()


def wrap(value: Any) -> Any:
    """The read-only form of a value, for a template."""
    kind = type(value)
    if kind in PLAIN_TYPES:
        return value
    maker = _MAKERS.get(kind)
    if maker is None:
        if isinstance(value, _KEPT):
            return value
        maker = _MAKERS[kind] = _choose_maker(kind)
    return maker(value)


def unwrap(value: Any) -> Any:
    """The real object behind a value a template holds; lists, tuples and dicts a template built, item by item."""
    kind = type(value)
    if kind in PLAIN_TYPES:
        return value
    if isinstance(value, DataView):
        return object.__getattribute__(value, "_target")
    if kind is list:
        return [unwrap(item) for item in value]
    if kind is tuple:
        return tuple(unwrap(item) for item in value)
    if kind is dict:
        return {unwrap(k): unwrap(v) for k, v in value.items()}
    if isinstance(value, tuple) and hasattr(kind, "_fields"):  # jinja's groupby gives named tuples
        return kind._make(unwrap(item) for item in value)
    if isinstance(value, GeneratorType | map | filter):
        return map(unwrap, value)
    return value


#: The exact types that pass as they are, for a quick `type(value) in PLAIN_TYPES`.
PLAIN_TYPES = frozenset(PLAIN)
_KEPT = (*PLAIN, DataView)


#: How values of each type are wrapped (kept: a type's nature does not change).
_MAKERS: dict[type, Callable[[Any], Any]] = {}
#: The slots' own setters: setting them this way is what makes a wrapper cheap to create.
_SET_TARGET = vars(DataView)["_target"].__set__
_SET_FIELDS = vars(RecordView)["_fields"].__set__


def _choose_maker(kind: type) -> Callable[[Any], Any]:
    """The wrapper for values of `kind`; a record's is made for its fields (views are made by the thousand)."""
    if issubclass(kind, Mapping):
        return MappingView
    if issubclass(kind, (list, tuple, range)) and not hasattr(kind, "_fields"):
        return SequenceView
    fields = data_fields(kind)
    if fields:

        def record(target: Any) -> RecordView:
            view = object.__new__(RecordView)
            _SET_TARGET(view, target)
            _SET_FIELDS(view, fields)
            return view

        return record
    if issubclass(kind, (set, frozenset)) or (
        issubclass(kind, Iterable) and not issubclass(kind, (str, bytes))
    ):
        return _materialised
    return OpaqueView


def _materialised(value: Iterable[Any]) -> SequenceView:
    """A set or a generator a filter returned, as a sequence (its items, once)."""
    return SequenceView(tuple(value))


def data_fields(kind: type) -> frozenset[str]:
    """The data a record of this type shows: its declared fields and the public properties of its own classes."""
    names = _FIELDS.get(kind)
    if names is None:
        names = _FIELDS[kind] = _fields_of(kind)
    return names


_FIELDS: dict[type, frozenset[str]] = {}


def _fields_of(kind: type) -> frozenset[str]:
    names: set[str] = set()
    if issubclass(kind, BaseModel):
        names.update(kind.model_fields)
        names.update(kind.model_computed_fields)
    elif dataclasses.is_dataclass(kind):
        names.update(f.name for f in dataclasses.fields(kind))
    elif issubclass(kind, tuple) and hasattr(kind, "_fields"):
        names.update(kind._fields)
    for klass in kind.__mro__:
        if klass in (BaseModel, object) or klass.__module__ == "builtins":
            continue
        names.update(
            name
            for name, member in vars(klass).items()
            if isinstance(member, property) and not name.startswith("_")
        )
    return frozenset(name for name in names if not name.startswith("_"))
