"""`transitions --help` stays fast: it imports neither the plugins nor jinja2."""

from __future__ import annotations

import json
import subprocess
import sys

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
