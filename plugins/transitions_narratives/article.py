"""The `article` format: a journalistic piece about a territory, from its template and this plugin's filters."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any

from transitions_core import hookimpl
from transitions_core.narrative.formats import Format, Subject

ARTICLE = Format(
    name="article",
    description="Un article de presse : titre, chapeau, du diagnostic au projet pilote, paroles citées, ce qui résiste.",
    subjects=(Subject.TERRITORY,),
    media_type="text/markdown",
)
#: Each part of the French article, and the module that writes it.
PARTS = {
    **dict.fromkeys(("headline", "standfirst", "outside", "path", "pilot"), "article_text"),
    **dict.fromkeys(("changes", "voices", "hard"), "article_reception"),
}


@hookimpl
def register_formats(register: Callable[[Format], None]) -> None:
    """Offer the article; the template renderer draws it from narratives/article/."""
    register(ARTICLE)


@hookimpl
def template_filters() -> dict[str, Callable[..., Any]]:
    """`article_headline`, `article_path`…: the article's sentences, so that its templates hold no grammar."""
    return {f"article_{part}": _part(part) for part in PARTS}


def _part(part: str) -> Callable[..., Any]:
    def write(view: Any, lang: str = "fr") -> Any:
        # Imported on first use: listing formats must not pay for the article's text helpers.
        module = "article_text_en" if lang == "en" else PARTS[part]
        return getattr(import_module(f"transitions_narratives.{module}"), part)(view)

    write.__name__ = f"article_{part}"
    write.__doc__ = f"The article's {part}, written from the territory's facts."
    return write
