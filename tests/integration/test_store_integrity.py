"""Nothing a history or a hand on the database does leaves a store that cannot be read, and `store check` proves it."""

from __future__ import annotations

import re
import sqlite3
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE
from tests.e2e.test_cli import invoke
from tests.stores import EVENTS, backend, count_events, raw_log, run_sql
from transitions_core.domain.events import TerritoryRegistered
from transitions_core.domain.identity import territory_id
from transitions_core.history.errors import HistoryFileError
from transitions_core.history.importer import import_histories
from transitions_core.store.failures import RowRefused
from transitions_core.store.locations import parse_store
from transitions_core.store.opening import open_store
from transitions_core.timeline.databases import TABLES

COHORT = "val-imaginaire-2026"


@pytest.fixture
def imported(store_address: str) -> str:
    """A store holding the imaginary history, its read model caught up."""
    assert invoke(store_address, "import", str(EXAMPLE)).exit_code == 0
    assert invoke(store_address, "replay", "les-aubiers").exit_code == 0
    return store_address


def a_territory(name: str) -> TerritoryRegistered:
    """A territory registered by hand, past the history loader's checks."""
    return TerritoryRegistered(
        originator_id=territory_id(COHORT, "nouveau"),
        originator_version=1,
        timestamp=datetime(2026, 6, 1, tzinfo=UTC),
        occurred="2026-06",
        entry="nouveau/territory",
        cohort=COHORT,
        slug="nouveau",
        name=name,
        kind="commune",
    )


def test_a_tampered_topic_is_never_imported(imported):
    table, column = EVENTS[backend(imported)]
    run_sql(imported, "DELETE FROM timeline_entries WHERE position >= 3")
    run_sql(imported, "UPDATE timeline_tracking SET position = 2 WHERE name = 'timeline'")
    run_sql(imported, f"UPDATE {table} SET topic = 'this:s' WHERE {column} = 3")
    assert "this" not in sys.modules  # the Zen of Python prints itself when imported

    replay = invoke(imported, "replay", "les-aubiers")
    check = invoke(imported, "store", "check")

    assert "this" not in sys.modules
    assert replay.exit_code == 1
    assert replay.output.startswith("Erreur : Un événement du stockage porte un type inconnu (« this:s »)")
    assert check.exit_code == 1
    assert "L'événement n°3 porte un type qui n'est pas de transitions (« this:s »)" in check.output
    assert "Traceback" not in replay.output + check.output


def test_store_check_decodes_every_read_model_row(imported):
    run_sql(imported, "UPDATE timeline_entries SET facts = ? WHERE position = 4", ('{"cassé',))

    replay = invoke(imported, "replay", "les-aubiers")
    check = invoke(imported, "store", "check")

    assert replay.exit_code == 1
    assert "La vue chronologique est endommagée à la ligne de l'événement n°4" in replay.output
    assert check.exit_code == 1
    assert "La ligne n°4 de la vue chronologique ne se lit pas : JSONDecodeError" in check.output
    assert "supprimez sa table (DROP TABLE timeline_entries)" in check.output


def test_store_check_reads_every_territory_as_the_commands_do(imported):
    # Valid JSON, but the registration's facts are gone: `replay` could not build the profile.
    run_sql(imported, "UPDATE timeline_entries SET facts = '[]' WHERE position = 2")
    run_sql(imported, "UPDATE timeline_entries SET facts = '{}' WHERE position = 3")

    check = invoke(imported, "store", "check")

    assert check.exit_code == 1
    assert "La ligne n°2 de la vue chronologique ne se lit pas : ValueError" in check.output
    assert "La ligne n°3 de la vue chronologique ne se lit pas : KeyError" in check.output


def test_a_sound_store_says_each_read_was_verified(imported):
    check = invoke(imported, "store", "check")

    assert check.exit_code == 0, check.output
    assert "Toutes les lignes de la vue chronologique se décodent." in check.output
    assert "Chaque cohorte et chaque territoire se lisent comme les commandes les lisent." in check.output


@pytest.mark.parametrize("table", TABLES)
def test_a_dropped_read_model_table_is_rebuilt_from_the_log(imported, table):
    before = invoke(imported, "replay", "les-aubiers").output
    run_sql(imported, f"DROP TABLE {table}")

    check = invoke(imported, "store", "check")
    after = invoke(imported, "replay", "les-aubiers")

    assert after.exit_code == 0, after.output
    assert after.output == before
    assert check.exit_code == 0, check.output
    if table != "timeline_names":  # names are refilled in place, as for a store made before they existed
        assert (
            f"Vue chronologique reconstruite depuis le journal à l'ouverture : il lui manquait {table}."
            in (check.output)
        )


def test_a_row_the_read_model_cannot_write_stores_nothing(tmp_path):
    """Any backend limit: here SQLite's length limit, set on the read model's own connection."""
    path = str(tmp_path / "store.sqlite")
    assert invoke(path, "import", str(EXAMPLE)).exit_code == 0
    before = raw_log(path)
    with open_store(parse_store(path), create=False) as store:
        store.timeline.db.db.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, 300)  # type: ignore[attr-defined]
        with pytest.raises(RowRefused, match="l'entrée « nouveau/territory » ne peut pas s'écrire"):
            store.app.append([a_territory("x" * 400)])
    assert raw_log(path) == before
    assert invoke(path, "store", "check").exit_code == 0


def test_nul_in_postgresql_text_stores_nothing(postgres_url):
    assert invoke(postgres_url, "import", str(EXAMPLE)).exit_code == 0
    before = raw_log(postgres_url)
    with open_store(parse_store(postgres_url), create=False) as store, pytest.raises(RowRefused, match="NUL"):
        store.app.append([a_territory("Val\x00Brume")])
    assert raw_log(postgres_url) == before
    check = invoke(postgres_url, "store", "check")
    assert check.exit_code == 0, check.output


def test_an_import_whose_row_postgresql_refuses_fails_at_its_line(postgres_url, tmp_path, monkeypatch):
    """Were the loader to let a NUL through, the read model's trial would still stop the import."""
    monkeypatch.setattr("transitions_core.history.yaml_reader._FORBIDDEN", re.compile("(?!)"))
    history = tmp_path / "nul.yaml"
    history.write_text(
        "kind: history\ncohort:\n  id: nul-2026\n  name: Cohorte\n  region: Nulle part\n"
        'territories:\n  - id: val\n    name: "Val\\0Brume"\n    kind: commune\n',
        encoding="utf-8",
    )
    with open_store(parse_store(postgres_url)) as store:
        with pytest.raises(HistoryFileError) as caught:
            import_histories(store.app, [history])
        assert store.app.last_position() == 0
    assert str(caught.value).startswith(f"{history}:7: l'entrée « val/territory » ne peut pas s'écrire")
    assert "NUL" in str(caught.value)
    assert "rien n'a été écrit" in str(caught.value)


def test_a_copy_to_postgresql_that_fails_leaves_the_destination_empty(tmp_path, postgres_url):
    source = str(tmp_path / "source.sqlite")
    assert invoke(source, "import", str(EXAMPLE)).exit_code == 0
    with open_store(parse_store(source), create=False) as store:
        store.app.append([a_territory("Val\x00Brume")])  # SQLite takes NUL in TEXT
    assert invoke(source, "replay", "les-aubiers").exit_code == 0

    failed = invoke(None, "store", "copy", source, postgres_url)

    assert failed.exit_code == 1
    assert failed.output.startswith(
        "Erreur : La copie s'arrête à l'événement n°16 : la destination ne peut pas"
    )
    assert failed.output.rstrip().endswith("La destination a été remise à vide : rien n'y reste.")
    assert count_events(postgres_url) == 0
    for table in ("timeline_entries", "timeline_aggregates", "timeline_tracking"):
        assert _rows(postgres_url, table) == 0
    # Not "not empty" the next time: a sound store copies into it, numbered from 1 again.
    sound = str(tmp_path / "sound.sqlite")
    assert invoke(sound, "import", str(EXAMPLE)).exit_code == 0
    copied = invoke(None, "store", "copy", sound, postgres_url)
    assert copied.exit_code == 0, copied.output
    assert [row[0] for row in raw_log(postgres_url)] == list(range(1, 16))
    assert invoke(postgres_url, "store", "check").exit_code == 0


def _rows(address: str, table: str) -> int:
    import psycopg

    with psycopg.connect(address) as connection:
        row = connection.execute(f"SELECT count(*) FROM {table}").fetchone()
    return int(row[0]) if row else 0


def test_the_bad_catalogue_has_a_file_for_every_case_of_this_issue():
    names = {p.name for p in (Path(__file__).resolve().parent.parent / "data" / "bad").glob("*.yaml")}
    assert {"nul-escape.yaml", "set-as-text.yaml", "set-as-list.yaml", "huge-integer.yaml"} <= names


def test_another_view_of_the_same_read_model_rebuilds_nothing(memory_store):
    """The rebuild is the opening's: a second read model on the same tables (the public one) wipes nothing."""
    from transitions_core.timeline.readmodel import TimelineReadModel

    import_histories(memory_store.app, [EXAMPLE])
    rows = len(list(memory_store.caught_up().rows(COHORT)))

    again = TimelineReadModel(memory_store.app, memory_store.timeline.db)

    assert again.rebuilt == []
    assert len(list(again.rows(COHORT))) == rows > 0
