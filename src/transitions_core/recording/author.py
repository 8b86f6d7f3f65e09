"""Who records: `--as NAME`, else TRANSITIONS_AUTHOR, else the system user."""

from __future__ import annotations

import getpass
import os

AUTHOR_VAR = "TRANSITIONS_AUTHOR"


def current_author(given: str | None = None) -> str | None:
    """The name the audit trail gives whoever runs this command (None if the system cannot tell)."""
    for name in (given, os.environ.get(AUTHOR_VAR)):
        if name and name.strip():
            return " ".join(name.split())
    try:
        return getpass.getuser() or None
    except (KeyError, OSError):  # no login name and no passwd entry (a container's numeric user)
        return None
