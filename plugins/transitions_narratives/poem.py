"""The `poem` format: free verse for a common-core day or a territory's journey, varied by a seed."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any

from transitions_core import hookimpl
from transitions_core.narrative.formats import Format, Subject

POEM = Format(
    name="poem",
    description="Un poème en vers libres : une journée du tronc commun ou le chemin d'un territoire.",
    subjects=(Subject.DAY, Subject.TERRITORY),
    media_type="text/markdown",
)


@hookimpl
def register_formats(register: Callable[[Format], None]) -> None:
    """Offer the poem; the template renderer draws it from narratives/poem/."""
    register(POEM)


@hookimpl
def template_filters() -> dict[str, Callable[..., Any]]:
    """`poem_title` and `poem_stanzas`: the verse, written in Python so that templates hold no grammar."""
    return {"poem_title": poem_title, "poem_stanzas": poem_stanzas}


def poem_title(view: Any, lang: str = "fr") -> str:
    """The poem's title for a day or a territory."""
    text = _text(lang, view.kind)
    return str(text.day_title(view) if view.kind == "day" else text.territory_title(view))


def poem_stanzas(view: Any, lang: str = "fr") -> list[list[str]]:
    """The poem's stanzas, each a list of lines, chosen by a seed drawn from the view's facts."""
    text = _text(lang, view.kind)
    stanzas = text.day_stanzas(view) if view.kind == "day" else text.territory_stanzas(view)
    return list(stanzas)


def _text(lang: str, kind: str) -> Any:
    # Imported on first use: listing formats must not pay for the poem's text helpers.
    if lang == "en":
        return import_module("transitions_narratives.poem_text_en")
    return import_module(f"transitions_narratives.{'poem_text' if kind == 'day' else 'poem_journey'}")
