"""What a database error from the store means for the person at the keyboard, in one French sentence."""

from __future__ import annotations

import sqlite3
import sys

#: Pieces of the engines' messages, and what to tell the user for each.
KNOWN = [
    (
        ("read-only transaction",),
        "la base PostgreSQL est en lecture seule (default_transaction_read_only, ou serveur de secours) : "
        "écrivez sur la base principale, ou demandez à son administrateur de la rouvrir en écriture",
    ),
    (
        ("readonly", "read-only", "read only"),
        "le stockage est en lecture seule : vérifiez les droits du fichier et de son dossier",
    ),
    (
        ("disk is full", "no space left", "could not extend file", "disk full"),
        "le disque du stockage est plein : libérez de la place, puis relancez",
    ),
    (
        ("malformed", "not a database", "file is encrypted"),
        "le stockage est endommagé : lancez `transitions store check` pour le détail",
    ),
]


def describe_store_failure(error: BaseException) -> str | None:
    """A clear message if `error` comes from the store's database, else None."""
    if not _from_a_database(error):
        return None
    text = str(error).lower()
    for pieces, meaning in KNOWN:
        if any(piece in text for piece in pieces):
            return f"{meaning[0].upper()}{meaning[1:]}. Rien n'a été écrit."
    first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return f"Le stockage a refusé l'opération ({first}). Rien n'a été écrit."


def _from_a_database(error: BaseException) -> bool:
    kinds: list[type[BaseException]] = [sqlite3.Error]
    # Only look at libraries already loaded: an error message must not import a database driver.
    persistence = sys.modules.get("eventsourcing.persistence")
    if persistence is not None:
        kinds.append(persistence.PersistenceError)
    psycopg = sys.modules.get("psycopg")
    if psycopg is not None:
        kinds.append(psycopg.Error)
    return isinstance(error, tuple(kinds))
