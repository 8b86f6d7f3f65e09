"""The narratives a site shows, rendered through the plugin host exactly as the command line renders them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from markupsafe import Markup

from transitions_core.errors import TransitionsError
from transitions_core.narrative.formats import Format, Subject
from transitions_core.narrative.render import render
from transitions_core.narrative.views import NarrativeView
from transitions_core.plugins import Host
from transitions_core.site.fragments import as_html

#: The territory page's own sections, in this order; every other format that narrates a territory follows.
FIRST = ("fiche", "article", "poem")
#: Formats the territory page uses otherwise: the timeline feeds the visual one; JSON is data, not a text.
APART = ("timeline", "json")


@dataclass(frozen=True)
class Section:
    """A narrative on a page: the format's name (the section's anchor), its title, its HTML."""

    name: str
    title: str
    html: Markup


def territory_formats(host: Host) -> list[Format]:
    """Every installed format that narrates a territory, built-in ones first, then the others by name."""
    formats = [f for f in host.formats.values() if Subject.TERRITORY in f.subjects and f.name not in APART]
    return sorted(formats, key=lambda f: (FIRST.index(f.name) if f.name in FIRST else len(FIRST), f.name))


@dataclass
class Narrator:
    """Renders views for one site: its host, language, and the problems met with third-party formats."""

    host: Host
    lang: str
    warnings: list[str]

    def text(self, name: str, view: NarrativeView, subject: Subject) -> str | None:
        """A format's text, or None when the format is not installed."""
        if name not in self.host.formats:
            return None
        return render(self.host, name, view, subject, self.lang)

    def html(self, name: str, view: NarrativeView, subject: Subject, shift: int = 2) -> Markup | None:
        """A format's text as HTML, or None when the format is not installed."""
        text = self.text(name, view, subject)
        return None if text is None else as_html(text, self.host.formats[name].media_type, shift)

    def sections(self, view: NarrativeView, titles: dict[str, str]) -> Iterator[Section]:
        """Every territory format's section; a plugin's format that fails is left out, and said."""
        for fmt in territory_formats(self.host):
            try:
                text = render(self.host, fmt.name, view, Subject.TERRITORY, self.lang)
            except TransitionsError as error:
                if fmt.name in FIRST:
                    raise
                message = f"Le format « {fmt.name} » est laissé hors du site : {error}"
                if message not in self.warnings:
                    self.warnings.append(message)
                continue
            title = titles.get(fmt.name) or fmt.description.split(" : ")[0].split(":")[0].rstrip(".")
            yield Section(fmt.name, title, as_html(text, fmt.media_type, 2))
