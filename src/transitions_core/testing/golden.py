"""Golden files: compare a rendered text with the copy kept beside the tests, or rewrite it on request."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

UPDATE_VAR = "TRANSITIONS_UPDATE_GOLDEN"


def assert_golden(text: str, path: Path) -> None:
    """Fail with a readable diff if `text` differs from the golden file; TRANSITIONS_UPDATE_GOLDEN=1 rewrites it."""
    if os.environ.get(UPDATE_VAR) == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    if not path.exists():
        raise AssertionError(f"No golden file {path}: run the test once with {UPDATE_VAR}=1, then read it.")
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True), text.splitlines(keepends=True), str(path), "rendered", n=2
            )
        )
        raise AssertionError(f"Rendered text differs from {path} ({UPDATE_VAR}=1 rewrites it):\n{diff}")
