"""The package installs without a warning of ours, and carries its templates and its message catalogue."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_building_the_package_warns_of_nothing_and_ships_every_data_file(tmp_path):
    # Every setuptools warning is a UserWarning: made an error, any of them fails the build.
    done = subprocess.run(
        [
            sys.executable,
            "-W",
            "error::UserWarning",
            "setup.py",
            "-q",
            "build_py",
            "--build-lib",
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Warning" not in done.stderr, done.stderr
    templates = sorted(p.relative_to(ROOT / "narratives") for p in (ROOT / "narratives").rglob("*.j2"))
    built = tmp_path / "transitions_core"
    assert templates, "the built-in templates are there"
    assert (
        sorted(p.relative_to(built / "narratives") for p in (built / "narratives").rglob("*.j2")) == templates
    )
    assert (built / "cli" / "i18n" / "click.fr.mo").is_file()
    assert (built / "py.typed").is_file()
    assert (tmp_path / "transitions_narratives" / "__init__.py").is_file()
