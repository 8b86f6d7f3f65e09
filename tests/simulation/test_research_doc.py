"""docs/research.md is a worked example: its code blocks run, in order, in one namespace."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "research.md"


def blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


def test_the_research_page_has_its_examples():
    assert len(blocks()) >= 6


def test_every_code_block_of_the_research_page_runs(tmp_path: Path, monkeypatch):
    pytest.importorskip("SALib")
    pytest.importorskip("matplotlib")
    (tmp_path / "scenarios").symlink_to(ROOT / "scenarios")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    namespace: dict[str, object] = {"__name__": "research"}
    for index, code in enumerate(blocks(), start=1):
        try:
            exec(compile(code, f"{DOC.name}, bloc {index}", "exec"), namespace)
        except Exception as error:  # pragma: no cover - the message says which block broke
            raise AssertionError(
                f"docs/research.md, bloc {index} : {type(error).__name__}: {error}"
            ) from error
    assert (tmp_path / "indices.png").stat().st_size > 5_000
    assert os.path.exists(tmp_path / "indices.png")
