"""Filters registered by name, their module imported on first call: a replay loads no newsletter code (issue 16)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib import import_module
from typing import Any


@cache  # one object per function: the report and the newsletter share the digest's filters (registry.py)
def lazy(module: str, name: str) -> Callable[..., Any]:
    """The function `name` of `module`, imported when a template first calls it, not when it is registered."""
    found: list[Callable[..., Any]] = []

    def call(*args: Any, **kwargs: Any) -> Any:
        if not found:
            found.append(getattr(import_module(module), name))
        return found[0](*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    call.__module__ = module
    return call


def lazy_filters(module: str, names: dict[str, str]) -> dict[str, Callable[..., Any]]:
    """Filters by name (filter name → function name in `module`), each imported on first call."""
    return {filter_name: lazy(module, function) for filter_name, function in names.items()}


#: The filters of `digest.FILTERS`, by name: the function each one is in `digest.py` (a test checks the two agree).
DIGEST_FILTERS = {
    "digest_when": "when",
    "digest_entry": "entry_text",
    "digest_upcoming": "upcoming_text",
    "digest_cohort_news": "cohort_news",
    "digest_territory_news": "territory_news",
    "digest_highlight": "highlight",
    "digest_highlights": "highlights",
    "digest_upcoming_entries": "upcoming",
    "digest_period": "period_words",
    "digest_quiet": "quiet",
    "engaged": "engaged",
    "outside": "outside",
    "report_outside": "outside_lines",
    "report_stages": "stages",
    "report_told_stages": "told_stages",
    "report_pilots": "pilots",
    "report_joined": "joined",
    "report_declined": "declined",
    "report_synthesis": "synthesis",
    "first_sentence": "first_sentence",
    "report_diagnostic": "diagnostic_summary",
    "report_figures": "figures",
    "demote": "demote",
    "squeeze": "squeeze",
    "anchor": "anchor",
    "fr_typeset": "html_typeset",
}
