"""The processes of the concurrency test: writers that import at the same moment, and a reader that checks.

They run in their own interpreters (multiprocessing, spawn): real processes, each with its own connections.
"""

from __future__ import annotations

import time
from multiprocessing.synchronize import Event
from pathlib import Path
from typing import Any

from tests.generated import day_spent, finding
from transitions_core.errors import WriteConflict
from transitions_core.history.errors import HistoryFileError
from transitions_core.history.importer import import_histories
from transitions_core.store.copying import read_log
from transitions_core.store.locations import parse_store
from transitions_core.store.opening import open_store


def writer(address: str, folder: str, worker: int, rounds: int, start: Event, results: Any) -> None:
    """Import `rounds` one-entry files, alternately a finding and a day; report each outcome."""
    start.wait()
    outcomes = []
    for k in range(rounds):
        key = f"w{worker}-{k}"
        kind = "finding" if k % 2 == 0 else "day"
        path = (finding if kind == "finding" else day_spent)(Path(folder) / f"{key}.yaml", key)
        with open_store(parse_store(address)) as store:
            try:
                report = import_histories(store.app, [path])
            except HistoryFileError as error:
                outcomes.append((kind, "refused", str(error), 0))
            except WriteConflict as error:
                outcomes.append((kind, "conflict", str(error), 0))
            else:
                outcomes.append((kind, "appended", "", report.attempts))
            store.caught_up()  # every writer reads too, while the others write
    results.put(outcomes)


def reader(address: str, start: Event, stop: Event, results: Any) -> None:
    """Catch the read model up again and again; after each, compare it with the log."""
    start.wait()
    passes = 0
    faults: list[str] = []
    while True:
        stopping = stop.is_set()  # one last pass after the writers are done
        with open_store(parse_store(address)) as store:
            store.timeline.catch_up()
            position = store.timeline.position()
            logged = [n.id for n in read_log(store.app.recorder, position)]
            # Other processes may have caught up further meanwhile: compare up to our position.
            rows = [row for row in store.timeline.positions() if row <= position]
        passes += 1
        if rows != logged:
            faults.append(f"pass {passes}: read model {len(rows)} rows, log {len(logged)} up to {position}")
        if stopping:
            break
        time.sleep(0.02)  # leave the writers some of the two cores
    results.put((passes, faults))
