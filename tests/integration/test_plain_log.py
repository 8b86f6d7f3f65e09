"""`transitions events` reads a plain SQLite store's log by SQL (`store/plain_log.py`), byte for byte as the application does.

Given a store, when `events` prints an aggregate's log, then its output is the output of the
application's reading (`plain_log` turned off), on every aggregate of the Occitanie history, of the
v1 store (events upcast from their first version) and of each backend; an encrypted store, a
PostgreSQL store or a damaged row are read by the application, whose errors are unchanged.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import OCCITANIE
from tests.e2e.test_cli import invoke
from tests.stores import backend, run_sql
from transitions_core.store import plain_log as plain_log_module
from transitions_core.store.encryption import KEY_VAR, new_key

V1_STORE = Path(__file__).resolve().parent.parent / "data" / "stores" / "v1-exemple.sqlite"
OCCITANIE_SUBJECTS = (
    "occitanie-2024",
    "gruissan",
    "canohes",
    "le-vigan",
    "montpellier",
    "sicoval",
    "frontonnais",
)


class Spy:
    """`plain_log`, remembering whether it read the log (a list) or gave up (None)."""

    def __init__(self) -> None:
        self.answers: list[bool] = []
        self.real: Callable[..., Any] = plain_log_module.plain_log

    def __call__(self, *args: Any) -> Any:
        lines = self.real(*args)
        self.answers.append(lines is not None)
        return lines


def both_ways(
    address: str, args: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> tuple[Any, Any, list[bool]]:
    """`events …` as it runs (with a spy on `plain_log`), then through the application alone."""
    spy = Spy()
    with monkeypatch.context() as patch:
        patch.setattr(plain_log_module, "plain_log", spy)
        fast = invoke(address, "events", *args)
    with monkeypatch.context() as patch:
        patch.setattr(plain_log_module, "plain_log", lambda *a: None)
        slow = invoke(address, "events", *args)
    return fast, slow, spy.answers


@pytest.fixture
def occitanie(store_address: str) -> str:
    result = invoke(store_address, "import", str(OCCITANIE))
    assert result.exit_code == 0, result.output
    return store_address


@pytest.mark.parametrize("subject", OCCITANIE_SUBJECTS)
def test_the_log_read_by_sql_is_the_application_s(
    occitanie: str, subject: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast, slow, answers = both_ways(occitanie, (subject,), monkeypatch)
    assert fast.exit_code == slow.exit_code == 0, fast.output
    assert fast.stdout_bytes == slow.stdout_bytes
    assert fast.stderr_bytes == slow.stderr_bytes
    assert len(fast.stdout.splitlines()) > 10
    # SQLite reads by SQL; PostgreSQL through the application.
    assert answers == [backend(occitanie) == "sqlite"]


def test_the_v1_store_s_upcast_events_print_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "v1.sqlite"
    shutil.copy(V1_STORE, copy)
    for subject in ("val-imaginaire-2026", "les-aubiers"):
        fast, slow, answers = both_ways(str(copy), (subject,), monkeypatch)
        assert fast.exit_code == slow.exit_code == 0, fast.output
        assert fast.stdout_bytes == slow.stdout_bytes and fast.stdout.strip()
        assert answers == [True]


def test_json_and_public_logs_are_the_application_s(occitanie: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for extra in (("--json",), ("--audience", "public")):
        fast, slow, answers = both_ways(occitanie, ("gruissan", *extra), monkeypatch)
        assert fast.stdout_bytes == slow.stdout_bytes and fast.exit_code == 0
        assert answers == []  # not asked: the JSON holds every field, the public log renames people


def test_an_encrypted_store_is_read_by_the_application(
    store_address: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("cryptography")
    monkeypatch.setenv(KEY_VAR, new_key())
    assert invoke(store_address, "import", str(OCCITANIE)).exit_code == 0
    fast, slow, answers = both_ways(store_address, ("gruissan",), monkeypatch)
    assert fast.exit_code == slow.exit_code == 0, fast.output
    assert fast.stdout_bytes == slow.stdout_bytes and len(fast.stdout.splitlines()) > 10
    assert answers == [False]


def shown(address: str, subject: str) -> tuple[int, str, str]:
    """The exit code, output and error type of `events SUBJECT`, errors caught as a user meets them."""
    from click.testing import CliRunner

    from transitions_core.cli.main import cli

    result = CliRunner().invoke(cli, ["--store", address, "events", subject])
    return result.exit_code, result.output, type(result.exception).__name__


@pytest.mark.parametrize(
    "state",
    [
        b"{not json",
        b'{"originator_version": 1}',
        b'{"originator_version":"x","timestamp":1,"occurred":2,"entry":3}',
    ],
)
def test_a_damaged_row_is_left_to_the_application_and_its_error(
    tmp_path: Path, state: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    address = str(tmp_path / "store.sqlite")
    assert invoke(address, "import", str(OCCITANIE)).exit_code == 0
    run_sql(
        address,
        "UPDATE stored_events SET state = ? WHERE rowid = (SELECT MAX(rowid) FROM stored_events "
        "WHERE topic LIKE '%:TerritoryJoined')",
        (state,),
    )
    for subject in OCCITANIE_SUBJECTS[1:]:
        spy = Spy()
        with monkeypatch.context() as patch:
            patch.setattr(plain_log_module, "plain_log", spy)
            fast = shown(address, subject)
        with monkeypatch.context() as patch:
            patch.setattr(plain_log_module, "plain_log", lambda *a: None)
            slow = shown(address, subject)
        assert fast == slow
        if spy.answers == [False]:
            assert fast[0] != 0  # the damaged aggregate: the application's error, as before
    assert any(shown(address, s)[0] != 0 for s in OCCITANIE_SUBJECTS[1:])
