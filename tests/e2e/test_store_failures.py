"""A full disk or a read-only store: one clear sentence, exit 1, and the store as it was."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, OCCITANIE
from tests.e2e.test_cli import invoke
from tests.stores import raw_log, run_sql

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


@contextmanager
def mounted(target: Path, *options: str) -> Iterator[Path]:
    """`mount OPTIONS target` for the block (root only: the tests run as root, like CI)."""
    target.mkdir(exist_ok=True)
    done = subprocess.run(["mount", *options, str(target)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount here ({done.stderr.strip() or 'not root'}): a real disk limit needs mount")
    try:
        yield target
    finally:
        subprocess.run(["umount", "-l", str(target)], check=False, capture_output=True)


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MiB tmpfs: a real disk that fills up."""
    with mounted(tmp_path / "tiny", "-t", "tmpfs", "-o", "size=1m", "tmpfs") as folder:
        yield folder


def fill(folder: Path, leave: int) -> Path:
    """Take all the free space of `folder`'s disk but `leave` bytes."""
    filler = folder / "filler"
    with filler.open("wb") as out:
        out.write(b"\0" * max(shutil.disk_usage(folder).free - leave, 0))
    return filler


@pytest.mark.parametrize("leave", [0, 40_000], ids=["no-room-at-all", "room-for-a-few-pages"])
def test_a_store_on_a_full_disk_is_a_clear_error_and_stays_as_it_was(tiny_disk, leave):
    path = tiny_disk / "store.sqlite"
    assert invoke(path, "import", str(EXAMPLE)).exit_code == 0
    before = raw_log(str(path))
    filler = fill(tiny_disk, leave)
    result = invoke(path, "import", str(OCCITANIE))
    filler.unlink()
    assert result.exit_code == 1
    assert result.output.startswith("Erreur : Le disque du stockage")
    assert "est plein : libérez de la place, puis relancez. Rien n'a été écrit.\n" in result.output
    assert result.output.count("\n") == 1
    assert raw_log(str(path)) == before
    assert invoke(path, "store", "check").exit_code == 0


def test_a_store_on_a_read_only_disk_is_a_clear_error_and_stays_as_it_was(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "store.sqlite"
    assert invoke(path, "import", str(EXAMPLE)).exit_code == 0
    before = raw_log(str(path))
    with mounted(tmp_path / "read-only", "--bind", str(folder)) as view:
        remount = subprocess.run(["mount", "-o", "remount,bind,ro", str(view)], capture_output=True)
        if remount.returncode != 0:
            pytest.skip("cannot remount read-only here")
        for args in (("import", str(OCCITANIE)), ("replay", "les-aubiers")):
            result = invoke(view / "store.sqlite", *args)
            assert result.exit_code == 1
            assert result.output == (
                f"Erreur : Le stockage {view / 'store.sqlite'} est en lecture seule (fichier, dossier ou "
                "disque) : SQLite doit pouvoir écrire dans son dossier, même pour lire. Rendez-le "
                "inscriptible, ou copiez le fichier ailleurs. Rien n'a été écrit.\n"
            )
    assert raw_log(str(path)) == before


def test_a_read_only_postgresql_base_is_a_clear_error_and_stays_as_it_was(postgres_url):
    assert invoke(postgres_url, "import", str(EXAMPLE)).exit_code == 0
    before = raw_log(postgres_url)
    server, base = postgres_url.rsplit("/", 1)
    admin = f"{server}/postgres"  # the base itself refuses ALTER once read-only
    run_sql(admin, f"ALTER DATABASE {base} SET default_transaction_read_only = on")
    results = [invoke(postgres_url, "import", str(OCCITANIE)), invoke(postgres_url, "replay", "les-aubiers")]
    run_sql(admin, f"ALTER DATABASE {base} RESET default_transaction_read_only")
    for result in results:
        assert result.exit_code == 1
        assert result.output == (
            "Erreur : La base PostgreSQL est en lecture seule (default_transaction_read_only, ou serveur "
            "de secours) : écrivez sur la base principale, ou demandez à son administrateur de la rouvrir "
            "en écriture. Rien n'a été écrit.\n"
        )
    assert raw_log(postgres_url) == before
