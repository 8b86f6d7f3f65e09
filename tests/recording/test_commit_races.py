"""A record that loses a race with another writer is planned again on the new history; file and store stay in step."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from eventsourcing.persistence import RecordConflictError

from tests.conftest import EXAMPLE
from transitions_core.errors import WriteConflict
from transitions_core.history.importer import import_histories
from transitions_core.recording.commit import commit
from transitions_core.recording.fields import build_entry, event_type
from transitions_core.recording.planning import plan_entry
from transitions_core.store.application import TransitionsApplication
from transitions_core.store.locations import StoreLocation
from transitions_core.store.opening import open_store

COHORT = "val-imaginaire-2026"


def effect(label: str) -> dict[str, object]:
    return build_entry(
        event_type("effect_observed"), "2027-05", "les-aubiers", {"label": label, "description": label}
    )


def test_a_lost_race_is_planned_again_and_the_file_gets_the_entry_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    history = tmp_path / "historique.yaml"
    shutil.copy(EXAMPLE, history)
    with open_store(StoreLocation("memory")) as store:
        import_histories(store.app, [history])
        real_append = TransitionsApplication.append
        lost: list[str] = []

        def append_after_another_writer(self, events, states=None):  # type: ignore[no-untyped-def]
            if not lost:
                # Another writer appends to the same territory first: this save's versions are taken.
                other = plan_entry(store.app, COHORT, effect("autre"), None, "autre")
                real_append(self, other.events, other.states)
                lost.append("once")
            return real_append(self, events, states)

        monkeypatch.setattr(TransitionsApplication, "append", append_after_another_writer)
        planned = commit(store.app, lambda: plan_entry(store.app, COHORT, effect("nôtre"), history, "nous"))
        monkeypatch.undo()
        assert planned.key == "les-aubiers/effect_observed@2027-05#notre"
        assert history.read_text(encoding="utf-8").count("label: nôtre") == 1
        state = store.app.territory(COHORT, "les-aubiers")
        assert state is not None
        assert {"les-aubiers/effect_observed@2027-05#autre", planned.key} <= set(state.entries)
        assert import_histories(store.app, [history]).appended == []


def test_losing_every_race_writes_nothing_and_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    history = tmp_path / "historique.yaml"
    shutil.copy(EXAMPLE, history)
    with open_store(StoreLocation("memory")) as store:
        import_histories(store.app, [history])
        before = history.read_bytes()

        def always_lose(self, events, states=None):  # type: ignore[no-untyped-def]
            raise RecordConflictError("taken")

        monkeypatch.setattr(TransitionsApplication, "append", always_lose)
        monkeypatch.setattr("transitions_core.recording.commit.time.sleep", lambda _: None)
        with pytest.raises(WriteConflict, match="rien n'a été écrit"):
            commit(
                store.app, lambda: plan_entry(store.app, COHORT, effect("nôtre"), history, "nous"), attempts=3
            )
        assert history.read_bytes() == before
