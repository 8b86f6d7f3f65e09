"""The narrative commands: replay in a format, cohort, day, formats."""

from __future__ import annotations

import json

from click.testing import CliRunner

from tests.conftest import EXAMPLE
from transitions_core.cli.main import cli


def run(store, *args):
    return CliRunner().invoke(cli, ["--store", str(store), *args], catch_exceptions=False)


def imported(tmp_path):
    store = tmp_path / "s.sqlite"
    assert run(store, "import", str(EXAMPLE)).exit_code == 0
    return store


def test_formats_lists_the_built_ins_with_their_plugin(tmp_path):
    rows = json.loads(run(tmp_path / "s.sqlite", "formats", "--json").output)
    by_name = {row["name"]: row for row in rows}
    assert {"timeline", "json", "fiche"} <= set(by_name)
    assert by_name["fiche"]["narrates"] == ["territory"]
    assert by_name["timeline"]["plugin"] == "timeline"


def test_replay_in_the_fiche_format_to_a_file(tmp_path):
    store = imported(tmp_path)
    out = tmp_path / "fiche.md"
    result = run(store, "replay", "les-aubiers", "--format", "fiche", "--output", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Les Aubiers\n")
    assert "L'historique ne mentionne pas encore de projet pilote." in text


def test_an_unknown_format_lists_the_known_ones(tmp_path):
    result = run(imported(tmp_path), "replay", "les-aubiers", "--format", "haikuu")
    assert result.exit_code == 1
    assert "Format « haikuu » inconnu" in result.output
    assert "fiche" in result.output


def test_a_format_that_does_not_narrate_a_cohort_says_so(tmp_path):
    result = run(imported(tmp_path), "cohort", "val-imaginaire-2026", "--format", "fiche")
    assert result.exit_code == 1
    assert "raconte un territoire, pas une cohorte" in result.output


def test_the_cohort_timeline_names_each_territory(tmp_path):
    text = run(imported(tmp_path), "cohort", "val-imaginaire-2026").output
    assert "Cohorte du Val imaginaire 2026-2027 — chronologie" in text
    assert (
        "La Communauté de communes du Val de Brume ne rejoint pas la cohorte\u202f: le calendrier des élus ne le permettait pas."
        in text
    )


def test_a_day_that_is_not_an_in_person_day_is_a_clear_error(tmp_path):
    result = run(imported(tmp_path), "day", "val-imaginaire-2026", "2026-05-13", "--format", "timeline")
    assert result.exit_code == 1
    assert "Journées connues : 2026-05-12" in result.output


def test_english_timeline(tmp_path):
    text = run(imported(tmp_path), "replay", "les-aubiers", "--lang", "en").output
    assert "Les Aubiers joined the cohort." in text
