"""The `haiku` format: three short lines drawn from a territory's history."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from transitions_core import hookimpl
from transitions_core.narrative.formats import Format, Subject

HAIKU = Format(
    name="haiku",
    description="Un haïku : trois lignes brèves tirées de l'histoire d'un territoire.",
    subjects=(Subject.TERRITORY,),
    media_type="text/plain",
)


@hookimpl
def register_formats(register: Callable[[Format], None]) -> None:
    """Offer the haiku."""
    register(HAIKU)


@hookimpl
def template_dirs() -> list[Path]:
    """The haiku's template, haiku/territory.fr.txt.j2."""
    return [Path(__file__).parent / "templates"]


def first_words(text: str, count: int = 4) -> str:
    """The first `count` words of a text, with an ellipsis when it was longer."""
    words = text.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


@hookimpl
def template_filters() -> dict[str, Callable[..., Any]]:
    """`{{ text|first_words(3) }}`."""
    return {"first_words": first_words}
