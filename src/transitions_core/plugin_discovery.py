"""Where the plugins are: the entry points of a group among the installed distributions, read once.

`importlib.metadata` finds a group's entry points by reading every installed distribution's metadata;
importing it and scanning took about 20 ms of each command that renders a narrative (issue 16). What
it finds (each entry point's name and target, and its distribution's name and version) is kept in the
user's cache folder (`narrative/data_cache.py`), under a key made of every folder of `sys.path` as it
stands and the distributions' metadata folders in it, with their times and their entry points files'. Installing,
removing or upgrading a distribution (pip writes or removes a `*.dist-info` folder), editing one's
entry points, or another `sys.path`, changes the key: the entry points are read again. Nothing else
decides which plugins load: the host discovers the same ones either way (a test compares them).
"""

from __future__ import annotations

import hashlib
import importlib
import os
import re
import stat
import sys
from dataclasses import dataclass
from functools import reduce
from typing import Any

#: `module`, `module:attribute.path`, with optional `[extras]`: what `importlib.metadata` accepts.
TARGET = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")
METADATA_FOLDERS = (".dist-info", ".egg-info")


@dataclass(frozen=True)
class Found:
    """One entry point: its name, its target (`module:attribute`) and the distribution that declares it."""

    name: str
    value: str
    distribution: str | None
    version: str | None

    def load(self) -> Any:
        """The object the entry point names, as `importlib.metadata.EntryPoint.load` gives it."""
        match = TARGET.match(self.value)
        if match is None:
            raise ValueError(f"entry point {self.name!r}: {self.value!r} names no module")
        module = importlib.import_module(match["module"])
        return reduce(getattr, filter(None, (match["attr"] or "").split(".")), module)


def entry_points_of(group: str) -> list[Found]:
    """The group's entry points, from the cache while no distribution and no `sys.path` folder changed."""
    from transitions_core.narrative.data_cache import kept

    rows: list[list[Any]] = kept(
        f"entry points\0{group}\0{_installed()}", lambda: [list(_row(f)) for f in scan(group)], _rows
    )
    return [Found(str(name), str(value), dist, version) for name, value, dist, version in rows]


def scan(group: str) -> list[Found]:
    """The group's entry points as `importlib.metadata` reads them now."""
    from importlib.metadata import entry_points

    found = []
    for point in entry_points(group=group):
        metadata = point.dist.metadata if point.dist is not None else None
        name, version = (metadata["Name"], metadata["Version"]) if metadata is not None else (None, None)
        found.append(Found(point.name, point.value, name, version))
    return found


def _row(found: Found) -> tuple[str, str, str | None, str | None]:
    return found.name, found.value, found.distribution, found.version


def _rows(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(row, list)
        and len(row) == 4
        and all(isinstance(v, str) for v in row[:2])
        and all(v is None or isinstance(v, str) for v in row[2:])
        for row in value
    )


def _mtime(*path: str) -> int | None:
    try:
        return os.stat(os.path.join(*path) if path[0] else os.path.join(".", *path[1:])).st_mtime_ns
    except OSError:
        return None


def _installed() -> str:
    """A digest of what decides the installed distributions: `sys.path`, its folders and their metadata."""
    parts = [sys.version]
    for entry in sys.path:
        try:
            status = os.stat(entry or ".")
        except OSError:
            parts.append(f"{entry}\0-")
            continue
        if not stat.S_ISDIR(status.st_mode):
            parts.append(f"{entry}\0{status.st_mtime_ns}")  # a zip file of modules
            continue
        # A folder's own time is not part of the key: the folder of the store, or the current folder,
        # changes at every run. What matters is the metadata folders it holds.
        parts.append(f"{entry}\0folder")
        try:
            with os.scandir(entry or ".") as folder:
                names = sorted(item.name for item in folder if item.name.endswith(METADATA_FOLDERS))
        except OSError:
            continue
        # A metadata folder's own time changes when a file is added or replaced in it; its entry points
        # file's, when that file is edited in place.
        parts += [
            f"{name}\0{_mtime(entry, name)}\0{_mtime(entry, name, 'entry_points.txt')}" for name in names
        ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()
