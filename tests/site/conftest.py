"""Stores holding the bundled histories, and sites built from them, shared by the site's tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.conftest import OCCITANIE, SCENARIOS
from transitions_core.cli.main import cli

BRETAGNE = SCENARIOS / "exemple-bretagne.yaml"


def run(store: Path, *args: str) -> Result:
    """The command line, on a store."""
    return CliRunner().invoke(cli, ["--store", str(store), *args], catch_exceptions=False)


@pytest.fixture(scope="session")
def bundled_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the Occitanie cohort and the Breton example."""
    path = tmp_path_factory.mktemp("site-store") / "store.sqlite"
    result = run(path, "import", str(OCCITANIE), str(BRETAGNE))
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="session")
def occitanie_site(bundled_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Occitanie cohort's public site, built once for the session."""
    output = tmp_path_factory.mktemp("sites") / "occitanie"
    result = run(bundled_store, "site", "build", "occitanie-2024", "--output", str(output))
    assert result.exit_code == 0, result.output
    return output


@pytest.fixture(scope="session")
def bretagne_site(bundled_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Breton example's public site."""
    output = tmp_path_factory.mktemp("sites") / "bretagne"
    result = run(bundled_store, "site", "build", "bretagne-imaginaire-2026", "--output", str(output))
    assert result.exit_code == 0, result.output
    return output
