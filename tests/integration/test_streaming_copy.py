"""`store copy` streams: it reads the log a section at a time and writes batch after batch, in one transaction."""

from __future__ import annotations

import math

import pytest

from tests.generated import large_history
from tests.stores import raw_log
from transitions_core.history.importer import import_histories
from transitions_core.store import copying
from transitions_core.store.locations import parse_store
from transitions_core.store.opening import open_store

DIRECTIONS = [("sqlite", "postgresql"), ("postgresql", "sqlite")]


@pytest.fixture
def large_store(new_store_address, tmp_path):
    """A store of some thousands of events, on the backend asked for."""

    def make(backend: str) -> tuple[str, int]:
        address = new_store_address(backend)
        history, events = large_history(tmp_path / "large.yaml", "grande", territories=12, findings=250)
        with open_store(parse_store(address)) as store:
            import_histories(store.app, [history])
        return address, events

    return make


@pytest.fixture
def journal(monkeypatch):
    """What the copy does, in order: `read N` for each section read, `write N` for each batch written."""
    steps: list[str] = []
    real_write = copying.write_batches
    real_read = copying.read_log

    def read_log(recorder, last, section=copying.SECTION):
        select = recorder.select_notifications

        def logged(*args, **kwargs):
            batch = select(*args, **kwargs)
            steps.append(f"read {len(batch)}")
            return batch

        monkeypatch.setattr(recorder, "select_notifications", logged)
        yield from real_read(recorder, last, section)

    def write_batches(recorder, batches):
        def logged():
            for batch in batches:
                steps.append(f"write {len(batch)}")
                yield batch

        real_write(recorder, logged())

    monkeypatch.setattr(copying, "read_log", read_log)
    monkeypatch.setattr(copying, "write_batches", write_batches)
    return steps


@pytest.mark.parametrize(("origin", "target"), DIRECTIONS, ids=[f"{a}-to-{b}" for a, b in DIRECTIONS])
def test_a_large_copy_streams_and_keeps_ids_and_order(
    large_store, new_store_address, journal, origin, target
):
    source, events = large_store(origin)
    destination = new_store_address(target)
    assert events > 3000

    with (
        open_store(parse_store(source), create=False) as reading,
        open_store(parse_store(destination)) as writing,
    ):
        report = copying.copy_store(reading, writing)

    assert report.events == events
    assert raw_log(destination) == raw_log(source)  # ids, aggregates, versions, topics, bytes, in order
    writes = [int(step.split()[1]) for step in journal if step.startswith("write")]
    assert max(writes) == copying.SECTION
    assert len(writes) == math.ceil(events / copying.SECTION)
    copy_steps = journal[: journal.index(f"write {writes[-1]}") + 1]
    # Streaming: each section is written before the next one is read, so at most one is in memory.
    assert copy_steps[:4] == [f"read {copying.SECTION}", f"write {copying.SECTION}"] * 2


def test_a_copy_that_fails_midway_leaves_the_destination_empty(large_store, new_store_address, monkeypatch):
    source, _ = large_store("sqlite")
    destination = new_store_address("postgresql")
    real_write = copying.write_batches

    def failing(recorder, batches):
        def third_fails():
            for index, batch in enumerate(batches):
                if index == 2:
                    raise OSError("disque arraché")
                yield batch

        real_write(recorder, third_fails())

    monkeypatch.setattr(copying, "write_batches", failing)
    with (
        open_store(parse_store(source), create=False) as reading,
        open_store(parse_store(destination)) as writing,
    ):
        with pytest.raises(OSError, match="disque arraché"):
            copying.copy_store(reading, writing)
        assert writing.app.last_position() == 0
