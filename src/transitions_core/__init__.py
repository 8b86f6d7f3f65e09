"""transitions_core: the event-sourced history of La Fabrique des transitions' cohorts."""

from __future__ import annotations

__version__ = "0.1.0"
