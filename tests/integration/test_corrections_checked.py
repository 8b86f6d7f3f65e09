"""A correction or a retraction is judged as the entry written directly would be, then so is everything after it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.e2e.test_cli import invoke
from transitions_core.history.errors import HistoryFileError
from transitions_core.history.importer import import_histories

BASE = """\
kind: history
cohort:
  id: exemple
  name: Exemple
  region: Nulle part
  pilot_days_budget: 8
territories:
  - id: les-aubiers
    name: Les Aubiers
    kind: commune
entries:
  - date: 2026-02
    type: territory_joined
    territory: les-aubiers
  - date: 2026-03
    type: accompaniment_days_spent
    territory: les-aubiers
    days: 3
"""
DAYS = "les-aubiers/accompaniment_days_spent@2026-03#1"


def later(tmp_path: Path, name: str, entries: str) -> Path:
    path = tmp_path / name
    path.write_text(f"kind: history\ncohort: exemple\nentries:\n{entries}", encoding="utf-8")
    return path


@pytest.fixture
def based(store, tmp_path):
    base = tmp_path / "base.yaml"
    base.write_text(BASE, encoding="utf-8")
    import_histories(store.app, [base])
    return store


def test_a_correction_is_stored_with_the_types_of_its_entry(based, tmp_path, store_address):
    fix = later(
        tmp_path,
        "fix.yaml",
        f"  - {{date: 2026-04, type: correction, corrects: {DAYS}, set: {{days: '4'}}, reason: r}}\n",
    )
    import_histories(based.app, [fix])

    lines = invoke(store_address, "events", "les-aubiers", "--json").stdout.splitlines()
    correction = next(json.loads(line) for line in lines if '"entry_corrected"' in line)
    assert correction["changes"] == {"days": 4.0}


def test_later_entries_are_judged_against_the_corrected_history(based, tmp_path):
    fix = later(
        tmp_path,
        "fix.yaml",
        f"  - {{date: 2026-04, type: correction, corrects: {DAYS}, set: {{days: 7}}, reason: r}}\n",
    )
    import_histories(based.app, [fix])
    more = later(
        tmp_path,
        "more.yaml",
        "  - {date: 2026-05, type: accompaniment_days_spent, territory: les-aubiers, days: 1.5}\n",
    )

    with pytest.raises(
        HistoryFileError, match=re.escape("dépasserait son budget d'accompagnement : 8.5 jours pour 8 prévus")
    ):
        import_histories(based.app, [more])


def test_a_correction_and_the_entry_after_it_are_judged_in_one_file(based, tmp_path):
    both = later(
        tmp_path,
        "both.yaml",
        f"  - {{date: 2026-04, type: correction, corrects: {DAYS}, set: {{days: 7}}, reason: r}}\n"
        "  - {date: 2026-05, type: accompaniment_days_spent, territory: les-aubiers, days: 1.5}\n",
    )
    with pytest.raises(HistoryFileError) as caught:
        import_histories(based.app, [both])
    assert str(caught.value).startswith(f"{both}:5: Les Aubiers dépasserait son budget")


def test_a_retracted_entry_no_longer_counts(based, tmp_path):
    retract = later(
        tmp_path,
        "retract.yaml",
        f"  - {{date: 2026-04, type: retraction, retracts: {DAYS}, reason: doublon}}\n",
    )
    import_histories(based.app, [retract])
    more = later(
        tmp_path,
        "more.yaml",
        "  - {date: 2026-05, type: accompaniment_days_spent, territory: les-aubiers, days: 8}\n",
    )

    assert len(import_histories(based.app, [more]).appended) == 1


def test_a_retracted_closing_reopens_the_cohort(based, tmp_path):
    close = later(tmp_path, "close.yaml", "  - {date: 2026-06, type: cohort_closed}\n")
    import_histories(based.app, [close])
    note = later(tmp_path, "note.yaml", "  - {date: 2026-07, type: context_noted, title: Après}\n")
    with pytest.raises(HistoryFileError, match="est close"):
        import_histories(based.app, [note])

    reopen = later(
        tmp_path,
        "reopen.yaml",
        "  - {date: 2026-07, type: retraction, retracts: cohort_closed@2026-06#1, reason: trop tôt}\n",
    )
    import_histories(based.app, [reopen])

    assert len(import_histories(based.app, [note]).appended) == 1


def test_a_correction_that_would_break_a_later_entry_is_refused(based, tmp_path):
    more = later(
        tmp_path,
        "more.yaml",
        "  - {date: 2026-05, type: accompaniment_days_spent, territory: les-aubiers, days: 4}\n",
    )
    import_histories(based.app, [more])
    fix = later(
        tmp_path,
        "fix.yaml",
        f"  - {{date: 2026-06, type: correction, corrects: {DAYS}, set: {{days: 5}}, reason: r}}\n",
    )

    with pytest.raises(
        HistoryFileError,
        match=re.escape(
            "ainsi corrigé, l'historique ne tiendrait plus. Les Aubiers dépasserait son budget d'accompagnement : 9 jours"
        ),
    ):
        import_histories(based.app, [fix])
