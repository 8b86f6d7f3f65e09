"""The `fiche` format: the territory page, in the report's shape, rendered from its template."""

from __future__ import annotations

from collections.abc import Callable

from transitions_core import hookimpl
from transitions_core.narrative.formats import Format, Subject

FICHE = Format(
    name="fiche",
    description="La fiche du territoire : le territoire, le projet pilote, les effets, les limites, les points de vue.",
    subjects=(Subject.TERRITORY,),
    media_type="text/markdown",
)


@hookimpl
def register_formats(register: Callable[[Format], None]) -> None:
    """Offer the territory page; the template renderer draws it from narratives/fiche/."""
    register(FICHE)
