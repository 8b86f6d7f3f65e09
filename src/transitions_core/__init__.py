"""transitions_core: the event-sourced history of La Fabrique des transitions' cohorts."""

from __future__ import annotations

import pluggy

__version__ = "0.1.0"

#: Marks a plugin's hook implementations: `@hookimpl def register_formats(register): ...`.
hookimpl = pluggy.HookimplMarker("transitions_core")

__all__ = ["__version__", "hookimpl"]
