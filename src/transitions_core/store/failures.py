"""What a database error from the store means for the person at the keyboard, in one French sentence."""

from __future__ import annotations

import sqlite3
import sys
from typing import TYPE_CHECKING

from transitions_core.errors import StoreError

if TYPE_CHECKING:
    from transitions_core.domain.events import DomainEvent

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
    meaning = _known(error)
    if meaning:
        return f"{meaning[0].upper()}{meaning[1:]}. Rien n'a été écrit."
    first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return f"Le stockage a refusé l'opération ({first}). Rien n'a été écrit."


def is_whole_store_failure(error: BaseException) -> bool:
    """Whether `error` is about the whole store (a full disk, a read-only or damaged file), not one row."""
    return _from_a_database(error) and _known(error) is not None


def _known(error: BaseException) -> str | None:
    text = str(error).lower()
    for pieces, meaning in KNOWN:
        if any(piece in text for piece in pieces):
            return meaning
    return None


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


class RowRefused(StoreError):
    """The database refuses a row that an event would add to the read model: the event must not be stored."""

    def __init__(self, event: DomainEvent, error: Exception) -> None:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        super().__init__(
            f"l'entrée « {event.entry} » ne peut pas s'écrire dans la vue chronologique du stockage ({reason})"
        )
        self.entry = event.entry
        self.reason = reason


class ReadModelStuck(StoreError):
    """The read model cannot write the row of a stored event: read commands cannot follow the log past it."""

    def __init__(self, position: int, reason: str) -> None:
        super().__init__(
            f"La vue chronologique ne peut pas suivre l'événement n°{position} : le stockage refuse sa ligne "
            f"({reason}). Lancez `transitions store check` pour le détail."
        )
        self.position = position
        self.reason = reason


class DamagedRow(StoreError):
    """A read-model row that no longer decodes: the read model is derived, so it can be rebuilt from the log."""

    def __init__(self, position: int, error: Exception) -> None:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        super().__init__(
            f"La vue chronologique est endommagée à la ligne de l'événement n°{position} ({reason}). Elle se "
            "reconstruit depuis le journal : supprimez sa table (DROP TABLE timeline_entries), puis relancez la "
            "commande. `transitions store check` dit si le journal lui-même est intact."
        )
        self.position = position
