"""The benchmarks' generated stores are valid: every territory replays, the padded ones hold 100 events."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from benchmarks.generate import EVENTS_PER_TERRITORY, build, build_sizes, cohorts

from transitions_core.domain.identity import territory_id
from transitions_core.narrative.audience import Audience
from transitions_core.narrative.build import territory_view
from transitions_core.narrative.formats import Subject
from transitions_core.narrative.render import render
from transitions_core.plugins import load_host
from transitions_core.store.checking import check_store
from transitions_core.store.locations import parse_store
from transitions_core.store.opening import open_store
from transitions_core.store.snapshots import project
from transitions_core.timeline.databases import SQLiteDatabase
from transitions_core.timeline.readmodel import TimelineReadModel, aggregate_uuid


def test_a_generated_store_replays_every_territory(tmp_path: Path) -> None:
    generated = build(tmp_path / "store.sqlite", 3)

    with open_store(parse_store(str(generated.path)), create=False, key_variable=None) as store:
        rows = store.caught_up().aggregates(kind="territory")
        sizes = [len(store.app.stored_events(territory_id(r.cohort, r.territory or ""))) for r in rows]
        host = load_host()
        for row in rows:
            view = territory_view(store.timeline, row.cohort, row.territory or "", None, Audience.INTERNAL)
            assert render(host, "timeline", view, Subject.TERRITORY, "fr").startswith(row.name)
        problems = check_store(store).problems

    assert sizes.count(EVENTS_PER_TERRITORY) == generated.territories >= 3
    assert sum(sizes) + generated.cohorts <= generated.events
    assert problems == []


def test_the_read_model_written_with_the_events_is_the_one_a_catch_up_from_the_log_makes(
    tmp_path: Path,
) -> None:
    generated = build(tmp_path / "store.sqlite", 12)

    with open_store(parse_store(str(generated.path)), create=False, key_variable=None) as store:
        again = TimelineReadModel(store.app, SQLiteDatabase(None))
        again.catch_up()
        listed = "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'timeline%' ORDER BY name"
        tables = [name for (name,) in store.timeline.db.query(listed)]
        assert tables == [name for (name,) in again.db.query(listed)]
        written = {t: store.timeline.db.query(f"SELECT * FROM {t} ORDER BY 1") for t in tables}
        caught_up = {t: again.db.query(f"SELECT * FROM {t} ORDER BY 1") for t in tables}
        again.close()

    assert generated.cohorts > 1
    assert len(written["timeline_entries"]) == generated.events
    assert written == caught_up


def test_each_snapshot_is_the_state_rebuilt_from_the_events(tmp_path: Path) -> None:
    generated = build(tmp_path / "store.sqlite", 3)

    with open_store(parse_store(str(generated.path)), create=False, key_variable=None) as store:
        assert store.app.snapshots is not None
        rows = store.caught_up().aggregates()
        snapshots = [s for row in rows for s in store.app.snapshots.get(aggregate_uuid(row))]
        for snapshot in snapshots:
            events = store.app.stored_events(snapshot.originator_id)[: snapshot.originator_version]
            assert snapshot.state == project(None, events).model_dump(mode="json")  # type: ignore[union-attr]

    assert len(snapshots) >= 3


def test_smaller_sizes_built_in_the_same_pass_are_prefixes_of_the_larger(tmp_path: Path) -> None:
    small, large = build_sizes({3: tmp_path / "small.sqlite", 15: tmp_path / "large.sqlite"})
    alone = build(tmp_path / "alone.sqlite", 3)

    def log(path: Path) -> list[tuple[object, ...]]:
        with sqlite3.connect(path) as connection:
            rows = connection.execute("SELECT * FROM stored_events ORDER BY rowid").fetchall()
        connection.close()
        return [row[:3] for row in rows]

    assert small.cohorts < large.cohorts
    assert log(small.path) == log(large.path)[: small.events] == log(alone.path)
    with open_store(parse_store(str(small.path)), create=False, key_variable=None) as store:
        assert store.timeline.position() == store.app.last_position() == small.events
        assert check_store(store).problems == []


def test_worker_processes_give_the_same_histories() -> None:
    serial = [h.events for h in cohorts(12)]
    parallel = [h.events for h in cohorts(12, workers=1)]

    assert [[e.model_dump() for e in h] for h in parallel] == [[e.model_dump() for e in h] for h in serial]
