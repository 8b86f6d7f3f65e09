"""Finding people's names in text however they are written.

A name is found in any case, with or without its accents, in any Unicode form (NFC, NFD, NFKC), with any
spaces or hyphens between its words (no-break, thin, doubled), surname first, or as the surname alone
written in capitals (`DUPRÉ`). Text is folded character by character, so that a match in the folded
text maps back to the exact characters it came from.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

from transitions_core.history.keys import slugify

#: Words that start a surname without being one: `de La Tour` is found by `La Tour`, not by `de`.
PARTICLES = frozenset(
    {"de", "du", "des", "la", "le", "les", "van", "von", "der", "den", "di", "da", "del", "dos"}
)
APOSTROPHES = "'’ʼ‘`´"


def _fold_char(char: str) -> str:
    """What one character is, for matching: spaces and dashes are one space; marks and format characters go."""
    category = unicodedata.category(char)
    if char.isspace() or category in ("Zs", "Pd"):
        return " "
    if category == "Cf":  # zero-width spaces and joiners: invisible, so not a difference
        return ""
    if char in APOSTROPHES:
        return "'"
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class _Folding(dict[int, str]):
    """`str.translate`'s table, filled one character at a time as texts need them."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


FOLDING = _Folding()


def fold(text: str) -> str:
    """`Hélène  DUPRÉ` → `helene  dupre`: the text to match names in (spaces are not collapsed)."""
    return text.translate(FOLDING)


def words(text: str) -> list[str]:
    """The folded words of a name."""
    return fold(text).split()


Replace = Callable[[str, str, int], str]


class NameFinder:
    """The places where known names occur in a text; `names` are the names as recorded."""

    def __init__(self, names: Iterable[str], capitalised: bool = False) -> None:
        #: Only matches whose first letter is a capital count (a first name alone: `Florence`, not `rose`).
        self.capitalised = capitalised
        self.forms: dict[str, str] = {}
        surnames: dict[str, str] = {}
        self.slugs: dict[str, str] = {}
        for name in names:
            for written in (name.split(), name.split()[::-1]):
                self.slugs.setdefault(slugify(" ".join(written), limit=200), name)
            parts = words(name)
            if not parts:
                continue
            self.forms.setdefault(" ".join(parts), name)
            if len(parts) > 1:
                self.forms.setdefault(" ".join([*parts[1:], parts[0]]), name)  # `DUPRÉ Hélène`
            for surname in _surnames(name):
                surnames.setdefault(surname, name)
        self.surnames = {form: name for form, name in surnames.items() if form not in self.forms}
        self.pattern = _pattern(self.forms)
        self.surname_pattern = _pattern(self.surnames)
        self.slug_pattern = _slug_pattern(self.slugs)

    def whole(self, text: str) -> str | None:
        """The recorded name `text` is, written in any of its forms, or None."""
        return self.forms.get(" ".join(words(text)))

    def replace(self, text: str, label: Replace) -> str:
        """`text` with each name replaced by `label(name, text, start)`, surnames in capitals included."""
        text = self._replace(text, self.pattern, self.forms, label, capitals=False)
        return self._replace(text, self.surname_pattern, self.surnames, label, capitals=True)

    def slug(self, key: str, label: Callable[[str], str]) -> str:
        """An entry key with the slug of each name (`helene-dupre`) replaced by the slug of its label."""
        if self.slug_pattern is None:
            return key
        return self.slug_pattern.sub(lambda m: slugify(label(self.slugs[m[0]]), limit=200) or "x", key)

    def _replace(
        self,
        text: str,
        pattern: re.Pattern[str] | None,
        forms: dict[str, str],
        label: Replace,
        capitals: bool,
    ) -> str:
        if pattern is None:
            return text
        folded = fold(text)
        matches = list(pattern.finditer(folded))
        if not matches:
            return text
        origin = _origins(text)
        pieces: list[str] = []
        done = 0
        for match in matches:
            start, end = origin[match.start()], _end(text, origin[match.end() - 1])
            written = text[start:end]
            if capitals and not written.isupper():
                continue  # `Dupré` alone may be a word; only `DUPRÉ` surely names someone
            if self.capitalised and not written[:1].isupper():
                continue
            pieces += [text[done:start], label(forms[" ".join(match[0].split())], text, start)]
            done = end
        return "".join([*pieces, text[done:]])


def _surnames(name: str) -> list[str]:
    """The folded surnames a name may be cut to: `Jean-Marc de La Tour` → `la tour` and `tour`.

    The first word is the first name; particles written in lower case (`de`, `van`) start no surname.
    """
    rest = name.split()[1:]
    while rest and rest[0][:1].islower():
        rest = rest[1:]
    found = [" ".join(words(" ".join(rest))), " ".join(words(rest[-1]))] if rest else []
    return [form for form in dict.fromkeys(found) if len(form.replace(" ", "")) >= 3]


def _pattern(forms: Iterable[str]) -> re.Pattern[str] | None:
    ordered = sorted(forms, key=len, reverse=True)
    if not ordered:
        return None
    alternatives = "|".join(" +".join(re.escape(w) for w in form.split()) for form in ordered)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def _slug_pattern(slugs: Iterable[str]) -> re.Pattern[str] | None:
    ordered = sorted((s for s in slugs if s), key=len, reverse=True)
    if not ordered:
        return None
    return re.compile(rf"(?<![a-z0-9])(?:{'|'.join(map(re.escape, ordered))})(?![a-z0-9])")


def _origins(text: str) -> list[int]:
    """For each character of `fold(text)`, the index of the character of `text` it comes from."""
    origin: list[int] = []
    for index, char in enumerate(text):
        origin.extend([index] * len(FOLDING[ord(char)]))
    return origin


def _end(text: str, last: int) -> int:
    """Just after the character at `last`, and the marks that fold to nothing after it (NFD accents)."""
    end = last + 1
    while end < len(text) and not FOLDING[ord(text[end])]:
        end += 1
    return end
