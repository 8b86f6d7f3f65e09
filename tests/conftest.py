"""Shared fixtures: a fresh SQLite store per test, and the bundled histories."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from transitions_core.store.locations import parse_store
from transitions_core.store.opening import Store, open_store

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
EXAMPLE = SCENARIOS / "exemple-imaginaire.yaml"
OCCITANIE = SCENARIOS / "occitanie-2024.yaml"
BAD = Path(__file__).resolve().parent / "data" / "bad"


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """Where a test's SQLite store lives."""
    return tmp_path / "store.sqlite"


@pytest.fixture
def store(store_path: Path) -> Iterator[Store]:
    """A fresh SQLite store, closed after the test."""
    with open_store(parse_store(str(store_path))) as opened:
        yield opened


@pytest.fixture
def memory_store() -> Iterator[Store]:
    """A fresh in-memory store."""
    with open_store(parse_store("memory:")) as opened:
        yield opened
