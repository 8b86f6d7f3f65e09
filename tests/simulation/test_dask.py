"""`--scheduler`: the sweep on Dask distributed gives the serial run's bytes; an unreachable scheduler is one message."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.simulation.conftest import SMALL, write
from transitions_core.cli.main import cli
from transitions_core.simulation.outputs.results import to_csv
from transitions_core.simulation.running.runner import run_sweep

SWEPT = SMALL + "sweep:\n  grid:\n    calendar.shift_months: [0, -24]\n"


def simulate(*args: str):
    return CliRunner().invoke(cli, ["--store", "memory:", "simulate", *args])


@pytest.fixture(scope="module")
def cluster():
    """Two single-threaded workers in this process, reached over TCP as a remote cluster would be."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, protocol="tcp", dashboard_address=None
    ) as local:
        yield local


def test_a_sweep_on_dask_is_byte_identical_to_the_serial_run(cluster, tmp_path: Path):
    from transitions_core.simulation.running.dask_backend import dask_backend
    from transitions_core.simulation.scenario.loading import load_scenario

    loaded = load_scenario(write(tmp_path, SWEPT))
    serial = to_csv(run_sweep(loaded, 7, 42, chunk_size=7))

    shipped = to_csv(run_sweep(loaded, 7, 42, chunk_size=3, backend=dask_backend(cluster.scheduler_address)))

    assert shipped == serial
    assert len(shipped.splitlines()) == 1 + 2 * 7
    assert cluster.scheduler_address.startswith("tcp://")


def test_the_command_line_sends_chunks_to_the_scheduler(cluster, tmp_path: Path):
    scenario = write(tmp_path, SWEPT)
    serial, shipped = tmp_path / "serial.csv", tmp_path / "dask.csv"
    assert simulate(str(scenario), "--runs", "5", "--seed", "9", "--out", str(serial)).exit_code == 0
    before = computed_chunks(cluster)

    result = simulate(
        str(scenario),
        "--runs",
        "5",
        "--seed",
        "9",
        "--out",
        str(shipped),
        "--scheduler",
        cluster.scheduler_address,
    )

    assert result.exit_code == 0, result.output
    assert shipped.read_bytes() == serial.read_bytes()
    # One task per chunk of runs, never one per run: 2 points of 5 runs are 2 chunks of 50 at most.
    assert computed_chunks(cluster) - before == 2


def computed_chunks(cluster) -> int:
    """How many `run_chunk` tasks the scheduler has computed so far."""
    prefix = cluster.scheduler.task_prefixes.get("run_chunk")
    return 0 if prefix is None else int(prefix.state_counts["memory"])


def unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_an_unreachable_scheduler_is_a_french_error_after_the_timeout(tmp_path: Path):
    pytest.importorskip("distributed")
    address = f"tcp://127.0.0.1:{unused_port()}"

    result = simulate(
        str(write(tmp_path, SMALL)), "--runs", "2", "--scheduler", address, "--scheduler-timeout", "0.5"
    )

    assert result.exit_code == 1
    assert result.output.startswith(
        f"Erreur : Impossible de joindre l'ordonnanceur Dask {address} en 0.5 s ("
    )
    assert "--scheduler-timeout" in result.output
    assert "Traceback" not in result.output


def test_a_scheduler_address_without_a_scheme_is_a_usage_error(tmp_path: Path):
    result = simulate(str(write(tmp_path, SMALL)), "--scheduler", "192.0.2.10:8786")

    assert result.exit_code == 2
    assert "écrivez tcp://HÔTE:PORT" in result.output


def test_without_distributed_scheduler_is_a_french_error(tmp_path: Path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)

    result = simulate(str(write(tmp_path, SMALL)), "--scheduler", "local")

    assert result.exit_code == 1
    assert result.output == (
        "Erreur : --scheduler a besoin de Dask distributed : pip install 'transitions-core[distributed]'.\n"
    )


def test_scheduler_local_runs_on_a_cluster_of_its_own(tmp_path: Path):
    pytest.importorskip("distributed")
    scenario = write(tmp_path, SMALL)
    serial, shipped = tmp_path / "serial.csv", tmp_path / "local.csv"
    assert simulate(str(scenario), "--runs", "3", "--out", str(serial)).exit_code == 0

    result = simulate(str(scenario), "--runs", "3", "--out", str(shipped), "--scheduler", "local")

    assert result.exit_code == 0, result.output
    assert shipped.read_bytes() == serial.read_bytes()
