"""Write v1-exemple.sqlite: a store whose every event is at class version 1, as the first versions wrote it.

    .venv/bin/python tests/data/stores/make_v1_store.py

It imports v1-history.yaml (never edit it) with the code of the working tree, so it refuses to run once
an event class is past version 1: the fixture must keep the bytes version 1 wrote. To regenerate it
then, run this script from a checkout of a commit where every `class_version` is still 1.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
HISTORY = HERE / "v1-history.yaml"
STORE = HERE / "v1-exemple.sqlite"


def main() -> None:
    """Write the fixture afresh, read model included, compacted into one file."""
    from transitions_core.domain.events import CATALOGUE
    from transitions_core.history.importer import import_histories
    from transitions_core.store.locations import parse_store
    from transitions_core.store.opening import open_store

    past_v1 = [cls.__name__ for cls in CATALOGUE if cls.class_version != 1]
    if past_v1:
        sys.exit(f"These events are past version 1, so this tree cannot write a v1 store: {past_v1}")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{STORE}{suffix}").unlink(missing_ok=True)
    with open_store(parse_store(str(STORE)), key_variable=None) as store:
        report = import_histories(store.app, [HISTORY])
        store.caught_up()
    with sqlite3.connect(STORE) as db:  # one self-contained file: no -wal beside it
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.execute("PRAGMA journal_mode = DELETE")
    sqlite3.connect(STORE).execute("VACUUM").connection.close()
    print(f"{STORE.name}: {len(report.appended)} entries, {STORE.stat().st_size} bytes")


if __name__ == "__main__":
    main()
