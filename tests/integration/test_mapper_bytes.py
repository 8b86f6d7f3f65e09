"""The mapper writes an event's JSON straight from pydantic-core: the same bytes as orjson over its dict."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import orjson
from eventsourcing.persistence import JSONTranscoder
from pydantic import BaseModel

from tests.integration.test_append_snapshots import AGGREGATE, history
from transitions_core.store.mapper import VERSION_KEY, OrjsonTranscoder, PydanticMapper, json_with_version
from transitions_core.store.snapshots import Snapshot, project


def slow_bytes(model: BaseModel, version: int) -> bytes:
    state: dict[str, Any] = model.model_dump(mode="json")
    state[VERSION_KEY] = version
    return orjson.dumps(state)


def test_events_and_snapshots_are_written_as_orjson_would_write_them() -> None:
    events = history(1, 60)
    marked = events[1].model_copy(update={"entry": "é « ça » \\n \u2028 😀", "digest": "x" * 300})
    state = project(None, events)
    assert state is not None
    snapshot = Snapshot.take(state)

    for model in [*events, marked, snapshot]:
        assert json_with_version(model, 3) == slow_bytes(model, 3)


def test_an_event_reads_back_as_it_was_written() -> None:
    mapper = PydanticMapper(transcoder=OrjsonTranscoder())
    event = history(1, 1)[0]

    stored = mapper.to_stored_event(event)

    assert orjson.loads(stored.state)[VERSION_KEY] == type(event).class_version == 2
    assert mapper.to_domain_event(stored) == event
    assert stored.originator_id == AGGREGATE


def test_another_transcoder_still_gets_the_dict() -> None:
    mapper = PydanticMapper(transcoder=JSONTranscoder())
    event = history(1, 1)[0].model_copy(update={"timestamp": datetime(2025, 2, 3, tzinfo=UTC)})

    stored = mapper.to_stored_event(event)

    assert mapper.to_domain_event(stored) == event
