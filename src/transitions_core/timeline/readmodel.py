"""The timeline read model, kept in tables beside the events and caught up from the notification log with tracking.

SQLite has no subscriptions (see the eventsourcing notes), so each query first reads the
notifications after the tracked position and projects them, in one transaction with the new
position. A second reader doing the same at the same moment waits for the lock (see
`databases.py`), then finds nothing left to do.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from transitions_core.domain.events import CohortOpened, DomainEvent, TerritoryRegistered
from transitions_core.store.application import TransitionsApplication
from transitions_core.store.encryption import StoreKey
from transitions_core.timeline.databases import ReadModelDatabase

TRACKING_NAME = "timeline"


@dataclass(frozen=True)
class Row:
    """One projected event."""

    position: int
    cohort: str
    territory: str | None
    entry: str
    type: str
    occurred: str
    recorded: str
    facts: dict[str, Any]


@dataclass(frozen=True)
class AggregateRow:
    """A cohort or territory known to the read model."""

    id: str
    kind: str
    cohort: str
    territory: str | None
    name: str


class TimelineReadModel:
    """The projected timeline; `catch_up` brings it level with the event store."""

    def __init__(
        self, app: TransitionsApplication, db: ReadModelDatabase, key: StoreKey | None = None
    ) -> None:
        self.app = app
        self.db = db
        #: An encrypted store keeps its entries' keys and facts (quotes, people) encrypted here too.
        self.key = key

    def close(self) -> None:
        """Release the connection."""
        self.db.close()

    def position(self) -> int:
        """The last notification id projected."""
        rows = self.db.query("SELECT position FROM timeline_tracking WHERE name = ?", (TRACKING_NAME,))
        return int(rows[0][0]) if rows else 0

    def positions(self) -> list[int]:
        """The notification ids of every projected row, in order."""
        return [
            int(row[0]) for row in self.db.query("SELECT position FROM timeline_entries ORDER BY position")
        ]

    def catch_up(self) -> int:
        """Project every notification not yet projected; returns how many were."""
        if self.app.last_position() <= self.position():
            return 0
        with self.db.exclusive():
            start = self.position()
            owners = {row.id: row for row in self.aggregates()}
            count = 0
            last = start
            for position, event in self.app.follow(start):
                self._project(position, event, owners)
                last = position
                count += 1
            self.db.execute(
                "INSERT INTO timeline_tracking (name, position) VALUES (?, ?) "
                "ON CONFLICT (name) DO UPDATE SET position = excluded.position",
                (TRACKING_NAME, last),
            )
        return count

    def _project(self, position: int, event: DomainEvent, owners: dict[str, AggregateRow]) -> None:
        key = str(event.originator_id)
        if isinstance(event, CohortOpened):
            owners[key] = AggregateRow(key, "cohort", event.slug, None, event.name)
        elif isinstance(event, TerritoryRegistered):
            owners[key] = AggregateRow(key, "territory", event.cohort, event.slug, event.name)
        owner = owners.get(key)
        if owner is None:
            return  # an event of an aggregate this read model does not follow
        if isinstance(event, CohortOpened | TerritoryRegistered):
            self.db.execute(
                "INSERT INTO timeline_aggregates (id, kind, cohort, territory, name) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, cohort = excluded.cohort, "
                "territory = excluded.territory, name = excluded.name",
                (owner.id, owner.kind, owner.cohort, owner.territory, owner.name),
            )
        self.db.execute(
            "INSERT INTO timeline_entries (position, cohort, territory, entry, type, occurred, recorded, facts) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                position,
                owner.cohort,
                owner.territory,
                self._seal(event.entry),
                event.type_name(),
                str(event.occurred),
                event.timestamp.isoformat(),
                self._seal(json.dumps(event.payload(), ensure_ascii=False)),
            ),
        )

    def aggregates(self, kind: str | None = None, cohort: str | None = None) -> list[AggregateRow]:
        """The cohorts and territories projected so far."""
        query = "SELECT id, kind, cohort, territory, name FROM timeline_aggregates WHERE 1 = 1"
        params: list[Any] = []
        if kind:
            query += " AND kind = ?"
            params.append(kind)
        if cohort:
            query += " AND cohort = ?"
            params.append(cohort)
        return [AggregateRow(*row) for row in self.db.query(query + " ORDER BY cohort, territory", params)]

    def rows(self, cohort: str, territory: str | None = None, cohort_level: bool = True) -> Iterator[Row]:
        """The projected events of a cohort: one territory's and, if asked, the cohort's own."""
        query = "SELECT position, cohort, territory, entry, type, occurred, recorded, facts FROM timeline_entries "
        if territory is None:
            where, params = "WHERE cohort = ?", [cohort]
        elif cohort_level:
            where, params = "WHERE cohort = ? AND (territory = ? OR territory IS NULL)", [cohort, territory]
        else:
            where, params = "WHERE cohort = ? AND territory = ?", [cohort, territory]
        for record in self.db.query(query + where + " ORDER BY position", params):
            position, cohort_id, territory_id, entry, kind, occurred, recorded, facts = record
            yield Row(
                position,
                cohort_id,
                territory_id,
                self._open(entry),
                kind,
                occurred,
                recorded,
                json.loads(self._open(facts)),
            )

    def _seal(self, text: str) -> str:
        if self.key is None:
            return text
        return base64.b64encode(self.key.encrypt(text.encode())).decode("ascii")

    def _open(self, text: str) -> str:
        if self.key is None:
            return text
        return self.key.decrypt(base64.b64decode(text)).decode()


def aggregate_uuid(row: AggregateRow) -> UUID:
    """The event-store id of a projected aggregate."""
    return UUID(row.id)
