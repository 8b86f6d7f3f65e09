"""Throwaway virtualenvs that see the project's dependencies, for install tests that need no network."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
from pathlib import Path

SCRIPT = """#!{python}
from transitions_core.cli.main import main

main()
"""


class Venv:
    """A virtualenv under a test's tmp_path, with the project's .venv site-packages on its path."""

    def __init__(self, root: Path, with_project: bool = True) -> None:
        self.root = root
        # --system-site-packages alone would show the *base* interpreter's packages, not the project's
        # .venv; a .pth file adds the .venv's site-packages (and, through its own .pth files, the
        # editable transitions_core) after the new venv's own.
        subprocess.run(
            [sys.executable, "-m", "venv", "--without-pip", "--system-site-packages", str(root)], check=True
        )
        self.python = root / "bin" / "python"
        site_packages = subprocess.run(
            [str(self.python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        ours = sysconfig.get_paths()["purelib"]
        line = f"import site; site.addsitedir({ours!r})\n" if with_project else f"{ours}\n"
        (Path(site_packages) / "_transitions_test_parent.pth").write_text(line, encoding="utf-8")
        self.transitions = root / "bin" / "transitions"
        self.transitions.write_text(SCRIPT.format(python=self.python), encoding="utf-8")
        self.transitions.chmod(0o755)

    def pip_install(self, source: Path) -> None:
        """`pip install --no-deps --no-build-isolation source`, non-editable, with the project's pip."""
        subprocess.run(
            [
                str(self.python),
                "-m",
                "pip",
                "install",
                "-q",
                "--no-deps",
                "--no-build-isolation",
                str(source),
            ],
            check=True,
            capture_output=True,
            text=True,
        )

    def run(
        self, *args: str, cwd: Path, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        """Run the venv's `transitions` from `cwd`."""
        return subprocess.run(
            [str(self.transitions), *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=120
        )
