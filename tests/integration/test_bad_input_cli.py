"""Every file of both bad-input catalogues, through the command line: one clear line, exit 1, the store as it was."""

from __future__ import annotations

import re
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BAD, EXAMPLE, OCCITANIE
from tests.e2e.test_cli import invoke
from tests.integration.test_bad_scenarios import BAD_SCENARIOS
from tests.stores import raw_log

HISTORIES = sorted(BAD.glob("*.yaml"))
SCENARIOS = sorted(BAD_SCENARIOS.glob("*.yaml"))


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    """A store that already holds a history: a bad file must leave it exactly so."""
    path = str(tmp_path_factory.mktemp("bad-input") / "store.sqlite")
    assert invoke(path, "import", str(EXAMPLE)).exit_code == 0
    return path


def assert_one_clear_line(result, path: Path) -> None:
    """One line of error, and, under it, only the indented lines of an example to follow."""
    assert result.exit_code == 1
    assert result.stdout == ""
    first, *example = result.stderr.splitlines()
    assert all(line.startswith("    ") for line in example), result.stderr
    assert re.match(rf"Erreur : {re.escape(str(path))}:\d+: \S", first), result.stderr
    assert "Traceback" not in result.stderr


def test_both_catalogues_are_there():
    assert len(HISTORIES) >= 20
    assert len(SCENARIOS) >= 25


@pytest.mark.parametrize("path", HISTORIES, ids=[p.name for p in HISTORIES])
def test_a_bad_history_gets_one_clear_line_and_changes_nothing(store, path):
    before = raw_log(store)
    assert_one_clear_line(invoke(store, "import", str(path)), path)
    assert raw_log(store) == before


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.name for p in SCENARIOS])
def test_a_bad_scenario_gets_one_clear_line_and_changes_nothing(store, tmp_path, path):
    before = raw_log(store)
    out = tmp_path / "tirages.csv"
    result = invoke(store, "simulate", str(path), "--runs", "1", "--keep", "1", "--out", str(out))
    assert_one_clear_line(result, path)
    assert not out.exists()
    assert raw_log(store) == before


def fifty_megabytes(path: Path) -> Path:
    """The Occitanie history, its entries repeated until the file passes 50 MB."""
    header, _, entries = OCCITANIE.read_text(encoding="utf-8").partition("\nentries:\n")
    with path.open("w", encoding="utf-8") as out:
        out.write(f"{header}\nentries:\n")
        while out.tell() < 50 * 1024 * 1024:
            out.write(entries)
    return path


#: Runs the command, then prints the peak memory of that one child process, in KiB.
PEAK = (
    "import resource, subprocess, sys; done = subprocess.run(sys.argv[1:]); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(done.returncode)"
)


def test_a_50_mb_history_is_refused_without_being_read_whole(store, tmp_path):
    big = fifty_megabytes(tmp_path / "enorme.yaml")
    script = shutil.which("transitions", path=str(Path(sys.executable).parent))
    assert script is not None
    before = raw_log(store)
    done = subprocess.run(
        [sys.executable, "-c", PEAK, script, "--store", store, "import", str(big)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    line = done.stderr.splitlines()
    assert len(line) == 1
    assert re.match(
        rf"Erreur : {re.escape(str(big))}:\d+: fichier trop gros : il dépasse 2 Mio à cette", line[0]
    )
    # Reading 50 MB, let alone parsing it, would take gigabytes; refusing it takes what Python needs to start.
    assert int(done.stdout) < 200 * 1024
    assert raw_log(store) == before


def test_a_text_aliased_thousands_of_times_is_refused_before_it_costs(store, tmp_path):
    """Issue 12: 100 KB of text aliased 6,500 times took 4.4 GB before any check; refused now while read."""
    aliased = tmp_path / "alias.yaml"
    aliased.write_text(
        "kind: history\ncohort: val-imaginaire-2026\nentries:\n  - date: 2026-02\n    type: context_noted\n"
        f"    title: &t {'x' * 100_000}\n    description: [{', '.join(['*t'] * 6500)}]\n",
        encoding="utf-8",
    )
    script = shutil.which("transitions", path=str(Path(sys.executable).parent))
    assert script is not None
    before = raw_log(store)
    done = subprocess.run(
        [sys.executable, "-c", PEAK, script, "--store", store, "import", str(aliased)],
        capture_output=True,
        text=True,
        # A regression must not take the machine's memory with it: 1 GiB of address space at most.
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30)),
    )
    assert done.returncode == 1
    assert re.match(
        rf"Erreur : {re.escape(str(aliased))}:7: les alias YAML \(\*nom\) démultiplient ce fichier",
        done.stderr,
    ), done.stderr
    assert int(done.stdout) < 200 * 1024
    assert raw_log(store) == before
