"""A full disk or a read-only store: one clear sentence, exit 1, and the store as it was."""

from __future__ import annotations

import sqlite3

import pytest

from tests.conftest import EXAMPLE, OCCITANIE
from tests.e2e.test_cli import invoke
from tests.stores import raw_log

LIMITS = [
    ("max_page_count = {pages}", "Le disque du stockage est plein : libérez de la place, puis relancez."),
    (
        "query_only = 1",
        "Le stockage est en lecture seule : vérifiez les droits du fichier et de son dossier.",
    ),
]


@pytest.mark.parametrize(("pragma", "message"), LIMITS, ids=["disk-full", "read-only"])
def test_a_store_that_cannot_be_written_is_a_clear_error(tmp_path, monkeypatch, pragma, message):
    path = tmp_path / "store.sqlite"
    assert invoke(path, "import", str(EXAMPLE)).exit_code == 0
    before = raw_log(str(path))
    connect = sqlite3.connect

    def limited(*args, **kwargs):
        # Every connection, the library's included, sees a disk with no room left (or a read-only file).
        connection = connect(*args, **kwargs)
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA {pragma.format(pages=pages)}")
        return connection

    monkeypatch.setattr(sqlite3, "connect", limited)
    result = invoke(path, "import", str(OCCITANIE))
    monkeypatch.undo()
    assert result.exit_code == 1
    assert result.output == f"Erreur : {message} Rien n'a été écrit.\n"
    assert raw_log(str(path)) == before
