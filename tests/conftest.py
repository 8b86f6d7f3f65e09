"""Shared fixtures: a fresh store per test (SQLite, and PostgreSQL when installed), and the bundled histories."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.postgres_server import REQUIRE_VAR, PostgresServer, find_binaries, required, start_server
from transitions_core.store.locations import parse_store
from transitions_core.store.opening import Store, open_store

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
EXAMPLE = SCENARIOS / "exemple-imaginaire.yaml"
OCCITANIE = SCENARIOS / "occitanie-2024.yaml"
BAD = Path(__file__).resolve().parent / "data" / "bad"


def events_in(history: Path) -> int:
    """How many events a history file makes: its cohort, its territories and its entries."""
    import yaml

    data = yaml.safe_load(history.read_text(encoding="utf-8"))
    opened = 1 if isinstance(data["cohort"], dict) else 0
    return opened + len(data.get("territories") or []) + len(data.get("entries") or [])


@pytest.fixture(autouse=True)
def _plugin_failures_in_tmp(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Plugin failures a test provokes are remembered in a folder of the test run, not the user's."""
    monkeypatch.setenv("TRANSITIONS_STATE_DIR", str(tmp_path_factory.mktemp("state")))


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """Where a test's SQLite store lives."""
    return tmp_path / "store.sqlite"


BACKENDS = ["sqlite", "postgresql"]
_databases = itertools.count(1)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A throwaway PostgreSQL server for the whole run; skips (or fails, in CI) without the binaries."""
    binaries = find_binaries()
    if binaries is None:
        reason = "PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin)"
        if required():
            pytest.fail(f"{reason}, and {REQUIRE_VAR}=1 requires it", pytrace=False)
        pytest.skip(f"{reason}: PostgreSQL tests skipped")
    server = start_server(binaries)
    yield server
    server.stop()


@pytest.fixture
def new_store_address(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[str], str]]:
    """A factory of fresh, empty store addresses on a backend; the PostgreSQL bases are dropped after the test."""
    created: list[tuple[PostgresServer, str]] = []

    def new(backend: str) -> str:
        if backend == "sqlite":
            return str(tmp_path / f"store-{next(_databases)}.sqlite")
        import psycopg

        server: PostgresServer = request.getfixturevalue("postgres_server")
        name = f"test_{next(_databases)}"
        with psycopg.connect(server.url("postgres"), autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {name}")
        created.append((server, name))
        return server.url(name)

    yield new
    for server, name in created:
        import psycopg

        with psycopg.connect(server.url("postgres"), autocommit=True) as admin:
            admin.execute(f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture
def postgres_url(new_store_address: Callable[[str], str]) -> str:
    """The address of a fresh, empty base on the test server."""
    return new_store_address("postgresql")


@pytest.fixture(params=BACKENDS)
def store_address(request: pytest.FixtureRequest, new_store_address: Callable[[str], str]) -> str:
    """A fresh store's address (`--store`), once on SQLite and once on PostgreSQL."""
    return new_store_address(request.param)


def holds_store(address: str) -> bool:
    """Whether a store exists at `address` (a SQLite file, or the event table in a PostgreSQL base)."""
    if not address.startswith("postgresql://"):
        return Path(address).exists()
    import psycopg

    with psycopg.connect(address) as connection:
        row = connection.execute("SELECT to_regclass('transitions_events')").fetchone()
    return row is not None and row[0] is not None


@pytest.fixture
def store(store_address: str) -> Iterator[Store]:
    """A fresh store on each backend, closed after the test."""
    with open_store(parse_store(store_address)) as opened:
        yield opened


@pytest.fixture
def memory_store() -> Iterator[Store]:
    """A fresh in-memory store."""
    with open_store(parse_store("memory:")) as opened:
        yield opened
