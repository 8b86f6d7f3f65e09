"""An external plugin package, installed for real into a throwaway virtualenv and run through `transitions`;
and the skeleton `transitions plugins new` writes, whose own test passes with the test kit."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLE
from tests.plugins.conftest import EXAMPLE_PLUGIN, LEGACY_PLUGIN
from tests.plugins.venvs import Venv
from transitions_core.cli.main import cli
from transitions_core.plugin_failures import STATE_VAR

#: The haiku of the imaginary history, where Les Aubiers has no pilot project yet (as docs/plugins.md shows).
HAIKU = "Matin aux Aubiers\nle projet attend encore\n0 effet dans la rosée\n"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "plugins.md"


def clean_env() -> dict[str, str]:
    """The environment without anything that would choose plugins, templates or a store for the child."""
    return {
        k: v
        for k, v in os.environ.items()
        if (not k.startswith("TRANSITIONS_") or k == STATE_VAR) and k not in ("PYTHONPATH", "VIRTUAL_ENV")
    }


@pytest.mark.slow
def test_the_example_plugin_installs_and_renders_through_the_cli(tmp_path):
    source = shutil.copytree(
        EXAMPLE_PLUGIN, tmp_path / "transitions-haiku", ignore=shutil.ignore_patterns("__pycache__")
    )
    venv = Venv(tmp_path / "venv")
    venv.pip_install(source)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    store = str(elsewhere / "store.sqlite")
    env = clean_env()

    imported = venv.run("--store", store, "import", str(EXAMPLE), cwd=elsewhere, env=env)
    formats = venv.run("formats", cwd=elsewhere, env=env)
    listed = venv.run("plugins", "list", cwd=elsewhere, env=env)
    haiku = venv.run("--store", store, "replay", "les-aubiers", "--format", "haiku", cwd=elsewhere, env=env)

    assert imported.returncode == 0, imported.stderr
    assert any(line.startswith("haiku ") for line in formats.stdout.splitlines()), formats.stdout
    assert any(
        line.startswith("haiku ") and line.rstrip().endswith("ok") for line in listed.stdout.splitlines()
    )
    assert "0.1.0" in next(line for line in listed.stdout.splitlines() if line.startswith("haiku "))
    assert haiku.returncode == 0, haiku.stderr
    assert haiku.stdout == HAIKU
    # Its tests pass against the installed package too, away from its sources.
    shutil.copytree(source / "tests", elsewhere / "haiku-tests")
    installed = run_pytest(venv.python, elsewhere, "haiku-tests")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert "2 passed" in installed.stdout


def run_pytest(python: Path | str, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run a plugin package's own tests, as its author would: `pytest` in its folder."""
    return subprocess.run(
        [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=clean_env(),
        timeout=120,
    )


@pytest.mark.parametrize("plugin", [EXAMPLE_PLUGIN, LEGACY_PLUGIN], ids=["example", "legacy"])
def test_the_example_plugin_passes_its_own_tests_with_the_test_kit(plugin):
    run = run_pytest(sys.executable, plugin)

    assert run.returncode == 0, run.stdout + run.stderr
    assert "2 passed" in run.stdout


def test_the_legacy_haiku_is_the_one_the_old_documentation_showed():
    source = (LEGACY_PLUGIN / "transitions_haiku" / "__init__.py").read_text(encoding="utf-8")

    assert "from transitions_core.narrative.formats import Format, Subject" in source
    assert "from transitions_core import hookimpl" in source
    assert (LEGACY_PLUGIN / "tests" / "golden").exists()


@pytest.mark.parametrize(
    "path",
    [
        "pyproject.toml",
        "transitions_haiku/__init__.py",
        "transitions_haiku/templates/haiku/territory.fr.txt.j2",
        "tests/test_haiku.py",
        "tests/golden/haiku/les-aubiers.fr.txt",
    ],
)
def test_the_walkthrough_shows_the_example_plugin_verbatim(path):
    assert (EXAMPLE_PLUGIN / path).read_text(encoding="utf-8") in DOCS.read_text(encoding="utf-8")


def test_the_walkthrough_shows_what_the_haiku_command_prints():
    assert HAIKU in DOCS.read_text(encoding="utf-8")


def test_plugins_new_writes_a_package_whose_own_test_passes(tmp_path):
    result = CliRunner().invoke(cli, ["plugins", "new", "press_release", "--directory", str(tmp_path)])
    root = tmp_path / "transitions-press-release"

    assert result.exit_code == 0, result.output
    assert str(root) in result.output
    assert (
        root / "transitions_press_release" / "templates" / "press_release" / "territory.fr.md.j2"
    ).exists()
    assert '"press_release" = "transitions_press_release"' in (root / "pyproject.toml").read_text()
    # The package's own test, run as its author would run it: `pytest` in its folder, not installed.
    run = run_pytest(sys.executable, root)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 passed" in run.stdout


def test_plugins_new_takes_a_hyphenated_name_as_format_does_and_its_test_passes(tmp_path):
    result = CliRunner().invoke(cli, ["plugins", "new", "dossier-presse", "--directory", str(tmp_path)])
    root = tmp_path / "transitions-dossier-presse"

    assert result.exit_code == 0, result.output
    assert (
        root / "transitions_dossier_presse" / "templates" / "dossier-presse" / "territory.fr.md.j2"
    ).exists()
    assert '"dossier-presse" = "transitions_dossier_presse"' in (root / "pyproject.toml").read_text()
    assert 'name="dossier-presse"' in (root / "transitions_dossier_presse" / "__init__.py").read_text()
    run = run_pytest(sys.executable, root)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 passed" in run.stdout


def test_plugins_new_warns_when_the_name_is_a_format_already(tmp_path):
    result = CliRunner().invoke(cli, ["plugins", "new", "poem", "--directory", str(tmp_path)])

    assert result.exit_code == 0
    assert (tmp_path / "transitions-poem").is_dir()
    assert (
        "Attention : le format « poem » existe déjà (plugin poem) ; le vôtre serait ignoré. Renommez-le, "
        'ou déclarez replaces=("poem",) dans son Format pour remplacer l\'existant.'
    ) in result.stderr


def test_plugins_new_says_directory_is_the_parent_folder():
    result = CliRunner().invoke(cli, ["plugins", "new", "--help"])

    assert "Le dossier parent où créer le paquet transitions-NOM (pas le paquet lui-même)" in " ".join(
        result.output.split()
    )


def test_plugins_new_refuses_a_bad_name_or_an_existing_folder(tmp_path):
    bad = CliRunner().invoke(cli, ["plugins", "new", "Press-Release", "--directory", str(tmp_path)])
    CliRunner().invoke(cli, ["plugins", "new", "haiku", "--directory", str(tmp_path)])
    again = CliRunner().invoke(cli, ["plugins", "new", "haiku", "--directory", str(tmp_path)])

    assert bad.exit_code == 1
    assert "minuscules" in bad.output
    assert again.exit_code == 1
    assert "existe déjà" in again.output
