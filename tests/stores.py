"""Test helpers that look under a store, on either backend: its raw log, and SQL to damage it on purpose."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from typing import Any

from transitions_core.store.copying import read_log
from transitions_core.store.locations import parse_store
from transitions_core.store.opening import open_store

#: The library's event table and notification id column, per backend.
EVENTS = {"sqlite": ("stored_events", "rowid"), "postgresql": ("transitions_events", "notification_id")}


def backend(address: str) -> str:
    """`postgresql` or `sqlite`."""
    return "postgresql" if address.startswith("postgresql://") else "sqlite"


def raw_log(address: str) -> list[tuple[int, str, int, str, bytes]]:
    """Every stored event as (notification id, aggregate, version, topic, bytes), in log order."""
    with open_store(parse_store(address), create=False) as store:
        return [
            (n.id, str(n.originator_id), n.originator_version, n.topic, bytes(n.state))
            for n in read_log(store.app.recorder, store.app.last_position())
        ]


def run_sql(address: str, sql: str, params: tuple[Any, ...] = ()) -> None:
    """Run one statement straight on the store's database (`?` placeholders)."""
    if backend(address) == "sqlite":
        with closing(sqlite3.connect(address)) as db, db:
            db.execute(sql, params)
        return
    import psycopg

    with psycopg.connect(address, autocommit=True) as db:
        db.execute(sql.replace("?", "%s"), params)


def count_events(address: str) -> int:
    """How many events the store holds."""
    return len(raw_log(address))
