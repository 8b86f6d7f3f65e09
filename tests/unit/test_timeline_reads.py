"""The timeline read model's narrow reads: a cohort's own rows, and its aggregates by kind and cohort."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from tests.conftest import OCCITANIE
from transitions_core.cli.common import find_territory
from transitions_core.errors import NotFound
from transitions_core.history.importer import import_histories
from transitions_core.store.locations import parse_store
from transitions_core.store.opening import open_store
from transitions_core.timeline.readmodel import NAMES_TRACKING, fold
from transitions_core.timeline.view import PROFILE_TYPES

V1_STORE = Path(__file__).resolve().parent.parent / "data" / "stores" / "v1-exemple.sqlite"
INDEX = "timeline_aggregates_by_kind"


@pytest.fixture(scope="module")
def occitanie_store(tmp_path_factory):
    """The bundled history, imported into a new store: its names are kept as it is projected."""
    path = tmp_path_factory.mktemp("occitanie") / "store.sqlite"
    with open_store(parse_store(str(path)), key_variable=None) as store:
        import_histories(store.app, [OCCITANIE])
        yield store


def indexes(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as db:
        return {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}


def test_a_store_made_before_the_index_of_aggregates_gets_it_when_opened(tmp_path):
    copy = tmp_path / "v1.sqlite"
    shutil.copy(V1_STORE, copy)
    assert INDEX not in indexes(copy)
    with open_store(parse_store(str(copy)), create=False, key_variable=None) as store:
        readmodel = store.caught_up()
        territories = readmodel.aggregates(kind="territory")
        cohort = territories[0].cohort
        with closing(sqlite3.connect(copy)) as db:
            plan = " ".join(
                str(row[-1])
                for row in db.execute(
                    "EXPLAIN QUERY PLAN SELECT id FROM timeline_aggregates WHERE 1 = 1 AND kind = ? AND cohort = ? "
                    "ORDER BY cohort, territory",
                    ("territory", cohort),
                )
            )
        assert INDEX in plan
        assert readmodel.aggregates(kind="territory", cohort=cohort) == [
            t for t in territories if t.cohort == cohort
        ]
    assert INDEX in indexes(copy)


def test_a_cohorts_own_rows_and_a_territorys_are_the_cohorts_rows_filtered(tmp_path):
    copy = tmp_path / "v1.sqlite"
    shutil.copy(V1_STORE, copy)
    with open_store(parse_store(str(copy)), create=False, key_variable=None) as store:
        readmodel = store.caught_up()
        cohort = readmodel.aggregates(kind="cohort")[0].cohort
        every = list(readmodel.rows(cohort))
        own = list(readmodel.cohort_level_rows(cohort))
        assert own == [row for row in every if row.territory is None]
        assert any(row.territory for row in every)
        for row in readmodel.aggregates(kind="territory", cohort=cohort):
            mine = [r for r in every if r.territory == row.territory]
            assert list(readmodel.rows(cohort, row.territory)) == [r for r in every if r in mine or r in own]
            assert list(readmodel.rows(cohort, row.territory, cohort_level=False)) == mine
        profile_rows = list(readmodel.cohort_level_rows(cohort, PROFILE_TYPES))
        assert profile_rows == [row for row in own if row.type in PROFILE_TYPES]
        assert [row.type for row in profile_rows][:1] == ["cohort_opened"]


def test_a_store_made_before_the_names_were_kept_finds_its_territories(tmp_path):
    copy = tmp_path / "v1.sqlite"
    shutil.copy(V1_STORE, copy)
    with closing(sqlite3.connect(copy)) as db:
        assert not db.execute("SELECT name FROM sqlite_master WHERE name = 'timeline_names'").fetchall()
    with open_store(parse_store(str(copy)), create=False, key_variable=None) as store:
        readmodel = store.caught_up()
        territories = readmodel.aggregates(kind="territory")
        for row in territories:
            for query in (
                row.territory or "",
                row.name,
                row.name.upper(),
                f"  {row.name.replace('-', ' ')} ",
            ):
                assert find_territory(store, query) == row
                assert find_territory(store, query, row.cohort) == row
        with pytest.raises(NotFound, match="introuvable"):
            find_territory(store, "nulle part")
    with closing(sqlite3.connect(copy)) as db:
        named = db.execute("SELECT COUNT(DISTINCT id) FROM timeline_names").fetchone()[0]
        marked = db.execute(
            "SELECT position FROM timeline_tracking WHERE name = ?", (NAMES_TRACKING,)
        ).fetchall()
    assert named == len(territories) + len(readmodel_cohorts(copy))
    assert marked == [(1,)]


def readmodel_cohorts(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as db:
        return [row[0] for row in db.execute("SELECT id FROM timeline_aggregates WHERE kind = 'cohort'")]


def test_names_are_kept_as_territories_are_imported_and_match_as_the_old_scan_did(occitanie_store):
    readmodel = occitanie_store.caught_up()
    rows = readmodel.aggregates(kind="territory")
    kept = {row[0] for row in readmodel.db.query("SELECT id FROM timeline_names")}
    assert kept == {row.id for row in readmodel.aggregates()}, (
        "projected with the aggregates, before any look-up"
    )
    queries = {q for r in rows for q in (r.territory or "", r.name, r.name.lower(), r.name.upper())}
    queries |= {"", "  ", "montpellier", "Le Vigan", "le-vigan", "vigan", "Gruissan!", "ÉLÉPHANT"}
    for query in queries:
        wanted = fold(query)
        scanned = [r for r in rows if wanted in (fold(r.territory or ""), fold(r.name))]
        assert readmodel.named("territory", fold(query)) == scanned
