"""Every event of the catalogue survives the store's mapper; old versions are upcast; bad states are refused."""

from __future__ import annotations

import types
import typing
from datetime import UTC, datetime
from enum import Enum
from typing import Any, ClassVar, TypeVar
from uuid import UUID, uuid4

import orjson
import pytest
from eventsourcing.persistence import StoredEvent
from eventsourcing.utils import get_topic
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ConfigDict, ValidationError

from transitions_core.domain.dates import PartialDate
from transitions_core.domain.events import (
    CATALOGUE,
    EVENT_TYPES,
    DomainEvent,
    InterviewsHeld,
    TerritoryJoined,
)
from transitions_core.domain.values import CountMarker
from transitions_core.store.mapper import VERSION_KEY, OrjsonTranscoder, PydanticMapper, register_event_class

M = TypeVar("M", bound=BaseModel)

EDTF_EXAMPLES = (
    "2024-05-07",
    "2024-02-29",
    "2024-09",
    "2023",
    "2025-21",
    "2025-22",
    "2025-23",
    "2025-24",
    "2024-09~",
    "2024-05-07?",
    "2023%",
    "2025-23~",
    "2024-07/2024-09",
    "2023/2024-05-07",
    "2024-06~/2024-08",
    "[2024-07-15,2025-07-15]",
    "[2023,2024-03]",
    "XXXX",
)

partial_dates = st.sampled_from(EDTF_EXAMPLES).map(PartialDate)
# orjson refuses lone surrogates, which no history file holds.
texts = st.text(st.characters(codec="utf-8"), max_size=20)
int64 = st.integers(-(2**63), 2**63 - 1)
counts = st.integers(0, 2**63 - 1)
finite_floats = st.floats(allow_nan=False, allow_infinity=False)
day_counts = st.floats(0, 1e6, allow_nan=False)
datetimes = st.datetimes(datetime(1900, 1, 1), datetime(2100, 1, 1), timezones=st.sampled_from([None, UTC]))
json_values = st.recursive(
    st.none() | st.booleans() | int64 | finite_floats | texts,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(texts, children, max_size=3),
    max_leaves=8,
)

SIMPLE: dict[Any, st.SearchStrategy[Any]] = {
    str: texts,
    bool: st.booleans(),
    int: int64,
    float: finite_floats,
    UUID: st.uuids(),
    datetime: datetimes,
    PartialDate: partial_dates,
    Any: json_values,
}


def strategy_for(annotation: Any, metadata: list[Any] | tuple[Any, ...] = ()) -> st.SearchStrategy[Any]:
    """A strategy of valid values for a field annotation of the domain events."""
    if any(isinstance(m, CountMarker) for m in metadata):
        return counts if annotation is int else day_counts
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return strategy_for(args[0], annotation.__metadata__)
    if origin in (typing.Union, types.UnionType):
        return st.one_of(*(strategy_for(arg) for arg in args))
    if origin is list:
        return st.lists(strategy_for(args[0]), max_size=3)
    if origin is dict:
        return st.dictionaries(strategy_for(args[0]), strategy_for(args[1]), max_size=3)
    if origin is typing.Literal:
        return st.sampled_from(args)
    if annotation is type(None):
        return st.none()
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return st.sampled_from(list(annotation))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return model_strategy(annotation)
    if annotation in SIMPLE:
        return SIMPLE[annotation]
    raise NotImplementedError(f"no strategy for {annotation!r}: add one to this test module")


def translations_of(cls: type[BaseModel]) -> st.SearchStrategy[dict[str, dict[str, str]]]:
    """Valid translations of an event: a language code, then some of its text fields."""
    from transitions_core.domain.events.base import BOOKKEEPING_FIELDS

    text_fields = [
        n for n, info in cls.model_fields.items() if info.annotation is str and n not in BOOKKEEPING_FIELDS
    ]
    if not text_fields:
        return st.just({})
    return st.dictionaries(
        st.sampled_from(["en", "de"]),
        st.dictionaries(st.sampled_from(text_fields), texts, max_size=2),
        max_size=2,
    )


def model_strategy(cls: type[M]) -> st.SearchStrategy[M]:
    """Valid instances of a pydantic model, every field (defaulted ones too) drawn at random."""
    special = {"translations": translations_of(cls)} if "translations" in cls.model_fields else {}
    fields = {
        name: strategy_for(info.annotation, info.metadata)
        if info.is_required()
        else st.one_of(
            st.just(info.get_default(call_default_factory=True)), strategy_for(info.annotation, info.metadata)
        )
        for name, info in cls.model_fields.items()
    } | special
    return st.fixed_dictionaries(fields).map(lambda values: cls(**values))


def mapper() -> PydanticMapper:
    return PydanticMapper(transcoder=OrjsonTranscoder())


@pytest.mark.parametrize("event_class", CATALOGUE, ids=[cls.type_name() for cls in CATALOGUE])
@settings(max_examples=20, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_event_survives_the_mapper(event_class: type[DomainEvent], data: st.DataObject) -> None:
    event = data.draw(model_strategy(event_class), label=event_class.__name__)

    stored = mapper().to_stored_event(event)

    assert stored.originator_id == event.originator_id
    assert stored.originator_version == event.originator_version
    assert stored.topic == get_topic(event_class)
    assert orjson.loads(stored.state)[VERSION_KEY] == event_class.class_version
    assert mapper().to_domain_event(stored) == event


def test_the_roundtrip_is_parametrized_over_the_whole_catalogue() -> None:
    marks = test_every_event_survives_the_mapper.pytestmark
    (parametrize,) = (mark for mark in marks if mark.name == "parametrize")
    parametrized = list(parametrize.args[1])

    assert parametrized == list(CATALOGUE)
    assert len(EVENT_TYPES) == len(CATALOGUE)
    assert set(EVENT_TYPES.values()) == set(CATALOGUE)


def test_every_concrete_event_class_is_in_the_catalogue() -> None:
    def subclasses(cls: type[DomainEvent]) -> set[type[DomainEvent]]:
        found = set(cls.__subclasses__())
        return found.union(*(subclasses(sub) for sub in found))

    concrete = {
        cls
        for cls in subclasses(DomainEvent)
        if cls.__module__.startswith("transitions_core.") and not cls.__name__.startswith("_")
    }

    assert concrete == set(CATALOGUE)


class TitleAdded(BaseModel):
    """A test-only event at version 2: version 1 had no `title`."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    class_version: ClassVar[int] = 2

    originator_id: UUID
    originator_version: int
    name: str
    title: str

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        state["title"] = "(sans titre)"


register_event_class(TitleAdded)  # the mapper decodes the tool's own classes only


def stored(topic: str, state: dict[str, Any]) -> StoredEvent:
    return StoredEvent(
        originator_id=uuid4(), originator_version=1, topic=topic, state=OrjsonTranscoder().encode(state)
    )


def test_a_version_1_state_is_upcast_when_read() -> None:
    state: dict[str, Any] = {
        "originator_id": str(uuid4()),
        "originator_version": 1,
        "name": "Gâtine",
        VERSION_KEY: 1,
    }

    event = mapper().to_domain_event(stored(get_topic(TitleAdded), state))

    assert event == TitleAdded(
        originator_id=UUID(state["originator_id"]), originator_version=1, name="Gâtine", title="(sans titre)"
    )


def test_a_state_without_a_class_version_counts_as_version_1() -> None:
    state = {"originator_id": str(uuid4()), "originator_version": 1, "name": "Gâtine"}

    event = mapper().to_domain_event(stored(get_topic(TitleAdded), state))

    assert event.title == "(sans titre)"


def test_a_current_state_is_not_upcast() -> None:
    event = TitleAdded(originator_id=uuid4(), originator_version=3, name="Gâtine", title="Projet")

    assert mapper().to_domain_event(mapper().to_stored_event(event)) == event
    assert orjson.loads(mapper().to_stored_event(event).state)[VERSION_KEY] == 2


def valid_state(event: DomainEvent) -> dict[str, Any]:
    state: dict[str, Any] = orjson.loads(mapper().to_stored_event(event).state)
    return state


def an_event(cls: type[DomainEvent], **facts: Any) -> DomainEvent:
    return cls(
        originator_id=uuid4(),
        originator_version=2,
        timestamp=datetime(2024, 1, 1, tzinfo=UTC),
        occurred=PartialDate("2024-09"),
        entry="e-1",
        **facts,
    )


@pytest.mark.parametrize(
    ("event", "tampering"),
    [
        (an_event(TerritoryJoined), {"unexpected": 1}),
        (an_event(InterviewsHeld, count=3), {"count": "many"}),
        (an_event(InterviewsHeld, count=3), {"occurred": "2024-13-45"}),
        (an_event(TerritoryJoined), {"originator_version": None}),
    ],
    ids=["extra field", "wrong type", "invalid date", "null version"],
)
def test_an_invalid_stored_state_is_refused_when_read(event: DomainEvent, tampering: dict[str, Any]) -> None:
    state = {**valid_state(event), **tampering}

    with pytest.raises(ValidationError):
        mapper().to_domain_event(stored(get_topic(type(event)), state))
