"""`transitions check`, `events COHORT`, `--store` after the command, and no store left by a refused first import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import BAD, EXAMPLE, holds_store
from tests.e2e.test_cli import invoke
from tests.stores import raw_log

HISTORIES = sorted(BAD.glob("*.yaml"))
COHORT = "val-imaginaire-2026"


@pytest.fixture
def imported(store_address):
    assert invoke(store_address, "import", str(EXAMPLE)).exit_code == 0
    return store_address


def edited(tmp_path: Path, old: str, new: str) -> Path:
    """The example history with one text replaced."""
    text = EXAMPLE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "modifie.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_check_on_a_missing_store_checks_as_a_first_import_and_creates_nothing(store_address):
    result = invoke(store_address, "check", str(EXAMPLE))
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"{EXAMPLE} : 15 entrées à ajouter, 0 déjà présente.\n"
        "Aucune erreur, vérifié comme un premier import (pas encore de stockage). Rien n'a été créé.\n"
    )
    assert not holds_store(store_address)


def test_check_against_a_store_says_what_is_already_there_and_writes_nothing(imported):
    before = raw_log(imported)
    result = invoke(imported, "check", "-v", str(EXAMPLE))
    assert result.exit_code == 0, result.output
    assert f"{EXAMPLE} : 0 entrée à ajouter, 15 déjà présentes.\n" in result.output
    assert "Aucune erreur, d'après le stockage (" in result.output
    assert raw_log(imported) == before


def test_check_catches_an_entry_changed_since_it_was_imported(imported, tmp_path):
    changed = edited(tmp_path, "attendance: {low: 25, high: 30}", "attendance: {low: 26, high: 30}")
    fresh = invoke(None, "--store", "memory:", "check", str(changed))
    assert fresh.exit_code == 0, fresh.output  # fine as a first import…
    before = raw_log(imported)
    checked = invoke(imported, "check", str(changed))
    imported_again = invoke(imported, "import", str(changed))
    assert checked.exit_code == imported_again.exit_code == 1
    assert checked.output == imported_again.output  # …but not against the stored history
    assert "modifie.yaml:" in checked.output
    assert raw_log(imported) == before


@pytest.mark.parametrize("path", HISTORIES, ids=[p.name for p in HISTORIES])
def test_check_refuses_each_bad_file_with_the_import_s_message(tmp_path, path):
    store = tmp_path / "store.sqlite"
    checked = invoke(store, "check", str(path))
    imported = invoke(store, "import", str(path))
    assert checked.exit_code == imported.exit_code == 1
    assert checked.stderr == imported.stderr
    assert checked.stdout == ""
    assert not store.exists()


def test_a_refused_first_import_leaves_no_store_and_no_folder(tmp_path, store_address):
    nested = tmp_path / "nouveau" / "dossier" / "store.sqlite"
    for address in (str(nested), store_address):
        result = invoke(address, "import", str(BAD / "impossible-order.yaml"))
        assert result.exit_code == 1
        assert not holds_store(address)
    assert not (tmp_path / "nouveau").exists()


def test_store_is_accepted_after_the_command(store_address):
    result = invoke(None, "import", "--store", store_address, str(EXAMPLE))
    assert result.exit_code == 0, result.output
    assert holds_store(store_address)
    assert "Les Aubiers" in invoke(None, "replay", "les-aubiers", "--store", store_address).output
    assert invoke(None, "events", COHORT, "--store", store_address).exit_code == 0
    assert f"{COHORT}\t" in invoke(None, "cohorts", "--store", store_address).output


def test_store_after_the_command_wins_over_the_environment(store_address, monkeypatch, tmp_path):
    assert invoke(store_address, "import", str(EXAMPLE)).exit_code == 0
    monkeypatch.setenv("TRANSITIONS_STORE", str(tmp_path / "ailleurs.sqlite"))
    assert f"{COHORT}\t" in invoke(None, "cohorts", "--store", store_address).output
    assert not (tmp_path / "ailleurs.sqlite").exists()


def test_two_different_stores_before_and_after_the_command_are_refused(tmp_path):
    first, second = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    result = invoke(first, "import", "--store", str(second), str(EXAMPLE))
    assert result.exit_code == 2
    assert "--store est donné avant et après la commande, avec deux adresses différentes" in result.output
    assert not first.exists() and not second.exists()
    assert invoke(first, "import", "--store", str(first), str(EXAMPLE)).exit_code == 0


def test_events_lists_a_cohort_s_own_entries_with_their_keys(imported):
    lines = invoke(imported, "events", COHORT).stdout.splitlines()
    assert lines[0].split()[-2:] == ["2026-01", "cohort"]
    keys = [line.split()[-1] for line in lines]
    assert "in_person_day_held@2026-05-12#1" in keys
    assert all("/" not in key for key in keys)  # cohort entries: no territory before the key
    by_name = invoke(imported, "events", "Cohorte du Val imaginaire 2026-2027", "--json").stdout.splitlines()
    records = [json.loads(line) for line in by_name]
    assert [r["entry"] for r in records] == keys
    assert records[0]["type"] == "cohort_opened"


def test_events_of_a_territory_are_unchanged(imported):
    lines = invoke(imported, "events", "les-aubiers").stdout.splitlines()
    assert lines[0].split()[3] == "territory_registered"
    assert all(line.split()[-1].startswith("les-aubiers/") for line in lines)


def test_events_of_an_unknown_name_says_it_is_neither(imported):
    result = invoke(imported, "events", "Atlantide")
    assert result.exit_code == 1
    assert "Territoire « Atlantide » introuvable." in result.output
    assert "Ce n'est pas non plus une cohorte (`transitions cohorts` les liste)." in result.output
