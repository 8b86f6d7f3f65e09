"""The check a public site passes before it is published: no person's name, no confidential text, no
resource from elsewhere, in any file of the site (pages, search index, sitemap), comments and
attributes included.

The names and confidential texts are the internal view's: every person the cohort's history records,
and every text of its confidential entries that no visible entry also says.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from transitions_core.errors import TransitionsError
from transitions_core.timeline.view import TimelineEntry

#: How much of a file the check reads at a time.
BLOCK = 1 << 20
#: Confidential texts shorter than this are words, not facts: they would match anywhere.
SHORTEST = 16
_QUOTES = str.maketrans(
    {"«": " ", "»": " ", "“": " ", "”": " ", '"': " ", "’": "'", "\u00a0": " ", "\u202f": " "}
)
_SPACES = re.compile(r"\s+")
_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"\w+")
#: A resource loaded from elsewhere: `src=`, `<link href=`, CSS `url()` or `@import` with an address.
_EXTERNAL = re.compile(
    r"""(?:\bsrc\s*=\s*["']?|<link\b[^>]*\bhref\s*=\s*["']?|url\(\s*["']?|@import\s+["']?)\s*((?:[a-z][a-z0-9+.-]*:)?//[^"')\s>]*)""",
    re.I,
)


def _addresses(text: str) -> set[str]:
    """The addresses of resources loaded from elsewhere: the pattern is tried only around each `//`."""
    found: set[str] = set()
    at = text.find("//")
    while at != -1:
        window = text[max(0, at - 200) : at + 400]
        found.update(m[1] for m in _EXTERNAL.finditer(window))
        at = text.find("//", at + 400)
    return found


class SiteLeak(TransitionsError):
    """A public site would show what it must not: the build stops, nothing is published."""


def normalise(text: str) -> str:
    """Text as compared: quotes and no-break spaces out, spaces collapsed, case folded."""
    return _SPACES.sub(" ", text.translate(_QUOTES)).strip().casefold()


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def confidential_texts(entries: Iterable[TimelineEntry]) -> list[str]:
    """The texts of confidential entries that no visible entry says too, normalised, trailing stop out."""
    hidden: set[str] = set()
    shown: list[str] = []
    for entry in entries:
        texts = [normalise(t) for t in _strings(entry.facts)]
        if entry.confidential:
            hidden.update(t.rstrip(" .;:!?…") for t in texts if len(t) >= SHORTEST)
        else:
            shown.extend(texts)
    return sorted(t for t in hidden if not any(t in s for s in shown))


@dataclass
class LeakCheck:
    """The names and texts a public site must not hold, and where a resource may come from."""

    names: list[str]
    texts: list[str]
    base_url: str | None = None

    def __post_init__(self) -> None:
        names = sorted({n.strip() for n in self.names if _WORD.search(n)})
        #: Each name by its first word: a file's words are collected once, and only the names whose
        #: first word it holds are looked for, so that the check stays linear in names and files.
        self._names = [(_WORD.findall(name)[0], name) for name in names]

    def leaks(self, text: str) -> list[str]:
        """What a file's text shows that it must not, each said in a few words."""
        found: list[str] = []
        seen = html.unescape(text)
        words = {m[0] for m in _WORD.finditer(seen)} if self._names else set()
        for first, name in self._names:
            if first in words and name in seen and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", seen):
                found.append(f"le nom « {name} »")
        if self.texts:
            flat = normalise(_TAG.sub(" ", seen))
            found += [f"le texte confidentiel « {t[:60]} »" for t in self.texts if t in flat]
        for address in sorted(_addresses(text)):
            own = (self.base_url or "").rstrip("/")
            if not own or not (
                address.startswith(own + "/") or address.startswith(own.split(":", 1)[-1] + "/")
            ):
                found.append(f"une ressource venue d'ailleurs ({address})")
        return found

    def check_file(self, path: Path) -> list[str]:
        """What one file shows that it must not, read a block at a time (a big index is never whole in memory).

        Consecutive blocks overlap by more than the longest name or text looked for, so that nothing
        is missed where two blocks meet.
        """
        longest = max([len(name) for _, name in self._names] + [len(text) for text in self.texts] + [200])
        overlap = 4 * longest
        found: dict[str, None] = {}
        tail = ""
        with path.open(encoding="utf-8") as stream:
            while block := stream.read(BLOCK):
                text = tail + block
                found.update(dict.fromkeys(self.leaks(text)))
                tail = text[-overlap:]
        return list(found)

    def check_folder(self, root: Path) -> None:
        """Read every text file of the built site, one at a time; the first file with a leak stops the build."""
        for path in sorted(root.rglob("*")):
            if path.suffix not in (".html", ".js", ".css", ".xml", ".json", ".txt") or not path.is_file():
                continue
            problems = self.check_file(path)
            if problems:
                where = path.relative_to(root).as_posix()
                raise SiteLeak(
                    f"Le site public montrerait, dans {where}, {', '.join(problems)} : rien n'a été publié. "
                    "Marquez l'entrée confidentielle ou enregistrez la personne comme telle dans l'historique, "
                    "ou, pour l'équipe seulement, construisez le site avec --audience internal."
                )
