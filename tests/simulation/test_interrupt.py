"""Ctrl-C during `transitions simulate --workers 2`: the finished runs are kept, the workers are gone, exit 130."""

from __future__ import annotations

import csv
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.simulation.conftest import SMALL, write
from transitions_core.simulation.outputs.results import to_csv
from transitions_core.simulation.running.runner import run_sweep
from transitions_core.simulation.scenario.loading import load_scenario

RUNS = 20_000  # minutes of work: the interrupt always comes long before the end


def transitions() -> list[str]:
    """The installed `transitions` script next to this Python, as a user would run it."""
    script = Path(sys.executable).with_name("transitions")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from transitions_core.cli.main import main; main()"]


def group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.skipif(sys.platform == "win32", reason="process groups and SIGINT are POSIX")
def test_ctrl_c_keeps_the_finished_runs_in_a_valid_csv_and_exits_130(tmp_path: Path):
    scenario = write(tmp_path, SMALL)
    out = tmp_path / "tirages.csv"
    command = [*transitions(), "--store", "memory:", "simulate", str(scenario), "--runs", str(RUNS)]
    command += ["--seed", "4", "--workers", "2", "--out", str(out), "--progress"]
    # A session of its own: Ctrl-C in a terminal reaches the whole foreground group, workers included.
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        assert process.stderr is not None
        ready, _, _ = select.select([process.stderr], [], [], 120)
        first = process.stderr.readline() if ready else ""
        assert first.startswith("Tirages : "), first  # a first chunk of runs is finished
        os.killpg(process.pid, signal.SIGINT)
        stdout, stderr = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)

    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    text = out.read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    kept = len(rows)
    assert 0 < kept < RUNS
    assert f"Interrompu : {kept} tirages terminés sur {RUNS} gardés dans {out}." in stderr
    assert f"{kept} tirages sur {RUNS}." in stdout
    # The kept rows are exactly the serial run's rows for the same runs, in run order.
    runs = [int(row["run"]) for row in rows]
    assert runs == sorted(set(runs))
    serial = to_csv(run_sweep(load_scenario(scenario), max(runs) + 1, 4)).splitlines()
    lines = text.splitlines()
    assert lines[0] == serial[0]
    assert lines[1:] == [serial[1 + run] for run in runs]
    # The pool's workers were stopped with it, not left running.
    deadline = time.monotonic() + 10
    while group_alive(process.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not group_alive(process.pid)
