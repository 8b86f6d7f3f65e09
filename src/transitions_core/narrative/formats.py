"""What a narrative format is: a name, what it narrates, and the media type it produces."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Subject(StrEnum):
    """What a format narrates."""

    TERRITORY = "territory"
    COHORT = "cohort"
    DAY = "day"
    PERIOD = "period"


EXTENSIONS = {"text/plain": "txt", "text/markdown": "md", "text/html": "html", "application/json": "json"}


@dataclass(frozen=True)
class Format:
    """A narrative format a plugin offers; `subjects` says what it can narrate."""

    name: str
    description: str
    subjects: tuple[Subject, ...]
    media_type: str = "text/markdown"
    #: The template folder under narratives/ (defaults to the format's name).
    template_folder: str | None = None

    def template_name(self, subject: Subject, lang: str) -> str:
        """`fiche/territory.fr.md.j2`: where the template renderer looks for this format's template."""
        extension = EXTENSIONS.get(self.media_type, "txt")
        return f"{self.template_folder or self.name}/{subject.value}.{lang}.{extension}.j2"


@dataclass(frozen=True)
class RenderOptions:
    """How a narrative is asked for: language, audience and the period, when it matters."""

    lang: str = "fr"
    subject: Subject = Subject.TERRITORY
    #: `internal` or `public`; the view itself is already the one for that audience.
    audience: str = "internal"
