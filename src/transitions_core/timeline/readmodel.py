"""The timeline read model, kept in tables beside the events and caught up from the notification log with tracking.

SQLite has no subscriptions (see the eventsourcing notes), so each query first reads the
notifications after the tracked position and projects them, in one transaction with the new
position. A second reader doing the same at the same moment waits for the lock (see
`databases.py`), then finds nothing left to do.
"""

from __future__ import annotations

import base64
import copy
import heapq
import json
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, NamedTuple
from uuid import UUID

from transitions_core.store.encryption import StoreKey
from transitions_core.store.failures import DamagedRow, ReadModelStuck, RowRefused, is_whole_store_failure
from transitions_core.store.lazy_app import LazyApp
from transitions_core.timeline.databases import TABLES, ReadModelDatabase

if TYPE_CHECKING:
    from transitions_core.domain.events import DomainEvent
    from transitions_core.store.application import TransitionsApplication

TRACKING_NAME = "timeline"
#: A tracking row saying that every aggregate's folded names are in `timeline_names`.
NAMES_TRACKING = "timeline_names"


class Row(NamedTuple):
    """One projected event."""

    # A named tuple, not a frozen dataclass: a replay builds a hundred of them, and a frozen
    # dataclass sets each field through object.__setattr__.

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
        self, app: TransitionsApplication | LazyApp, db: ReadModelDatabase, key: StoreKey | None = None
    ) -> None:
        #: The event store, built when first needed (shared with every copy of this read model).
        self.source = app if isinstance(app, LazyApp) else LazyApp.built(app)
        self.db = db
        #: An encrypted store keeps its entries' keys and facts (quotes, people) encrypted here too.
        self.key = key
        self._named = False
        #: The tables found missing at opening, for which the read model was rebuilt from the log (`repair`).
        self.rebuilt: list[str] = []
        #: With `known_at`: only rows recorded by then, as ISO text (the `recorded` column compares as text).
        self._known_at: str | None = None

    @property
    def app(self) -> TransitionsApplication:
        """The event store's application (built now if it was not)."""
        return self.source.get()

    def repair(self) -> None:
        """Once, when the store is opened: a read model with a table dropped starts again from the log.

        Names alone are refilled in place (a store made before they were kept, or a dropped table).
        """
        missing = self.db.missing
        if missing:
            self.rebuilt = self._rebuild(missing)

    def _rebuild(self, missing: list[str]) -> list[str]:
        core = [table for table in missing if table != "timeline_names"]
        with self.db.exclusive():
            if core:
                for table in TABLES:
                    self.db.execute(f"DELETE FROM {table}")
            else:  # the names alone: a store made before they were kept, or a dropped table
                self.db.execute("DELETE FROM timeline_tracking WHERE name = ?", (NAMES_TRACKING,))
        # A fresh store has no table yet: nothing was rebuilt, only created.
        return missing if core and self.source.last_position() else []

    def known_at(self, moment: datetime | None) -> TimelineReadModel:
        """This read model as the store knew it at `moment`: rows recorded later are left out (None: all)."""
        view = copy.copy(self)
        view._known_at = None if moment is None else recorded_bound(moment)
        return view

    @property
    def knowledge(self) -> str | None:
        """The moment of knowledge this read model answers for (ISO text), or None for today's."""
        return self._known_at

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
        if self.source.last_position() <= self.position():
            return 0
        with self.db.exclusive():
            start = self.position()
            owners = {row.id: row for row in self.aggregates()}
            count = 0
            last = start
            for position, event in self.app.follow(start):
                try:
                    self._project(position, event, owners)
                except Exception as error:  # a backend limit: say which event, never leave a half-made view
                    if is_whole_store_failure(error):
                        raise
                    raise ReadModelStuck(position, RowRefused(event, error).reason) from error
                last = position
                count += 1
            self.db.execute(
                "INSERT INTO timeline_tracking (name, position) VALUES (?, ?) "
                "ON CONFLICT (name) DO UPDATE SET position = excluded.position",
                (TRACKING_NAME, last),
            )
        return count

    def check_rows(self, events: Sequence[DomainEvent]) -> None:
        """Write the rows of raw text `events` would add, then undo them: RowRefused if the database refuses one."""
        from transitions_core.timeline.row_trial import try_rows

        try_rows(self, self._project, events)

    def _project(self, position: int, event: DomainEvent, owners: dict[str, AggregateRow]) -> None:
        # Here, not at the top: reading a caught-up read model builds no event class.
        from transitions_core.domain.events import CohortOpened, TerritoryRegistered

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
            self._name(owner)
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
        where, params = self._aggregates_where(kind, cohort)
        query = f"SELECT id, kind, cohort, territory, name FROM timeline_aggregates a WHERE 1 = 1{where}"
        return [AggregateRow(*row) for row in self.db.query(query + " ORDER BY cohort, territory", params)]

    def count(self, kind: str | None = None, cohort: str | None = None) -> int:
        """How many `aggregates(kind, cohort)` would list, counted by the database."""
        where, params = self._aggregates_where(kind, cohort)
        rows = self.db.query(f"SELECT COUNT(*) FROM timeline_aggregates a WHERE 1 = 1{where}", params)
        return int(rows[0][0])

    def counts_by_cohort(self, kind: str) -> dict[str, int]:
        """How many `aggregates(kind, cohort)` would list for each cohort, counted by the database in one query."""
        where, params = self._aggregates_where(kind, None)
        query = f"SELECT cohort, COUNT(*) FROM timeline_aggregates a WHERE 1 = 1{where} GROUP BY cohort"
        return {str(cohort): int(count) for cohort, count in self.db.query(query, params)}

    def _aggregates_where(self, kind: str | None, cohort: str | None) -> tuple[str, list[Any]]:
        where, params = "", []
        if self._known_at is not None:
            where += KNOWN_AGGREGATE
            params += [self._known_at, self._known_at]
        if kind:
            where += " AND kind = ?"
            params.append(kind)
        if cohort:
            where += " AND cohort = ?"
            params.append(cohort)
        return where, params

    def named(self, kind: str, folded: str, cohort: str | None = None) -> list[AggregateRow]:
        """The aggregates of a kind whose id or name folds (`fold`) to `folded`, in the order of `aggregates`."""
        self._name_all()
        query = (
            "SELECT a.id, a.kind, a.cohort, a.territory, a.name FROM timeline_names n "
            "JOIN timeline_aggregates a ON a.id = n.id WHERE n.folded = ? AND a.kind = ?"
        )
        params = [folded, kind]
        if cohort:
            query += " AND a.cohort = ?"
            params.append(cohort)
        if self._known_at is not None:
            query += KNOWN_AGGREGATE
            params += [self._known_at, self._known_at]
        return [
            AggregateRow(*row) for row in self.db.query(query + " ORDER BY a.cohort, a.territory", params)
        ]

    def _name(self, row: AggregateRow) -> None:
        key = row.territory if row.kind == "territory" else row.cohort
        for folded in dict.fromkeys((fold(key or ""), fold(row.name))):
            self.db.execute(
                "INSERT INTO timeline_names (folded, id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                (folded, row.id),
            )

    def _name_all(self) -> None:
        # A store projected before the names were kept gets them once, from the aggregates.
        if self._named:
            return
        done = "SELECT 1 FROM timeline_tracking WHERE name = ?"
        if not self.db.query(done, (NAMES_TRACKING,)):
            with self.db.exclusive():
                if not self.db.query(done, (NAMES_TRACKING,)):
                    for row in self.aggregates():
                        self._name(row)
                    self.db.execute(
                        "INSERT INTO timeline_tracking (name, position) VALUES (?, 1)", (NAMES_TRACKING,)
                    )
        self._named = True

    def rows(self, cohort: str, territory: str | None = None, cohort_level: bool = True) -> Iterator[Row]:
        """The projected events of a cohort: one territory's and, if asked, the cohort's own."""
        query = "SELECT position, cohort, territory, entry, type, occurred, recorded, facts FROM timeline_entries "
        known, bound = self._known()
        if territory is None:
            yield from self._rows(query + f"WHERE cohort = ?{known} ORDER BY position", [cohort, *bound])
            return
        own = self._rows(
            query + f"WHERE cohort = ? AND territory = ?{known} ORDER BY position",
            [cohort, territory, *bound],
        )
        if not cohort_level:
            yield from own
            return
        # Two searches of the index, merged: `territory = ? OR territory IS NULL` read every row of the cohort.
        yield from heapq.merge(own, self.cohort_level_rows(cohort), key=_position)

    def cohort_level_rows(self, cohort: str, types: Sequence[str] = ()) -> Iterator[Row]:
        """The projected events of the cohort's own aggregate (none of its territories'), of some types if given."""
        query = (
            "SELECT position, cohort, territory, entry, type, occurred, recorded, facts FROM timeline_entries "
            "WHERE cohort = ? AND territory IS NULL"
        )
        known, bound = self._known()
        params = [cohort, *types, *bound]
        if types:
            query += f" AND type IN ({', '.join('?' for _ in types)})"
        yield from self._rows(query + known + " ORDER BY position", params)

    def _known(self) -> tuple[str, list[str]]:
        """The condition (and its parameter) that keeps only rows recorded by the moment of knowledge."""
        if self._known_at is None:
            return "", []
        return " AND recorded <= ?", [self._known_at]

    def rows_after(self, position: int, limit: int) -> list[tuple[int, str, str]]:
        """Up to `limit` raw rows after a position, as stored: (position, entry, facts), still sealed if encrypted."""
        query = (
            "SELECT position, entry, facts FROM timeline_entries WHERE position > ? ORDER BY position LIMIT ?"
        )
        return [(int(row[0]), row[1], row[2]) for row in self.db.query(query, (position, limit))]

    def decode(self, entry: str, facts: str) -> tuple[str, dict[str, Any]]:
        """A stored row's entry key and facts, opened and parsed as `rows` gives them (errors as they come)."""
        parsed = json.loads(self._open(facts))
        if not isinstance(parsed, dict):
            raise ValueError(f"les faits ne forment pas un objet JSON mais un {type(parsed).__name__}")
        return self._open(entry), parsed

    def _rows(self, query: str, params: Sequence[Any]) -> Iterator[Row]:
        for record in self.db.query(query, params):
            position, cohort_id, territory_id, entry, kind, occurred, recorded, facts = record
            try:
                row = Row(
                    position,
                    cohort_id,
                    territory_id,
                    self._open(entry),
                    kind,
                    occurred,
                    recorded,
                    json.loads(self._open(facts)),
                )
            except (ValueError, TypeError) as error:  # JSON, base64 or UTF-8 damaged under the tool
                raise DamagedRow(position, error) from None
            yield row

    def _seal(self, text: str) -> str:
        if self.key is None:
            return text
        return base64.b64encode(self.key.encrypt(text.encode())).decode("ascii")

    def _open(self, text: str) -> str:
        if self.key is None:
            return text
        return self.key.decrypt(base64.b64decode(text)).decode()


#: An aggregate is known once its first row (its opening or registration) was recorded.
KNOWN_AGGREGATE = (
    " AND ((a.kind = 'territory' AND EXISTS (SELECT 1 FROM timeline_entries e WHERE e.cohort = a.cohort "
    "AND e.territory = a.territory AND e.type = 'territory_registered' AND e.recorded <= ?)) "
    "OR (a.kind = 'cohort' AND EXISTS (SELECT 1 FROM timeline_entries e WHERE e.cohort = a.cohort "
    "AND e.territory IS NULL AND e.type = 'cohort_opened' AND e.recorded <= ?)))"
)


def recorded_bound(moment: datetime) -> str:
    """`moment` as the `recorded` column writes times, so that text order is time order.

    The store writes UTC times (`+00:00`, or none for simulated histories, read as UTC); microseconds
    always written, so that `…:00+00:00` (no fraction) sorts before `…:00.000001+00:00`.
    """
    utc = moment.astimezone(UTC) if moment.tzinfo else moment
    return utc.strftime("%Y-%m-%dT%H:%M:%S.%f") + "+00:00"


def _position(row: Row) -> int:
    return row.position


def fold(text: str) -> str:
    """Lowercase, without accents, hyphens and apostrophes as spaces: how names are compared."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(ascii_text.lower().replace("-", " ").replace("'", " ").split())


def aggregate_uuid(row: AggregateRow) -> UUID:
    """The event-store id of a projected aggregate."""
    return UUID(row.id)
