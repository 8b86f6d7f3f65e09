"""The wording's phrasings, compiled once and kept in the user's cache folder: the same text, never a failure."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import Environment

from transitions_core.narrative.folders import builtin_dir
from transitions_narratives.wording import Wording

PHRASINGS = "greeting:\n  - Bonjour {{ name|upper }}.\n  - Salut {{ name }} !\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A wording folder of one part, `test`, of the French phrasings."""
    part = tmp_path / "words" / "wording" / "fr"
    part.mkdir(parents=True)
    (part / "test.yaml").write_text(PHRASINGS, encoding="utf-8")
    return tmp_path / "words"


def compiled(cache: Path) -> list[Path]:
    return sorted(cache.rglob("*.cache"))


def no_compiling(self: Environment, *args: object, **kwargs: object) -> None:
    raise AssertionError("compiled again")


def test_a_second_run_renders_the_phrasings_without_compiling(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    first = Wording("fr", (folder,))
    texts = [first.say("test.greeting", i, name="Lou") for i in range(2)]
    assert texts == ["Bonjour LOU.", "Salut Lou !"]
    assert len(compiled(tmp_path / "cache")) == 2

    with monkeypatch.context() as patch:
        patch.setattr(Environment, "compile", no_compiling)
        again = Wording("fr", (folder,))
        assert [again.say("test.greeting", i, name="Lou") for i in range(2)] == texts


def test_an_edited_phrasing_is_compiled_again(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert Wording("fr", (folder,)).say("test.greeting", name="Lou") == "Bonjour LOU."
    (folder / "wording" / "fr" / "test.yaml").write_text(
        "greeting: Au revoir {{ name }}.\n", encoding="utf-8"
    )
    assert Wording("fr", (folder,)).say("test.greeting", name="Lou") == "Au revoir Lou."


def test_a_cache_that_cannot_be_written_is_skipped(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert Wording("fr", (folder,)).say("test.greeting", 1, name="Lou") == "Salut Lou !"


def test_a_damaged_entry_is_compiled_again(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    Wording("fr", (folder,)).say("test.greeting", name="Lou")
    [entry] = compiled(tmp_path / "cache")
    entry.write_bytes(entry.read_bytes()[:30])
    assert Wording("fr", (folder,)).say("test.greeting", name="Lou") == "Bonjour LOU."
    assert entry.stat().st_size > 30  # written again, whole


def test_a_phrasing_that_does_not_compile_says_so_as_before(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jinja2 import TemplateSyntaxError

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    (folder / "wording" / "fr" / "test.yaml").write_text("greeting: Bonjour {{ name .\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(TemplateSyntaxError):
            Wording("fr", (folder,)).say("test.greeting", name="Lou")
    assert compiled(tmp_path / "cache") == []


def test_the_built_in_phrasings_render_the_same_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every built-in French and English phrasing without slots, compiled then loaded: the same text."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    for lang in ("fr", "en"):
        first = Wording(lang, (builtin_dir(),))
        keys = [
            f"{part.stem}.{key}"
            for part in sorted((builtin_dir() / "wording" / lang).glob("*.yaml"))
            for key in sorted(first.keys(part.stem))
        ]
        assert len(keys) > 50
        plain = {}
        for key in keys:
            for index in range(first.variants(key)):
                try:
                    plain[(key, index)] = first.say(key, index)
                except Exception:  # a phrasing with slots: rendered without them, it refuses
                    continue
        assert len(plain) > 10
        with monkeypatch.context() as patch:
            patch.setattr(Environment, "compile", no_compiling)
            again = Wording(lang, (builtin_dir(),))
            for (key, index), text in plain.items():
                assert again.say(key, index) == text
