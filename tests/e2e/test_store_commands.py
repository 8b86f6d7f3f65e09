"""`transitions store copy` and `store check`, between and on both backends."""

from __future__ import annotations

import itertools

import pytest

from tests.conftest import BACKENDS, EXAMPLE, OCCITANIE, holds_store
from tests.e2e.test_cli import invoke
from tests.stores import EVENTS, backend, count_events, raw_log, run_sql

DIRECTIONS = list(itertools.product(BACKENDS, BACKENDS))


@pytest.fixture
def imported(store_address):
    """A store of each backend holding the Occitanie history."""
    result = invoke(store_address, "import", str(OCCITANIE))
    assert result.exit_code == 0, result.output
    return store_address


@pytest.mark.parametrize(("origin", "target"), DIRECTIONS, ids=[f"{a}-to-{b}" for a, b in DIRECTIONS])
def test_copy_keeps_every_event_its_order_and_its_ids(new_store_address, origin, target):
    source, destination = new_store_address(origin), new_store_address(target)
    assert invoke(source, "import", str(OCCITANIE)).exit_code == 0
    result = invoke(None, "store", "copy", source, destination)
    assert result.exit_code == 0, result.output
    assert "Vérifié : les deux journaux sont identiques" in result.output
    assert raw_log(destination) == raw_log(source)
    assert len(raw_log(destination)) == 284
    assert invoke(destination, "replay", "gruissan").output == invoke(source, "replay", "gruissan").output
    assert invoke(destination, "store", "check").exit_code == 0


def test_a_copied_store_takes_new_imports(new_store_address):
    source, destination = new_store_address("sqlite"), new_store_address("postgresql")
    invoke(source, "import", str(EXAMPLE))
    invoke(None, "store", "copy", source, destination)
    again = invoke(destination, "import", str(EXAMPLE))
    assert "0 entrée ajoutée, 15 déjà présentes." in again.output


@pytest.mark.parametrize("target", BACKENDS)
def test_copy_refuses_a_destination_that_holds_events(new_store_address, target):
    source, destination = new_store_address("sqlite"), new_store_address(target)
    invoke(source, "import", str(OCCITANIE))
    invoke(destination, "import", str(EXAMPLE))
    before = raw_log(destination)
    result = invoke(None, "store", "copy", source, destination)
    assert result.exit_code == 1
    assert "contient déjà 15 événements : la copie ne se fait que vers un stockage vide." in result.output
    assert raw_log(destination) == before


def test_copy_from_a_missing_store_creates_nothing(new_store_address):
    source, destination = new_store_address("sqlite"), new_store_address("sqlite")
    result = invoke(None, "store", "copy", source, destination)
    assert result.exit_code == 1
    assert "Aucun stockage" in result.output
    assert not holds_store(destination)


def test_copy_refuses_to_copy_a_store_onto_itself(new_store_address):
    source = new_store_address("sqlite")
    invoke(source, "import", str(EXAMPLE))
    result = invoke(None, "store", "copy", source, source)
    assert result.exit_code == 1
    assert "même stockage" in result.output
    assert count_events(source) == 15


def test_check_of_a_sound_store(imported):
    result = invoke(imported, "store", "check")
    assert result.exit_code == 0, result.output
    assert "Journal : 284 événements (n° 1 à 284), 9 agrégats." in result.output
    assert "Tous les événements se décodent." in result.output
    assert "Vue chronologique à jour (événement 284) : 284 lignes, ni manque ni doublon." in result.output
    assert result.output.endswith("Aucun problème.\n")


def test_check_finds_a_deleted_event(imported):
    table, column = EVENTS[backend(imported)]
    assert invoke(imported, "info").exit_code == 0  # the read model has projected event 12
    run_sql(imported, f"DELETE FROM {table} WHERE {column} = 12")
    result = invoke(imported, "store", "check")
    assert result.exit_code == 1
    assert "passe de la version" in result.output
    assert "La vue chronologique a des lignes sans événement : 12" in result.output
    if backend(imported) == "sqlite":
        assert "Numéros absents du journal (événements supprimés ?) : 12" in result.output
    assert "problèmes dans le stockage (détail ci-dessus)" in result.output


def test_check_finds_an_event_that_does_not_decode(imported):
    table, column = EVENTS[backend(imported)]
    run_sql(imported, f"UPDATE {table} SET state = ? WHERE {column} = 7", (b"{pas du json",))
    result = invoke(imported, "store", "check")
    assert result.exit_code == 1
    assert "L'événement n°7 (" in result.output
    assert "ne se décode pas" in result.output
    assert "Traceback" not in result.output


def test_check_finds_a_read_model_out_of_step(imported):
    assert invoke(imported, "info").exit_code == 0
    run_sql(imported, "DELETE FROM timeline_entries WHERE position = 30")
    result = invoke(imported, "store", "check")
    assert result.exit_code == 1
    assert "la vue chronologique n'a pas les événements 30" in result.output.lower()


def test_check_of_a_damaged_sqlite_file(tmp_path):
    path = tmp_path / "store.sqlite"
    assert invoke(path, "import", str(OCCITANIE)).exit_code == 0
    data = bytearray(path.read_bytes())
    data[8192:16384] = b"\xff" * 8192  # trample pages in the middle of the file
    path.write_bytes(bytes(data))
    result = invoke(path, "store", "check")
    assert result.exit_code == 1
    assert result.output.startswith("Stockage : SQLite")
    assert "Traceback" not in result.output
