"""transitions_core: the event-sourced history of La Fabrique des transitions' cohorts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pluggy

    #: Marks a plugin's hook implementations: `@hookimpl def register_formats(register): ...`.
    hookimpl: pluggy.HookimplMarker

__version__ = "0.1.0"

__all__ = ["__version__", "hookimpl"]


def __getattr__(name: str) -> Any:
    """`hookimpl`, made on first use: pluggy is not imported by commands that load no plugin (`--help`)."""
    if name == "hookimpl":
        import pluggy

        marker = pluggy.HookimplMarker("transitions_core")
        globals()["hookimpl"] = marker
        return marker
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
