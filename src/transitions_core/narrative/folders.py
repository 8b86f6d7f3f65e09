"""Where templates and wording are, found without importing jinja2's environment and the sandbox (issue 16)."""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

USER_DIR_VAR = "TRANSITIONS_NARRATIVES_DIR"


def builtin_dir() -> Path:
    """Where the built-in templates are, installed or in a checkout."""
    return Path(str(files("transitions_core.narratives")))


def user_dir(option: Path | None) -> Path | None:
    """The user's template folder: --narratives-dir, else TRANSITIONS_NARRATIVES_DIR."""
    value = option or (Path(os.environ[USER_DIR_VAR]) if os.environ.get(USER_DIR_VAR) else None)
    return value
