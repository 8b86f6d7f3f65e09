"""Reach a PostgreSQL store: a clear message when psycopg, the server, the base or the store is missing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from transitions_core.errors import StoreError
from transitions_core.store.postgres_address import PostgresAddress

if TYPE_CHECKING:
    import psycopg

    from transitions_core.timeline.databases import PostgresDatabase

#: The table eventsourcing creates for the application named "Transitions".
EVENTS_TABLE = "transitions_events"


def connect_postgres(address: PostgresAddress, create: bool) -> PostgresDatabase:
    """The read model's connection to the store's base; refuses a base without a store unless creating."""
    try:
        import psycopg
    except ImportError:
        raise StoreError(
            "Le stockage PostgreSQL demande le module psycopg : installez-le avec "
            "pip install 'transitions-core[postgres]'."
        ) from None
    from transitions_core.timeline.databases import PostgresDatabase

    try:
        connection = psycopg.connect(address.conninfo(), autocommit=True)
    except psycopg.OperationalError as error:
        raise StoreError(_unreachable(address, error)) from None
    try:
        if not create and not has_store(connection):
            raise StoreError(
                f"Aucun stockage dans la base {address.describe()} : importez d'abord un historique "
                "(transitions import)."
            )
        return PostgresDatabase(connection)
    except BaseException:
        connection.close()
        raise


def has_store(connection: psycopg.Connection[tuple[object, ...]]) -> bool:
    """Whether the base holds the event table (created by the first import)."""
    row = connection.execute("SELECT to_regclass(%s)", (EVENTS_TABLE,)).fetchone()
    return row is not None and row[0] is not None


def _unreachable(address: PostgresAddress, error: Exception) -> str:
    reason = str(error).strip().splitlines()[-1] if str(error).strip() else type(error).__name__
    if f'database "{address.dbname}" does not exist' in reason:
        return (
            f"La base « {address.dbname} » n'existe pas sur le serveur {address.host}:{address.port} : "
            f"créez-la (createdb {address.dbname}) ou corrigez l'adresse."
        )
    return f"Impossible de joindre la base PostgreSQL {address.describe()} ({reason})."
