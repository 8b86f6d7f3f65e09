"""Plan one entry exactly as an import of its history file would: read, checked, keyed, nothing written.

The entry goes through the importer itself (`ImportSession`), in a copy of its history file with the
entry appended, or alone in a one-entry file naming the cohort: the store gets what a re-import of the
file would give, and a refusal is the import's own French sentence.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID

from transitions_core.domain.aggregate import AggregateState
from transitions_core.domain.dates import PartialDate
from transitions_core.domain.events import EVENT_TYPES, DomainEvent
from transitions_core.domain.identity import cohort_id, territory_id
from transitions_core.errors import TransitionsError
from transitions_core.history.errors import HistoryFileError
from transitions_core.history.keys import entry_key, slugify, territory_of_key
from transitions_core.history.session import ImportSession
from transitions_core.history.writer import append_entry, entry_yaml
from transitions_core.history.yaml_lines import load_yaml
from transitions_core.store.application import TransitionsApplication

RECORD_KEYS = {"correction": "corrects", "retraction": "retracts"}


class EntryRefused(TransitionsError):
    """The entry breaks a rule of the history, or of its file; nothing was written."""


@dataclass
class Plan:
    """An entry ready to be written: its events for the store and, with a file, the file's new text."""

    entry: dict[str, Any]
    key: str
    events: list[DomainEvent]
    states: dict[UUID, AggregateState | None]
    file: Path | None
    original: bytes | None
    new_text: str | None


def plan_entry(
    app: TransitionsApplication,
    cohort: str,
    entry: dict[str, Any],
    file: Path | None = None,
    author: str | None = None,
    original: bytes | None = None,
) -> Plan:
    """Check `entry` against the store (and its file), as an import would; raise EntryRefused if refused.

    `original` is the file's content as first read: a file changed on disk since then is refused.
    """
    text = None
    if file is not None:
        original = _unchanged(file, original)
        text = original.decode("utf-8")
        entry = _with_free_key(app, cohort, entry, load_yaml(file))
        new_text = append_entry(text, entry)
    else:
        entry = _with_free_key(app, cohort, entry, None)
        new_text = f"kind: history\ncohort: {cohort}\nentries:\n{entry_yaml(entry)}"
    session = ImportSession(app, author=author)
    first_new = 4 if text is None else text.rstrip("\n").count("\n") + 2
    with tempfile.TemporaryDirectory(prefix="transitions-record-") as folder:
        planned = Path(folder) / (file.name if file else "entree.yaml")
        planned.write_text(new_text, encoding="utf-8")
        try:
            session.read_file(planned)
        except HistoryFileError as error:
            raise _refusal(error, file, first_new) from None
    stale = [e for e in session.report.appended if e.line < first_new]
    if stale:
        raise EntryRefused(
            f"{file} contient {len(stale)} entrée(s) absente(s) du stockage (la première à la ligne "
            f"{stale[0].line}) : importez d'abord le fichier (transitions import {file}), puis recommencez. "
            "Rien n'a été écrit."
        )
    if not session.report.appended:
        same = [e.key for e in session.report.unchanged if e.line >= first_new]
        key = f" (clé {same[-1]})" if same else ""
        raise EntryRefused(f"Cette entrée est déjà enregistrée{key} : rien n'a été écrit.")
    _refuse_a_twin(app, cohort, entry, session.events[-1])
    return Plan(
        entry=entry,
        key=session.report.appended[-1].key,
        events=session.events,
        states=session.states,
        file=file,
        original=original,
        new_text=new_text if file is not None else None,
    )


def aggregate_of(cohort: str, entry: dict[str, Any]) -> UUID:
    """The aggregate an entry belongs to: its territory's, a correction's target's, else the cohort's."""
    kind = str(entry["type"])
    territory = (
        territory_of_key(str(entry[RECORD_KEYS[kind]])) if kind in RECORD_KEYS else entry.get("territory")
    )
    return territory_id(cohort, territory) if territory else cohort_id(cohort)


def _refuse_a_twin(
    app: TransitionsApplication, cohort: str, entry: dict[str, Any], event: DomainEvent
) -> None:
    """An entry identical to one already stored (another key, same facts) would make a file that no
    import takes (`entrée en double`), even when that one was retracted: it is refused, as a file refuses it."""
    state = app.aggregate(aggregate_of(cohort, entry))
    if state is None or not event.digest:
        return
    twins = [(key, held.retracted) for key, held in state.entries.items() if held.digest == event.digest]
    if twins:
        key, retracted = twins[0]
        held = "enregistrée puis retirée" if retracted else "déjà enregistrée"
        raise EntryRefused(
            f"Entrée refusée : elle est identique à l'entrée {key}, {held}. Si c'est un autre fait, "
            "distinguez-le (une description, une note) ; rien n'a été écrit."
        )


def _unchanged(file: Path, original: bytes | None) -> bytes:
    try:
        now = file.read_bytes()
    except OSError as error:
        raise EntryRefused(f"Lecture de {file} impossible : {error.strerror}. Rien n'a été écrit.") from None
    if original is not None and now != original:
        raise EntryRefused(
            f"{file} a changé sur le disque depuis le début de la saisie : rien n'a été écrit ; "
            "relancez la commande pour repartir du fichier tel qu'il est."
        )
    return now


def _with_free_key(
    app: TransitionsApplication, cohort: str, entry: dict[str, Any], document: Any
) -> dict[str, Any]:
    """The entry, with an `id` when the rank its file would give it is already a stored entry's key.

    An entry without distinguishing fields is keyed by its rank among the entries of the same type
    and date in its file (`…@2025-03#2`); entries recorded alone, or from other files, may hold it.
    """
    kind = str(entry["type"])
    if "id" in entry or any(entry.get(name) is not None for name in _key_fields(kind)):
        return entry
    state = app.aggregate(aggregate_of(cohort, entry))
    if state is None:
        return entry
    territory = (
        territory_of_key(str(entry[RECORD_KEYS[kind]])) if kind in RECORD_KEYS else entry.get("territory")
    )
    when = str(PartialDate(str(entry["date"])))
    base = entry_key(territory, f"{kind}@{when}")
    rank = 1 + sum(1 for other in _entries(document) if _same_base(other, kind, when, territory))
    if f"{base}#{rank}" not in state.entries:
        return entry
    taken = sum(1 for key in state.entries if key.startswith(f"{base}#"))
    number = taken + 1
    while entry_key(territory, slugify(f"{kind}-{when}-{number}", limit=80)) in state.entries:
        number += 1
    keyed = {name: value for name, value in entry.items() if name in ("date", "type", "territory")}
    return {**keyed, "id": f"{kind}-{when}-{number}", **entry}


def _key_fields(kind: str) -> tuple[str, ...]:
    event = EVENT_TYPES.get(kind)
    return event.key_fields if event else ()


def _entries(document: Any) -> list[Any]:
    if not isinstance(document, dict):
        return []
    entries = document.get("entries")
    return list(entries) if isinstance(entries, list) else []


def _same_base(other: Any, kind: str, when: str, territory: str | None) -> bool:
    if not isinstance(other, dict) or str(other.get("type")) != kind or "id" in other:
        return False
    if any(other.get(name) is not None for name in _key_fields(kind)):
        return False
    if kind in RECORD_KEYS:
        if territory_of_key(str(other.get(RECORD_KEYS[kind], ""))) != territory:
            return False
    elif other.get("territory") != territory:
        return False
    try:
        return str(PartialDate(str(other.get("date")))) == when
    except ValueError:
        return False


def _refusal(error: HistoryFileError, file: Path | None, first_new: int) -> EntryRefused:
    """The importer's sentence: about the entry alone, or about the file where the file is at fault."""
    if file is not None and error.line is not None and error.line < first_new:
        return EntryRefused(f"{file}:{error.line}: {error.message} Rien n'a été écrit.")
    return EntryRefused(f"Entrée refusée : {error.message}")
