"""What a narrative format is: a name, what it narrates, the media type it produces, and what renders it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from transitions_core.narrative.views import NarrativeView


class Subject(StrEnum):
    """What a format narrates."""

    TERRITORY = "territory"
    COHORT = "cohort"
    DAY = "day"
    PERIOD = "period"


@dataclass(frozen=True)
class MediaType:
    """How a media type is written and rendered: its template extension, and what the text gets."""

    extension: str
    #: French typography after rendering (narrow spaces, guillemets): prose, never data.
    typeset: bool = False
    #: Escape every `{{ … }}` for HTML or XML.
    autoescape: bool = False


MEDIA_TYPES: dict[str, MediaType] = {
    "text/plain": MediaType("txt", typeset=True),
    "text/markdown": MediaType("md", typeset=True),
    "text/html": MediaType("html", autoescape=True),
    "application/json": MediaType("json"),
    "text/csv": MediaType("csv"),
}
#: Kept for plugins that read it: the template extension of each known media type.
EXTENSIONS = {name: media.extension for name, media in MEDIA_TYPES.items()}
FORMAT_NAME = re.compile(r"[a-z][a-z0-9_-]*")
_MEDIA_TYPE = re.compile(r"[a-z]+/[a-z0-9][a-z0-9.+-]*")
_EXTENSION = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class RenderOptions:
    """How a narrative is asked for: language, audience and the period, when it matters."""

    lang: str = "fr"
    subject: Subject = Subject.TERRITORY
    #: `internal` or `public`; the view itself is already the one for that audience.
    audience: str = "internal"


#: A format's own renderer: the view and the options in, the text out.
Renderer = Callable[["NarrativeView", RenderOptions], "str | None"]


@dataclass(frozen=True)
class Format:
    """A narrative format a plugin offers; `subjects` says what it can narrate."""

    name: str
    description: str
    subjects: tuple[Subject, ...]
    media_type: str = "text/markdown"
    #: The template folder under narratives/ (defaults to the format's name).
    template_folder: str | None = None
    #: Renders the format in Python; without one, the template `template_name()` renders it.
    renderer: Renderer | None = field(default=None, compare=False)
    #: Names this format takes on purpose from whoever gave them first: only its own, `("poem",)`.
    replaces: tuple[str, ...] = ()
    #: The template extension of a media type this package does not know (`text/calendar` → `ics`).
    extension: str | None = None

    @property
    def media(self) -> MediaType:
        """How this format's media type is written and rendered."""
        known = MEDIA_TYPES.get(self.media_type)
        if known is not None:
            return known
        return MediaType(self.extension or "txt")

    def template_name(self, subject: Subject, lang: str) -> str:
        """`fiche/territory.fr.md.j2`: where the template renderer looks for this format's template."""
        return f"{self.template_folder or self.name}/{subject.value}.{lang}.{self.media.extension}.j2"

    def any_language_template_name(self, subject: Subject) -> str:
        """`poem/territory.md.j2`: a template for every language, tried when the language has none of its own."""
        return f"{self.template_folder or self.name}/{subject.value}.{self.media.extension}.j2"


def format_problem(fmt: object) -> str | None:
    """Why the host cannot register `fmt` (one French clause), or None when it is a sound format."""
    if not isinstance(fmt, Format):
        return f"{fmt!r} n'est pas un Format (transitions_core.plugin_api.Format)"
    if not isinstance(fmt.name, str) or not FORMAT_NAME.fullmatch(fmt.name):
        return (
            f"le nom de format « {fmt.name} » doit s'écrire en minuscules, chiffres, - et _, "
            "en commençant par une lettre (ex. dossier-presse)"
        )
    if not fmt.subjects or not all(isinstance(s, Subject) for s in fmt.subjects):
        return f"le format « {fmt.name} » doit dire ce qu'il raconte : subjects=(Subject.TERRITORY,)…"
    if fmt.media_type not in MEDIA_TYPES:
        known = ", ".join(MEDIA_TYPES)
        if fmt.extension is None or not _MEDIA_TYPE.fullmatch(fmt.media_type):
            return (
                f"le type « {fmt.media_type} » du format « {fmt.name} » est inconnu ; types connus : "
                f"{known} ; pour un autre type, écrivez-le type/sous-type et donnez l'extension de "
                'ses modèles (extension="ics")'
            )
        if not _EXTENSION.fullmatch(fmt.extension):
            return f"l'extension « {fmt.extension} » du format « {fmt.name} » doit s'écrire en minuscules et chiffres"
    others = [name for name in fmt.replaces if name != fmt.name]
    if others:
        return (
            f"le format « {fmt.name} » ne peut remplacer que le format de son nom, pas « {others[0]} » : "
            f'nommez-le « {others[0]} » et déclarez replaces=("{others[0]}",)'
        )
    if fmt.renderer is not None and not callable(fmt.renderer):
        return f"renderer du format « {fmt.name} » doit être une fonction (view, options) -> str"
    return None
