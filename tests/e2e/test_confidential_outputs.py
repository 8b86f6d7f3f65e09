"""Every output has an audience: `stats`, `events`, `export csv|ocel` and `calibrate` are internal by default and
say so; public leaves out confidential entries (and those a confidential correction touched) and names nobody,
however the name is written."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from tests.conftest import EXAMPLE
from transitions_core.cli.common import INTERNAL_NOTICE
from transitions_core.cli.main import cli

COHORT = "val-imaginaire-2026"
NAME = "Hélène Dupré"
#: The same name as the free text writes it: capitals, two spaces, no-break space, decomposed accents.
WRITTEN = [
    "HÉLÈNE  DUPRÉ",
    "helene\u00a0dupre",
    unicodedata.normalize("NFD", "Hélène Dupré"),
    "Dupré Hélène",
]
SECRET_LABEL = "tensions apaisées"
MORE = {
    "kind": "history",
    "cohort": COHORT,
    "entries": [
        {
            "date": "2027-05",
            "type": "effect_observed",
            "territory": "les-aubiers",
            "label": SECRET_LABEL,
            "description": "Un différend entre deux associations a trouvé une issue.",
            "confidential": True,
        },
        {
            "date": "2027-06",
            "type": "viewpoint_recorded",
            "territory": "les-aubiers",
            "side": "territory",
            "speakers": [{"name": NAME, "role": "maire"}],
            "summary": f"{WRITTEN[0]} dit que la commune a changé de regard ; DUPRÉ le répète.",
            "quotes": [{"text": "on ne travaille plus chacun dans son coin", "speaker": f"{NAME}, maire"}],
        },
        {
            "date": "2027-06",
            "type": "effect_observed",
            "territory": "les-aubiers",
            "label": f"confiance retrouvée selon {WRITTEN[1]}",
            "description": f"Selon {WRITTEN[2]}, les agents se parlent ; {WRITTEN[3]} le confirme.",
        },
        {
            "date": "2026-09-15",
            "type": "in_person_day_held",
            "number": 2,
            "place": "Val de Brume",
            "theme": f"un atelier animé par {WRITTEN[1]}",
            "confidential": True,
        },
    ],
}
PUBLIC_COMMANDS = [
    ["stats", COHORT],
    ["stats", COHORT, "--json"],
    ["events", "les-aubiers"],
    ["events", "les-aubiers", "--json"],
    ["events", COHORT, "--json"],
    ["export", "csv", COHORT],
    ["export", "ocel", COHORT],
    ["calibrate", COHORT],
]
IDS = [" ".join(c[:1] + c[2:]) for c in PUBLIC_COMMANDS]


def run(store: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--store", str(store), *args], catch_exceptions=False)


def write(folder: Path, name: str, document: dict) -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("confidential")
    path = folder / "s.sqlite"
    result = run(path, "import", str(EXAMPLE), str(write(folder, "more.yaml", MORE)))
    assert result.exit_code == 0, result.output
    return path


def fold(text: str) -> str:
    """Folded apart from the code under test: no accents (any Unicode form), lower case."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def names_in(text: str) -> list[str]:
    """The forms of the recorded name found in a text, after folding case, accents, forms and spaces."""
    folded = " ".join("".join(c if c.isalnum() else " " for c in fold(text)).split())
    found = [form for form in ("helene dupre", "dupre helene") if form in f" {folded} "]
    capitals = [w for w in unicodedata.normalize("NFC", text).split() if fold(w).strip(".,;") == "dupre"]
    return found + [w for w in capitals if w.strip(".,;").isupper()]


@pytest.mark.parametrize("command", PUBLIC_COMMANDS, ids=IDS)
def test_a_command_is_internal_by_default_and_says_so(store, command):
    result = run(store, *command)

    assert result.exit_code == 0, result.output
    assert result.stderr.endswith(INTERNAL_NOTICE + "\n")
    assert names_in(result.stdout), "the internal output names people as recorded"


@pytest.mark.parametrize("command", PUBLIC_COMMANDS, ids=IDS)
def test_a_public_output_has_no_confidential_entry_and_no_name(store, command):
    result = run(store, *command, "--audience", "public")

    assert result.exit_code == 0, result.output
    assert INTERNAL_NOTICE not in result.stderr
    assert names_in(result.stdout) == []
    assert SECRET_LABEL not in result.stdout
    assert "atelier animé" not in result.stdout
    assert "Jeanne" not in result.stdout


@pytest.mark.parametrize("command", PUBLIC_COMMANDS, ids=IDS)
def test_an_audience_chosen_on_purpose_needs_no_reminder(store, command):
    assert INTERNAL_NOTICE not in run(store, *command, "--audience", "internal").stderr


def test_the_internal_csv_flags_the_confidential_rows_and_the_public_one_has_none(store):
    internal = list(csv.DictReader(io.StringIO(run(store, "export", "csv", COHORT).stdout)))
    public = list(
        csv.DictReader(io.StringIO(run(store, "export", "csv", COHORT, "--audience", "public").stdout))
    )

    flagged = [row["entry"] for row in internal if row["confidential"] == "true"]
    assert sorted(flagged) == [
        "in_person_day_held@2026-09-15#2",
        "les-aubiers/effect_observed@2027-05#tensions-apaisees",
    ]
    assert {row["confidential"] for row in public} == {"false"}
    assert len(public) == len(internal) - 2


def test_the_internal_ocel_log_says_which_events_are_confidential(store):
    # Placed on their middle day, the events dated to the month (a confidential effect) are in the log too.
    internal = json.loads(run(store, "export", "ocel", COHORT, "--undated", "midpoint").stdout)
    public = json.loads(
        run(store, "export", "ocel", COHORT, "--undated", "midpoint", "--audience", "public").stdout
    )

    def flags(document: dict) -> dict[str, str]:
        return {
            event["id"]: attribute["value"]
            for event in document["events"]
            for attribute in event["attributes"]
            if attribute["name"] == "confidential"
        }

    assert sorted(flags(internal).values()).count("true") == 2
    assert set(flags(internal)) == {e["id"] for e in internal["events"]}
    assert flags(public) == {}
    declared = {a["name"]: a["type"] for t in internal["eventTypes"] for a in t["attributes"]}
    assert declared["confidential"] == "boolean"


def test_a_public_calibration_leaves_out_the_confidential_day_and_the_internal_one_says_it_holds_it(store):
    internal = run(store, "calibrate", COHORT).stdout
    public = run(store, "calibrate", COHORT, "--audience", "public").stdout

    assert "atelier animé" in internal and "2026-09-15" in internal
    assert "# Version interne : elle reprend des entrées confidentielles" in internal
    assert "atelier animé" not in public and "2026-09-15" not in public
    assert "# Version publique : calibrée sans les entrées confidentielles" in public
    assert yaml.safe_load(public)["kind"] == "simulation"


def test_a_public_entry_key_does_not_spell_a_name(store):
    internal = run(store, "events", "les-aubiers").stdout
    public = run(store, "events", "les-aubiers", "--audience", "public").stdout

    assert "#confiance-retrouvee-selon-helene-dupre" in internal
    assert "#confiance-retrouvee-selon-le-maire" in public


CONFIDENTIAL_CORRECTION = {
    "kind": "history",
    "cohort": COHORT,
    "entries": [
        {
            "date": "2027-07",
            "type": "correction",
            "corrects": "in_person_day_held@2026-05-12#1",
            "set": {"theme": "SECRET nouveau thème"},
            "reason": "SECRET raison de la correction",
            "confidential": True,
        }
    ],
}


def test_a_confidential_correction_keeps_its_values_its_reason_and_its_entry_out_of_public_outputs(tmp_path):
    store = tmp_path / "s.sqlite"
    fix = write(tmp_path, "fix.yaml", CONFIDENTIAL_CORRECTION)
    assert run(store, "import", str(EXAMPLE), str(fix)).exit_code == 0

    for command in (
        ["cohort", COHORT, "--format", "json"],
        ["events", COHORT, "--json"],
        ["export", "csv", COHORT],
        ["export", "ocel", COHORT],
        ["calibrate", COHORT],
    ):
        internal, public = run(store, *command).stdout, run(store, *command, "--audience", "public").stdout
        assert "SECRET nouveau thème" in internal, command
        assert "SECRET" not in public, command
        # Nor the value the correction fixed: a public text would print what is known to be wrong.
        assert "lancement de la cohorte" not in public, command
    assert run(store, "day", COHORT, "2026-05-12", "--audience", "public").exit_code == 1


MARKED = {
    "kind": "history",
    "cohort": COHORT,
    "entries": [
        {
            "date": "2027-02",
            "type": "limit_observed",
            "territory": "les-aubiers",
            "description": "Une tension avec la préfecture a retardé le projet.",
            "confidential": True,
        }
    ],
}
UNMARKED = {
    "kind": "history",
    "cohort": COHORT,
    "entries": [
        {
            "date": "2027-03",
            "type": "correction",
            "corrects": "les-aubiers/limit_observed@2027-02#1",
            "set": {"confidential": False},
            "reason": "rendue publique après accord de la préfecture",
        }
    ],
}


def test_the_file_s_mark_wins_over_an_earlier_unmark_and_is_never_silently_ignored(tmp_path):
    """The entry was first imported unmarked, then marked in the file, then published by a correction."""
    plain = {**MARKED, "entries": [{k: v for k, v in MARKED["entries"][0].items() if k != "confidential"}]}
    store, marked = tmp_path / "s.sqlite", write(tmp_path, "marked.yaml", MARKED)
    assert run(store, "import", str(EXAMPLE), str(write(tmp_path, "plain.yaml", plain))).exit_code == 0
    fiche = ["replay", "les-aubiers", "--format", "fiche", "--audience", "public"]
    assert "1 entrée ajoutée" in run(store, "import", str(marked)).output
    assert "préfecture" not in run(store, *fiche).stdout
    assert run(store, "import", str(write(tmp_path, "unmarked.yaml", UNMARKED))).exit_code == 0
    assert "préfecture" in run(store, *fiche).stdout

    again = run(store, "import", str(marked))
    once_more = run(store, "import", str(marked))

    assert "1 entrée ajoutée, 0 déjà présente" in again.output
    assert "préfecture" not in run(store, *fiche).stdout
    assert "0 entrée ajoutée, 1 déjà présente" in once_more.output
    keys = [line.split()[-1] for line in run(store, "events", "les-aubiers").stdout.splitlines()]
    assert keys[-3:] == [
        "les-aubiers/limit_observed@2027-02#1~confidential",
        "les-aubiers/correction@2027-03#1",
        "les-aubiers/limit_observed@2027-02#1~confidential-2",
    ]
    assert run(store, "store", "check").exit_code == 0
