"""Compiled templates kept across runs: jinja2's bytecode cache, in the user's cache folder.

One folder per kind of environment (`fingerprint`): the same template file compiles differently with
another media type's settings (autoescape, trimmed blocks, finalize) or another set of filters, and
jinja2 keys its cache by template name and file only. Within a folder, jinja2 checks each entry
against the template's source, so an edited template is compiled again.

Several runs at once are safe: jinja2 writes each entry to a temporary file, then renames it. A
folder that cannot be made or written is skipped without a word: the templates are compiled as
before, every time.
"""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2.bccache import Bucket, FileSystemBytecodeCache

if TYPE_CHECKING:
    import jinja2

#: Under the user's cache folder (XDG_CACHE_HOME on Linux).
APP_NAME = "transitions-core"


class QuietBytecodeCache(FileSystemBytecodeCache):
    """jinja2's file cache, which never fails a render: an entry it cannot read or write is skipped."""

    def load_bytecode(self, bucket: Bucket) -> None:
        """Read the entry if it is there and readable; otherwise the template is compiled."""
        try:
            super().load_bytecode(bucket)
        except Exception:  # unreadable, or damaged (jinja2 unpickles its header: any error may come out)
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Write the entry (a temporary file renamed into place); a full or read-only disk is ignored."""
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def cache_root() -> Path:
    """The folder of compiled templates: `transitions-core/templates` in the user's cache folder."""
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False) / "templates"


def fingerprint(environment: jinja2.Environment) -> str:
    """What the compiled code of a template depends on, besides its source: settings, filters, tests, jinja2."""
    import jinja2 as jinja

    parts = [
        jinja.__version__,
        type(environment).__qualname__,
        environment.code_generator_class.__qualname__,
        repr(environment.autoescape),
        repr((environment.trim_blocks, environment.lstrip_blocks, environment.keep_trailing_newline)),
        repr(
            (
                environment.block_start_string,
                environment.variable_start_string,
                environment.comment_start_string,
            )
        ),
        repr(getattr(environment.finalize, "__qualname__", environment.finalize)),
        repr(sorted(environment.extensions)),
        repr(sorted(environment.filters)),
        repr(sorted(environment.tests)),
        environment.undefined.__qualname__,
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:20]


def bytecode_cache(environment: jinja2.Environment, root: Path | None = None) -> QuietBytecodeCache | None:
    """A cache for this environment's templates, or None when its folder cannot be made."""
    folder = (root or cache_root()) / fingerprint(environment)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return QuietBytecodeCache(str(folder))
