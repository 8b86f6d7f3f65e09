"""A long sweep streams its rows: in order, a bounded number at once, written and summarised as they come."""

from __future__ import annotations

import csv
import io
import signal
from collections.abc import Generator, Iterable
from pathlib import Path
from typing import Any

import pytest

from tests.simulation.conftest import SMALL, write
from transitions_core.errors import TransitionsError
from transitions_core.simulation.model.outcomes import SUMMARY
from transitions_core.simulation.model.run import Models
from transitions_core.simulation.outputs import results
from transitions_core.simulation.outputs.plotting import PLOTTED
from transitions_core.simulation.outputs.results import (
    Distributions,
    render_summary,
    rows_writer,
    summarise,
    to_csv,
    to_table,
)
from transitions_core.simulation.running.runner import Chunk, Rows, Sweep, run_chunk, run_sweep
from transitions_core.simulation.running.streaming import in_order, interrupts_while_waiting
from transitions_core.simulation.scenario.loading import load_scenario

SWEPT = (
    SMALL
    + """\
sweep:
  points:
    - {parameters.recruitment.join: 0}
    - {parameters.recruitment.join: 0.5}
    - {parameters.recruitment.join: 1.0}
"""
)


class Ready:
    """A future that finished with `rows`, or that is still running and gets interrupted when waited for."""

    def __init__(self, rows: Rows | None) -> None:
        self.rows = rows

    def done(self) -> bool:
        return self.rows is not None

    def cancelled(self) -> bool:
        return False

    def result(self) -> Rows:
        if self.rows is None:
            raise KeyboardInterrupt
        return self.rows


def numbered(count: int) -> list[Chunk]:
    """Stand-ins for chunks: in_order only passes them to `submit`."""
    return [index for index in range(count)]  # type: ignore[misc]


def test_in_order_yields_in_work_order_and_holds_at_most_a_window_of_chunks():
    submitted: list[int] = []
    yielded: list[int] = []
    held: list[int] = []

    def submit(chunk: Any) -> Ready:
        submitted.append(chunk)
        held.append(len(submitted) - len(yielded))
        return Ready([{"chunk": chunk}])

    for rows in in_order(submit, numbered(1000), window=6):
        yielded.append(rows[0]["chunk"])
    assert yielded == list(range(1000))
    assert max(held) == 6  # not 1,000: the work is submitted as the rows are taken


def test_after_ctrl_c_the_chunks_finished_further_on_are_still_yielded_in_order():
    futures = {0: Ready([{"chunk": 0}]), 1: Ready(None), 2: Ready([{"chunk": 2}]), 3: Ready([{"chunk": 3}])}
    futures[4] = Ready(None)
    got = []
    with pytest.raises(KeyboardInterrupt):
        for rows in in_order(futures.get, numbered(6), window=4):  # type: ignore[arg-type]
            got.append(rows[0]["chunk"])
    assert got == [0, 2, 3]


def test_the_sweep_pulls_the_work_as_it_yields_not_all_at_once(small):
    pulled: list[int] = []

    def lazy(work: Iterable[Chunk], models: Models) -> Generator[Rows, None, None]:
        for chunk in work:
            pulled.append(chunk.runs[0])
            yield run_chunk(chunk, models)

    sweep = Sweep(small, 12, 3, chunk_size=2, backend=lazy)
    first = next(iter(sweep))
    assert [row["run"] for row in first] == [0, 1]
    assert pulled == [0]


def test_the_streamed_chunks_are_the_rows_of_the_collected_sweep_for_every_worker_count(tmp_path: Path):
    loaded = load_scenario(write(tmp_path, SWEPT))
    expected = run_sweep(loaded, 7, 42, chunk_size=7).rows
    for workers, size in ((1, 3), (2, 2)):
        streamed = [row for rows in Sweep(loaded, 7, 42, workers, chunk_size=size) for row in rows]
        assert streamed == expected


def test_a_backend_interrupted_ends_the_stream_after_the_finished_chunks(small):
    def stopped(work: Iterable[Chunk], models: Models) -> Generator[Rows, None, None]:
        for index, chunk in enumerate(work):
            if index == 2:
                raise KeyboardInterrupt
            yield run_chunk(chunk, models)

    sweep = Sweep(small, 10, 1, chunk_size=3, backend=stopped)
    assert [row["run"] for rows in sweep for row in rows] == list(range(6))
    assert sweep.interrupted


def test_ctrl_c_is_only_heard_while_waiting_for_the_work():
    with interrupts_while_waiting() as waiting:
        signal.raise_signal(signal.SIGINT)  # while the caller handles a chunk: kept for later
        with pytest.raises(KeyboardInterrupt), waiting():
            pass
        with waiting():
            pass  # heard once only
        with pytest.raises(KeyboardInterrupt), waiting():
            signal.raise_signal(signal.SIGINT)
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_the_summary_from_the_distributions_is_the_summary_of_every_row(tmp_path: Path):
    loaded = load_scenario(write(tmp_path, SWEPT))
    result = run_sweep(loaded, 23, 2)
    distributions = Distributions((*SUMMARY, *PLOTTED))
    for start in range(0, len(result.rows), 5):  # fed chunk by chunk, as the CLI does
        distributions.add(result.rows[start : start + 5])
    swept = {p.index: p.values for p in loaded.points}
    assert summarise(distributions) == summarise(result)
    assert render_summary(distributions, swept) == render_summary(result, swept)
    assert distributions.total == len(result.rows) == 69
    # 8 bytes a value and a measure, not a row of every column.
    joined = distributions.points[1]["joined"]
    assert joined.itemsize == 8 and list(joined) == [float(r["joined"]) for r in result.rows[23:46]]


def test_rows_written_as_they_come_are_the_whole_csv(tmp_path: Path, small):
    result = run_sweep(small, 11, 4)
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "tirages.csv"
    with rows_writer(out, result.header, {0: {}}) as put:
        for start in range(0, len(result.rows), 4):
            put(result.rows[start : start + 4])
        assert not out.exists()  # whole or not at all
    assert out.read_text(encoding="utf-8") == to_csv(result)
    assert list(out.parent.iterdir()) == [out]


def test_a_failure_while_streaming_leaves_no_file_and_an_older_one_untouched(tmp_path: Path, small):
    result = run_sweep(small, 3, 4)
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "tirages.csv"
    out.write_text("avant\n", encoding="utf-8")
    with pytest.raises(RuntimeError), rows_writer(out, result.header, {0: {}}) as put:
        put(result.rows)
        raise RuntimeError("the sweep failed")
    assert out.read_text(encoding="utf-8") == "avant\n"
    assert list(out.parent.iterdir()) == [out]


def test_an_unwritable_file_is_a_french_error(tmp_path: Path, small):
    result = run_sweep(small, 2, 4)
    absent = tmp_path / "absent" / "tirages.csv"
    with (
        pytest.raises(TransitionsError, match="Impossible d'écrire"),
        rows_writer(absent, result.header, {0: {}}),
    ):
        pass


def test_parquet_written_in_row_groups_holds_the_table_of_every_row(tmp_path: Path, monkeypatch):
    pq = pytest.importorskip("pyarrow.parquet")
    monkeypatch.setattr(results, "ROW_GROUP", 10)
    loaded = load_scenario(write(tmp_path, SWEPT))
    result = run_sweep(loaded, 9, 4)
    out = tmp_path / "tirages.parquet"
    with rows_writer(out, result.header, {p.index: p.values for p in loaded.points}) as put:
        for start in range(0, len(result.rows), 4):
            put(result.rows[start : start + 4])
    written = pq.read_table(out)
    assert pq.ParquetFile(out).metadata.num_row_groups == 3
    assert written.equals(to_table(result))
    # And the same rows as the CSV.
    lines = list(csv.reader(io.StringIO(to_csv(result))))
    assert written.column_names == lines[0]
    assert written.num_rows == len(lines) - 1
