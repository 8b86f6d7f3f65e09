"""A benchmark's written rows come back in the summary table, with their verdicts and the run's stamp."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks.harness import TABLE_HEAD, Comparison, write_section
from benchmarks.summary import summary


def test_written_rows_are_recorded_and_summarised(tmp_path: Path) -> None:
    doc, results = tmp_path / "performance.md", tmp_path / "results"
    slow = Comparison("replay", "`repository.get`", [4.0, 6.0], [1.0, 1.0], target=3.0)
    fast = Comparison("import", "stock `save()`", [9.0, 8.0], [10.0, 10.0], target=0.8, direction=">=")
    write_section("replay", "\n".join([TABLE_HEAD, slow.row()]), doc, results)
    write_section("import-rate", "\n".join([TABLE_HEAD, fast.row(), fast.row()]), doc, results)
    (results / "durations.json").write_text(json.dumps({"generate.py": 30.0, "total": 600.0}))

    table = summary(results)

    rows = [line for line in table.splitlines() if line.startswith("| 1") or line.startswith("| 2")]
    assert rows == [
        "| 1 | import | stock `save()` | **0.85×** (0.80-0.90) | >= 0.8× | met |",
        "| 2 | replay | `repository.get` | **5.00×** (4.00-6.00) | <= 3× | **not met** |",
    ]
    assert "- Figure 1: measured " in table and "- Figure 2: measured " in table
    assert "10.0 minutes" in table
    assert "<!-- replay: written by benchmarks --write -->" in doc.read_text()


def test_a_section_without_rows_records_nothing(tmp_path: Path) -> None:
    write_section("prose-only", "no table here", tmp_path / "performance.md", tmp_path / "results")

    assert not (tmp_path / "results").exists()
