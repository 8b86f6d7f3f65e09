"""The site's words in its language: the lexicon (`narratives/site/words.yaml`) and the grammar helpers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from transitions_core.domain.dates import PartialDate
from transitions_core.errors import TransitionsError

LANGUAGES = ("fr", "en")
WORDS = "site/words.yaml"


@lru_cache(maxsize=4)
def _lexicon(path: Path) -> dict[str, Any]:
    import yaml

    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def lexicon(folders: Sequence[Path], lang: str) -> dict[str, Any]:
    """The site's words in `lang`, from the first folder that has `site/words.yaml` (an override wins)."""
    if lang not in LANGUAGES:
        raise TransitionsError(f"Le site existe en {' et '.join(LANGUAGES)}, pas en « {lang} ».")
    for folder in folders:
        path = folder / WORDS
        if path.is_file():
            words = _lexicon(path).get(lang)
            if words is None:
                raise TransitionsError(f"{path} n'a pas de section « {lang} » : ajoutez-la.")
            return dict(words)
    raise TransitionsError(f"Aucun dossier de modèles n'a {WORDS}.")


@dataclass(frozen=True)
class Grammar:
    """Numbers, counts and dates in the site's language, French typography for French."""

    lang: str

    def number(self, value: float) -> str:
        """`6 575`, `8,5` (fr); `6,575` (en)."""
        from transitions_core.text import english, french

        shown = int(value) if float(value).is_integer() else value
        return english.number(shown) if self.lang == "en" else french.number(shown)

    def count(self, value: float, forms: Sequence[str]) -> str:
        """`8 territoires`, `1 territoire`."""
        from transitions_core.text import english, french

        if self.lang == "en":
            return english.count(value, forms[0], forms[1])
        return french.count(value, forms[0], forms[1])

    def short(self, occurred: PartialDate) -> str:
        """A partial date, compact: `7 mai 2024`, `juil.–sept. 2024`."""
        from transitions_core.text import english, french

        return english.date_short(occurred) if self.lang == "en" else french.date_short(occurred)

    def day(self, value: date) -> str:
        """A day in words: `1er mars 2025`."""
        from transitions_core.text import english, french

        return english.day(value) if self.lang == "en" else french.day_words(value).removeprefix("le ")

    def typo(self, text: str) -> str:
        """French spacing before `: ; ! ?` and inside guillemets; English text as it is."""
        from transitions_core.text.french import nbsp_punct

        return nbsp_punct(text) if self.lang == "fr" else text
