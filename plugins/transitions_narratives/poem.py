"""The `poem` format: verse for a common-core day or a territory's path, built around what stands out in it.

What a poem tells is chosen by `plans/poem.py`, in no language; its words are in
`narratives/wording/<lang>/poem.yaml`. The templates only place the title, the stanzas and the footer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from transitions_core import hookimpl
from transitions_core.narrative.formats import Format, Subject

if TYPE_CHECKING:
    from transitions_narratives.wording import Wording

POEM = Format(
    name="poem",
    description="Un poème : une journée du tronc commun, ou le chemin d'un territoire autour de ce qui le marque.",
    subjects=(Subject.DAY, Subject.TERRITORY),
    media_type="text/markdown",
)


@hookimpl
def register_formats(register: Callable[[Format], None]) -> None:
    """Offer the poem; the template renderer draws it from narratives/poem/."""
    register(POEM)


@hookimpl
def template_filters() -> dict[str, Callable[..., Any]]:
    """`poem_title`, `poem_stanzas` and `poem_footer`: the verse, so that templates hold no grammar."""
    return {"poem_title": poem_title, "poem_stanzas": poem_stanzas, "poem_footer": poem_footer}


def poem_title(view: Any, lang: str = "fr") -> str:
    """The poem's title for a day or a territory."""
    from transitions_narratives.plans import poem

    said = poem.day_title(view) if view.kind == "day" else poem.territory_title(view)
    return _text(lang).say(f"poem.{said.key}", said.choice, **said.slots)


def poem_footer(view: Any, lang: str = "fr") -> str:
    """The line under the poem: what it was written from."""
    from transitions_narratives.plans import poem

    said = poem.day_footer(view) if view.kind == "day" else poem.territory_footer(view)
    return _text(lang).say(f"poem.{said.key}", said.choice, **said.slots)


def poem_stanzas(view: Any, lang: str = "fr") -> list[list[str]]:
    """The poem's stanzas, each a list of lines, at most 24 lines in all."""
    from transitions_narratives.plans import poem

    wording = _text(lang)
    plan = poem.day_stanzas(view) if view.kind == "day" else poem.territory_stanzas(view)
    lines: dict[int, list[str]] = {}
    for stanza in plan:
        found = []
        for said in stanza.says:
            key = said.key if said.key.startswith("day.") else f"territory.{said.key}"
            found += wording.lines(f"poem.{key}", said.choice, **said.slots)
        lines[id(stanza)] = closing(found)
    kept = poem.fit([s for s in plan if lines[id(s)]], {k: len(v) for k, v in lines.items()})
    return [lines[id(s)] for s in kept]


def closing(lines: list[str]) -> list[str]:
    """A stanza's last line ends with a full stop, unless it ends on its own punctuation."""
    if lines and lines[-1].endswith((",", " —", ";")):
        lines[-1] = lines[-1].removesuffix(" —").rstrip(",;")
    if lines and not lines[-1].endswith((".", "!", "?", "…", ":")):
        lines[-1] += "."
    return lines


def _text(lang: str) -> Wording:
    from transitions_narratives.wording import wording

    return wording(lang)
