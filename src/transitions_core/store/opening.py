"""Open a store by its location: the event store and its timeline read model, closed together."""

from __future__ import annotations

import os
import shutil
import sqlite3
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from transitions_core.errors import StoreError
from transitions_core.store.encryption import KEY_VAR, StoreKey, check_first_event, check_key, key_from_env
from transitions_core.store.failures import describe_store_failure
from transitions_core.store.lazy_app import LazyApp
from transitions_core.store.locations import StoreLocation
from transitions_core.timeline.databases import ReadModelDatabase, SQLiteDatabase
from transitions_core.timeline.readmodel import TimelineReadModel

if TYPE_CHECKING:
    from transitions_core.store.application import TransitionsApplication

SQLITE_HEADER = b"SQLite format 3\x00"
#: Below this many free bytes, a store that fails to open is taken to be on a full disk.
LOW_DISK = 1 << 20


@dataclass
class Store:
    """An open store. Use it as a context manager so that its connections are closed."""

    location: StoreLocation
    timeline: TimelineReadModel

    @property
    def app(self) -> TransitionsApplication:
        """The event store's application, built on first use (a read of a caught-up store needs none)."""
        return self.timeline.app

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Close the read model and the event store."""
        self.timeline.close()
        self.timeline.source.close()

    def caught_up(self) -> TimelineReadModel:
        """The read model, level with the event store."""
        self.timeline.catch_up()
        return self.timeline


def open_store(
    location: StoreLocation,
    *,
    create: bool = True,
    key_variable: str | None = KEY_VAR,
    key_required: bool = False,
) -> Store:
    """Open (and, if allowed, create) the store at `location`, with the key `key_variable` holds, if any.

    `key_variable=None` opens it unencrypted whatever the environment says.
    """
    key = key_from_env(key_variable, required=key_required) if key_variable else None
    path = location.path
    if path is not None:
        _check_sqlite_file(path, create)
        if path.exists():
            lazy = _open_sqlite_lazily(location, path, key, key_variable)
            if lazy is not None:
                return lazy
    from transitions_core.store.application import TransitionsApplication

    env = location.env()
    postgres = None
    if location.postgres is not None:
        from transitions_core.store.postgres_opening import connect_postgres

        # The read model's connection goes first: it is also the check that the server answers.
        postgres = connect_postgres(location.postgres, create)
    try:
        # The library creates its tables, types and functions on every start; two processes doing it
        # at once collide on PostgreSQL ("tuple concurrently updated"), so they take turns.
        with postgres.schema_lock() if postgres else nullcontext():
            app = TransitionsApplication(env=env, key=key)
    except Exception as error:  # the library raises several kinds for an unusable file
        if postgres is not None:
            postgres.close()
        raise StoreError(_open_failure(location, error)) from None
    try:
        check_key(app.recorder, key, _name(location), key_variable or KEY_VAR)
    except BaseException:
        app.close()
        if postgres is not None:
            postgres.close()
        raise
    database: ReadModelDatabase
    if postgres is not None:
        database = postgres
    else:
        try:
            database = SQLiteDatabase(path)
        except sqlite3.Error as error:
            app.close()
            raise StoreError(_open_failure(location, error)) from None
    timeline = TimelineReadModel(app, database, key)
    timeline.repair()
    app.rows_check = timeline.check_rows
    return Store(location, timeline)


def _open_sqlite_lazily(
    location: StoreLocation, path: Path, key: StoreKey | None, key_variable: str | None
) -> Store | None:
    """A SQLite store the library has already made, opened without building its application (None: not one).

    The key is checked on the first event, as `check_key` does through the application; the
    application is built when something first needs it (`LazyApp`).
    """
    try:
        database = SQLiteDatabase(path)
    except sqlite3.Error:
        return None  # the library opens it, and says what is wrong in its own words
    try:
        if not database.has_event_log():
            database.close()
            return None
        check_first_event(database.first_event_state(), key, _name(location), key_variable or KEY_VAR)
    except sqlite3.Error:
        database.close()
        return None
    except BaseException:
        database.close()
        raise

    def build() -> TransitionsApplication:
        from transitions_core.store.application import TransitionsApplication

        try:
            app = TransitionsApplication(env=location.env(), key=key)
        except Exception as error:  # the library raises several kinds for an unusable file
            raise StoreError(_open_failure(location, error)) from None
        app.rows_check = timeline.check_rows
        return app

    timeline = TimelineReadModel(LazyApp(build, database.last_event), database, key)
    timeline.repair()
    return Store(location, timeline)


def store_exists(location: StoreLocation) -> bool:
    """Whether a store is already there, so that opening it creates nothing (a memory store never is).

    A server that cannot be asked counts as holding one: opening it then says what is wrong.
    """
    if location.postgres is not None:
        from transitions_core.store.postgres_opening import has_store

        try:
            import psycopg

            with psycopg.connect(location.postgres.conninfo(), autocommit=True) as connection:
                return has_store(connection)
        except Exception:  # no psycopg, no server, no base: open_store has the words for each
            return True
    return location.path is not None and location.path.exists()


def _check_sqlite_file(path: Path, create: bool) -> None:
    if path.is_dir():
        raise StoreError(
            f"{path} est un dossier : indiquez un fichier (par exemple {path / 'store.sqlite'})."
        )
    if not path.exists():
        if not create:
            raise StoreError(
                f"Aucun stockage à {path} : importez d'abord un historique (transitions import)."
            )
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"Impossible de créer le dossier {path.parent} : {error.strerror}.") from None
        return
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header and header != SQLITE_HEADER:
        raise StoreError(
            f"{path} n'est pas un stockage transitions (ce n'est pas un fichier SQLite). "
            "Vérifiez le chemin donné à --store ou à TRANSITIONS_STORE."
        )


def _open_failure(location: StoreLocation, error: Exception) -> str:
    """Why a store would not open, in words that say what to do."""
    path = location.path
    if path is not None:
        # SQLite writes beside the file (its -wal and -shm companions) even to read it.
        writable = os.access(path.parent, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))
        if not writable:
            return (
                f"Le stockage {path} est en lecture seule (fichier, dossier ou disque) : SQLite doit pouvoir "
                "écrire dans son dossier, même pour lire. Rendez-le inscriptible, ou copiez le fichier "
                "ailleurs. Rien n'a été écrit."
            )
        if shutil.disk_usage(path.parent).free < LOW_DISK:
            return f"Le disque du stockage {path} est plein : libérez de la place, puis relancez. Rien n'a été écrit."
    known = describe_store_failure(error)
    if known and not known.startswith("Le stockage a refusé"):
        return known
    return f"Impossible d'ouvrir le stockage {location.describe()} : {error}"


def _name(location: StoreLocation) -> str:
    if location.postgres is not None:
        return location.postgres.describe()
    return str(location.path) if location.path else "en mémoire"
