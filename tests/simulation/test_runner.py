"""Sweeps: one recorded stream per run, identical rows whatever the workers, a French summary."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from tests.simulation.conftest import SMALL, write
from transitions_core import __version__
from transitions_core.simulation.model.run import Models
from transitions_core.simulation.outputs.results import render_summary, summarise, to_csv
from transitions_core.simulation.running.runner import batches, chunks, columns, run_sweep
from transitions_core.simulation.scenario.loading import load_scenario


def test_the_csv_is_byte_identical_whatever_the_workers_and_the_chunks(small):
    serial = to_csv(run_sweep(small, 7, 42, workers=1, chunk_size=7))
    pooled = to_csv(run_sweep(small, 7, 42, workers=2, chunk_size=2))
    assert serial == pooled
    assert serial != to_csv(run_sweep(small, 7, 43))


def test_run_i_draws_from_the_ith_child_of_the_seed_sequence():
    children = np.random.SeedSequence(42).spawn(5)
    for index, child in enumerate(children):
        rebuilt = np.random.SeedSequence(42, spawn_key=(index,))
        assert (rebuilt.generate_state(4) == child.generate_state(4)).all()
        assert (
            np.random.SeedSequence(42, spawn_key=(index, 1)).generate_state(4)
            == child.spawn(2)[1].generate_state(4)
        ).all()


def test_more_runs_keep_the_first_ones_unchanged(small):
    assert to_csv(run_sweep(small, 4, 5)).splitlines() == to_csv(run_sweep(small, 9, 5)).splitlines()[:5]


def test_each_row_records_the_scenario_hash_the_version_and_the_seed(small):
    result = run_sweep(small, 3, 11)
    assert [(row["seed"], row["spawn_key"], row["run"]) for row in result.rows] == [
        (11, 0, 0),
        (11, 1, 1),
        (11, 2, 2),
    ]
    assert {row["scenario_hash"] for row in result.rows} == {small.digest}
    assert {row["version"] for row in result.rows} == {__version__}
    header = to_csv(result).splitlines()[0].split(",")
    assert header[:7] == ["scenario", "scenario_hash", "version", "point", "run", "seed", "spawn_key"]
    assert "effect[coopération]" in header
    assert "limit[seasonal_load]" in header


def test_a_sweep_gives_rows_per_point_with_the_swept_values_and_the_same_streams(tmp_path: Path):
    text = (
        SMALL
        + "sweep:\n  points:\n    - {parameters.recruitment.join: 0.0}\n    - {parameters.recruitment.join: 1.0}\n"
    )
    result = run_sweep(load_scenario(write(tmp_path, text)), 4, 1)
    assert [(row["point"], row["parameters.recruitment.join"]) for row in result.rows] == [(0, 0.0)] * 4 + [
        (1, 1.0)
    ] * 4
    nobody, everybody = result.rows[:4], result.rows[4:]
    assert {row["joined"] for row in nobody} == {0}
    # Common random numbers: the same approaches and presentations at both points.
    assert [row["presented"] for row in nobody] == [row["presented"] for row in everybody]
    assert all(row["joined"] == row["presented"] for row in everybody)


def test_the_summary_gives_the_mean_and_the_5_95_interval(small):
    result = run_sweep(small, 20, 1)
    joined = [row["joined"] for row in result.rows]
    interval = summarise(result)[0]["joined"]
    assert interval.mean == np.mean(joined)
    assert (interval.low, interval.high) == tuple(np.percentile(joined, [5, 95]))
    text = render_summary(result, {0: {}}, "petite")
    assert "Scénario petite (20 tirages)" in text and "de base" not in text
    assert "territoires engagés" in text and "5 %" in text and "95 %" in text
    mean = f"{np.mean(joined):.1f}".replace(".", ",")
    assert any(line.split()[-4] == mean for line in text.splitlines() if "territoires engagés" in line)


def test_chunks_of_few_runs_travel_in_batches_in_order(small):
    header = columns(small, Models())
    work = list(chunks(small, 23, 5, header, size=1))
    grouped = list(batches(work, size=10))
    assert [len(batch) for batch in grouped] == [10, 10, 3]
    assert [chunk for batch in grouped for chunk in batch] == work
    one_run_each = run_sweep(small, 23, 5, chunk_size=1).rows
    assert run_sweep(small, 23, 5, workers=2, chunk_size=1).rows == one_run_each
    assert one_run_each == run_sweep(small, 23, 5).rows
