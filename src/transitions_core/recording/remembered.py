"""The history file each cohort was imported from, so that `record` can append to it too."""

from __future__ import annotations

import os
from pathlib import Path

from transitions_core.history.report import ImportReport
from transitions_core.timeline.databases import ReadModelDatabase

#: The key of the entry a file's `cohort:` block gives (history/file_reader.py).
COHORT_ENTRY_KEY = "cohort"


def remember_files(db: ReadModelDatabase, report: ImportReport) -> None:
    """Remember, for each cohort a file declares (its `cohort:` block), the file's absolute path."""
    declaring = {e.path for e in [*report.appended, *report.unchanged] if e.key == COHORT_ENTRY_KEY}
    for path, cohort in report.cohorts.items():
        if path in declaring:
            remember(db, cohort, path)


def remember(db: ReadModelDatabase, cohort: str, path: Path) -> None:
    """Remember that `cohort`'s history file is `path`."""
    db.execute(
        "INSERT INTO history_files (cohort, path) VALUES (?, ?) "
        "ON CONFLICT (cohort) DO UPDATE SET path = excluded.path",
        (cohort, os.path.abspath(path)),
    )


def remembered_file(db: ReadModelDatabase, cohort: str) -> Path | None:
    """The history file `cohort` was last imported from, if the store knows it."""
    rows = db.query("SELECT path FROM history_files WHERE cohort = ?", (cohort,))
    return Path(rows[0][0]) if rows else None
