"""The `transitions` command line, through click's runner and as the installed script."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import BAD, EXAMPLE, holds_store
from transitions_core.cli.main import cli


def invoke(store: str | Path | None, *args: str):
    """Run the command line in this process, on a store."""
    options = ["--store", str(store)] if store else []
    return CliRunner().invoke(cli, [*options, *args], catch_exceptions=False)


@pytest.fixture
def run(store_address):
    """The command line on a fresh store of each backend."""
    return lambda *args: invoke(store_address, *args)


@pytest.fixture
def imported(run):
    result = run("import", str(EXAMPLE))
    assert result.exit_code == 0, result.output
    return run


def test_import_says_what_was_appended_then_what_was_already_there(run):
    first = run("import", str(EXAMPLE))
    second = run("import", str(EXAMPLE))
    assert "15 entrées ajoutées, 0 déjà présente." in first.output
    assert "0 entrée ajoutée, 15 déjà présentes." in second.output


def test_a_bad_file_gets_one_message_exit_1_and_no_traceback(run):
    result = run("import", str(BAD / "impossible-order.yaml"))
    assert result.exit_code == 1
    assert result.output.startswith("Erreur : ")
    assert "impossible-order.yaml:14:" in result.output
    assert "Traceback" not in result.output


def test_a_missing_file_is_a_clear_error(run, tmp_path):
    result = run("import", str(tmp_path / "absent.yaml"))
    assert result.exit_code == 1
    assert "fichier introuvable" in result.output


def test_cohorts_and_territories(imported):
    cohorts = json.loads(imported("cohorts", "--json").output)
    assert [c["id"] for c in cohorts] == ["val-imaginaire-2026"]
    assert cohorts[0]["territories"] == 2
    territories = json.loads(imported("territories", "--cohort", "val-imaginaire-2026", "--json").output)
    assert {t["id"] for t in territories} == {"les-aubiers", "val-de-brume"}
    assert "val-imaginaire-2026/les-aubiers\tLes Aubiers (commune)" in imported("territories").output


@pytest.mark.parametrize("name", ["les-aubiers", "Les Aubiers", "LES AUBIERS", "les aubiers"])
def test_a_territory_is_found_by_id_or_name_ignoring_case_and_accents(imported, name):
    result = imported("replay", name)
    assert result.exit_code == 0
    assert result.output.startswith("Les Aubiers — Cohorte du Val imaginaire")


def test_an_unknown_territory_gets_suggestions(imported):
    result = imported("replay", "Les Aubier")
    assert result.exit_code == 1
    assert "Vouliez-vous dire : Les Aubiers ?" in result.output


def test_replay_in_french(imported):
    text = imported("replay", "les-aubiers").output
    assert "• 12 mai 2026 — Première journée en présentiel de la cohorte, aux Aubiers" in text
    assert "entre 25 et 30\u202fparticipants" not in text  # a plain space between number and noun
    assert "Restitution du diagnostic sensible en réunion publique." in text
    assert "automne 2026 — Début du diagnostic sensible, mené par Allié imaginaire." in text


def test_replay_as_of_leaves_out_what_may_come_later(imported):
    text = imported("replay", "les-aubiers", "--as-of", "2026-06-30").output
    assert "État au 30 juin 2026" in text
    assert "diagnostic" not in text


def test_replay_json_has_the_documented_shape(imported, tmp_path):
    out = tmp_path / "aubiers.json"
    result = imported(
        "replay", "les-aubiers", "--format", "json", "--as-of", "2026-12-31", "--output", str(out)
    )
    assert result.exit_code == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    assert set(document) == {"schema", "audience", "cohort", "territory", "as_of", "entries"}
    assert document["as_of"] == "2026-12-31"
    assert document["territory"]["id"] == "les-aubiers"
    assert all(entry["latest"] <= "2026-12-31" for entry in document["entries"])
    assert {"entry", "type", "occurred", "earliest", "latest", "recorded", "facts"} <= set(
        document["entries"][0]
    )


def test_a_bad_as_of_date_is_a_usage_error(imported):
    result = imported("replay", "les-aubiers", "--as-of", "juin 2024")
    assert result.exit_code == 2
    assert "AAAA-MM-JJ" in result.output


def test_events_lists_the_raw_log_in_recording_order(imported):
    lines = imported("events", "les-aubiers", "--json").stdout.splitlines()
    versions = [json.loads(line)["originator_version"] for line in lines]
    assert versions == sorted(versions) == list(range(1, len(lines) + 1))
    assert json.loads(lines[0])["type"] == "territory_registered"


def test_stats(imported):
    text = imported("stats", "val-imaginaire-2026").stdout
    assert "2 territoires approchés → 1 présentation → 1 territoire engagé" in text
    figures = json.loads(imported("stats", "val-imaginaire-2026", "--json").stdout)
    assert (figures["approached"], figures["presented"], figures["joined"]) == (2, 1, 1)
    assert figures["days_spent"] == 3


def test_queries_on_a_missing_store_do_not_create_it(run, store_address):
    result = run("cohorts")
    assert result.exit_code == 1
    assert "importez d'abord" in result.output
    assert not holds_store(store_address)


def test_info_says_where_the_store_is(imported, store_address):
    text = imported("info").output
    kind = "PostgreSQL" if store_address.startswith("postgresql://") else "SQLite"
    assert f"Stockage : {kind} : {store_address}\n" in text
    assert "Taille : " in text
    assert "Événements : 15\n" in text
    assert "Cohortes : 1 (val-imaginaire-2026)" in text
    assert "Vue chronologique à jour jusqu'à l'événement 15" in text


def test_a_store_that_is_not_sqlite_is_a_clear_error(tmp_path):
    fake = tmp_path / "fake.sqlite"
    fake.write_text("pas une base")
    result = invoke(fake, "cohorts")
    assert result.exit_code == 1
    assert "n'est pas un stockage transitions" in result.output


def test_an_unreachable_postgresql_server_is_a_clear_error():
    result = invoke("postgresql://nobody@127.0.0.1:1/absent", "cohorts")
    assert result.exit_code == 1
    assert result.output.startswith("Erreur : Impossible de joindre la base PostgreSQL")
    assert "Traceback" not in result.output


def test_a_missing_postgresql_base_is_a_clear_error(postgres_url):
    result = invoke(postgres_url.rsplit("/", 1)[0] + "/absente", "import", str(EXAMPLE))
    assert result.exit_code == 1
    assert "La base « absente » n'existe pas" in result.output


def test_the_installed_script_runs_in_a_subprocess(store_address):
    script = shutil.which("transitions", path=str(Path(sys.executable).parent))
    assert script, "the console script is installed with the package"
    env = {"TRANSITIONS_STORE": store_address, "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [script, "import", str(EXAMPLE)], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    replay = subprocess.run(
        [script, "replay", "Les Aubiers"], capture_output=True, text=True, env=env, check=False
    )
    assert "Les Aubiers s'engage dans la cohorte." in replay.stdout


def test_help_imports_no_heavy_library():
    code = (
        "import sys; from transitions_core.cli.main import cli; "
        "print(sorted(m for m in ('eventsourcing', 'pydantic', 'jinja2', 'yaml', 'babel', 'edtf', 'numpy', 'simpy') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
