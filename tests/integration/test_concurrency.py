"""Several writers on one territory at once: one wins each race, the others reload, re-check and retry.

Given a cohort, when writer processes import at the same moment (and a reader catches the read model up
meanwhile), then no event is lost or duplicated, the invariants hold, and the read model has no gap.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import Counter

import pytest

from tests.e2e.test_cli import invoke
from tests.generated import CAPPED, OPEN, RACE_COHORT, day_spent, race_base
from tests.integration import race_workers
from tests.stores import backend, raw_log
from transitions_core.errors import WriteConflict
from transitions_core.history.errors import HistoryFileError
from transitions_core.history.importer import import_histories
from transitions_core.store.locations import parse_store
from transitions_core.store.opening import open_store

WRITERS = int(os.environ.get("TRANSITIONS_RACE_WRITERS", "4"))
ROUNDS = int(os.environ.get("TRANSITIONS_RACE_ROUNDS", "6"))
BUDGET = 8
BASE_EVENTS = 6  # cohort, two territories, two engagements, one diagnostic started


def test_writers_racing_on_one_territory_lose_nothing_and_duplicate_nothing(store_address, tmp_path):
    with open_store(parse_store(store_address)) as store:
        import_histories(store.app, [race_base(tmp_path / "base.yaml", BUDGET)])
    spawn = multiprocessing.get_context("spawn")
    start, stop, results, checks = spawn.Event(), spawn.Event(), spawn.Queue(), spawn.Queue()
    writers = [
        spawn.Process(
            target=race_workers.writer, args=(store_address, str(tmp_path), w, ROUNDS, start, results)
        )
        for w in range(WRITERS)
    ]
    reading = spawn.Process(target=race_workers.reader, args=(store_address, start, stop, checks))
    for process in [*writers, reading]:
        process.start()
    start.set()
    outcomes = [outcome for _ in writers for outcome in results.get(timeout=240)]
    stop.set()
    passes, faults = checks.get(timeout=240)
    for process in [*writers, reading]:
        process.join(timeout=60)
        assert process.exitcode == 0

    tally = Counter((kind, result) for kind, result, _, _ in outcomes)
    attempts = WRITERS * ROUNDS
    findings = sum(1 for k in range(ROUNDS) if k % 2 == 0) * WRITERS
    print(
        f"\n{backend(store_address)}: {attempts} imports by {WRITERS} processes, "
        f"{sum(a - 1 for *_, a in outcomes if a)} lost races retried, {passes} reader passes, {dict(tally)}"
    )
    assert tally[("finding", "appended")] == findings
    assert tally[("day", "appended")] == BUDGET
    assert tally[("day", "refused")] == attempts - findings - BUDGET
    assert all("dépasserait son budget" in text for kind, result, text, _ in outcomes if result == "refused")
    assert faults == []

    log = raw_log(store_address)
    assert len(log) == BASE_EVENTS + findings + BUDGET
    assert len({(aggregate, version) for _, aggregate, version, _, _ in log}) == len(log)
    with open_store(parse_store(store_address)) as store:
        capped = store.app.territory(RACE_COHORT, CAPPED)
        opened = store.app.territory(RACE_COHORT, OPEN)
        assert capped is not None and opened is not None
        assert capped.days_spent == BUDGET
        readmodel = store.caught_up()
        assert readmodel.positions() == [notification for notification, *_ in log]
        days = [
            row
            for row in readmodel.rows(RACE_COHORT, CAPPED, cohort_level=False)
            if row.type == "accompaniment_days_spent"
        ]
        assert sum(row.facts["days"] for row in days) == BUDGET
        entries = [row.entry for row in readmodel.rows(RACE_COHORT)]
        assert len(entries) == len(set(entries)) == len(log)
    check = invoke(store_address, "store", "check")  # lost races leave sequence gaps on PostgreSQL, not holes
    assert check.exit_code == 0, check.output


def test_an_import_that_loses_a_race_plans_again_from_the_new_state(store_address, tmp_path):
    """Deterministic: another writer saves between this import's plan and its save."""
    with open_store(parse_store(store_address)) as store:
        import_histories(store.app, [race_base(tmp_path / "base.yaml", BUDGET)])
    mine, theirs = day_spent(tmp_path / "mine.yaml", "mine"), day_spent(tmp_path / "theirs.yaml", "theirs")
    with open_store(parse_store(store_address)) as store, open_store(parse_store(store_address)) as other:
        interleave(store, lambda: import_histories(other.app, [theirs]))
        report = import_histories(store.app, [mine])
        assert report.attempts == 2
        assert [entry.key for entry in report.appended] == [f"{CAPPED}/mine"]
        capped = store.app.territory(RACE_COHORT, CAPPED)
        assert capped is not None and capped.days_spent == 2
        assert [e.originator_version for e in store.app.stored_events(capped.id)] == [1, 2, 3, 4]


def test_the_retry_re_checks_the_invariants(store_address, tmp_path):
    """The other writer's day uses up the budget: the retry refuses this one at its line."""
    with open_store(parse_store(store_address)) as store:
        import_histories(store.app, [race_base(tmp_path / "base.yaml", 1)])
    mine, theirs = day_spent(tmp_path / "mine.yaml", "mine"), day_spent(tmp_path / "theirs.yaml", "theirs")
    with open_store(parse_store(store_address)) as store, open_store(parse_store(store_address)) as other:
        interleave(store, lambda: import_histories(other.app, [theirs]))
        with pytest.raises(HistoryFileError, match=r"mine\.yaml:4: .*dépasserait son budget"):
            import_histories(store.app, [mine])
    assert len(raw_log(store_address)) == BASE_EVENTS + 1


def test_an_import_that_keeps_losing_gives_up_with_a_clear_error(store_address, tmp_path):
    with open_store(parse_store(store_address)) as store:
        import_histories(store.app, [race_base(tmp_path / "base.yaml", 100)])
    mine = day_spent(tmp_path / "mine.yaml", "mine")
    with open_store(parse_store(store_address)) as store, open_store(parse_store(store_address)) as other:
        keys = iter(range(100))
        interleave(
            store,
            lambda: import_histories(other.app, [day_spent(tmp_path / "theirs.yaml", f"t{next(keys)}")]),
            times=3,
        )
        with pytest.raises(WriteConflict, match="3 fois de suite : rien n'a été écrit ; relancez l'import"):
            import_histories(store.app, [mine], attempts=3)
    assert len(raw_log(store_address)) == BASE_EVENTS + 3
    assert not any(f"{CAPPED}/mine".encode() in state for *_, state in raw_log(store_address))


def interleave(store, other_write, times: int = 1) -> None:
    """Make the other writer save just before each of the next `times` saves of `store`."""
    original = store.app.append
    remaining = [times]

    def append(events, states=None):
        if remaining[0] > 0:
            remaining[0] -= 1
            other_write()
        return original(events, states)

    store.app.append = append
