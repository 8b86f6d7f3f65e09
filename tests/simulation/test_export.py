"""Event logs for analysis: OCEL 2.0 validated against its JSON schema, and the flat CSV table."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import OCCITANIE
from tests.simulation.conftest import SMALL, write
from transitions_core.export.flat import to_csv
from transitions_core.export.ocel import ocel_log
from transitions_core.history.importer import import_histories
from transitions_core.simulation.running.keep import keep_histories
from transitions_core.simulation.scenario.loading import load_scenario
from transitions_core.timeline.view import corrected_entries

SCHEMA = json.loads((Path(__file__).resolve().parent.parent / "data" / "ocel20-schema.json").read_text())


def validate(document: dict) -> None:
    jsonschema.validate(document, SCHEMA, format_checker=jsonschema.FormatChecker())


def attributes(event: dict) -> dict[str, str]:
    return {a["name"]: a["value"] for a in event["attributes"]}


def test_the_bundled_history_is_a_valid_ocel_log_with_every_object_type(store):
    import_histories(store.app, [OCCITANIE])
    document = ocel_log(store.caught_up(), "occitanie-2024", undated="midpoint")
    validate(document)
    kinds = {o["type"] for o in document["objects"]}
    assert kinds == {"cohort", "territory", "pilot_project", "ally", "session"}
    assert all(e["relationships"] for e in document["events"]), "process-mining tools drop unrelated events"
    assert all(e["time"].endswith("Z") for e in document["events"])
    webinar = next(e for e in document["events"] if e["type"] == "webinar_held")
    # The history does not record which delegations came to a webinar: no attendance link is made up.
    assert [r for r in webinar["relationships"] if r["qualifier"] == "participant"] == []


def test_by_default_an_event_not_dated_to_the_day_is_left_out_and_counted(store):
    import_histories(store.app, [OCCITANIE])
    counts: dict[str, int] = {}
    document = ocel_log(store.caught_up(), "occitanie-2024", counts=counts)
    validate(document)
    assert counts["partial"] > 100  # most of the report's events are dated "2024/2025" only
    assert {attributes(e)["time_basis"] for e in document["events"]} == {"day"}
    assert all(
        attributes(e)["earliest_day"] == attributes(e)["latest_day"] == e["time"] for e in document["events"]
    )


def test_a_partial_date_placed_on_its_midpoint_keeps_its_first_and_last_days(store):
    import_histories(store.app, [OCCITANIE])
    document = ocel_log(store.caught_up(), "occitanie-2024", undated="midpoint")
    diagnostic = next(
        e
        for e in document["events"]
        if e["type"] == "diagnostic_started"
        and {"objectId": "territory:gruissan", "qualifier": "territory"} in e["relationships"]
    )
    facts = attributes(diagnostic)
    assert (facts["occurred"], facts["time_basis"]) == ("2024/2025", "midpoint")
    assert (facts["earliest_day"], facts["latest_day"]) == (
        "2024-01-01T00:00:00Z",
        "2025-12-31T00:00:00Z",
    )
    assert diagnostic["time"] == "2024-12-31T00:00:00Z"
    launch = next(e for e in document["events"] if e["type"] == "in_person_day_held")
    assert launch["time"] < diagnostic["time"]  # no longer before the launch, as the first day put it
    earliest = ocel_log(store.caught_up(), "occitanie-2024", undated="earliest")
    placed = next(e for e in earliest["events"] if e["id"] == diagnostic["id"])
    assert (placed["time"], attributes(placed)["time_basis"]) == ("2024-01-01T00:00:00Z", "earliest")


def test_attributes_declare_their_types(store):
    import_histories(store.app, [OCCITANIE])
    document = ocel_log(store.caught_up(), "occitanie-2024", undated="midpoint")
    territory = next(t for t in document["objectTypes"] if t["name"] == "territory")
    assert {"name": "population", "type": "integer"} in territory["attributes"]
    types = {(t["name"], a["name"]): a["type"] for t in document["eventTypes"] for a in t["attributes"]}
    assert types[("interviews_held", "count")] == "integer"
    assert types[("in_person_day_held", "confidential")] == "boolean"
    assert types[("in_person_day_held", "earliest_day")] == "time"
    held = next(e for e in document["events"] if e["type"] == "interviews_held")
    assert int(attributes(held)["count"]) > 0
    ally = next(o for o in document["objects"] if o["id"] == "ally:elsa-bonal")
    assert {"name": "name", "value": "Elsa Bonal", "time": "1970-01-01T00:00:00Z"} in ally["attributes"]


def test_a_kept_simulated_cohort_is_a_valid_ocel_log(store, tmp_path: Path):
    loaded = load_scenario(write(tmp_path, SMALL))
    [slug], _ = keep_histories(store.app, loaded, 1, 4, 1)
    document = ocel_log(store.caught_up(), slug)
    validate(document)
    # Every simulated event is dated to the day: none is left out for want of a time.
    assert len(document["events"]) == len(list(store.caught_up().rows(slug)))
    # A simulated session records who came: those links are made.
    sessions = [e for e in document["events"] if e["type"] in ("in_person_day_held", "webinar_held")]
    assert any(r["qualifier"] == "participant" for e in sessions for r in e["relationships"])


def test_an_invalid_log_is_refused_by_the_schema():
    with pytest.raises(jsonschema.ValidationError):
        validate({"objectTypes": [], "eventTypes": [], "objects": [], "events": [{"id": "e1", "type": "x"}]})


def test_the_flat_table_has_one_row_per_corrected_entry(store):
    import_histories(store.app, [OCCITANIE])
    readmodel = store.caught_up()
    rows = list(csv.DictReader(io.StringIO(to_csv(readmodel, "occitanie-2024"))))
    assert len(rows) == len(corrected_entries(readmodel.rows("occitanie-2024")))
    first = rows[0]
    assert (first["type"], first["occurred"], first["earliest"]) == ("cohort_opened", "2023", "2023-01-01")
    assert (first["latest"], first["day"], first["day_basis"]) == ("2023-12-31", "", "partial")
    placed = next(csv.DictReader(io.StringIO(to_csv(readmodel, "occitanie-2024", undated="midpoint"))))
    assert (placed["day"], placed["day_basis"]) == ("2023-07-02", "midpoint")
    assert json.loads(first["facts"])["region"] == "Occitanie"
    interviews = next(r for r in rows if r["type"] == "interviews_held")
    assert interviews["territory"] == "frontonnais"


def test_pm4py_reads_the_log_when_installed(store, tmp_path: Path):
    pm4py = pytest.importorskip("pm4py")
    import_histories(store.app, [OCCITANIE])
    path = tmp_path / "occitanie.json"
    path.write_text(json.dumps(ocel_log(store.caught_up(), "occitanie-2024")), encoding="utf-8")
    assert len(pm4py.read_ocel2_json(str(path)).events) > 0
