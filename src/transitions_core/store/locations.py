"""Where the store lives: parse `--store` / TRANSITIONS_STORE into eventsourcing settings."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from transitions_core.errors import StoreError

if TYPE_CHECKING:
    # The PostgreSQL address (urllib, getpass) is read only for a postgresql:// store.
    from transitions_core.store.postgres_address import PostgresAddress

ENV_VAR = "TRANSITIONS_STORE"
MEMORY = "memory:"


@dataclass(frozen=True)
class StoreLocation:
    """A parsed store address: its kind and, for SQLite, the file; for PostgreSQL, the server and base."""

    kind: str
    path: Path | None = None
    postgres: PostgresAddress | None = None

    def describe(self) -> str:
        """How `transitions info` names the store."""
        if self.kind == "sqlite":
            return f"SQLite : {self.path}"
        if self.kind == "memory":
            return "mémoire (perdue à la fin du processus)"
        assert self.postgres is not None
        return f"PostgreSQL : {self.postgres.describe()}"

    def env(self) -> dict[str, str]:
        """The eventsourcing persistence settings for this location."""
        if self.kind == "memory":
            return {"PERSISTENCE_MODULE": "eventsourcing.popo"}
        if self.kind == "sqlite":
            assert self.path is not None
            return {
                "PERSISTENCE_MODULE": "eventsourcing.sqlite",
                "SQLITE_DBNAME": str(self.path),
                "SQLITE_LOCK_TIMEOUT": "10",
            }
        assert self.postgres is not None
        return self.postgres.env()


def default_store_path() -> Path:
    """The SQLite file used when no store is given: in the user's data directory."""
    from platformdirs import user_data_path

    return user_data_path("transitions-core", appauthor=False) / "store.sqlite"


def parse_store(value: str | None) -> StoreLocation:
    """Read a store address: a path, `sqlite:///path`, `memory:`, or `postgresql://…`."""
    value = value or os.environ.get(ENV_VAR) or ""
    if not value:
        return StoreLocation("sqlite", default_store_path())
    if value in (MEMORY, ":memory:"):
        return StoreLocation("memory")
    if value.startswith(("postgresql://", "postgres://")):
        from transitions_core.store.postgres_address import parse_postgres_url

        return StoreLocation("postgresql", postgres=parse_postgres_url(value))
    if value.startswith("sqlite:///"):
        # As in SQLAlchemy: sqlite:///relative/file, sqlite:////absolute/file.
        return StoreLocation("sqlite", Path(value.removeprefix("sqlite:///")).expanduser())
    if "://" in value:
        raise StoreError(
            f"Adresse de stockage inconnue : {value}. Formes acceptées : un chemin de fichier, "
            "sqlite:///chemin, memory:, postgresql://utilisateur@hôte:port/base."
        )
    return StoreLocation("sqlite", Path(value).expanduser())
