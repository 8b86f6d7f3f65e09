"""Import history files: validate everything, check every invariant, then append all or nothing.

The work is shared out: `file_reader` reads one file into events, `session` checks them against the
aggregates as they stand, `report` says what was appended. This module is the entry point, and the
retry when another writer won a race.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from eventsourcing.persistence import RecordConflictError

from transitions_core.errors import WriteConflict
from transitions_core.history.errors import HistoryFileError
from transitions_core.history.report import ImportedEntry, ImportReport
from transitions_core.history.session import ImportSession
from transitions_core.store.application import TransitionsApplication
from transitions_core.store.failures import RowRefused

__all__ = ["ImportReport", "ImportedEntry", "import_histories", "plan_histories"]

#: How many times an import is planned again after losing a race with another writer.
WRITE_ATTEMPTS = 12
#: Seconds of the first pause before planning again; it doubles at each attempt.
RETRY_PAUSE = 0.02


def import_histories(
    app: TransitionsApplication,
    paths: Sequence[Path],
    *,
    attempts: int = WRITE_ATTEMPTS,
    territories: Callable[[str], Iterable[str]] | None = None,
    author: str | None = None,
) -> ImportReport:
    """Import every file, or nothing at all if any of them has an error.

    If another writer appended to the same aggregates meanwhile, the store refuses the whole save
    (optimistic concurrency on each aggregate's version): plan again from the new state, which
    re-checks every invariant and skips what the other writer already recorded. `territories` lists a
    cohort's stored territories, to suggest one for a misspelt id.
    """
    for attempt in range(attempts):
        session = plan_histories(app, paths, territories, author)
        try:
            app.append(session.events, session.states)
        except RowRefused as refused:
            entry = next(e for e in session.report.appended if e.key == refused.entry)
            raise HistoryFileError(
                f"{refused}, rien n'a été écrit. Retirez de cette entrée ce que le stockage ne sait pas garder.",
                path=entry.path,
                line=entry.line,
            ) from None
        except RecordConflictError:
            # Random, growing pauses keep two losers from colliding again in step.
            time.sleep(random.uniform(0, min(RETRY_PAUSE * 2**attempt, 1.0)))
            continue
        session.report.attempts = attempt + 1
        session.report.cohorts = dict(session.cohorts)
        return session.report
    raise WriteConflict(
        f"d'autres imports ont modifié les mêmes cohortes pendant celui-ci, {attempts} fois de suite : "
        "rien n'a été écrit ; relancez l'import."
    )


def plan_histories(
    app: TransitionsApplication,
    paths: Sequence[Path],
    territories: Callable[[str], Iterable[str]] | None = None,
    author: str | None = None,
) -> ImportSession:
    """Read and check every file against the store as it stands, writing nothing (`transitions check`).

    `territories` lists a cohort's stored territories, to suggest one for a misspelt id; `author` is who
    the events are recorded by.
    """
    session = ImportSession(app, territories, author)
    for path in paths:
        session.read_file(path)
    return session
