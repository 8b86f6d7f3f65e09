"""The plugins' entry points are read from the cache only while nothing was installed, removed or edited.

`plugin_discovery.entry_points_of` keeps what `importlib.metadata` found, keyed by `sys.path` and the
distributions' metadata folders in it. Given a first discovery, when a distribution is added to a folder
already on the path, removed, or its entry points edited in place, the next discovery sees it; a damaged
cache entry is read again; a warm discovery gives what a fresh scan gives.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.plugins.fakes import install_fake_plugin
from transitions_core.narrative import data_cache
from transitions_core.plugin_discovery import Found, entry_points_of, scan
from transitions_core.plugins import GROUP

SOURCE = "from transitions_core import hookimpl\n"


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setattr(data_cache, "cache_root", lambda: folder)
    return folder


def names() -> set[str]:
    return {found.name for found in entry_points_of(GROUP)}


def test_a_warm_discovery_gives_what_a_fresh_scan_gives(own_cache: Path) -> None:
    first = entry_points_of(GROUP)
    assert list(own_cache.iterdir()), "the first discovery kept nothing"
    assert entry_points_of(GROUP) == first
    assert sorted(first, key=lambda f: f.name) == sorted(scan(GROUP), key=lambda f: f.name)
    assert {f.name for f in first} >= {"timeline", "report", "newsletter"}


def test_a_distribution_added_removed_or_edited_is_seen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "site"
    install_fake_plugin(monkeypatch, folder, "haiku", "haiku_plugin", SOURCE)
    assert "haiku" in names()
    # Added to a folder already on the path, after a discovery.
    second = folder / "second_plugin-1.0.dist-info"
    second.mkdir()
    (second / "METADATA").write_text("Metadata-Version: 2.1\nName: second_plugin\nVersion: 1.0\n")
    (second / "entry_points.txt").write_text("[transitions_core]\nsonnet = second_plugin\n")
    assert {"haiku", "sonnet"} <= names()
    # Its entry points edited in place (the folder's own time unchanged).
    entry_points = second / "entry_points.txt"
    before = second.stat().st_mtime_ns
    with entry_points.open("a", encoding="utf-8") as out:
        out.write("villanelle = second_plugin\n")
    os.utime(entry_points, ns=(entry_points.stat().st_atime_ns, entry_points.stat().st_mtime_ns + 10**9))
    os.utime(second, ns=(second.stat().st_atime_ns, before))
    assert {"sonnet", "villanelle"} <= names()
    # Removed.
    shutil.rmtree(second)
    assert "sonnet" not in names() and "haiku" in names()


def test_a_damaged_entry_is_read_again(own_cache: Path) -> None:
    first = entry_points_of(GROUP)
    for entry in own_cache.iterdir():
        entry.write_text('{"key": "', encoding="utf-8")
    assert entry_points_of(GROUP) == first


def test_an_entry_point_loads_its_module_or_attribute() -> None:
    import transitions_narratives.timeline as timeline

    assert Found("timeline", "transitions_narratives.timeline", None, None).load() is timeline
    assert Found("t", "transitions_narratives.timeline:render", None, None).load() is timeline.render
    assert (
        Found("t", "transitions_core.plugins:PluginInfo.breaks [extra]", None, None).load().__name__
        == "breaks"
    )
    with pytest.raises(ValueError):
        Found("t", "not a module!", None, None).load()
