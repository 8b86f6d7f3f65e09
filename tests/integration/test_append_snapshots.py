"""A snapshot taken at append time is the state rebuilt from the store, however append came by it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from transitions_core.domain.events import AccompanimentBudgetExtended, TerritoryJoined, TerritoryRegistered
from transitions_core.domain.identity import territory_id
from transitions_core.store import application
from transitions_core.store.application import TransitionsApplication
from transitions_core.store.snapshots import project

COHORT = "bocage"
AGGREGATE = territory_id(COHORT, "gatine")
FACTS: dict[str, Any] = {
    "timestamp": datetime(2025, 1, 1, tzinfo=UTC),
    "occurred": "2024",
    "originator_id": AGGREGATE,
}


def history(first: int, last: int) -> list[Any]:
    events: list[Any] = []
    for version in range(first, last + 1):
        if version == 1:
            events.append(
                TerritoryRegistered(
                    **FACTS,
                    originator_version=1,
                    entry="r",
                    cohort=COHORT,
                    slug="gatine",
                    name="Gâtine",
                    kind="epci",
                )
            )
        elif version == 2:
            events.append(TerritoryJoined(**FACTS, originator_version=2, entry="j"))
        else:
            events.append(
                AccompanimentBudgetExtended(**FACTS, originator_version=version, entry=f"b{version}", days=1)
            )
    return events


def test_a_new_aggregate_is_snapshotted_from_its_batch() -> None:
    app = TransitionsApplication(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    events = history(1, application.SNAPSHOT_INTERVAL + 3)

    app.append(events)

    assert app.snapshots is not None
    (snapshot,) = app.snapshots.get(AGGREGATE)
    assert snapshot.originator_version == application.SNAPSHOT_INTERVAL + 3
    assert snapshot.state == project(None, app.stored_events(AGGREGATE)).model_dump(mode="json")  # type: ignore[union-attr]
    app.close()


def test_an_existing_aggregate_is_snapshotted_at_the_version_written() -> None:
    app = TransitionsApplication(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    app.append(history(1, 10))
    app.append(history(11, application.SNAPSHOT_INTERVAL))

    assert app.snapshots is not None
    (snapshot,) = app.snapshots.get(AGGREGATE)
    assert snapshot.originator_version == application.SNAPSHOT_INTERVAL
    assert app.territory(COHORT, "gatine") == project(None, app.stored_events(AGGREGATE))
    app.close()


def test_a_save_of_stock_aggregates_still_goes_through_the_library() -> None:
    app = TransitionsApplication(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    events = history(1, 2)

    recordings = app.save(*events)

    assert [r.notification.originator_version for r in recordings] == [1, 2]
    assert app.save(None) == []
    app.close()


def test_a_snapshot_taken_from_given_states_is_the_state_rebuilt_from_the_store() -> None:
    app = TransitionsApplication(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    app.append(history(1, 10))
    events = history(11, application.SNAPSHOT_INTERVAL + 2)
    folded = project(app.territory(COHORT, "gatine"), events)

    app.append(events, {AGGREGATE: folded})

    assert app.snapshots is not None
    (snapshot,) = app.snapshots.get(AGGREGATE)
    rebuilt = project(None, app.stored_events(AGGREGATE))
    assert snapshot.originator_version == application.SNAPSHOT_INTERVAL + 2
    assert snapshot.state == rebuilt.model_dump(mode="json")  # type: ignore[union-attr]
    app.close()


def test_a_given_state_of_another_version_is_not_snapshotted() -> None:
    app = TransitionsApplication(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    events = history(1, application.SNAPSHOT_INTERVAL)
    stale = project(None, events[:-1])

    app.append(events, {AGGREGATE: stale})

    assert app.snapshots is not None
    (snapshot,) = app.snapshots.get(AGGREGATE)
    assert snapshot.originator_version == application.SNAPSHOT_INTERVAL
    assert snapshot.state == project(None, app.stored_events(AGGREGATE)).model_dump(mode="json")  # type: ignore[union-attr]
    app.close()


def test_given_states_are_what_the_snapshot_is_taken_from() -> None:
    app = TransitionsApplication(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    events = history(1, application.SNAPSHOT_INTERVAL)
    folded = project(None, events)
    assert folded is not None
    marked = folded.model_copy(update={"name": "Gâtine (from the caller)"})

    app.append(events, {AGGREGATE: marked})

    assert app.snapshots is not None
    (snapshot,) = app.snapshots.get(AGGREGATE)
    assert snapshot.state["name"] == "Gâtine (from the caller)"
    app.close()
