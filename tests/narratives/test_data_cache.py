"""Wording and lexicon files kept parsed across runs (`narrative/data_cache.py`): the same data, never a failure."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from transitions_core.narrative import data_cache
from transitions_core.narrative.data_cache import cache_root, parsed, text_lists, text_tables
from transitions_core.narrative.folders import builtin_dir
from transitions_narratives import lexicon as lexicon_module
from transitions_narratives.lexicon import _tables
from transitions_narratives.wording import _phrasings_of


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of the test's own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return cache_root()


class Counting:
    """A parser that counts its calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, path: Path) -> dict[str, list[str]]:
        self.calls += 1
        return _phrasings_of(path)


def wording_file(tmp_path: Path, text: str = "a:\n  b: Bonjour {{ name }}.\n  c: [un, deux]\n") -> Path:
    path = tmp_path / "part.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_cache_is_in_xdg_cache_home(cache: Path, tmp_path: Path) -> None:
    assert cache == tmp_path / "cache" / "transitions-core" / "data"


def test_a_file_is_parsed_once_then_read_from_the_cache(cache: Path, tmp_path: Path) -> None:
    path, parse = wording_file(tmp_path), Counting()
    first = parsed(path, "wording", parse, text_lists)
    second = parsed(path, "wording", parse, text_lists)
    assert first == second == {"a.b": ["Bonjour {{ name }}."], "a.c": ["un", "deux"]}
    assert parse.calls == 1
    assert len(list(cache.glob("*.json"))) == 1
    assert not list(cache.glob(".*.tmp"))  # written to a temporary file, renamed


def test_every_builtin_file_reads_back_as_parsed(cache: Path) -> None:
    """What the cache gives is what YAML gives, for every wording and lexicon file installed."""
    files = sorted((builtin_dir() / "wording").rglob("*.yaml"))
    assert len(files) > 10
    for path in files:
        parsed(path, "wording", _phrasings_of, text_lists)
        assert parsed(
            path, "wording", lambda p: pytest.fail(f"{p} parsed again"), text_lists
        ) == _phrasings_of(path)
    for path in sorted((builtin_dir() / "lexicon").glob("*.yaml")):
        parsed(path, "lexicon", _tables, text_tables)
        assert parsed(path, "lexicon", lambda p: pytest.fail(f"{p} parsed again"), text_tables) == _tables(
            path
        )


def test_an_edited_file_is_parsed_again(cache: Path, tmp_path: Path) -> None:
    path, parse = wording_file(tmp_path), Counting()
    parsed(path, "wording", parse, text_lists)
    path.write_text("a:\n  b: Au revoir.\n", encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    assert parsed(path, "wording", parse, text_lists) == {"a.b": ["Au revoir."]}
    assert parse.calls == 2


def test_another_version_parses_again(cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path, parse = wording_file(tmp_path), Counting()
    parsed(path, "wording", parse, text_lists)
    monkeypatch.setattr(data_cache, "__version__", "99.0")
    parsed(path, "wording", parse, text_lists)
    assert parse.calls == 2


@pytest.mark.parametrize(
    "damage",
    [b"", b"{not json", b'{"key": "other", "value": {}}', b"[1, 2]", b"\xff\xfe", None],
)
def test_a_damaged_entry_is_parsed_again_and_rewritten(
    cache: Path, tmp_path: Path, damage: bytes | None
) -> None:
    path, parse = wording_file(tmp_path), Counting()
    expected = parsed(path, "wording", parse, text_lists)
    [entry] = cache.glob("*.json")
    if damage is None:  # the right key, a value of the wrong shape
        import json

        kept = json.loads(entry.read_text(encoding="utf-8"))
        entry.write_text(
            json.dumps({"key": kept["key"], "value": {"a.b": "pas une liste"}}), encoding="utf-8"
        )
    else:
        entry.write_bytes(damage)
    assert parsed(path, "wording", parse, text_lists) == expected
    assert parse.calls == 2
    assert parsed(path, "wording", parse, text_lists) == expected
    assert parse.calls == 2  # rewritten whole


def test_a_folder_that_cannot_be_written_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    path, parse = wording_file(tmp_path), Counting()
    assert parsed(path, "wording", parse, text_lists) == parsed(path, "wording", parse, text_lists)
    assert parse.calls == 2


def test_a_file_that_cannot_be_parsed_keeps_its_error_and_no_entry(cache: Path, tmp_path: Path) -> None:
    from transitions_core.errors import TransitionsError

    path = wording_file(tmp_path, "- une liste\n- pas un bloc\n")
    for _ in range(2):
        with pytest.raises(TransitionsError, match="un fichier de formulations est un bloc de clés"):
            parsed(path, "wording", _phrasings_of, text_lists)
    assert not cache.exists() or not list(cache.glob("*.json"))


def test_the_lexicon_is_the_same_from_the_cache(cache: Path) -> None:
    lexicon_module._lexicon.cache_clear()
    first = lexicon_module.lexicon("fr")
    lexicon_module._lexicon.cache_clear()
    again = lexicon_module.lexicon("fr")
    lexicon_module._lexicon.cache_clear()
    assert first == again and first["findings"]
    assert list(cache.glob("*.json"))


def test_a_warm_replay_imports_no_yaml(tmp_path: Path) -> None:
    """Two runs in fresh processes: the second reads every wording and lexicon file from the cache."""
    code = (
        "import sys\n"
        "from transitions_narratives.wording import wording\n"
        "from transitions_narratives.lexicon import lexicon\n"
        "say = wording('fr')\n"
        "say.keys('sentences'); say.keys('timeline'); lexicon('fr')\n"
        "print('yaml' in sys.modules)\n"
    )
    env: dict[str, Any] = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))
    env.pop("TRANSITIONS_NARRATIVES_DIR", None)
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        ).stdout.strip()
        for _ in range(2)
    ]
    assert runs == ["True", "False"]
