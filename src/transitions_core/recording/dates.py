"""Dates in a coordinator's words (`7 mai 2025`, `automne 2025`, `entre juillet et septembre 2024`) as EDTF."""

from __future__ import annotations

import re
from datetime import date

from transitions_core.domain.dates import PartialDate
from transitions_core.history.date_hints import MONTHS, SEASONS, plain_words

UNKNOWN_WORDS = ("inconnue", "inconnu", "on ne sait pas", "?", "xxxx", "unknown")
EXAMPLES = (
    "écrivez par exemple « 7 mai 2025 », « mai 2025 », « automne 2025 », « entre juillet et septembre 2024 », "
    "« 2024-2025 », « vers mai 2025 » ou « inconnue », ou une date EDTF comme 2025-05-07"
)

_MONTH = "|".join(MONTHS)
_PERIOD = "|".join([*MONTHS, *SEASONS])
_APPROXIMATELY = re.compile(r"^(?:vers|environ|autour de|aux alentours de|a peu pres)\s+")
_BETWEEN = re.compile(
    r"^(?:entre\s+(?P<a>.+?)\s+et\s+(?P<b>.+)|(?:de|du)\s+(?P<c>.+?)\s+(?:a|au)\s+(?P<d>.+))$"
)


def parse_when(text: str) -> PartialDate:
    """The partial date `text` says, in EDTF or in French words; a ValueError in French otherwise."""
    written = text.strip()
    try:
        return PartialDate(written)
    except ValueError:
        pass
    plain = plain_words(written)
    if plain in UNKNOWN_WORDS:
        return PartialDate("XXXX")
    try:
        found = _phrase(plain)
    except ValueError as error:
        raise ValueError(f"date « {written} » impossible : {error}.") from None
    if found is None:
        raise ValueError(f"date « {written} » non reconnue ; {EXAMPLES}.")
    try:
        return PartialDate(found)
    except ValueError as error:
        raise ValueError(f"date « {written} » impossible : {error}") from None


def _phrase(plain: str) -> str | None:
    approximately = _APPROXIMATELY.match(plain)
    if approximately:
        found = _phrase(plain[approximately.end() :])
        return f"{found}~" if found and "/" not in found and not found.endswith("~") else None
    if match := re.fullmatch(r"(\d{4})\s*-\s*(\d{4})", plain):
        return f"{match[1]}/{match[2]}"
    between = _BETWEEN.match(plain)
    if between:
        first, last = (between["a"], between["b"]) if between["a"] else (between["c"], between["d"])
        return _interval(first, last)
    return _atom(plain)


def _interval(first: str, last: str) -> str | None:
    end = _atom(last)
    if end is None:
        return None
    start = _atom(first)
    if start is None:  # `entre juillet et septembre 2024`, `du 3 au 5 mai 2024`: the end gives the rest
        year = end[:4]
        if re.fullmatch(r"(le\s+)?(\d{1,2}|1er)", first) and len(end) == 10:
            start = _atom(f"{first} {_month_name(int(end[5:7]))} {year}")
        else:
            start = _atom(f"{first} {year}")
    return f"{start}/{end}" if start else None


def _atom(plain: str) -> str | None:
    for _ in range(2):  # `à l'automne 2025`: `à`, then `l'`
        plain = re.sub(r"^(?:(?:en|au|le|la|les|a)\s+|l'\s*)", "", plain).strip()
    if match := re.fullmatch(r"(\d{4})", plain):
        return match[1]
    if match := re.fullmatch(r"(\d{1,2})\s*[/.]\s*(\d{1,2})\s*[/.]\s*(\d{4})", plain):
        return _day(int(match[3]), int(match[2]), int(match[1]))
    if match := re.fullmatch(r"(\d{1,2})\s*[/.]\s*(\d{4})", plain):
        return f"{int(match[2]):04d}-{int(match[1]):02d}" if 1 <= int(match[1]) <= 12 else None
    if match := re.fullmatch(rf"(\d{{1,2}}|1er)\s+({_MONTH})\s+(\d{{4}})", plain):
        return _day(int(match[3]), MONTHS[match[2]], int(match[1].removesuffix("er")))
    if match := re.fullmatch(rf"({_PERIOD})\s+(?:de\s+|d'\s*)?(\d{{4}})", plain):
        code = SEASONS.get(match[1]) or MONTHS[match[1]]
        return f"{int(match[2]):04d}-{code:02d}"
    return None


def _day(year: int, month: int, day: int) -> str:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        raise ValueError("ce jour n'existe pas dans le calendrier") from None


def _month_name(month: int) -> str:
    return next(name for name, number in MONTHS.items() if number == month)
