"""How names are compared and what a name says of its own article, with no heavier import than `re`.

The read model, the views and the place data use these; the grammar itself is in `french`.
"""

from __future__ import annotations

import re
import unicodedata


def fold(name: str) -> str:
    """A name as names are compared: lowercase, without accents, `-` `'` `’` as spaces (`Côtes-d’Armor` → `cotes d armor`)."""
    text = _MARKS.sub(" ", name.translate(_LIGATURES))
    return " ".join(unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower().split())


def written_article(name: str) -> str | None:
    """The article a name is written with: `Les Ateliers du Trégor` → `les`, `L'Isle-Jourdain` → `l'`; else None."""
    leading = _LEADING_ARTICLE.match(name.strip())
    return None if leading is None else (leading[1] or "").lower() or "l'"


_LIGATURES = str.maketrans({"œ": "oe", "Œ": "Oe", "æ": "ae", "Æ": "Ae"})
_MARKS = re.compile(r"[-'’ʼ`´.,]")
# The same as `french`'s: an article, then a word (`Les Ateliers`, `L'Isle`), never a bare `Le`.
_LEADING_ARTICLE = re.compile(r"(?i)(?:(les|le|la)\s+|(l)['’]\s*)(?=\w)")
