"""The `timeline` format: the dated list of what happened, in French, for a territory or a cohort."""

from __future__ import annotations

from collections.abc import Callable

from transitions_core import hookimpl
from transitions_core.narrative.formats import Format, RenderOptions, Subject
from transitions_core.narrative.views import CohortView, NarrativeView, TerritoryView

TIMELINE = Format(
    name="timeline",
    description="La chronologie datée, en texte (ce que `replay` affiche par défaut).",
    subjects=(Subject.TERRITORY, Subject.COHORT),
    media_type="text/plain",
    renderer=lambda view, options: render(view, options),
)


@hookimpl
def register_formats(register: Callable[[Format], None]) -> None:
    """Offer the timeline."""
    register(TIMELINE)


def render(view: NarrativeView, options: RenderOptions) -> str | None:
    """Write the timeline in Python: each entry type has its own sentence."""
    from transitions_narratives import timeline_text

    if isinstance(view, TerritoryView):
        return timeline_text.render_territory(view, options.lang)
    if isinstance(view, CohortView):
        return timeline_text.render_cohort(view, options.lang)
    return None
