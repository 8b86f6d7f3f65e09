"""The guided `transitions record` in a real pseudo-terminal (pexpect): a full entry, a refusal, a Ctrl-C."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE
from tests.e2e.test_cli import invoke
from tests.stores import raw_log

pexpect = pytest.importorskip("pexpect")
SCRIPT = Path(sys.executable).with_name("transitions")


@pytest.fixture
def setup(tmp_path: Path) -> tuple[str, Path]:
    history = tmp_path / "historique.yaml"
    shutil.copy(EXAMPLE, history)
    store = str(tmp_path / "store.sqlite")
    assert invoke(store, "import", str(history)).exit_code == 0
    return store, history


def spawn(store: str, *args: str) -> pexpect.spawn:
    child = pexpect.spawn(
        str(SCRIPT), ["--store", store, "record", *args], encoding="utf-8", timeout=30, dimensions=(50, 160)
    )
    return child


def answer_effect(child: pexpect.spawn, when: str) -> None:
    child.expect("Territoire ou cohorte")
    child.send("les aubiers\r")
    child.expect("Type d'entrée")
    child.send("effect_observed")
    child.expect("effet")
    child.send("\r")
    child.expect("Date")
    child.send(f"{when}\r")
    child.expect("EDTF")
    child.expect("description")
    child.send("Les élus se parlent.\r")
    child.expect("label")
    child.send("dialogue\r")
    child.expect("observed_by")
    child.send("\r")
    child.expect("quotes")
    child.expect("non")
    child.send("\r")
    child.expect("source")
    child.send("\r")
    child.expect("note")
    child.send("\r")


def test_a_full_guided_entry_is_previewed_confirmed_and_written(setup):
    store, history = setup
    child = spawn(store, "--as", "Inès")
    answer_effect(child, "avril 2027")
    child.expect("Dans la chronologie")
    child.expect("Enregistrer cette entrée")
    child.send("o\r")
    child.expect("Enregistrée dans le stockage et dans")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "label: dialogue" in history.read_text(encoding="utf-8")
    assert "Inès" in invoke(store, "log", "les-aubiers").output


def test_a_refused_entry_gets_the_import_message_and_is_asked_again(setup):
    store, history = setup
    before = history.read_bytes()
    child = spawn(store, "les-aubiers", "diagnostic_started")
    child.expect("Date")
    child.send("2027-05\r")
    for prompt in ("conducted_by", "source", "note"):
        child.expect(prompt)
        child.send("\r")
    child.expect("Refusée : Entrée refusée : Le début du diagnostic sensible")
    child.expect("Recommençons")
    child.expect("Type d'entrée")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert history.read_bytes() == before


def test_ctrl_c_in_the_middle_writes_nothing(setup):
    store, history = setup
    before, log = history.read_bytes(), raw_log(store)
    child = spawn(store)
    child.expect("Territoire ou cohorte")
    child.send("les aubiers\r")
    child.expect("Type d'entrée")
    child.send("effect_observed")
    child.expect("effet")
    child.send("\r")
    child.expect("Date")
    child.send("mai 2027\r")
    child.expect("description")
    child.sendcontrol("c")
    child.expect("Interrompu : rien n'a été écrit.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert history.read_bytes() == before and raw_log(store) == log
