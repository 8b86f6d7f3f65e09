"""The `json` format: the stable, machine-readable timeline (schema in docs/replay-json.md)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from transitions_core import hookimpl
from transitions_core.narrative.formats import Format, RenderOptions, Subject
from transitions_core.narrative.views import CohortView, NarrativeView, TerritoryView
from transitions_core.timeline.trusted import dumped
from transitions_core.timeline.view import TimelineEntry

SCHEMA = "transitions.replay/1"
COHORT_SCHEMA = "transitions.cohort/1"

JSON = Format(
    name="json",
    description="La chronologie en JSON, au schéma stable documenté.",
    subjects=(Subject.TERRITORY, Subject.COHORT),
    media_type="application/json",
    renderer=lambda view, options: render(view, options),
)


@hookimpl
def register_formats(register: Callable[[Format], None]) -> None:
    """Offer the JSON timeline."""
    register(JSON)


def render(view: NarrativeView, options: RenderOptions) -> str | None:
    """Dump the view's timeline as a stable JSON document."""
    if isinstance(view, TerritoryView):
        document: dict[str, Any] = {
            "schema": SCHEMA,
            "audience": view.audience,
            "cohort": dumped(view.cohort),
            "territory": dumped(view.territory),
            "as_of": view.as_of.isoformat() if view.as_of else None,
            "entries": [entry_json(e) for e in view.entries],
        }
    elif isinstance(view, CohortView):
        document = {
            "schema": COHORT_SCHEMA,
            "audience": view.audience,
            "cohort": dumped(view.cohort),
            "territories": [dumped(t.territory) for t in view.territories],
            "as_of": view.as_of.isoformat() if view.as_of else None,
            "stats": dumped(view.stats),
            "entries": [entry_json(e) for e in view.entries],
        }
    else:
        return None
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def entry_json(entry: TimelineEntry) -> dict[str, Any]:
    """One timeline entry, with its date bounds spelled out."""
    return {
        **dumped(entry),
        "earliest": entry.occurred.earliest.isoformat() if entry.occurred.earliest else None,
        "latest": entry.occurred.latest.isoformat() if entry.occurred.latest else None,
        "confidential": entry.confidential,
    }
