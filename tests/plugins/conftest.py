"""Fixtures for the plugin host's tests: a store holding the imaginary cohort, and a CLI runner."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.conftest import EXAMPLE
from transitions_core.cli.main import cli

EXAMPLE_PLUGIN = Path(__file__).resolve().parent / "example_plugin"
#: The same haiku as docs/plugins.md showed it before `transitions_core.plugin_api`: it must keep working.
LEGACY_PLUGIN = Path(__file__).resolve().parent / "legacy_plugin"


@pytest.fixture(scope="session")
def example_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite store with scenarios/exemple-imaginaire.yaml imported (Les Aubiers)."""
    path = tmp_path_factory.mktemp("plugins-store") / "store.sqlite"
    result = CliRunner().invoke(cli, ["--store", str(path), "import", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture
def transitions(example_store: Path) -> Callable[..., Result]:
    """Run `transitions --store <example store> ARGS` in-process, as a user would."""

    def run(*args: str, env: dict[str, str] | None = None) -> Result:
        return CliRunner().invoke(cli, ["--store", str(example_store), *args], env=env)

    return run


def pytest_configure(config: pytest.Config) -> None:
    """Register `slow`: tests that build packages into virtualenvs. They still run by default (`make test`)."""
    config.addinivalue_line(
        "markers", "slow: builds and installs packages into a throwaway virtualenv (seconds)"
    )


#: The example plugins' own tests run in their own projects (see test_external_plugin.py), not in ours.
collect_ignore = ["example_plugin", "legacy_plugin"]
