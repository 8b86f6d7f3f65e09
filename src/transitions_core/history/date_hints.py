"""Dates written the French way ("15/09/2026", "septembre 2026", "automne 2026"), and the EDTF to write instead."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

MONTHS = {
    "janvier": 1,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "decembre": 12,
}
#: EDTF season codes, as `domain.dates` reads them.
SEASONS = {"printemps": 21, "ete": 22, "automne": 23, "hiver": 24}

_MONTH = "|".join(MONTHS)
_PERIOD = "|".join([*MONTHS, *SEASONS])
_APPROXIMATELY = re.compile(r"^(?:vers|environ|autour de|aux alentours de|a peu pres)\s+")


def edtf_hint(text: str) -> str | None:
    """The EDTF date that `text`, written in French words or with slashes, most likely means; None if unsure."""
    plain = plain_words(text)
    approximately = _APPROXIMATELY.match(plain)
    if approximately:
        plain = plain[approximately.end() :]
    found = _exact(plain)
    if found is None:
        return None
    return f"{found}~" if approximately and "/" not in found else found


def with_hint(message: str, text: object) -> str:
    """`message` about a date that was refused, with the EDTF to write when the text suggests one."""
    hint = edtf_hint(text) if isinstance(text, str) else None
    if hint is None:
        return message
    return f"date « {text} » non reconnue ; écrivez-la « {hint} » (format EDTF, voir docs/scenarios.md)"


def _exact(plain: str) -> str | None:
    if match := re.fullmatch(r"(\d{1,2})\s*[/.]\s*(\d{1,2})\s*[/.]\s*(\d{4})", plain):
        return _day(int(match[3]), int(match[2]), int(match[1]))
    if match := re.fullmatch(r"(\d{1,2})\s*[/.]\s*(\d{4})", plain):
        return _month(int(match[2]), int(match[1]))
    if match := re.fullmatch(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?", plain):
        year, month = int(match[1]), int(match[2])
        return _day(year, month, int(match[3])) if match[3] else _month(year, month)
    if match := re.fullmatch(rf"(?:le\s+)?(\d{{1,2}}|1er)\s+({_MONTH})\s+(\d{{4}})", plain):
        return _day(int(match[3]), MONTHS[match[2]], int(match[1].removesuffix("er")))
    if match := re.fullmatch(
        rf"(?:en\s+|au\s+|a\s+l'\s*|l'\s*)?({_PERIOD})\s+(?:de\s+|d'\s*)?(\d{{4}})", plain
    ):
        return _period(int(match[2]), match[1])
    if match := re.fullmatch(rf"(?:entre\s+|de\s+)?({_MONTH})\s+(?:et|a)\s+({_MONTH})\s+(\d{{4}})", plain):
        year, first, last = int(match[3]), MONTHS[match[1]], MONTHS[match[2]]
        return f"{year:04d}-{first:02d}/{year:04d}-{last:02d}" if first < last else None
    return None


def _period(year: int, name: str) -> str:
    code = SEASONS.get(name) or MONTHS[name]
    return f"{year:04d}-{code:02d}"


def _day(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _month(year: int, month: int) -> str | None:
    return f"{year:04d}-{month:02d}" if 1 <= month <= 12 and year > 0 else None


def plain_words(text: str) -> str:
    """Lowercase, without accents, spaces collapsed: "Été 2026" and "ete  2026" read alike."""
    ascii_text = unicodedata.normalize("NFKD", text.replace("’", "'")).encode("ascii", "ignore").decode()
    return " ".join(ascii_text.lower().split())
