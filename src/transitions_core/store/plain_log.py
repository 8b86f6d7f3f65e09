"""An aggregate's log read by SQL, for `transitions events`: no eventsourcing application, no event class.

`events` prints, for each stored event, its version, when it was recorded, its type, its date and its
entry. In a SQLite store whose events are plain JSON (no key: `check_first_event` has made sure the
store is not encrypted, and the tool never compresses), those five are read from the stored rows as
the library's recorder reads them (by originator id, in version order). Building the application and
the ~50 event classes to decode them cost about 60 ms of the command (issue 16).

Anything this reading would not give exactly as the application does (an encrypted or PostgreSQL store,
a topic none of the tool's classes has, a state that is not the JSON the tool writes, a date that does
not parse) makes it give up: the caller then reads through the application, with its usual errors.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

from transitions_core.domain.dates import PartialDate
from transitions_core.domain.event_names import topics
from transitions_core.timeline.databases import EVENT_LOG, SQLiteDatabase

if TYPE_CHECKING:
    from transitions_core.store.opening import Store


@dataclass(frozen=True)
class LogLine:
    """What `events` prints of one stored event."""

    originator_version: int
    timestamp: datetime
    type: str
    occurred: PartialDate
    entry: str

    def text(self, entry: str | None = None) -> str:
        """The line `transitions events` prints (`entry` as shown, when it is not the stored one)."""
        return log_line(
            self.originator_version, self.timestamp, self.type, self.occurred, entry or self.entry
        )


def log_line(version: int, timestamp: datetime, type_name: str, occurred: PartialDate, entry: str) -> str:
    """One line of `transitions events`: version, recording time, type, date and entry key."""
    return f"{version:>4}  {timestamp:%Y-%m-%d %H:%M:%S}  {type_name:<32} {occurred!s:<24} {entry}"


def plain_log(store: Store, aggregate: UUID) -> list[LogLine] | None:
    """The aggregate's log read by SQL, or None when only the application reads it as it should."""
    timeline = store.timeline
    database = timeline.db
    if timeline.key is not None or not isinstance(database, SQLiteDatabase) or not database.has_event_log():
        return None
    try:
        rows = database.query(
            f"SELECT originator_version, topic, state FROM {EVENT_LOG} "
            "WHERE originator_id = ? ORDER BY originator_version ASC",
            (aggregate.hex,),
        )
    except sqlite3.Error:
        return None
    known = topics()
    lines = []
    for version, topic, state in rows:
        line = _line(version, known.get(topic), state)
        if line is None:
            return None
        lines.append(line)
    return lines


def _line(version: Any, type_name: str | None, state: Any) -> LogLine | None:
    if type_name is None or type(version) is not int or not isinstance(state, bytes | memoryview):
        return None
    try:
        data = json.loads(bytes(state))
        stamp, occurred, entry = data["timestamp"], data["occurred"], data["entry"]
        if data["originator_version"] != version or not (type(stamp) is type(occurred) is type(entry) is str):
            return None
        when = datetime.fromisoformat(stamp)
        return LogLine(version, when, type_name, PartialDate(occurred), entry)
    except (
        ValueError,
        TypeError,
        KeyError,
    ):  # not the JSON the tool writes: the application says what is wrong
        return None
