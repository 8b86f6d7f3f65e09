"""Data files read once: what a wording or lexicon file parses to, kept as JSON in the user's cache folder.

A text's words are YAML files (`narratives/wording/`, `narratives/lexicon/`). Importing PyYAML and
parsing them took about 10 ms of each replay (issue 16); the parsed form, plain text in lists and
tables, is kept as JSON (read by the standard library in well under a millisecond), as
`template_cache.py` keeps compiled templates.

An entry is keyed by the file's path, size and modification time (in nanoseconds), by what the
caller makes of the file (`kind`) and by this code's version: an edited file, or another version of
the package, is parsed again. It is written to a temporary file, then renamed, so runs at once never
read half an entry. An entry that cannot be read, or does not hold what the caller expects, is parsed
again and rewritten; a folder that cannot be written is skipped without a word.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from transitions_core import __version__

T = TypeVar("T")

#: Changes when what an entry holds changes.
FORMAT = 1


def cache_root() -> Path:
    """The folder of parsed data files: `transitions-core/data` in the user's cache folder."""
    from platformdirs import user_cache_path

    return user_cache_path("transitions-core", appauthor=False) / "data"


def parsed(path: Path, kind: str, parse: Callable[[Path], T], valid: Callable[[Any], bool]) -> T:
    """`parse(path)`, from the cache when this version already parsed the same file; `valid` checks an entry."""
    try:
        status = path.stat()
    except OSError:
        return parse(path)
    key = "\0".join([str(path.resolve()), str(status.st_size), str(status.st_mtime_ns), kind])
    return kept(key, lambda: parse(path), valid)


def kept(key: str, compute: Callable[[], T], valid: Callable[[Any], bool]) -> T:
    """`compute()`, from the cache when an entry of this key (and this version of the code) holds a valid value."""
    key = "\0".join([key, __version__, str(FORMAT)])
    entry = cache_root() / f"{hashlib.sha256(key.encode()).hexdigest()[:32]}.json"
    with contextlib.suppress(OSError, ValueError):
        found = json.loads(entry.read_bytes())
        if isinstance(found, dict) and found.get("key") == key and valid(found.get("value")):
            value: T = found["value"]
            return value
    value = compute()
    _write(entry, {"key": key, "value": value})
    return value


def _write(entry: Path, content: dict[str, Any]) -> None:
    """Write an entry whole or not at all (a temporary file renamed); a folder that cannot be written is skipped."""
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=entry.parent, prefix=".", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(content, out, ensure_ascii=False)
        os.replace(temporary, entry)
    except (OSError, TypeError, ValueError):
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def text_lists(value: Any) -> bool:
    """Whether an entry is a table of lists of text (`wording`'s phrasings by key)."""
    return isinstance(value, dict) and all(
        isinstance(v, list) and all(isinstance(s, str) for s in v) for v in value.values()
    )


def text_tables(value: Any) -> bool:
    """Whether an entry is a table of tables of text (a lexicon: table → value → word)."""
    return isinstance(value, dict) and all(
        isinstance(t, dict) and all(isinstance(w, str) for w in t.values()) for t in value.values()
    )
