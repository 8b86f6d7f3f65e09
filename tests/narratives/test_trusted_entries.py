"""Entries built from read-model rows without validating again are the entries validation builds.

`corrected_entries` fills a `TimelineEntry` as pydantic does when every value is already what
validation would keep (`view._filled`); anything else goes through validation. Checked on the bundled
histories (corrections and retractions included) against validation of the same fields.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from transitions_core.store.locations import parse_store
from transitions_core.store.opening import open_store
from transitions_core.timeline import view
from transitions_core.timeline.readmodel import Row, TimelineReadModel
from transitions_core.timeline.view import TimelineEntry, corrected_entries

COHORTS = {"occitanie": "occitanie-2024", "example": "val-imaginaire-2026"}
V1_STORE = Path(__file__).resolve().parent.parent / "data" / "stores" / "v1-exemple.sqlite"


@pytest.fixture(scope="module")
def corrected(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TimelineReadModel]:
    """The v1 example store, whose history holds a correction and a retraction."""
    copy = tmp_path_factory.mktemp("v1") / "store.sqlite"
    shutil.copy(V1_STORE, copy)
    with open_store(parse_store(str(copy)), create=False, key_variable=None) as store:
        yield store.caught_up()


def same(built: TimelineEntry, validated: TimelineEntry) -> None:
    assert built == validated
    assert repr(built) == repr(validated)
    assert list(built.__dict__) == list(validated.__dict__)
    assert built.__pydantic_fields_set__ == validated.__pydantic_fields_set__
    assert built.__pydantic_extra__ == validated.__pydantic_extra__
    assert built.__pydantic_private__ == validated.__pydantic_private__
    assert built.model_dump_json() == validated.model_dump_json()
    assert built.model_dump(mode="json", exclude_none=True) == validated.model_dump(
        mode="json", exclude_none=True
    )


@pytest.mark.parametrize("name", [*COHORTS, "corrected"])
def test_entries_of_every_row_are_the_validated_ones(
    name: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    readmodel: TimelineReadModel = request.getfixturevalue(name)
    cohorts = [COHORTS[name]] if name in COHORTS else [row.cohort for row in readmodel.aggregates("cohort")]
    rows = [row for cohort in cohorts for row in readmodel.rows(cohort)]
    built = corrected_entries(rows)
    with monkeypatch.context() as patch:
        patch.setattr(view, "_filled", lambda fields: TimelineEntry(**fields))
        validated = corrected_entries(rows)
    assert len(built) == len(validated) > 10
    if name == "corrected":
        assert any(entry.corrections for entry in built)
        assert len(built) < len(rows) - 2  # a correction, a retraction and the entry retracted
    for one, other in zip(built, validated, strict=True):
        same(one, other)


def test_a_built_entry_behaves_as_a_validated_one(occitanie: TimelineReadModel) -> None:
    entry = corrected_entries(occitanie.rows("occitanie-2024"))[0]
    with pytest.raises(ValidationError):
        entry.note = "changée"  # type: ignore[misc]
    copy = entry.model_copy(update={"note": "changée"})
    assert copy.note == "changée" and entry.note != "changée"
    assert entry.__pydantic_fields_set__ is not copy.__pydantic_fields_set__
    assert TimelineEntry.model_validate(entry.model_dump()) == entry


def row(**changes: Any) -> Row:
    facts = {"occurred": "2024-05-07", "place": "Gruissan", "source": None} | changes.pop("facts", {})
    values = {
        "position": 1,
        "cohort": "occitanie-2024",
        "territory": "gruissan",
        "entry": "e1",
        "type": "workshop_held",
        "occurred": "2024-05-07",
        "recorded": "2024-05-08T10:00:00+00:00",
        "facts": facts,
    }
    return Row(**(values | changes))


def both(rows: list[Row], monkeypatch: pytest.MonkeyPatch) -> tuple[list[TimelineEntry], list[TimelineEntry]]:
    """The entries `corrected_entries` builds, and those it builds validating every one."""
    built = corrected_entries(rows)
    with monkeypatch.context() as patch:
        patch.setattr(view, "_filled", lambda fields: TimelineEntry(**fields))
        return built, corrected_entries(rows)


class Text(str):
    """A str that is not exactly one."""


CORRECTION = row(
    position=2,
    entry="c1",
    type="entry_corrected",
    facts={"target": "e1", "reason": "faute", "changes": {"note": "corrigée", "source": "compte rendu"}},
)


@pytest.mark.parametrize(
    "rows",
    [
        [row()],
        [row(territory=None, facts={"note": "à vérifier", "confidential": True})],
        [row(), CORRECTION],
        [row(facts={"days": 2.5, "about": ["gruissan"]}), row(position=3, entry="e2")],
    ],
)
def test_rows_as_the_read_model_gives_them_are_not_validated_again(
    rows: list[Row], monkeypatch: pytest.MonkeyPatch
) -> None:
    filled: list[dict[str, Any]] = []
    fill = view._filled

    def spy(fields: dict[str, Any]) -> TimelineEntry:
        filled.append(fields)
        return fill(fields)

    with monkeypatch.context() as patch:
        patch.setattr(view, "_filled", spy)
        entries = corrected_entries(rows)
    assert len(filled) == len(entries) > 0
    for one, other in zip(*both(rows, monkeypatch), strict=True):
        same(one, other)


@pytest.mark.parametrize(
    "changes",
    [
        {"facts": {"source": Text("compte rendu")}},
        {"facts": {"note": Text("note")}},
        {"entry": Text("e1")},
        {"recorded": Text("2024-05-08")},
        {"territory": Text("gruissan")},
        {"type": Text("workshop_held")},
        {"position": True},
        {"position": "1"},
    ],
)
def test_other_rows_are_validated(changes: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    filled: list[dict[str, Any]] = []
    with monkeypatch.context() as patch:
        patch.setattr(view, "_filled", lambda fields: filled.append(fields))
        validated = corrected_entries([row(**changes)])
    assert filled == []
    built, _ = both([row(**changes)], monkeypatch)
    same(built[0], validated[0])


@pytest.mark.parametrize(
    "changes",
    [{"facts": {"source": 5}}, {"facts": {"note": ["a"]}}, {"position": "un"}, {"facts": {1: "x"}}],
)
def test_invalid_rows_still_raise(changes: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        corrected_entries([row(**changes)])
