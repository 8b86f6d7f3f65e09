"""`--audience`: internal by default (and the command says so), public on request; marking entries confidential
in a history file or with a correction; old entries keep their digests, so re-importing changes nothing."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from uuid import uuid4

import orjson
import pytest
from click.testing import CliRunner, Result

from tests.conftest import EXAMPLE, OCCITANIE
from transitions_core.cli.main import cli
from transitions_core.cli.narrate import INTERNAL_NOTICE
from transitions_core.domain.dates import PartialDate
from transitions_core.domain.events import WebinarHeld
from transitions_core.history.importer import import_histories
from transitions_core.store.locations import parse_store
from transitions_core.store.mapper import OrjsonTranscoder, PydanticMapper
from transitions_core.store.opening import open_store

COHORT = "val-imaginaire-2026"
#: Added to the imaginary cohort: a confidential effect, and a viewpoint that names its speaker.
MORE = """\
kind: history
cohort: val-imaginaire-2026
entries:
  - date: 2027-05
    type: effect_observed
    territory: les-aubiers
    label: tensions apaisées
    description: Un différend entre deux associations a trouvé une issue.
    confidential: true
  - date: 2027-06
    type: viewpoint_recorded
    territory: les-aubiers
    side: territory
    speakers:
      - name: Jeanne Exemple
        role: maire
    summary: Jeanne Exemple dit que la commune a changé de regard.
    quotes:
      - text: on ne travaille plus chacun dans son coin
        speaker: Jeanne Exemple, maire
"""
#: The first in-person day of the imaginary cohort, made confidential after it was imported.
CORRECTION = """\
kind: history
cohort: val-imaginaire-2026
entries:
  - date: 2027-07
    type: correction
    corrects: in_person_day_held@2026-05-12#1
    set: {confidential: true}
    reason: la journée s'est tenue à huis clos
"""


def run(store: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--store", str(store), *args], catch_exceptions=False)


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """A store holding the imaginary cohort and the entries above."""
    path, more = tmp_path / "s.sqlite", tmp_path / "more.yaml"
    more.write_text(MORE, encoding="utf-8")
    result = run(path, "import", str(EXAMPLE), str(more))
    assert result.exit_code == 0, result.output
    return path


def test_the_default_audience_is_internal_and_the_command_says_so(store):
    result = run(store, "replay", "les-aubiers", "--format", "fiche")

    assert result.exit_code == 0
    assert "Jeanne Exemple" in result.stdout
    assert "tensions apaisées" in result.stdout
    assert result.stderr == INTERNAL_NOTICE + "\n"
    assert "--audience public" in INTERNAL_NOTICE


@pytest.mark.parametrize("audience", ["internal", "public"])
def test_an_audience_chosen_on_purpose_needs_no_reminder(store, audience):
    result = run(store, "replay", "les-aubiers", "--audience", audience)

    assert result.exit_code == 0
    assert result.stderr == ""


def test_a_public_fiche_leaves_out_the_confidential_effect_and_the_names(store):
    result = run(store, "replay", "les-aubiers", "--format", "fiche", "--audience", "public")

    assert result.exit_code == 0, result.output
    assert "tensions apaisées" not in result.stdout
    assert "Jeanne" not in result.stdout
    assert "Exemple dit" not in result.stdout
    assert "Le maire dit que la commune a changé de regard." in result.stdout
    assert "— le maire" in result.stdout


@pytest.mark.parametrize("command", [["replay", "les-aubiers"], ["cohort", COHORT]])
def test_the_json_says_which_audience_it_was_made_for(store, command):
    internal = json.loads(run(store, *command, "--format", "json").stdout)
    public = json.loads(run(store, *command, "--format", "json", "--audience", "public").stdout)

    assert (internal["audience"], public["audience"]) == ("internal", "public")
    assert [e["facts"]["label"] for e in internal["entries"] if e["confidential"]] == ["tensions apaisées"]
    assert len(public["entries"]) == len(internal["entries"]) - 1
    assert "Jeanne Exemple" in json.dumps(internal, ensure_ascii=False)
    assert "Jeanne Exemple" not in json.dumps(public, ensure_ascii=False)


def test_an_unknown_audience_is_a_usage_error_in_french(store):
    result = run(store, "replay", "les-aubiers", "--audience", "presse")

    assert result.exit_code == 2
    assert "« presse » n'est pas un public connu ; écrivez internal ou public." in result.output


@pytest.mark.parametrize("command", ["replay", "cohort", "day"])
def test_the_help_gives_the_default_audience(command):
    result = CliRunner().invoke(cli, [command, "--help"])

    assert "--audience [internal|public]" in result.output
    assert "internal (par défaut)" in result.output


def test_a_correction_makes_an_imported_day_confidential(store, tmp_path):
    correction = tmp_path / "correction.yaml"
    correction.write_text(CORRECTION, encoding="utf-8")
    assert run(store, "import", str(correction)).exit_code == 0

    public = run(store, "day", COHORT, "2026-05-12", "--audience", "public")
    internal = run(store, "day", COHORT, "2026-05-12")
    timeline = run(store, "cohort", COHORT, "--audience", "public").stdout

    assert public.exit_code == 1
    assert "Erreur : La journée du 2026-05-12 est confidentielle" in public.output
    assert internal.exit_code == 0
    assert "lancement de la cohorte" not in timeline
    assert "lancement de la cohorte" in run(store, "cohort", COHORT).stdout


def test_a_confidential_flag_that_is_not_yes_or_no_is_refused_with_its_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(MORE.replace("confidential: true", "confidential: peut-être"), encoding="utf-8")
    store = tmp_path / "s.sqlite"
    assert run(store, "import", str(EXAMPLE)).exit_code == 0

    result = run(store, "import", str(bad))

    assert result.exit_code == 1
    assert "bad.yaml:" in result.output and "confidential" in result.output
    assert "Traceback" not in result.output
    assert "tensions apaisées" not in run(store, "replay", "les-aubiers", "--format", "fiche").stdout


# Digests of bundled entries that do not set the flag, as computed before it existed.
DIGESTS_BEFORE_THE_FLAG = {
    "cohort": "559dd394ba75f78b",
    "webinar_held@2024-10-01#4": "7cb6f03975e2a3b2",
}


def test_entries_without_the_flag_keep_their_digest_so_reimporting_the_bundled_history_changes_nothing(
    tmp_path,
):
    with open_store(parse_store(str(tmp_path / "s.sqlite"))) as store:
        first = import_histories(store.app, [OCCITANIE])
        again = import_histories(store.app, [OCCITANIE])
        cohort = store.app.cohort("occitanie-2024")
        assert cohort is not None
        digests = {key: cohort.entries[key].digest for key in DIGESTS_BEFORE_THE_FLAG}
        gruissan = store.app.territory("occitanie-2024", "gruissan")
        assert gruissan is not None

    assert digests == DIGESTS_BEFORE_THE_FLAG
    assert gruissan.entries["gruissan/territory"].digest == "78d1589c41411136"
    assert (len(again.appended), len(again.unchanged)) == (0, len(first.appended))


def webinar(confidential: bool) -> WebinarHeld:
    return WebinarHeld(
        originator_id=uuid4(),
        originator_version=1,
        timestamp="2024-10-15T00:00:00+00:00",
        occurred=PartialDate("2024-10-15"),
        entry="webinar_held@2024-10-15#5",
        number=5,
        theme="pairs à pairs",
        confidential=confidential,
    )


def test_an_event_stored_before_the_flag_existed_reads_as_not_confidential():
    mapper = PydanticMapper(transcoder=OrjsonTranscoder())
    stored = mapper.to_stored_event(webinar(False))
    state = orjson.loads(stored.state)
    del state["confidential"]
    old = stored.__class__(
        originator_id=stored.originator_id,
        originator_version=stored.originator_version,
        topic=stored.topic,
        state=orjson.dumps(state),
    )

    event = mapper.to_domain_event(old)

    assert event.confidential is False
    assert event == webinar(False).model_copy(update={"originator_id": event.originator_id})


def test_the_read_model_of_an_ordinary_event_has_no_confidential_key():
    assert "confidential" not in webinar(False).payload()
    assert webinar(True).payload()["confidential"] is True


def test_a_sandboxed_user_template_fails_with_a_clear_error_in_a_real_process(tmp_path):
    script = shutil.which("transitions", path=str(Path(sys.executable).parent))
    assert script, "the console script is installed with the package"
    user = tmp_path / "mine" / "fiche"
    user.mkdir(parents=True)
    (user / "territory.fr.md.j2").write_text("{{ ''.__class__.__mro__[1].__subclasses__() }}\n")
    env = {"TRANSITIONS_STORE": str(tmp_path / "s.sqlite"), "PATH": "/usr/bin:/bin"}
    imported = subprocess.run([script, "import", str(EXAMPLE)], capture_output=True, text=True, env=env)
    assert imported.returncode == 0, imported.stderr

    done = subprocess.run(
        [script, "replay", "les-aubiers", "--format", "fiche", "--narratives-dir", str(tmp_path / "mine")],
        capture_output=True,
        text=True,
        env=env,
    )

    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.startswith("Erreur : Modèle refusé, ")
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_a_store_made_before_the_flag_takes_the_marks_as_corrections_on_reimport(tmp_path):
    """The bundled history gained `confidential: true` on two webinars; an older store must not refuse it."""
    unmarked = tmp_path / "occitanie-before-the-flag.yaml"
    text = OCCITANIE.read_text(encoding="utf-8")
    assert text.count("confidential: true") == 2
    unmarked.write_text(text.replace("    confidential: true\n", ""), encoding="utf-8")
    store = tmp_path / "s.sqlite"
    assert run(store, "import", str(unmarked)).exit_code == 0
    assert "Webinaire n°\u202f5" in run(store, "cohort", "occitanie-2024", "--audience", "public").stdout

    upgraded = run(store, "import", str(OCCITANIE))
    again = run(store, "import", str(OCCITANIE))
    removed = run(store, "import", str(unmarked))

    assert upgraded.exit_code == 0, upgraded.output
    assert "2 entrées ajoutées" in upgraded.output
    assert "0 entrée ajoutée" in again.output
    # Dropping the mark from the file does not publish the entry: that takes an explicit correction.
    assert removed.exit_code == 0 and "0 entrée ajoutée" in removed.output
    public = run(store, "cohort", "occitanie-2024", "--audience", "public").stdout
    assert "Webinaire n°\u202f4" in public
    assert "Webinaire n°\u202f5" not in public and "Webinaire n°\u202f6" not in public
    assert "Webinaire n°\u202f5" in run(store, "cohort", "occitanie-2024").stdout
    assert run(store, "store", "check").exit_code == 0
