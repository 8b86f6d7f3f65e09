"""Imports into a real store, SQLite and PostgreSQL: idempotent, all or nothing, append-only with corrections."""

from __future__ import annotations

import hashlib
import shutil
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE
from transitions_core.history.errors import HistoryFileError
from transitions_core.history.importer import import_histories
from transitions_core.store.locations import parse_store
from transitions_core.store.opening import open_store
from transitions_core.timeline.view import territory_timeline

COHORT = "val-imaginaire-2026"


def import_files(address: str | Path, *files: Path):
    with open_store(parse_store(str(address))) as store:
        return import_histories(store.app, list(files))


def fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_importing_twice_appends_nothing_the_second_time(store_address):
    first = import_files(store_address, EXAMPLE)
    second = import_files(store_address, EXAMPLE)
    assert len(first.appended) == 15
    assert second.appended == []
    assert len(second.unchanged) == len(first.appended)


def test_a_failed_import_leaves_the_sqlite_file_byte_for_byte_unchanged(store_path, tmp_path):
    import_files(store_path, EXAMPLE)
    before = fingerprint(store_path)
    broken = tmp_path / "broken.yaml"
    text = EXAMPLE.read_text(encoding="utf-8")
    broken.write_text(
        text
        + "\n  - date: 2027-05\n    type: pilot_note_written\n    territory: les-aubiers\n    kind: feasibility\n"
    )
    with pytest.raises(HistoryFileError, match="framing"):
        import_files(store_path, broken)
    assert fingerprint(store_path) == before
    assert not Path(f"{store_path}-wal").exists() or Path(f"{store_path}-wal").stat().st_size == 0


def test_an_import_is_all_or_nothing_across_files(store_address, tmp_path):
    good = tmp_path / "good.yaml"
    shutil.copy(EXAMPLE, good)
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "kind: history\ncohort: val-imaginaire-2026\nentries:\n  - date: 2026-13\n    type: territory_joined\n"
    )
    with pytest.raises(HistoryFileError):
        import_files(store_address, good, bad)
    with open_store(parse_store(store_address)) as store:
        assert store.app.last_position() == 0


def test_an_edited_entry_is_refused_with_its_line(store_address, tmp_path):
    import_files(store_address, EXAMPLE)
    edited = tmp_path / "edited.yaml"
    edited.write_text(EXAMPLE.read_text(encoding="utf-8").replace("count: 12", "count: 14"))
    line = (
        next(
            i for i, text in enumerate(edited.read_text().splitlines(), 1) if "type: interviews_held" in text
        )
        - 1
    )
    with pytest.raises(HistoryFileError, match="correction") as caught:
        import_files(store_address, edited)
    assert caught.value.line == line


def test_an_edited_file_appends_only_its_new_entries(store_address, tmp_path):
    import_files(store_address, EXAMPLE)
    longer = tmp_path / "longer.yaml"
    longer.write_text(
        EXAMPLE.read_text(encoding="utf-8")
        + "  - date: 2027-03\n    type: pilot_note_written\n    territory: les-aubiers\n    kind: framing\n"
    )
    report = import_files(store_address, longer)
    assert [e.type for e in report.appended] == ["pilot_note_written"]


def test_a_correction_shows_in_the_timeline(store_address, tmp_path):
    import_files(store_address, EXAMPLE)
    fix = tmp_path / "fix.yaml"
    fix.write_text(
        "kind: history\ncohort: val-imaginaire-2026\nentries:\n"
        "  - date: 2027-05\n    type: correction\n"
        "    corrects: les-aubiers/interviews_held@2026-23#1\n"
        "    set: {count: 14, date: 2026-10}\n"
        "    reason: deux entretiens oubliés\n"
        "  - date: 2027-05\n    type: retraction\n"
        "    retracts: les-aubiers/accompaniment_days_spent@2027-02/2027-04#1\n"
        "    reason: jours comptés deux fois\n"
    )
    import_files(store_address, fix)
    with open_store(parse_store(store_address)) as store:
        _, entries = territory_timeline(store.caught_up(), COHORT, "les-aubiers")
    interviews = next(e for e in entries if e.type == "interviews_held")
    assert interviews.facts["count"] == 14
    assert str(interviews.occurred) == "2026-10"
    assert interviews.corrections[0].reason == "deux entretiens oubliés"
    assert not any(e.type == "accompaniment_days_spent" for e in entries)


def test_a_correction_of_an_unknown_entry_is_refused(store_address, tmp_path):
    import_files(store_address, EXAMPLE)
    fix = tmp_path / "fix.yaml"
    fix.write_text(
        "kind: history\ncohort: val-imaginaire-2026\nentries:\n"
        "  - date: 2027-05\n    type: correction\n    corrects: les-aubiers/nothing@2026#1\n"
        "    set: {count: 1}\n    reason: test\n"
    )
    with pytest.raises(HistoryFileError, match="Aucune entrée") as caught:
        import_files(store_address, fix)
    assert caught.value.line == 4


def test_the_read_model_follows_the_log_incrementally(store_address, tmp_path):
    import_files(store_address, EXAMPLE)
    with open_store(parse_store(store_address)) as store:
        readmodel = store.caught_up()
        first = readmodel.position()
        assert first == store.app.last_position()
        assert readmodel.catch_up() == 0
    longer = tmp_path / "longer.yaml"
    longer.write_text(
        EXAMPLE.read_text(encoding="utf-8")
        + "  - date: 2027-03\n    type: pilot_note_written\n    territory: les-aubiers\n    kind: framing\n"
    )
    import_files(store_address, longer)
    with open_store(parse_store(store_address)) as store:
        assert store.timeline.catch_up() == 1
        rows = list(store.timeline.rows(COHORT))
        assert len(rows) == len({r.position for r in rows}) == first + 1


def test_replay_as_of_keeps_only_what_had_certainly_happened(store_address):
    import_files(store_address, EXAMPLE)
    with open_store(parse_store(store_address)) as store:
        _, entries = territory_timeline(store.caught_up(), COHORT, "les-aubiers", as_of=date(2026, 3, 25))
    assert [e.type for e in entries] == ["territory_approached", "territory_joined"]
    assert all(e.occurred.latest <= date(2026, 3, 25) for e in entries)


def test_a_file_that_is_not_sqlite_gets_a_clear_message(tmp_path):
    fake = tmp_path / "notes.sqlite"
    fake.write_text("bonjour")
    from transitions_core.errors import StoreError

    with pytest.raises(StoreError, match="n'est pas un stockage"):
        open_store(parse_store(str(fake)))
