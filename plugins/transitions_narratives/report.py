"""The `report` and `report-html` formats: the cohort's whole report, by templates."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from transitions_core import hookimpl
from transitions_core.narrative.formats import Format, Subject

REPORT = Format(
    name="report",
    description="Le rapport de la cohorte : chiffres, étapes de l'accompagnement, une page par territoire, synthèse.",
    subjects=(Subject.COHORT,),
    media_type="text/markdown",
)
REPORT_HTML = Format(
    name="report-html",
    description="Le rapport de la cohorte en une page HTML autonome.",
    subjects=(Subject.COHORT,),
    media_type="text/html",
    template_folder="report",
)


@hookimpl
def register_formats(register: Callable[[Format], None]) -> None:
    """Offer the report, in Markdown and in HTML; the templates are in narratives/report/."""
    register(REPORT)
    register(REPORT_HTML)


@hookimpl
def template_filters() -> dict[str, Callable[..., Any]]:
    """The report's selections (stages, pilots, synthesis) and the shared sentences, as filters."""
    from transitions_narratives.lazy import DIGEST_FILTERS, lazy_filters

    return lazy_filters("transitions_narratives.digest", DIGEST_FILTERS)
