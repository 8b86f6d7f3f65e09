"""A store written by version 1 of every event (tests/data/stores/v1-exemple.sqlite) reads, replays and narrates today.

The fixture's bytes are those version 1 wrote: an event class that changes must bring an upcaster
(`class_version` and `upcast_v1_v2`, see store/mapper.py), or these tests fail.
"""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path
from uuid import UUID

import orjson
import pytest

from tests.e2e.test_cli import invoke
from tests.stores import raw_log
from transitions_core.store.application import SNAPSHOT_INTERVAL
from transitions_core.store.locations import parse_store
from transitions_core.store.mapper import VERSION_KEY
from transitions_core.store.opening import open_store
from transitions_core.store.snapshots import project

STORES = Path(__file__).resolve().parent.parent / "data" / "stores"
FIXTURE = STORES / "v1-exemple.sqlite"
HISTORY = STORES / "v1-history.yaml"
TERRITORIES = ["les-aubiers", "val-de-brume"]


@pytest.fixture
def v1_store(tmp_path) -> Path:
    """A copy of the fixture: opening a SQLite store writes beside it, and the committed file must not change."""
    copy = tmp_path / "v1.sqlite"
    shutil.copy(FIXTURE, copy)
    return copy


@pytest.fixture
def today_store(tmp_path) -> Path:
    """The same history, imported by today's code."""
    path = tmp_path / "today.sqlite"
    result = invoke(path, "import", str(HISTORY))
    assert result.exit_code == 0, result.output
    return path


def test_the_fixture_really_holds_version_1_events_and_a_snapshot():
    with closing(sqlite3.connect(FIXTURE)) as db:
        states = [orjson.loads(row[0]) for row in db.execute("SELECT state FROM stored_events")]
        snapshots = db.execute("SELECT COUNT(*) FROM stored_snapshots").fetchone()[0]
    assert len(states) == 64
    assert {state[VERSION_KEY] for state in states} == {1}
    assert snapshots == 1


def test_store_check_passes_on_a_v1_store(v1_store):
    result = invoke(v1_store, "store", "check")
    assert result.exit_code == 0, result.output
    assert "Journal : 64 événements (n° 1 à 64), 3 agrégats." in result.output
    assert "Tous les événements se décodent." in result.output
    assert result.output.endswith("Aucun problème.\n")


@pytest.mark.parametrize("territory", TERRITORIES)
@pytest.mark.parametrize("narrative", ["timeline", "fiche", "article"])
def test_a_v1_store_narrates_as_the_same_history_imported_today(v1_store, today_store, territory, narrative):
    old = invoke(v1_store, "replay", territory, "--format", narrative)
    new = invoke(today_store, "replay", territory, "--format", narrative)
    assert old.exit_code == 0, old.output
    assert old.output == new.output


def test_a_v1_store_narrates_its_quotes_corrections_and_retractions(v1_store):
    timeline = invoke(v1_store, "replay", "les-aubiers").output
    assert "On se parle enfin entre services" in timeline
    assert "11 entretiens" in timeline  # the correction of the count
    assert "Une limite notée par erreur" not in timeline  # retracted


def test_re_importing_the_v1_history_appends_nothing(v1_store):
    before = raw_log(str(v1_store))
    result = invoke(v1_store, "import", str(HISTORY))
    assert result.exit_code == 0, result.output
    assert "0 entrée ajoutée, 64 déjà présentes." in result.output
    assert raw_log(str(v1_store)) == before


def test_the_v1_snapshot_gives_the_state_the_v1_events_give(v1_store):
    (aggregate,) = {UUID(entry[1]) for entry in raw_log(str(v1_store)) if entry[2] >= SNAPSHOT_INTERVAL}
    with open_store(parse_store(str(v1_store)), create=False) as store:
        from_snapshot = store.app.aggregate(aggregate)
        from_events = project(None, store.app.stored_events(aggregate))
    assert from_snapshot is not None and from_snapshot.version == 58
    assert from_snapshot == from_events


def test_a_v1_store_copies_to_postgresql_and_checks_there(v1_store, postgres_url):
    result = invoke(None, "store", "copy", str(v1_store), postgres_url)
    assert result.exit_code == 0, result.output
    assert invoke(postgres_url, "store", "check").exit_code == 0
    assert raw_log(postgres_url) == raw_log(str(v1_store))
