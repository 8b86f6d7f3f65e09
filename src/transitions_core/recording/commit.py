"""Write a planned entry: its history file, then the store, both or neither; planned again after a lost race."""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from eventsourcing.persistence import RecordConflictError

from transitions_core.errors import WriteConflict
from transitions_core.files import write_bytes, write_text
from transitions_core.history.importer import RETRY_PAUSE, WRITE_ATTEMPTS
from transitions_core.recording.planning import Plan
from transitions_core.store.application import TransitionsApplication


def commit(app: TransitionsApplication, plan: Callable[[], Plan], attempts: int = WRITE_ATTEMPTS) -> Plan:
    """Plan, write the file (atomically), then append to the store; the file is put back if the store refuses.

    The store is written last: an append cannot be undone, a file can. Another writer's append to the
    same aggregates in between makes the store refuse the whole save; the entry is then planned again
    from the new state, which re-checks every rule.
    """
    for attempt in range(attempts):
        planned = plan()
        if planned.file is not None and planned.new_text is not None:
            write_text(planned.file, planned.new_text)
        try:
            app.append(planned.events, planned.states)
        except RecordConflictError:
            _restore(planned)
            time.sleep(random.uniform(0, min(RETRY_PAUSE * 2**attempt, 1.0)))
            continue
        except BaseException:
            _restore(planned)
            raise
        return planned
    raise WriteConflict(
        f"d'autres écritures ont modifié le même historique pendant celle-ci, {attempts} fois de suite : "
        "rien n'a été écrit ; relancez la commande."
    )


def _restore(planned: Plan) -> None:
    if planned.file is not None and planned.original is not None:
        write_bytes(planned.file, planned.original)
