"""`record`, `correct` and `retract` on the command line: the store and the history file change together or not at all."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE
from tests.e2e.test_cli import invoke
from tests.stores import raw_log

EFFECT = ("record", "les-aubiers", "effect_observed", "--date", "mars 2027", "--set", "label=coopération")
DESCRIPTION = ("--set", "description=Les services travaillent ensemble.")


@pytest.fixture
def history(tmp_path: Path) -> Path:
    copy = tmp_path / "historique.yaml"
    shutil.copy(EXAMPLE, copy)
    return copy


@pytest.fixture
def imported(store_address: str, history: Path) -> str:
    result = invoke(store_address, "import", "--as", "Léa", str(history))
    assert result.exit_code == 0, result.output
    return store_address


def test_a_recorded_entry_goes_to_the_store_and_to_the_file_it_came_from(imported, history):
    before = history.read_text(encoding="utf-8")

    result = invoke(imported, *EFFECT, *DESCRIPTION, "--as", "Inès", "--yes")

    assert result.exit_code == 0, result.output
    assert "les-aubiers/effect_observed@2027-03#cooperation" in result.output
    assert "+ • mars 2027 — Effet « coopération ». Les services travaillent ensemble." in plain(result.output)
    after = history.read_text(encoding="utf-8")
    assert after.startswith(before)  # every comment and line of the file kept as it was
    assert after[len(before) :] == (
        "  - date: 2027-03\n    type: effect_observed\n    territory: les-aubiers\n"
        "    label: coopération\n    description: Les services travaillent ensemble.\n"
    )
    again = invoke(imported, "import", str(history))
    assert "0 entrée ajoutée, 16 déjà présentes." in again.output
    log = invoke(imported, "log", "les-aubiers", "--by", "ines", "--json")
    assert '"author": "Inès"' in log.output and "effect_observed@2027-03#cooperation" in log.output


def test_a_refused_entry_changes_neither_the_store_nor_the_file(imported, history):
    before, log = history.read_bytes(), raw_log(imported)

    result = invoke(imported, "record", "les-aubiers", "diagnostic_restituted", "--date", "2027-04", "--yes")

    assert result.exit_code == 1
    assert result.output.startswith("Erreur : Entrée refusée : ")
    assert "Traceback" not in result.output
    assert history.read_bytes() == before and raw_log(imported) == log


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--set", "nombre=3"),
            "« nombre » n'est pas un champ de « effect_observed » ; champs possibles : label, description",
        ),
        (("--set", "quotes=[oops"), "« quotes » : « [oops » ne se lit pas"),
    ],
)
def test_a_bad_set_names_the_field_and_the_valid_ones(imported, args, message):
    result = invoke(imported, *EFFECT, *args, "--yes")
    assert result.exit_code == 1
    assert message in result.output


def test_an_unknown_type_and_an_impossible_date_are_refused(imported):
    unknown = invoke(imported, "record", "les-aubiers", "effet_observe", "--date", "2027-03", "--yes")
    assert "type d'entrée « effet_observe » inconnu ; vouliez-vous dire effect_observed" in unknown.output
    impossible = invoke(
        imported, "record", "les-aubiers", "effect_observed", "--date", "31 février 2027", "--yes"
    )
    assert (
        "date « 31 février 2027 » impossible : ce jour n'existe pas dans le calendrier." in impossible.output
    )
    assert unknown.exit_code == impossible.exit_code == 1


def test_a_file_changed_with_entries_not_imported_is_refused(imported, history):
    history.write_text(
        history.read_text(encoding="utf-8") + "  - date: 2027-05\n    type: limit_observed\n"
        "    territory: les-aubiers\n    description: Ajoutée à la main.\n",
        encoding="utf-8",
    )
    before, log = history.read_bytes(), raw_log(imported)

    result = invoke(imported, *EFFECT, *DESCRIPTION, "--yes")

    assert result.exit_code == 1
    assert "contient 1 entrée(s) absente(s) du stockage" in result.output
    assert history.read_bytes() == before and raw_log(imported) == log


def test_no_file_writes_the_store_only_and_ranks_do_not_collide(imported, history):
    before = history.read_bytes()
    first = invoke(
        imported,
        "record",
        "les-aubiers",
        "limit_observed",
        "--date",
        "2027-04",
        "--set",
        "description=A",
        "--yes",
        "--no-file",
    )
    second = invoke(
        imported,
        "record",
        "les-aubiers",
        "limit_observed",
        "--date",
        "2027-04",
        "--set",
        "description=B",
        "--yes",
    )
    assert first.exit_code == second.exit_code == 0, first.output + second.output
    assert "les-aubiers/limit_observed@2027-04#1" in first.output
    assert "les-aubiers/limit-observed-2027-04-2" in second.output  # the file's rank 1 is taken: an id
    assert history.read_bytes() != before
    assert "0 entrée ajoutée" in invoke(imported, "import", str(history)).output


def test_recording_the_same_entry_twice_appends_nothing(imported):
    assert invoke(imported, *EFFECT, *DESCRIPTION, "--yes", "--no-file").exit_code == 0
    log = raw_log(imported)
    again = invoke(imported, *EFFECT, *DESCRIPTION, "--yes", "--no-file")
    assert again.exit_code == 1
    assert "déjà enregistrée" in again.output
    assert raw_log(imported) == log


def test_declining_the_confirmation_writes_nothing(imported, history):
    before, log = history.read_bytes(), raw_log(imported)
    result = invoke_input(imported, "n\n", *EFFECT, *DESCRIPTION)
    assert result.exit_code == 1
    assert "Rien n'a été écrit." in result.output
    assert history.read_bytes() == before and raw_log(imported) == log


def test_from_json_takes_one_entry_with_the_keys_of_a_history_file(imported):
    entry = '{"date": "automne 2027", "type": "limit_observed", "territory": "les-aubiers", "description": "Peu de temps."}'
    result = invoke_input(imported, entry, "record", "--from-json", "-", "--yes", "--no-file")
    assert result.exit_code == 0, result.output
    assert "les-aubiers/limit_observed@2027-23#1" in result.output


def test_correct_and_retract_by_key_with_their_reasons(imported, history):
    key = "les-aubiers/interviews_held@2026-23#1"
    corrected = invoke(
        imported,
        "correct",
        key,
        "--set",
        "count=14",
        "--reason",
        "deux entretiens oubliés",
        "--yes",
        "--as",
        "Marie",
    )
    assert corrected.exit_code == 0, corrected.output
    assert "corrects: les-aubiers/interviews_held@2026-23#1" in history.read_text(encoding="utf-8")
    retracted = invoke(
        imported,
        "retract",
        "les-aubiers/pilot_note_written@2027-01#intention",
        "--reason",
        "doublon",
        "--yes",
    )
    assert retracted.exit_code == 0, retracted.output
    timeline = invoke(imported, "replay", "les-aubiers").output
    assert "14 entretiens" in plain(timeline) and "intention" not in timeline
    again = invoke(
        imported,
        "retract",
        "les-aubiers/pilot_note_written@2027-01#intention",
        "--reason",
        "doublon",
        "--yes",
    )
    assert again.exit_code == 1 and "a déjà été retirée" in again.output
    unknown = invoke(imported, "correct", "les-aubiers/nope", "--set", "count=1", "--reason", "x", "--yes")
    assert unknown.exit_code == 1 and "Aucune entrée n'a la clé « les-aubiers/nope »" in unknown.output
    log = invoke(imported, "log", "les-aubiers").output
    assert "Marie" in log and "deux entretiens oubliés" in log
    assert "0 entrée ajoutée" in invoke(imported, "import", str(history)).output


def invoke_input(store: str, text: str, *args: str):
    from click.testing import CliRunner

    from transitions_core.cli.main import cli

    return CliRunner().invoke(cli, ["--store", store, *args], input=text, catch_exceptions=False)


def plain(text: str) -> str:
    """Text with French typography's no-break spaces as plain spaces."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def test_an_entry_identical_to_a_stored_one_is_refused_as_a_file_would_refuse_it(imported):
    args = (
        "record",
        "les-aubiers",
        "limit_observed",
        "--date",
        "2027-04",
        "--set",
        "description=A",
        "--yes",
        "--no-file",
    )
    assert invoke(imported, *args).exit_code == 0
    log = raw_log(imported)
    twin = invoke(imported, *args)
    assert twin.exit_code == 1
    assert (
        "elle est identique à l'entrée les-aubiers/limit_observed@2027-04#1, déjà enregistrée" in twin.output
    )
    assert raw_log(imported) == log
