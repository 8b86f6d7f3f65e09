"""Where the read model keeps its tables: SQLite or PostgreSQL, behind the same few calls and the same SQL.

Queries are written once, with `?` placeholders and SQL both engines accept; each backend owns its
schema (column types differ) and its way of letting only one catch-up run at a time.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import psycopg

SQLITE_SCHEMA = """
CREATE TABLE IF NOT EXISTS timeline_tracking (
    name TEXT PRIMARY KEY,
    position INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS timeline_aggregates (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    cohort TEXT NOT NULL,
    territory TEXT,
    name TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS timeline_entries (
    position INTEGER PRIMARY KEY,
    cohort TEXT NOT NULL,
    territory TEXT,
    entry TEXT NOT NULL,
    type TEXT NOT NULL,
    occurred TEXT NOT NULL,
    recorded TEXT NOT NULL,
    facts TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS timeline_entries_by_cohort ON timeline_entries (cohort, territory);
CREATE INDEX IF NOT EXISTS timeline_aggregates_by_kind ON timeline_aggregates (kind, cohort, territory);
CREATE TABLE IF NOT EXISTS timeline_names (
    folded TEXT NOT NULL,
    id TEXT NOT NULL,
    PRIMARY KEY (folded, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS history_files (
    cohort TEXT PRIMARY KEY,
    path TEXT NOT NULL
);
"""

# The index of aggregates by kind and cohort, and the folded names (`readmodel.fold`), let a replay
# find its territory without reading every territory of the store; a store made before them gets the
# index when next opened, and its names the first time one is looked up (`TimelineReadModel.named`).
# Notification ids are bigserial on PostgreSQL: positions are BIGINT. `history_files` is no projection:
# it remembers where each cohort's history file was imported from (`transitions record` appends to it).
POSTGRES_SCHEMA = [
    "CREATE TABLE IF NOT EXISTS timeline_tracking (name TEXT PRIMARY KEY, position BIGINT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS timeline_aggregates (id TEXT PRIMARY KEY, kind TEXT NOT NULL, "
    "cohort TEXT NOT NULL, territory TEXT, name TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS timeline_entries (position BIGINT PRIMARY KEY, cohort TEXT NOT NULL, "
    "territory TEXT, entry TEXT NOT NULL, type TEXT NOT NULL, occurred TEXT NOT NULL, "
    "recorded TEXT NOT NULL, facts TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS timeline_entries_by_cohort ON timeline_entries (cohort, territory)",
    "CREATE INDEX IF NOT EXISTS timeline_aggregates_by_kind ON timeline_aggregates (kind, cohort, territory)",
    "CREATE TABLE IF NOT EXISTS timeline_names (folded TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (folded, id))",
    "CREATE TABLE IF NOT EXISTS history_files (cohort TEXT PRIMARY KEY, path TEXT NOT NULL)",
]
#: The library's table of events in a SQLite store (eventsourcing 9.5's default name).
EVENT_LOG = "stored_events"
#: The read model's tables: a store opened without one of them (dropped by hand) rebuilds its read model.
TABLES = ("timeline_tracking", "timeline_aggregates", "timeline_entries", "timeline_names")
#: The advisory lock that serialises schema creation and catch-ups of the timeline on one base.
POSTGRES_LOCK = 0x7472616E  # "tran"
#: The advisory lock processes take in turn while the event store creates its own tables.
POSTGRES_SCHEMA_LOCK = 0x73636865  # "sche"


class ReadModelDatabase(Protocol):
    """The read model's connection: queries, statements, and one exclusive catch-up at a time."""

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Rows of a SELECT."""
        ...

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        """Run one statement."""
        ...

    def exclusive(self) -> AbstractContextManager[None]:
        """A context: one transaction that no other catch-up on the same store runs beside."""
        ...

    def size(self) -> int | None:
        """Bytes the store takes on the server, when the backend can tell."""
        ...

    def damage(self) -> list[str]:
        """What the engine's own integrity check finds wrong (empty when all is well)."""
        ...

    @property
    def missing(self) -> list[str]:
        """The read model's tables that did not exist when the store was opened (created since, empty)."""
        ...

    def close(self) -> None:
        """Release the connection."""
        ...


class SQLiteDatabase:
    """The read model's tables inside the store's SQLite file (or in memory)."""

    def __init__(self, path: Path | None) -> None:
        self.db = sqlite3.connect(str(path) if path else ":memory:", timeout=30, isolation_level=None)
        present = {row[0] for row in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        self._missing = [table for table in TABLES if table not in present]
        self._event_log = EVENT_LOG in present
        self.db.executescript(SQLITE_SCHEMA)

    def has_event_log(self) -> bool:
        """Whether the library's table of events was there when the file was opened."""
        return self._event_log

    def first_event_state(self) -> bytes | None:
        """The stored state of the first event (None: no event yet), as the library's log would give it."""
        rows = self.query(f"SELECT state FROM {EVENT_LOG} ORDER BY rowid LIMIT 1")
        return bytes(rows[0][0]) if rows else None

    def last_event(self) -> int:
        """The newest notification id, as the library's SQLite recorder counts it (its rowid), 0 if none."""
        rows = self.query(f"SELECT MAX(rowid) FROM {EVENT_LOG}")
        return int(rows[0][0] or 0) if rows else 0

    @property
    def missing(self) -> list[str]:
        """The read model's tables that did not exist when the store was opened (created since, empty)."""
        return self._missing

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Rows of a SELECT."""
        return self.db.execute(sql, params).fetchall()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        """Run one statement."""
        self.db.execute(sql, params)

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """BEGIN IMMEDIATE takes the file's write lock: a second catch-up waits, then finds nothing to do."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self.db.in_transaction:  # SQLite has already rolled back after some errors (a full disk)
                self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def size(self) -> int | None:
        """The file's size is on disk for all to see: `transitions info` reads it there."""
        return None

    def damage(self) -> list[str]:
        """PRAGMA integrity_check: pages, indexes and constraints of the whole file."""
        try:
            rows = [str(row[0]) for row in self.query("PRAGMA integrity_check")]
        except sqlite3.DatabaseError as error:
            return [str(error)]
        return [] if rows == ["ok"] else rows

    def close(self) -> None:
        """Release the connection."""
        self.db.close()


class PostgresDatabase:
    """The read model's tables in the store's PostgreSQL base, beside the library's."""

    def __init__(self, connection: psycopg.Connection[tuple[Any, ...]]) -> None:
        self.db = connection  # in autocommit mode: `exclusive` opens the only transactions
        with self.exclusive():  # two processes creating the tables at once would collide
            found = self.db.execute(
                "SELECT name FROM unnest(%s::text[]) AS name WHERE to_regclass(name) IS NULL", (list(TABLES),)
            ).fetchall()
            self._missing = [str(row[0]) for row in found]
            for statement in POSTGRES_SCHEMA:
                self.db.execute(statement)

    @property
    def missing(self) -> list[str]:
        """The read model's tables that did not exist when the store was opened (created since, empty)."""
        return self._missing

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Rows of a SELECT."""
        return self.db.execute(_placeholders(sql), params).fetchall()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        """Run one statement."""
        self.db.execute(_placeholders(sql), params)

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """A transaction holding the timeline's advisory lock, released at commit or rollback."""
        with self.db.transaction():
            self.db.execute("SELECT pg_advisory_xact_lock(%s)", (POSTGRES_LOCK,))
            yield

    @contextmanager
    def schema_lock(self) -> Iterator[None]:
        """A session lock held while the event store's tables are created (outside any transaction)."""
        self.db.execute("SELECT pg_advisory_lock(%s)", (POSTGRES_SCHEMA_LOCK,))
        try:
            yield
        finally:
            self.db.execute("SELECT pg_advisory_unlock(%s)", (POSTGRES_SCHEMA_LOCK,))

    def size(self) -> int | None:
        """The size of the whole base."""
        row = self.db.execute("SELECT pg_database_size(current_database())").fetchone()
        return int(row[0]) if row else None

    def damage(self) -> list[str]:
        """The server keeps its pages consistent itself (checksums, WAL): nothing to check from here."""
        return []

    def close(self) -> None:
        """Release the connection."""
        self.db.close()


def _placeholders(sql: str) -> str:
    # The shared queries use sqlite3's `?`; psycopg wants `%s`. No query holds a literal `?` or `%`.
    return sql.replace("?", "%s")
