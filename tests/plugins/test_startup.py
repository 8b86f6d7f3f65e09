"""`transitions --help` stays fast: it imports neither the plugins nor jinja2; a replay of a caught-up store builds no event class."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLE
from transitions_core.cli.main import cli
from transitions_core.store.locations import parse_store
from transitions_core.store.opening import open_store

PROBE = """
import json, sys
from transitions_core.cli.main import cli
try:
    cli(["--help"], prog_name="transitions")
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)))
"""

FIXTURES = """
import json, sys
import transitions_core.testing.pytest_plugin
print(json.dumps(sorted(sys.modules)))
"""


def imported_by(source: str) -> set[str]:
    result = subprocess.run([sys.executable, "-c", source], capture_output=True, text=True, check=True)
    return set(json.loads(result.stdout.splitlines()[-1]))


def test_help_imports_no_plugin_and_no_jinja2():
    modules = imported_by(PROBE)

    assert "transitions_narratives" not in modules
    assert not {m for m in modules if m.split(".")[0] == "jinja2"}
    assert "transitions_core.plugins" not in modules
    assert "transitions_core.narrative.views" not in modules


def test_the_pytest_fixtures_import_light():
    modules = imported_by(FIXTURES)

    assert not {m for m in modules if m.split(".")[0] in ("jinja2", "pydantic", "transitions_narratives")}
    assert "transitions_core.plugins" not in modules


def test_help_does_not_import_pluggy():
    modules = imported_by(PROBE)

    assert not {m for m in modules if m.split(".")[0] == "pluggy"}


def test_hookimpl_is_made_once_on_first_use_and_marks_hooks_as_pluggy_does():
    probe = """
import json, sys
import transitions_core
before = "pluggy" in sys.modules
from transitions_core import hookimpl
import pluggy
from transitions_core import hookimpl as again

@hookimpl
def register_formats(register): ...

marks = getattr(register_formats, "transitions_core_impl", None)
print(json.dumps([before, hookimpl is again, isinstance(hookimpl, pluggy.HookimplMarker), marks is not None]))
"""
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)

    assert json.loads(result.stdout) == [False, True, True, True]


def test_an_unknown_attribute_of_the_package_is_still_an_error():
    import transitions_core

    with pytest.raises(AttributeError, match="no_such_thing"):
        transitions_core.no_such_thing  # noqa: B018


def test_opening_a_sqlite_store_imports_nothing_of_postgresql(tmp_path):
    probe = f"""
import json, sys
from transitions_core.store.locations import parse_store
from transitions_core.store.opening import open_store
with open_store(parse_store({str(tmp_path / "store.sqlite")!r}), key_variable=None) as store:
    store.caught_up()
print(json.dumps(sorted(sys.modules)))
"""
    modules = imported_by(probe)

    assert "transitions_core.store.opening" in modules
    assert not {m for m in modules if "postgres" in m or m.split(".")[0] == "psycopg"}


REPLAY = """
import json, sys
from transitions_core.cli.main import cli
try:
    cli(["--store", {store!r}, "replay", "les-aubiers"], prog_name="transitions")
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)))
"""
EVENTS = "transitions_core.domain.events"


def replayed(store: Path) -> tuple[str, set[str]]:
    """What `transitions replay les-aubiers` printed in a fresh process, and the modules it had imported."""
    result = subprocess.run(
        [sys.executable, "-c", REPLAY.format(store=str(store))], capture_output=True, text=True, check=True
    )
    *text, modules = result.stdout.splitlines()
    return "\n".join(text), set(json.loads(modules))


@pytest.fixture
def caught_up_store(tmp_path: Path) -> Path:
    """A SQLite store with the imaginary cohort imported and its timeline read model level with the events."""
    path = tmp_path / "store.sqlite"
    result = CliRunner().invoke(cli, ["--store", str(path), "import", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    with open_store(parse_store(str(path)), key_variable=None) as store:
        store.caught_up()
    return path


def test_a_replay_of_a_caught_up_store_builds_no_event_class(caught_up_store):
    text, modules = replayed(caught_up_store)

    assert "Les Aubiers" in text
    assert "transitions_core.timeline.view" in modules
    assert not {m for m in modules if m == EVENTS or m.startswith(EVENTS + ".")}


def test_a_replay_of_a_store_behind_its_events_still_catches_up(caught_up_store):
    expected, _ = replayed(caught_up_store)
    with sqlite3.connect(caught_up_store) as connection:
        for table in ("timeline_tracking", "timeline_aggregates", "timeline_entries", "timeline_names"):
            connection.execute(f"DELETE FROM {table}")
    connection.close()

    text, modules = replayed(caught_up_store)

    assert text == expected
    assert EVENTS in modules
