"""`transitions simulate` and `transitions calibrate` from the command line."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLE, OCCITANIE
from tests.simulation.conftest import BASELINE, SMALL, line_in, write
from transitions_core.cli.main import cli
from transitions_core.narrative.environment import USER_DIR_VAR
from transitions_core.plugins import DISABLE_VAR, LOAD_VAR
from transitions_core.simulation.scenario.loading import load_scenario


@pytest.fixture
def run(store_path):
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli, ["--store", str(store_path), *args], catch_exceptions=False)

    return invoke


def test_simulate_writes_one_row_per_run_and_prints_a_french_summary(run, tmp_path: Path):
    out = tmp_path / "tirages.csv"
    result = run("simulate", str(BASELINE), "--runs", "6", "--seed", "3", "--out", str(out))
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [row["run"] for row in rows] == ["0", "1", "2", "3", "4", "5"]
    assert {row["seed"] for row in rows} == {"3"}
    assert "Scénario baseline-occitanie (empreinte " in result.output
    assert "6 tirages sur 6. Tirages écrits dans" in result.output
    assert "territoires engagés" in result.output


def test_every_output_carries_the_resolved_parameters_of_each_point(run, tmp_path: Path):
    import json

    out = tmp_path / "tirages.csv"
    result = run("simulate", str(BASELINE), "--runs", "2", "--seed", "3", "--out", str(out))
    assert result.exit_code == 0, result.output
    sidecar = json.loads((tmp_path / "tirages.csv.json").read_text(encoding="utf-8"))
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert sidecar["scenario_hash"] == rows[0]["scenario_hash"] and sidecar["seed"] == 3
    parameters = sidecar["points"][0]["scenario"]["parameters"]
    assert parameters["recruitment"]["join"] == load_scenario(BASELINE).scenario.parameters.recruitment.join
    assert parameters["cohesion"]["reference"] > 0  # defaults included
    assert "electoral_calendar" in sidecar["points"][0]["scenario"]["rules"]


def test_a_kept_run_is_a_cohort_that_replay_and_stats_read(run, tmp_path: Path):
    out = tmp_path / "tirages.csv"
    result = run("simulate", str(BASELINE), "--runs", "2", "--seed", "7", "--out", str(out), "--keep", "1")
    assert result.exit_code == 0, result.output
    assert "Cohorte simulée conservée : sim-baseline-occitanie-s7-r0" in result.output
    again = run("simulate", str(BASELINE), "--runs", "2", "--seed", "7", "--keep", "1")
    assert "Cohorte simulée déjà présente : sim-baseline-occitanie-s7-r0" in again.output
    cohorts = json.loads(run("cohorts", "--json").output)
    assert [c["id"] for c in cohorts] == ["sim-baseline-occitanie-s7-r0"]
    assert cohorts[0]["name"].startswith("Simulation « ")
    figures = json.loads(run("stats", "sim-baseline-occitanie-s7-r0", "--json").stdout)
    row = next(csv.DictReader(out.open(encoding="utf-8")))
    for stat, column in [
        ("approached", "approached"),
        ("presented", "presented"),
        ("joined", "joined"),
        ("diagnostics_restituted", "diagnostics_restituted"),
        ("effects", "effects"),
        ("limits", "limits"),
        ("milestones", "milestones"),
        ("days_spent", "days_used"),
        ("declined", "declined"),
        ("dropped_out", "dropped_out"),
    ]:
        assert float(figures[stat]) == float(row[column]), stat
    territories = json.loads(run("territories", "--cohort", "sim-baseline-occitanie-s7-r0", "--json").output)
    assert len(territories) == 19
    replay = run("replay", "gruissan", "--cohort", "sim-baseline-occitanie-s7-r0")
    assert replay.exit_code == 0, replay.output
    assert replay.output.startswith("Gruissan — Simulation")


def test_stats_count_refusals_and_drop_outs_apart(run, tmp_path: Path):
    leaving = write(tmp_path, SMALL + "set: {parameters.dropout.monthly_hazard: 0.4}\n")
    result = run(
        "simulate",
        str(leaving),
        "--runs",
        "1",
        "--seed",
        "2",
        "--out",
        str(tmp_path / "r.csv"),
        "--keep",
        "1",
    )
    assert result.exit_code == 0, result.output
    row = next(csv.DictReader((tmp_path / "r.csv").open(encoding="utf-8")))
    assert float(row["dropped_out"]) > 0 and float(row["declined"]) > 0
    cohort = "sim-petite-s2-r0"
    figures = json.loads(run("stats", cohort, "--json").stdout)
    assert (figures["declined"], figures["dropped_out"]) == (
        float(row["declined"]),
        float(row["dropped_out"]),
    )
    text = run("stats", cohort).output
    assert f"{int(float(row['declined']))} refus" in text
    assert "en cours de route" in text


def built_in_plugins() -> set[str]:
    """The narrative plugins this package registers, by entry point name."""
    return {
        entry.name
        for entry in entry_points(group="transitions_core")
        if entry.dist is not None and entry.dist.name == "transitions-core"
    }


def test_a_kept_run_renders_in_every_built_in_narrative(run, tmp_path: Path, monkeypatch):
    # The user's own plugin and template settings must not choose what this test renders.
    for variable in (LOAD_VAR, DISABLE_VAR, USER_DIR_VAR):
        monkeypatch.delenv(variable, raising=False)
    listing = run("formats", "--json")
    assert listing.exit_code == 0, listing.output
    formats = [f for f in json.loads(listing.output) if f["plugin"] in built_in_plugins()]
    assert {f["plugin"] for f in formats} == built_in_plugins(), "every built-in plugin gives a format"
    assert run("simulate", str(BASELINE), "--runs", "1", "--seed", "2", "--keep", "1").exit_code == 0
    cohort = "sim-baseline-occitanie-s2-r0"
    fates: dict[str, str] = {}
    for territory in json.loads(run("territories", "--cohort", cohort, "--json").output):
        events = run("events", territory["id"], "--cohort", cohort, "--json").stdout.splitlines()
        types = [json.loads(line)["type"] for line in events]
        fates.setdefault(
            "declined"
            if "territory_declined" in types
            else "joined"
            if "territory_joined" in types
            else "approached",
            territory["id"],
        )
    assert {"joined", "declined"} <= set(fates), fates
    day = load_scenario(BASELINE).scenario.calendar.in_person_days[0].date.isoformat()
    commands = {
        "territory": [["replay", fates[fate], "--cohort", cohort] for fate in ("joined", "declined")],
        "cohort": [["cohort", cohort]],
        "period": [["cohort", cohort, "--from", "2024-09-01", "--to", "2024-12-31"]],
        "day": [["day", cohort, day]],
    }
    rendered = []
    for fmt in formats:
        for subject in fmt["narrates"]:
            for command in commands[subject]:
                out = tmp_path / f"{fmt['name']}-{subject}.out"
                result = run(*command, "--format", fmt["name"], "--output", str(out))
                assert result.exit_code == 0, (fmt["name"], command, result.output)
                assert out.stat().st_size > 0, (fmt["name"], command)
                rendered.append((fmt["name"], subject))
    assert ("timeline", "territory") in rendered and ("report", "cohort") in rendered


def test_a_bad_scenario_is_one_message_with_file_and_line(run, tmp_path: Path):
    path = write(tmp_path, SMALL.replace("count: 6", "count: -2"))
    result = run("simulate", str(path))
    assert result.exit_code == 1
    assert f"{path}:{line_in(SMALL, 'count: 6')}:" in result.output
    assert "Traceback" not in result.output
    history = run("simulate", str(OCCITANIE))
    assert history.exit_code == 1 and "utilisez `transitions import`" in history.output


def test_calibrate_writes_the_scenario_of_a_stored_cohort(run, tmp_path: Path):
    assert run("import", str(OCCITANIE)).exit_code == 0
    out = tmp_path / "base.yaml"
    result = run("calibrate", "occitanie-2024", "--output", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == BASELINE.read_text(encoding="utf-8")
    assert result.stderr.startswith(
        "Calibration de « occitanie-2024 » : 20 valeurs mesurées dans l'historique, "
    )
    assert "aucune valeur inconnue." in result.stderr
    printed = run("calibrate", "Cohorte Occitanie de la Fabrique des transitions", "--id", "autre")
    assert "id: autre\n" in printed.output


def test_calibrate_says_on_standard_error_what_it_could_not_measure(run, tmp_path: Path):
    assert run("import", str(EXAMPLE)).exit_code == 0
    out = tmp_path / "imaginaire.yaml"
    result = run("calibrate", "val-imaginaire-2026", "--output", str(out))
    assert result.exit_code == 0, result.output
    assert "5 valeurs inconnues, à renseigner avant de simuler :\n" in result.stderr
    assert (
        "  parameters.evaluation.effects_mean : aucune évaluation n'est consignée (0 effet à ce jour).\n"
        in (result.stderr)
    )
    assert "effects_mean: null  # inconnu" in out.read_text(encoding="utf-8")
    refused = run("simulate", str(out), "--runs", "1")
    assert refused.exit_code == 1
    assert "« parameters.pilot.milestones_mean » : valeur inconnue (null)" in refused.output


def test_the_command_line_does_not_import_numpy_or_simpy_until_a_simulation_runs():
    code = (
        "import sys; from transitions_core.cli.main import cli; "
        "print(sorted(m for m in ('numpy', 'simpy', 'transitions_core.simulation') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
