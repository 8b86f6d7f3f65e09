"""`history export`: the store back to a history file. Imported into an empty store, it replays the same story;
with its corrections kept, re-imported into the store it came from, it appends nothing (Occitanie and generated histories)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLE, OCCITANIE, SCENARIOS
from tests.e2e.test_cli import invoke
from transitions_core.history.export import export_history
from transitions_core.history.importer import import_histories
from transitions_core.narrative.build import territory_view
from transitions_core.narrative.formats import Subject
from transitions_core.narrative.render import render
from transitions_core.plugins import load_host
from transitions_core.store.locations import StoreLocation
from transitions_core.store.opening import Store, open_store

HOST = load_host()
STORE_SPECIFIC = ("position", "recorded")


def replay_json(store: Store, cohort: str, corrections: bool = True) -> dict[str, Any]:
    """Every territory's replay JSON, less what only says where and when this store recorded it."""
    readmodel = store.caught_up()
    out = {}
    for row in readmodel.aggregates(kind="territory", cohort=cohort):
        view = territory_view(readmodel, cohort, row.territory or "")
        data = json.loads(render(HOST, "json", view, Subject.TERRITORY))
        for entry in data["entries"]:
            for name in STORE_SPECIFIC:
                entry.pop(name, None)
            if not corrections:
                entry.pop("corrections", None)
        out[row.territory] = data
    return out


def known(value: Any) -> Any:
    """Facts without their unknown (None) values: a correction keeps a block as written, an import fills it in."""
    if isinstance(value, dict):
        return {k: known(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [known(v) for v in value]
    return value


def round_trip(history: Path, cohort: str, tmp: Path, keep: bool) -> tuple[Store, Store, int]:
    """(original store, store imported from the export, entries the export re-imported into the original added)."""
    original = open_store(StoreLocation("memory"))
    import_histories(original.app, [history])
    text, report = export_history(original.app, original.caught_up(), cohort, keep_corrections=keep)
    assert report.rebuilt_differently == []
    exported = tmp / f"export-{keep}.yaml"
    exported.write_text(text, encoding="utf-8")
    copy = open_store(StoreLocation("memory"))
    import_histories(copy.app, [exported])
    added = len(import_histories(original.app, [exported]).appended) if keep else 0
    return original, copy, added


@pytest.mark.parametrize(
    ("history", "cohort"),
    [
        (OCCITANIE, "occitanie-2024"),
        (EXAMPLE, "val-imaginaire-2026"),
        (SCENARIOS / "exemple-bretagne.yaml", "bretagne-imaginaire-2026"),
    ],
)
def test_the_bundled_histories_round_trip_with_their_corrections_kept(history, cohort, tmp_path):
    original, copy, added = round_trip(history, cohort, tmp_path, keep=True)
    with original, copy:
        assert added == 0
        assert replay_json(copy, cohort) == replay_json(original, cohort)


def test_occitanie_with_corrections_applied_replays_the_same_facts(tmp_path):
    original, copy, _ = round_trip(OCCITANIE, "occitanie-2024", tmp_path, keep=False)
    with original, copy:
        before, after = (
            replay_json(original, "occitanie-2024", False),
            replay_json(copy, "occitanie-2024", False),
        )
        assert before.keys() == after.keys()
        for territory in before:
            facts = [(e["type"], e["occurred"], known(e["facts"])) for e in before[territory]["entries"]]
            assert facts == [
                (e["type"], e["occurred"], known(e["facts"])) for e in after[territory]["entries"]
            ]


def test_the_command_writes_a_file_that_checks(tmp_path):
    store = str(tmp_path / "s.sqlite")
    first = invoke(store, "import", str(OCCITANIE))
    assert first.exit_code == 0
    imported = re.search(r"(\d+) entrées ajoutées", first.output)
    assert imported, first.output
    output = tmp_path / "occ.yaml"
    result = invoke(
        store, "history", "export", "occitanie-2024", "--keep-corrections", "--output", str(output)
    )
    assert result.exit_code == 0, result.output
    again = invoke(store, "import", str(output)).output
    assert f"0 entrée ajoutée, {imported.group(1)} déjà présentes." in again


MONTHS = st.sampled_from([f"2026-{m:02d}" for m in range(1, 13)] + ["2026-23", "2026-05/2026-07", "2026"])
TEXT = st.text(alphabet="abcdeéè çà'-:#", min_size=1, max_size=12).map(str.strip).filter(bool)


@st.composite
def histories(draw: st.DrawFn) -> str:
    """A small cohort: territories that may join, then steps in their order, effects, corrections and retractions."""
    lines = [
        "kind: history",
        "cohort:",
        "  id: gen",
        "  name: Cohorte générée",
        "  region: Nulle part",
        "territories:",
    ]
    count = draw(st.integers(1, 3))
    for index in range(count):
        lines += [f"  - id: t{index}", f"    name: Territoire {index}", "    kind: commune"]
    lines.append("entries:")
    entries: list[tuple[str, str, str]] = []  # (territory, type, date) of correctable entries
    for index in range(count):
        if not draw(st.booleans()):
            continue
        lines += ["  - date: 2026-01", "    type: territory_joined", f"    territory: t{index}"]
        steps = draw(st.integers(0, 3))
        kinds = ["diagnostic_started", "diagnostic_pre_restituted", "diagnostic_restituted"][:steps]
        for kind in kinds:
            lines += [f"  - date: {draw(MONTHS)}", f"    type: {kind}", f"    territory: t{index}"]
        if steps:
            when = draw(MONTHS)
            lines += [
                f"  - date: {when}",
                "    type: interviews_held",
                f"    territory: t{index}",
                f"    count: {draw(st.integers(0, 30))}",
            ]
            entries.append((f"t{index}", "interviews_held", when))
        for _ in range(draw(st.integers(0, 3))):
            when = draw(MONTHS)
            label = draw(st.none() | TEXT)
            label = f"{label} {len(lines)}" if label else None  # never twice: a file refuses a duplicate
            lines += [f"  - date: {when}", "    type: effect_observed", f"    territory: t{index}"]
            lines += [f"    label: {json.dumps(label, ensure_ascii=False)}"] if label else []
            lines += [f"    description: {json.dumps(draw(TEXT) + f' {len(lines)}', ensure_ascii=False)}"]
        for _ in range(draw(st.integers(0, 2))):
            when = draw(MONTHS)
            lines += [
                f"  - date: {when}",
                "    type: limit_observed",
                f"    territory: t{index}",
                f"    description: {json.dumps(draw(TEXT) + f' {len(lines)}', ensure_ascii=False)}",
            ]
            entries.append((f"t{index}", "limit_observed", when))
        days = draw(st.integers(0, 8))
        if days:
            lines += [
                f"  - date: {draw(MONTHS)}",
                "    type: accompaniment_days_spent",
                f"    territory: t{index}",
                f"    days: {days}",
            ]
    seen: dict[str, int] = {}
    keys = []
    for territory, kind, when in entries:
        base = f"{territory}/{kind}@{when}"
        seen[base] = seen.get(base, 0) + 1
        keys.append((kind, f"{base}#{seen[base]}"))
    for kind, key in draw(st.lists(st.sampled_from(keys), unique=True, max_size=3)) if keys else []:
        if kind == "interviews_held" and draw(st.booleans()):
            lines += [
                "  - date: 2027-01",
                "    type: correction",
                f"    corrects: {key}",
                f"    set: {{count: {draw(st.integers(0, 30))}}}",
                "    reason: recompté",
            ]
        else:
            lines += [
                "  - date: 2027-01",
                "    type: retraction",
                f"    retracts: {key}",
                "    reason: doublon",
            ]
    return "\n".join(lines) + "\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(histories())
def test_generated_histories_round_trip(tmp_path, text):
    history = tmp_path / "gen.yaml"
    history.write_text(text, encoding="utf-8")
    original, copy, added = round_trip(history, "gen", tmp_path, keep=True)
    with original, copy:
        assert added == 0
        assert replay_json(copy, "gen") == replay_json(original, "gen")
    original, copy, _ = round_trip(history, "gen", tmp_path, keep=False)
    with original, copy:
        before, after = replay_json(original, "gen", False), replay_json(copy, "gen", False)
        for territory in before:
            assert [(e["type"], known(e["facts"])) for e in before[territory]["entries"]] == [
                (e["type"], known(e["facts"])) for e in after[territory]["entries"]
            ]
