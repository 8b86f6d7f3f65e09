"""Every file the tool writes appears whole or not at all, and a failure says so truly: on a full disk, a read-only
disk, in a missing folder, on /dev/full. What a user can cause is one French sentence, never "Erreur inattendue":
a closed pipe, a period the wrong way round, a missing template folder, a plugin name too long."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from tests.conftest import EXAMPLE
from tests.e2e.test_store_failures import fill, mounted
from tests.simulation.conftest import SMALL
from transitions_core.cli.app import BROKEN_PIPE_EXIT
from transitions_core.cli.main import cli

COHORT = "val-imaginaire-2026"
OLD = "l'ancien rapport, qui doit rester entier\n"
#: Each command that writes a file, given where.
WRITERS: dict[str, Callable[[Path, Path], list[str]]] = {
    "replay": lambda out, _: ["replay", "les-aubiers", "--format", "fiche", "--output", str(out)],
    "cohort": lambda out, _: ["cohort", COHORT, "--format", "report-html", "--output", str(out)],
    "export-csv": lambda out, _: ["export", "csv", COHORT, "--output", str(out)],
    "export-ocel": lambda out, _: ["export", "ocel", COHORT, "--output", str(out)],
    "calibrate": lambda out, _: ["calibrate", COHORT, "--output", str(out)],
    "simulate-out": lambda out, scenario: ["simulate", str(scenario), "--runs", "2", "--out", str(out)],
    "simulate-plot": lambda out, scenario: [
        "simulate",
        str(scenario),
        "--runs",
        "2",
        "--plot",
        str(out.with_suffix(".svg")),
    ],
}


def run(store: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--store", str(store), *args], catch_exceptions=False)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("writes") / "s.sqlite"
    assert run(path, "import", str(EXAMPLE)).exit_code == 0
    return path


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("scenario") / "petite.yaml"
    path.write_text(SMALL, encoding="utf-8")
    return path


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    with mounted(tmp_path / "tiny", "-t", "tmpfs", "-o", "size=1m", "tmpfs") as folder:
        yield folder


def target(folder: Path, writer: str) -> Path:
    path = folder / f"sortie-{writer}.txt"
    return path.with_suffix(".svg") if writer == "simulate-plot" else path


def one_error(result: Result) -> str:
    assert result.exit_code == 1, result.output
    assert "Erreur inattendue" not in result.output and "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("Erreur")]
    assert len(errors) == 1, result.stderr
    return errors[0]


@pytest.mark.parametrize("writer", WRITERS)
def test_a_full_disk_leaves_the_previous_file_intact_and_says_so(store, scenario, tiny_disk, writer):
    out = target(tiny_disk, writer)
    out.write_text(OLD, encoding="utf-8")
    filler = fill(tiny_disk, 0)

    result = run(store, *WRITERS[writer](out, scenario))
    filler.unlink()

    assert one_error(result) == (
        f"Erreur : Impossible d'écrire {out} : le disque est plein ; libérez de la place, puis relancez. "
        "Le fichier précédent est intact."
    )
    assert out.read_text(encoding="utf-8") == OLD
    assert sorted(p.name for p in tiny_disk.iterdir()) == [out.name], "no temporary file is left behind"


@pytest.mark.parametrize("writer", WRITERS)
def test_a_full_disk_without_a_previous_file_writes_nothing(store, scenario, tiny_disk, writer):
    out = target(tiny_disk, writer)
    filler = fill(tiny_disk, 0)

    result = run(store, *WRITERS[writer](out, scenario))
    filler.unlink()

    assert one_error(result).endswith(
        "le disque est plein ; libérez de la place, puis relancez. Rien n'a été écrit."
    )
    assert list(tiny_disk.iterdir()) == []


@pytest.mark.parametrize("writer", WRITERS)
def test_a_read_only_disk_leaves_the_previous_file_intact(store, scenario, tmp_path, writer):
    folder = tmp_path / "data"
    folder.mkdir()
    target(folder, writer).write_text(OLD, encoding="utf-8")
    with mounted(tmp_path / "read-only", "--bind", str(folder)) as view:
        if subprocess.run(["mount", "-o", "remount,bind,ro", str(view)], capture_output=True).returncode:
            pytest.skip("cannot remount read-only here")
        out = target(view, writer)
        result = run(store, *WRITERS[writer](out, scenario))

    assert one_error(result) == (
        f"Erreur : Impossible d'écrire {out} : le disque est en lecture seule ; choisissez un dossier où vous "
        "pouvez écrire. Le fichier précédent est intact."
    )
    assert target(folder, writer).read_text(encoding="utf-8") == OLD


@pytest.mark.parametrize("writer", WRITERS)
def test_a_missing_folder_is_named(store, scenario, tmp_path, writer):
    out = target(tmp_path / "absent", writer)

    message = one_error(run(store, *WRITERS[writer](out, scenario)))

    assert f"le dossier {tmp_path / 'absent'} n'existe pas ; créez-le d'abord" in message
    assert not (tmp_path / "absent").exists()


@pytest.mark.parametrize("writer", ["replay", "export-csv", "calibrate"])
def test_dev_full_is_a_full_disk_and_stays_a_device(store, scenario, writer):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    result = run(store, *WRITERS[writer](Path("/dev/full"), scenario))

    assert (
        one_error(result)
        == "Erreur : Impossible d'écrire /dev/full : le disque est plein ; libérez de la place, puis relancez."
    )
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode), "the device is written to, never replaced"


def test_a_written_file_keeps_the_permissions_of_the_one_it_replaces(store, tmp_path):
    kept, new = tmp_path / "gardé.md", tmp_path / "nouveau.md"
    kept.write_text(OLD, encoding="utf-8")
    kept.chmod(0o640)
    previous = os.umask(0o022)
    try:
        assert run(store, *WRITERS["replay"](kept, tmp_path)).exit_code == 0
        assert run(store, *WRITERS["replay"](new, tmp_path)).exit_code == 0
    finally:
        os.umask(previous)

    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    assert stat.S_IMODE(new.stat().st_mode) == 0o644
    assert kept.read_text(encoding="utf-8").startswith("# Les Aubiers")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gardé.md", "nouveau.md"]


def test_a_symbolic_link_keeps_pointing_at_the_file_it_names(store, tmp_path):
    real, link = tmp_path / "réel.csv", tmp_path / "lien.csv"
    real.write_text(OLD, encoding="utf-8")
    link.symlink_to(real)

    assert run(store, *WRITERS["export-csv"](link, tmp_path)).exit_code == 0

    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("cohort,territory")


def script() -> str:
    found = shutil.which("transitions", path=str(Path(sys.executable).parent))
    assert found, "the console script is installed with the package"
    return found


def test_a_closed_pipe_ends_the_command_quietly(store):
    """`transitions events … --json | head -1`: the reader went away; like `yes | head -1`, exit 141, no word."""
    env = {"TRANSITIONS_STORE": str(store), "PATH": "/usr/bin:/bin"}
    process = subprocess.Popen(
        [script(), "export", "ocel", COHORT, "--audience", "internal"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # before the command writes anything: its first write finds no reader
    error = process.stderr.read()
    assert process.wait() == BROKEN_PIPE_EXIT
    assert error == b""


def test_a_closed_pipe_after_the_first_line_through_the_shell(store):
    done = subprocess.run(
        ["bash", "-c", f"'{script()}' events les-aubiers --json | head -1; exit ${{PIPESTATUS[0]}}"],
        capture_output=True,
        text=True,
        env={"TRANSITIONS_STORE": str(store), "PATH": "/usr/bin:/bin"},
    )
    assert done.stdout.count("\n") == 1
    assert "Erreur" not in done.stderr and "Exception" not in done.stderr
    assert done.returncode in (
        0,
        BROKEN_PIPE_EXIT,
    )  # 0 when the whole log fitted in the pipe before head left


def test_a_period_the_wrong_way_round_is_a_usage_error(store):
    result = run(
        store, "cohort", COHORT, "--format", "newsletter", "--from", "2026-12-31", "--to", "2026-01-01"
    )

    assert result.exit_code == 2
    assert (
        "le début 2026-12-31 vient après la fin 2026-01-01 (--to) : la période serait vide ; "
        in result.output
    )
    assert "échangez les deux dates." in result.output


def test_a_missing_template_folder_in_the_variable_is_an_error(store, tmp_path, monkeypatch):
    monkeypatch.setenv("TRANSITIONS_NARRATIVES_DIR", str(tmp_path / "absent"))

    message = one_error(run(store, "replay", "les-aubiers"))

    assert message == (
        f"Erreur : Le dossier de modèles {tmp_path / 'absent'} (la variable TRANSITIONS_NARRATIVES_DIR) n'existe "
        "pas ou n'est pas un dossier : corrigez le chemin, ou retirez-le pour utiliser les modèles fournis."
    )


def test_a_missing_template_folder_given_as_an_option_is_a_usage_error(store, tmp_path):
    result = run(store, "replay", "les-aubiers", "--narratives-dir", str(tmp_path / "absent"))

    assert result.exit_code == 2
    assert "--narratives-dir" in result.output and "Traceback" not in result.output


def test_a_plugin_name_too_long_for_the_file_system_is_refused(tmp_path):
    result = CliRunner().invoke(cli, ["plugins", "new", "a" * 300, "--directory", str(tmp_path)])

    assert one_error(result) == (
        "Erreur : « aaaaaaaaaaaaaaaaaaaa… » : un nom de format a au plus 60 caractères (300 ici) ; "
        "choisissez un nom plus court."
    )
    assert list(tmp_path.iterdir()) == []


def test_calibrate_writes_labels_that_read_back_as_themselves(tmp_path):
    labels = ["autonomie: forte", "# étiquette", "clé: valeur\nautre: ligne"]
    more = tmp_path / "labels.yaml"
    more.write_text(
        yaml.safe_dump(
            {
                "kind": "history",
                "cohort": COHORT,
                "entries": [
                    {
                        "date": "2027-05",
                        "type": "effect_observed",
                        "territory": "les-aubiers",
                        "label": label,
                        "description": "un effet",
                    }
                    for label in labels
                ],
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    store, out = tmp_path / "s.sqlite", tmp_path / "scenario.yaml"
    assert run(store, "import", str(EXAMPLE), str(more)).exit_code == 0

    assert run(store, "calibrate", COHORT, "--output", str(out), "--audience", "internal").exit_code == 0

    scenario = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert scenario["parameters"]["evaluation"]["effect_labels"] == {label: 1 for label in labels}
    assert "autre" not in scenario["parameters"]["evaluation"]
