"""A normal, non-editable `pip install .`, used from another folder, finds the built-in templates."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.plugins.venvs import Venv

ROOT = Path(__file__).resolve().parents[2]
RENDER_FICHE = """
import transitions_core
from transitions_core.narrative.environment import builtin_dir
from transitions_core.narrative.formats import Subject
from transitions_core.narrative.render import render
from transitions_core.plugins import load_host
from transitions_core.testing.samples import sample_territory_view

print(transitions_core.__file__)
print(builtin_dir())
print(render(load_host(), "fiche", sample_territory_view(), Subject.TERRITORY))
"""


@pytest.mark.slow
def test_a_non_editable_install_finds_the_builtin_templates(tmp_path):
    # Build from a copy, so that the build leaves nothing in the working tree.
    source = tmp_path / "source"
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy(ROOT / name, source / name if source.exists() else _mkdir(source) / name)
    for folder in ("src", "plugins", "narratives"):
        shutil.copytree(
            ROOT / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
        )
    venv = Venv(tmp_path / "venv", with_project=False)
    venv.pip_install(source)
    shutil.rmtree(source)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    run = subprocess.run(
        [str(venv.python), "-c", RENDER_FICHE], cwd=elsewhere, capture_output=True, text=True, timeout=120
    )

    assert run.returncode == 0, run.stderr
    module, templates, *fiche = run.stdout.splitlines()
    assert module.startswith(str(venv.root))
    assert templates.startswith(str(venv.root))
    assert fiche[0] == "# Les Aubiers"
    assert "## Le projet pilote" in fiche


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True)
    return path
