"""`transitions simulate` and `transitions calibrate` from the command line."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import OCCITANIE
from tests.simulation.conftest import BASELINE, SMALL, write
from transitions_core.cli.main import cli


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
    figures = json.loads(run("stats", "sim-baseline-occitanie-s7-r0", "--json").output)
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
    ]:
        assert float(figures[stat]) == float(row[column]), stat
    territories = json.loads(run("territories", "--cohort", "sim-baseline-occitanie-s7-r0", "--json").output)
    assert len(territories) == 19
    replay = run("replay", "gruissan", "--cohort", "sim-baseline-occitanie-s7-r0")
    assert replay.exit_code == 0, replay.output
    assert replay.output.startswith("Gruissan — Simulation")


def test_a_kept_run_renders_in_every_built_in_narrative(run, tmp_path: Path):
    listing = run("formats")
    if listing.exit_code != 0:
        pytest.skip("no narrative formats in this build")
    assert run("simulate", str(BASELINE), "--runs", "1", "--seed", "2", "--keep", "1").exit_code == 0
    cohort = "sim-baseline-occitanie-s2-r0"
    rendered = []
    for line in listing.output.splitlines():
        name, scopes = line.split()[0], line.split()[1:3]
        out = tmp_path / f"{name}.out"
        if any(s.startswith("territory") for s in scopes):
            result = run("replay", "canohes", "--cohort", cohort, "--format", name, "--output", str(out))
            assert result.exit_code == 0, (name, result.output)
            rendered.append(name)
        if any(s.startswith("cohort") for s in scopes):
            result = run("cohort", cohort, "--format", name, "--output", str(out))
            assert result.exit_code == 0, (name, result.output)
            rendered.append(name)
        assert out.exists() and out.stat().st_size > 0, name
    assert "timeline" in rendered


def test_a_bad_scenario_is_one_message_with_file_and_line(run, tmp_path: Path):
    path = write(tmp_path, SMALL.replace("count: 6", "count: -2"))
    result = run("simulate", str(path))
    assert result.exit_code == 1
    assert f"{path}:26:" in result.output
    assert "Traceback" not in result.output
    history = run("simulate", str(OCCITANIE))
    assert history.exit_code == 1 and "utilisez `transitions import`" in history.output


def test_calibrate_writes_the_scenario_of_a_stored_cohort(run, tmp_path: Path):
    assert run("import", str(OCCITANIE)).exit_code == 0
    out = tmp_path / "base.yaml"
    result = run("calibrate", "occitanie-2024", "--output", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == BASELINE.read_text(encoding="utf-8")
    printed = run("calibrate", "Cohorte Occitanie de la Fabrique des transitions", "--id", "autre")
    assert "id: autre\n" in printed.output


def test_the_command_line_does_not_import_numpy_or_simpy_until_a_simulation_runs():
    code = (
        "import sys; from transitions_core.cli.main import cli; "
        "print(sorted(m for m in ('numpy', 'simpy', 'transitions_core.simulation') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
