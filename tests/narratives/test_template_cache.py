"""Compiled templates kept across runs (jinja2's bytecode cache in the user's cache folder), never a failure."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest

from transitions_core.narrative.environment import make_environment
from transitions_core.narrative.template_cache import cache_root, fingerprint

TEMPLATE = "note.md.j2"


@pytest.fixture
def user(tmp_path: Path) -> Path:
    """A user's template folder holding one template."""
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / TEMPLATE).write_text("{% for n in names %}{{ n | upper }}{% endfor %}\n", encoding="utf-8")
    return folder


def _render(environment: jinja2.Environment) -> str:
    return environment.get_template(TEMPLATE).render(names=["a", "b"])


def _compiled(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.cache"))


def test_the_cache_is_in_xdg_cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))

    assert cache_root() == tmp_path / "transitions-core" / "templates"


def test_a_second_environment_loads_the_compiled_template_without_compiling(
    tmp_path: Path, user: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert _render(make_environment("text/markdown", [], {}, user)) == "AB"
    assert _compiled(tmp_path / "cache")

    def no_compiling(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled again")

    second = make_environment("text/markdown", [], {}, user)
    monkeypatch.setattr(type(second), "_parse", no_compiling)
    assert _render(second) == "AB"
    (user / TEMPLATE).write_text(
        "{{ names | length }}\n", encoding="utf-8"
    )  # an edited template compiles again
    monkeypatch.undo()
    assert _render(make_environment("text/markdown", [], {}, user)) == "2\n"


def test_another_media_type_or_other_filters_have_their_own_folder(user: Path) -> None:
    markdown = make_environment("text/markdown", [], {}, user)
    html = make_environment("text/html", [], {}, user)
    more = make_environment("text/markdown", [], {"shout": str.upper}, user)

    assert len({fingerprint(markdown), fingerprint(html), fingerprint(more)}) == 3
    assert fingerprint(markdown) == fingerprint(make_environment("text/markdown", [], {}, user))


def test_a_cache_that_cannot_be_written_is_skipped(
    tmp_path: Path, user: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))

    environment = make_environment("text/markdown", [], {}, user)

    assert environment.bytecode_cache is None
    assert _render(environment) == "AB"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_read_only_cache_folder_is_skipped(
    tmp_path: Path, user: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    environment = make_environment("text/markdown", [], {}, user)
    folder = cache_root() / fingerprint(environment)
    folder.chmod(0o500)
    try:
        assert _render(environment) == "AB"
        assert not _compiled(folder)
    finally:
        folder.chmod(0o700)


def test_a_damaged_entry_is_compiled_again(
    tmp_path: Path, user: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    _render(make_environment("text/markdown", [], {}, user))
    entries = _compiled(tmp_path / "cache")
    assert entries
    for entry in entries:
        entry.write_bytes(entry.read_bytes()[:40])

    assert _render(make_environment("text/markdown", [], {}, user)) == "AB"
    assert all(entry.stat().st_size > 40 for entry in entries)  # written again, whole


def test_runs_at_once_share_the_cache_and_write_the_same_text(tmp_path: Path, user: Path) -> None:
    code = (
        "from pathlib import Path\n"
        "from transitions_core.narrative.environment import make_environment\n"
        "for _ in range(20):\n"
        f"    t = make_environment('text/markdown', [], {{}}, Path({str(user)!r})).get_template({TEMPLATE!r})\n"
        "    assert t.render(names=['a', 'b']) == 'AB'\n"
    )
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))
    runs = [subprocess.Popen([sys.executable, "-c", code], env=env, stderr=subprocess.PIPE) for _ in range(3)]
    errors = [run.communicate()[1] for run in runs]

    assert [run.returncode for run in runs] == [0, 0, 0], errors
    assert _compiled(tmp_path / "cache")
    assert not list(tmp_path.rglob("*.tmp"))  # no half-written entry left behind
