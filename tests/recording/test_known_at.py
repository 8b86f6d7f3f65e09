"""`--known-at`: the history as the store knew it at a past moment; `diff` between two such moments; the log's authors."""

from __future__ import annotations

import json
import time
from datetime import datetime

import pytest

from tests.conftest import EXAMPLE
from tests.e2e.test_cli import invoke
from tests.recording.test_record_cli import plain


@pytest.fixture
def two_moments(store_address: str) -> tuple[str, str]:
    """The example imported, a moment, then a new effect and a correction; returns (store, the moment between)."""
    assert invoke(store_address, "import", str(EXAMPLE)).exit_code == 0
    time.sleep(0.01)
    between = datetime.now().astimezone().isoformat()
    time.sleep(0.01)
    recorded = invoke(
        store_address,
        "record",
        "les-aubiers",
        "effect_observed",
        "--date",
        "mars 2027",
        "--set",
        "label=coopération",
        "--set",
        "description=Ensemble.",
        "--yes",
        "--no-file",
    )
    assert recorded.exit_code == 0, recorded.output
    corrected = invoke(
        store_address,
        "correct",
        "les-aubiers/interviews_held@2026-23#1",
        "--set",
        "count=14",
        "--reason",
        "deux oubliés",
        "--yes",
        "--no-file",
    )
    assert corrected.exit_code == 0, corrected.output
    return store_address, between


def test_known_at_leaves_out_entries_and_corrections_recorded_later(two_moments):
    store, between = two_moments
    then = plain(invoke(store, "replay", "les-aubiers", "--known-at", between).output)
    now = plain(invoke(store, "replay", "les-aubiers").output)
    assert "coopération" in now and "coopération" not in then
    assert "14 entretiens" in now and "14 entretiens" not in then
    assert (
        invoke(store, "replay", "les-aubiers", "--known-at", "2099-01-01").stdout
        == invoke(store, "replay", "les-aubiers").stdout
    )


@pytest.mark.parametrize(
    "command",
    [
        ("stats", "val-imaginaire-2026", "--json"),
        ("export", "csv", "val-imaginaire-2026"),
        ("cohort", "val-imaginaire-2026"),
    ],
)
def test_known_at_on_the_cohort_commands(two_moments, command):
    store, between = two_moments
    then = invoke(store, *command, "--known-at", between)
    now = invoke(store, *command)
    assert then.exit_code == now.exit_code == 0, then.output
    assert then.stdout != now.stdout


def test_known_at_before_the_first_import_says_the_territory_was_not_recorded_yet(two_moments):
    store, _ = two_moments
    result = invoke(store, "replay", "les-aubiers", "--known-at", "2000-01-01")
    assert result.exit_code == 1
    assert (
        "Le territoire Les Aubiers n'était pas encore enregistré dans le stockage le 1er janvier 2000"
        in result.output
    )


def test_a_bad_moment_is_a_usage_error_in_french(two_moments):
    store, _ = two_moments
    result = invoke(store, "replay", "les-aubiers", "--known-at", "hier")
    assert result.exit_code == 2
    assert "« hier » n'est pas un moment" in result.output


def test_diff_says_what_was_gained_and_changed_in_french_and_json(two_moments):
    store, between = two_moments
    text = plain(invoke(store, "diff", "les-aubiers", "--known-at", between).output)
    assert "l'histoire des Aubiers a :" in text
    assert "gagné 1 entrée :" in text and "les-aubiers/effect_observed@2027-03#cooperation" in text
    assert "changé 1 entrée :" in text and "count 12 → 14 (deux oubliés)" in text
    data = json.loads(invoke(store, "diff", "les-aubiers", "--known-at", between, "--json").output)
    assert [e["entry"] for e in data["gained"]] == ["les-aubiers/effect_observed@2027-03#cooperation"]
    assert data["changed"][0]["fields"] == {"count": {"before": 12, "after": 14}}
    assert data["lost"] == []
    same = invoke(store, "diff", "les-aubiers", "--known-at", between, "--known-at", between)
    assert "n'a pas changé" in same.output


def test_the_log_says_who_recorded_what_and_the_reasons(two_moments, monkeypatch):
    store, _ = two_moments
    rows = json.loads(invoke(store, "log", "les-aubiers", "--json").output)
    correction = [r for r in rows if r["type"] == "entry_corrected"]
    assert correction and correction[0]["reason"] == "deux oubliés" and correction[0]["changes"] == ["count"]
    assert all(r["author"] for r in rows)
    since = json.loads(invoke(store, "log", "--since", "2999-01-01", "--json").output)
    assert since == []
    monkeypatch.setenv("TRANSITIONS_AUTHOR", "Équipe Sud")
    invoke(
        store,
        "retract",
        "les-aubiers/pilot_note_written@2027-01#intention",
        "--reason",
        "doublon",
        "--yes",
        "--no-file",
    )
    mine = json.loads(invoke(store, "log", "--by", "equipe sud", "--json").output)
    assert [r["type"] for r in mine] == ["entry_retracted"]


def test_v1_events_read_back_with_the_author_unknown(tmp_path):
    import shutil

    from tests.integration.test_v1_store import FIXTURE

    copy = tmp_path / "v1.sqlite"
    shutil.copy(FIXTURE, copy)
    rows = json.loads(invoke(copy, "log", "--json").output)
    assert len(rows) == 64 and {r["author"] for r in rows} == {None}
    assert "(inconnu)" in invoke(copy, "log", "les-aubiers").output


def test_a_site_built_as_known_at_a_moment_tells_that_moment_and_says_so(two_moments, tmp_path):
    store, between = two_moments
    then, now = tmp_path / "then", tmp_path / "now"
    built = invoke(
        store, "site", "build", "val-imaginaire-2026", "--output", str(then), "--known-at", between
    )
    assert built.exit_code == 0, built.output
    assert invoke(store, "site", "build", "val-imaginaire-2026", "--output", str(now)).exit_code == 0
    page_then = (then / "territoires" / "les-aubiers.html").read_text(encoding="utf-8")
    page_now = (now / "territoires" / "les-aubiers.html").read_text(encoding="utf-8")
    assert "coopération" in page_now and "coopération" not in page_then
    assert "était enregistré le" in page_then
    assert "était enregistré le" not in page_now
    early = invoke(
        store,
        "site",
        "build",
        "val-imaginaire-2026",
        "--output",
        str(tmp_path / "x"),
        "--known-at",
        "2000-01-01",
    )
    assert early.exit_code == 1
    assert "La cohorte val-imaginaire-2026 n'était pas encore enregistrée" in early.output
    assert not (tmp_path / "x").exists()
