"""`TemplateRefused`, in its own module: the budget (`limits.py`) imports jinja2 only when it refuses something."""

from __future__ import annotations

from jinja2.exceptions import SecurityError


class TemplateRefused(SecurityError):
    """A template asked for something the sandbox does not give; the message says what, in French."""
