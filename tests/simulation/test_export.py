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


def test_the_bundled_history_is_a_valid_ocel_log_with_every_object_type(store):
    import_histories(store.app, [OCCITANIE])
    document = ocel_log(store.caught_up(), "occitanie-2024")
    validate(document)
    kinds = {o["type"] for o in document["objects"]}
    assert kinds == {"cohort", "territory", "pilot_project", "ally", "session"}
    assert all(e["relationships"] for e in document["events"]), "process-mining tools drop unrelated events"
    assert all(e["time"].endswith("Z") for e in document["events"])
    webinar = next(e for e in document["events"] if e["type"] == "webinar_held")
    participants = [r["objectId"] for r in webinar["relationships"] if r["qualifier"] == "participant"]
    assert len(participants) == 8
    ally = next(o for o in document["objects"] if o["id"] == "ally:elsa-bonal")
    assert {"name": "name", "value": "Elsa Bonal", "time": "1970-01-01T00:00:00Z"} in ally["attributes"]


def test_a_kept_simulated_cohort_is_a_valid_ocel_log(store, tmp_path: Path):
    loaded = load_scenario(write(tmp_path, SMALL))
    [slug], _ = keep_histories(store.app, loaded, 1, 4, 1)
    document = ocel_log(store.caught_up(), slug)
    validate(document)
    # Every simulated event is dated to the day: none is left out for want of a time.
    assert len(document["events"]) == len(list(store.caught_up().rows(slug)))


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
    assert json.loads(first["facts"])["region"] == "Occitanie"
    interviews = next(r for r in rows if r["type"] == "interviews_held")
    assert interviews["territory"] == "frontonnais"


def test_pm4py_reads_the_log_when_installed(store, tmp_path: Path):
    pm4py = pytest.importorskip("pm4py")
    import_histories(store.app, [OCCITANIE])
    path = tmp_path / "occitanie.json"
    path.write_text(json.dumps(ocel_log(store.caught_up(), "occitanie-2024")), encoding="utf-8")
    assert len(pm4py.read_ocel2_json(str(path)).events) > 0
