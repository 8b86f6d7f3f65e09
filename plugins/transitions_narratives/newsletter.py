"""The `newsletter` and `newsletter-html` formats: a digest of a period, or of the whole history, by templates."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from transitions_core import hookimpl
from transitions_core.narrative.formats import Format, Subject

NEWSLETTER = Format(
    name="newsletter",
    description="L'infolettre d'une période (--from/--to) : les temps forts de la cohorte et des territoires, les dates à venir.",
    subjects=(Subject.COHORT, Subject.PERIOD),
    media_type="text/markdown",
)
NEWSLETTER_HTML = Format(
    name="newsletter-html",
    description="L'infolettre en HTML pour le courriel : styles en ligne, aucune ressource externe.",
    subjects=(Subject.COHORT, Subject.PERIOD),
    media_type="text/html",
    template_folder="newsletter",
)


@hookimpl
def register_formats(register: Callable[[Format], None]) -> None:
    """Offer the newsletter, in Markdown and in HTML; the templates are in narratives/newsletter/."""
    register(NEWSLETTER)
    register(NEWSLETTER_HTML)


@hookimpl
def template_filters() -> dict[str, Callable[..., Any]]:
    """The digest's selections (highlights, news, period) and the shared sentences, as filters."""
    from transitions_narratives.lazy import DIGEST_FILTERS, lazy, lazy_filters

    # Imported when a template first calls them: a replay or a report loads no newsletter code (issue 16).
    return {
        **lazy_filters("transitions_narratives.digest", DIGEST_FILTERS),
        "newsletter_issue": lazy("transitions_narratives.newsletter_text", "newsletter"),
    }
