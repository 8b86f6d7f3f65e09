"""French grammar and typography helpers: plain functions of simple values, exposed as jinja2 filters."""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, Literal, TypeGuard

from transitions_core.domain.dates import PartialDate, Precision

if TYPE_CHECKING:
    from babel import Locale

    #: Babel's French locale (read on first use).
    LOCALE: Locale

NNBSP = "\u202f"  # narrow no-break space: before ; : ! ? and in number grouping
NBSP = "\u00a0"  # no-break space: inside « guillemets »
THIN = "\u2009"  # thin space around a dash between two dates, as Babel's format_interval does


@cache
def _locale() -> Locale:
    # Babel's French data, read when a text first formats a date, a number or a list (issue 16): a
    # command that prints none (a replay in JSON, a listing) never loads it.
    from babel import Locale

    return Locale.parse("fr_FR")


def __getattr__(name: str) -> Any:
    """`LOCALE`, Babel's French locale, read on first use."""
    if name == "LOCALE":
        return _locale()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@cache
def _months(width: Literal["abbreviated", "wide"]) -> dict[int, str]:
    return dict(enumerate(MONTHS[width], start=1))


#: CLDR's French month names, as Babel gives them (a test compares them): a date loads no locale data.
MONTHS = {
    "wide": (
        "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ),
    "abbreviated": (
        "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc.",
    ),
}  # fmt: skip


_VOWELS = "aàâäeéèêëiîïoôöuùûüyÿæœ"
# Words whose first sound blocks elision: h aspiré, plus a few vowel-initial exceptions.
# fmt: off
_NO_ELISION = frozenset({
    "haut", "haute", "hautes", "hauts", "havre", "hainaut", "hollande", "hongrie", "honduras",
    "hambourg", "hanovre", "hameau", "hameaux", "hangar", "haie", "halle", "hall", "hasard", "héros",
    "huit", "huitième", "hors", "handicap", "hérisson", "hockey", "homard", "honte", "hibou", "hache",
    "haine", "harpe", "hutte", "housse", "hêtre", "yaourt", "yoga", "yacht", "yémen", "onze", "onzième",
    "oui"
})
# fmt: on
_ELIDED = {
    word: word[:-1] + "'"
    for word in ("de", "que", "le", "la", "je", "me", "te", "se", "ne", "jusque", "lorsque")
}
_ARTICLES = ("", "le", "la", "les", "l'")
_LEADING_ARTICLE = re.compile(r"(?i)(?:(les|le|la)\s+|(l)['’]\s*)(?=\w)")
_APPROX = {
    10: "une dizaine",
    12: "une douzaine",
    15: "une quinzaine",
    20: "une vingtaine",
    30: "une trentaine",
    40: "une quarantaine",
    50: "une cinquantaine",
    60: "une soixantaine",
    100: "une centaine",
    1000: "un millier",
}
# Plural exceptions: -al taking -s, -ail taking -aux, -au/-eu taking -s, -ou taking -x.
_AL_S = frozenset({"bal", "carnaval", "chacal", "festival", "récital", "régal", "cérémonial"})
_AIL_AUX = frozenset({"bail", "corail", "émail", "soupirail", "travail", "vantail", "vitrail"})
_AU_EU_S = frozenset({"landau", "sarrau", "bleu", "pneu", "émeu"})
_OU_X = frozenset({"bijou", "caillou", "chou", "genou", "hibou", "joujou", "pou"})
_SEASON_IN = {21: "au printemps", 22: "en été", 23: "à l'automne", 24: "en hiver"}
_SEASON_THE = {21: "le printemps", 22: "l'été", 23: "l'automne", 24: "l'hiver"}
_SEASON_NAME = {21: "printemps", 22: "été", 23: "automne", 24: "hiver"}


def join_list(items: Iterable[object], conj: str = "et") -> str:
    """Join items the French way: `a, b et c` (conj="et") or `a, b ou c` (conj="ou")."""
    if conj not in ("et", "ou"):
        raise ValueError(f"conj must be 'et' or 'ou', not {conj!r}")
    words = [str(item) for item in items]
    if not words:
        return ""
    if len(words) == 1:
        return words[0]
    # Babel's French patterns, `{0}, {1}` and `{0} et {1}` (`ou` for "or"; tested against it), without its data.
    return f"{', '.join(words[:-1])} {conj} {words[-1]}"


def number(x: int | float | Decimal) -> str:
    """Format a number with French grouping (U+202F) and decimal comma: `6 575`, `8,56`."""
    # Babel's French pattern (`#,##0.###`, U+202F, decimal comma) written here for an int or a float of at most
    # three decimals, without loading Babel's data (tested against it); anything else is Babel's.
    if type(x) is int:
        return _grouped(x)
    if type(x) is float and math.isfinite(x):
        text = repr(abs(x))
        whole, _, fraction = text.partition(".")
        if "e" not in text and len(fraction) <= 3:
            written = _grouped(int(whole)) + ("" if fraction == "0" else f",{fraction}")
            return f"-{written}" if math.copysign(1.0, x) < 0 else written
    return _cached_number(x) if _remembered(x) else _format_decimal(x)


def _grouped(n: int) -> str:
    digits = f"{abs(n):,}".replace(",", "\u202f")
    return f"-{digits}" if n < 0 else digits


@lru_cache(maxsize=4096, typed=True)
def _cached_number(n: int | float) -> str:
    return _format_decimal(n)


def _format_decimal(x: int | float | Decimal) -> str:
    from babel.numbers import format_decimal

    return str(format_decimal(x, locale=_locale()))


def plural(n: int | float | Decimal, singular: str, plural: str | None = None) -> str:
    """The word agreeing with n: singular below 2 (0 and 1,5 included), else plural (guessed if not given)."""
    if (type(n) is int or type(n) is float) and math.isfinite(n):
        one = abs(n) < 2  # CLDR's French rule: "one" when the whole part is 0 or 1 (tested against Babel)
    else:
        one = (_cached_plural_form(n) if _remembered(n) else _locale().plural_form(n)) == "one"
    if one:
        return singular
    return plural if plural is not None else _plural_of(singular)


@lru_cache(maxsize=4096, typed=True)
def _cached_plural_form(n: int | float) -> str:
    return str(_locale().plural_form(n))


def _remembered(n: object) -> TypeGuard[int | float]:
    # Texts repeat their counts. Only ints and floats are cached, each type apart (`typed`: 1 == 1.0), and
    # only ordinary ones: not 0.0, which equals -0.0 (written "-0"), nor NaN, nor past Decimal's precision.
    if type(n) is int or (type(n) is float and n != 0.0):
        return -_CACHED_BELOW < n < _CACHED_BELOW
    return False


_CACHED_BELOW = 10**12


_agree = plural  # count's `plural` parameter shadows the function


def count(n: int | float | Decimal, singular: str, plural: str | None = None) -> str:
    """A number and its agreeing word: `3 entretiens`, `1 entretien`, `0 entretien`."""
    return f"{number(n)} {_agree(n, singular, plural)}"


def _plural_of(word: str) -> str:
    # Guesses for one word; a phrase ("projet pilote") needs its plural passed explicitly.
    lower = word.lower()
    if not word or lower.endswith(("s", "x", "z")):
        return word
    if lower.endswith("al") and lower not in _AL_S:
        return word[:-2] + "aux"
    if lower in _AIL_AUX:
        return word[:-3] + "aux"
    if (lower.endswith(("au", "eu")) and lower not in _AU_EU_S) or lower in _OU_X:
        return word + "x"
    return word + "s"


def approx(n: int) -> str:
    """A round count in words (`une cinquantaine`), else `environ N`."""
    return _APPROX.get(n, f"environ {number(n)}")


def ordinal(n: int, gender: str = "m") -> str:
    """An abbreviated ordinal: `1er`, `1re`, `2e`."""
    if gender not in ("m", "f"):
        raise ValueError(f"gender must be 'm' or 'f', not {gender!r}")
    if n == 1:
        return "1er" if gender == "m" else "1re"
    return f"{n}e"


def starts_with_vowel_sound(word: str) -> bool:
    """Whether a word elides what precedes it (vowel or mute h, not h aspiré)."""
    first = re.split(r"[\s\-'’]", word.strip(), maxsplit=1)[0].lower()
    if not first or first in _NO_ELISION:
        return False
    return first[0] in _VOWELS or first[0] == "h"


def elide(word: str, next: str) -> str:
    """Join word and next, eliding `de`, `que`, `le`, `la`… before a vowel sound: `d'Arles`, `de Gruissan`."""
    elided = _ELIDED.get(word.lower())
    if not next:
        return word
    if elided is None or not starts_with_vowel_sound(next):
        return f"{word} {next}"
    return (elided[0].upper() + elided[1:] if word[:1].isupper() else elided) + next


def _split_article(name: str, article: str) -> tuple[str, str, bool]:
    # Returns (article, name without it, whether the name itself is written with it, as in "Le Vigan").
    article = article.strip().lower().replace("’", "'")
    if article not in _ARTICLES:
        raise ValueError(f"article must be one of {_ARTICLES}, not {article!r}")
    name = name.strip()
    leading = _LEADING_ARTICLE.match(name)
    if leading:
        written = (leading[1] or "").lower() or "l'"
        return written, name[leading.end() :], True
    if article in ("le", "la") and starts_with_vowel_sound(name):
        article = "l'"
    return article, name, False


def with_article(name: str, article: str) -> str:
    """A place name with its article: `le Sicoval`, `l'Hérault`; `Le Vigan` stays as written."""
    article, bare, written = _split_article(name, article)
    if written:
        return name.strip()
    if article in ("", "l'"):
        return article + bare
    return f"{article} {bare}"


def agree(participle: str, gender: str | None, plural: bool) -> str:
    """A participle or adjective agreeing with its subject: `engagé`, `engagée`, `engagés`, `engagées`."""
    return participle + ("e" if gender == "f" else "") + ("s" if plural else "")


def de_(name: str, article: str) -> str:
    """`de` + place: `du Vigan`, `de la Lozère`, `de l'Hérault`, `des Cévennes`, `d'Arles`, `de Gruissan`."""
    article, bare, _ = _split_article(name, article)
    contracted = {"": None, "le": "du", "les": "des"}
    if article not in contracted:
        return "de " + with_article(name, article)
    prefix = contracted[article]
    return f"{prefix} {bare}" if prefix else elide("de", bare)


def a_(name: str, article: str) -> str:
    """`à` + place: `au Vigan`, `à la Métropole`, `à l'Isle-Jourdain`, `aux Ulis`, `à Gruissan`."""
    article, bare, _ = _split_article(name, article)
    prefix = {"": "à", "le": "au", "les": "aux"}.get(article)
    return f"{prefix} {bare}" if prefix else "à " + with_article(name, article)


def day_words(d: date) -> str:
    """A day in words: `le 1er mars 2025`."""
    return f"le {_day_number(d.day)} {_months('wide')[d.month]} {d.year}"


def date_words(pd: PartialDate) -> str:
    """A partial date in words, ready to follow a verb: `en septembre 2024`, `à l'automne 2025`…"""
    if pd.is_unknown:
        return "à une date inconnue"
    if pd.precision is Precision.SET:
        return join_list((date_words(member) for member in pd.members), "ou")
    if pd.start is not None and pd.end is not None:
        text = "entre " + " et ".join(_interval_ends(pd.start, pd.end, short=False))
        text = "approximativement " + text if pd.approximate else text
        return text + " (dates incertaines)" if pd.uncertain else text
    if pd.approximate:
        text = "vers " + _phrase(pd, short=False)
    elif pd.precision in (Precision.MONTH, Precision.YEAR):
        text = "en " + _phrase(pd, short=False)
    elif pd.season is not None:
        text = f"{_SEASON_IN[pd.season]} {_year(pd)}"
    else:
        text = _phrase(pd, short=False)
    return text + " (date incertaine)" if pd.uncertain else text


def date_short(pd: PartialDate) -> str:
    """A partial date in compact form for tables: `7 mai 2024`, `sept. 2024`, `juil.–sept. 2024`."""
    if pd.is_unknown:
        return "date inconnue"
    if pd.precision is Precision.SET:
        return " ou ".join(date_short(member) for member in pd.members)
    if pd.start is not None and pd.end is not None:
        first, last = _interval_ends(pd.start, pd.end, short=True)
        tight = " " not in first and pd.start.precision is pd.end.precision
        text = first + ("–" if tight else f"{THIN}–{THIN}") + last
    else:
        text = _phrase(pd, short=True)
    text = "vers " + text if pd.approximate else text
    return text + f"{NNBSP}?" if pd.uncertain else text


def _day_number(day: int) -> str:
    # French writes the first of the month as an ordinal (1er mars) and every other day as a cardinal.
    return ordinal(day) if day == 1 else str(day)


def _year(pd: PartialDate) -> str:
    assert pd.earliest is not None
    return str(pd.earliest.year)


def _phrase(pd: PartialDate, *, short: bool, year: bool = True, month: bool = True) -> str:
    # The noun phrase of a simple date, with its article in long form: "le 1er juillet 2024", "l'été 2024".
    assert pd.earliest is not None
    months = _months("abbreviated" if short else "wide")
    words = [_day_number(pd.earliest.day)] if pd.precision is Precision.DAY else []
    if pd.precision in (Precision.DAY, Precision.MONTH) and month:
        words.append(months[pd.earliest.month])
    if pd.season is not None:
        words.append(_SEASON_NAME[pd.season] if short else _SEASON_THE[pd.season])
    if year or pd.precision is Precision.YEAR:
        words.append(_year(pd))
    article = "le " if pd.precision is Precision.DAY and not short else ""
    return article + " ".join(words)


def _interval_ends(start: PartialDate, end: PartialDate, *, short: bool) -> tuple[str, str]:
    # Within a year, say the year once: "entre juillet et septembre 2024", "entre le 1er et le 15 juillet".
    assert start.earliest is not None and end.earliest is not None
    same_year = start.precision is end.precision and start.earliest.year == end.earliest.year
    if not same_year or start.precision is Precision.YEAR:
        return _phrase(start, short=short), _phrase(end, short=short)
    same_month = start.precision is Precision.DAY and start.earliest.month == end.earliest.month
    return _phrase(start, short=short, year=False, month=not same_month), _phrase(end, short=short)


# URLs (minus trailing punctuation) and HTML entities keep their ; : ! ? untouched.
_PROTECTED = re.compile(
    r"(?:[a-z][a-z0-9+.-]*://|www\.|mailto:)\S+?(?=[.,;:!?)»]*(?:\s|$))|&#?\w+;", re.IGNORECASE
)
_MARKS = ";:!?"
_SPACES = " \t\u00a0\u202f"  # the spaces French spacing replaces
_OPENING = re.compile(r"«[ \t\u00a0\u202f]*")
_CLOSING = re.compile(r"[ \t\u00a0\u202f]*»")


def nbsp_punct(text: str) -> str:
    """Apply French spacing: U+202F before ; : ! ?, U+00A0 inside « », sparing URLs and times like 18:30."""
    # A text holds few marks and guillemets but thousands of spaces: finding each mark and looking back
    # from it is far cheaper than a regular expression trying every space (each run starts a match).
    text = _space_marks(text)
    if "«" in text:
        text = _OPENING.sub("«" + NBSP, text)
    return _space_closing(text) if "»" in text else text


def _space_marks(text: str) -> str:
    # U+202F, replacing any spaces, before a mark that follows something other than a space or a mark,
    # unless the mark is in a protected span or is the colon of a time (a digit on each side, no space).
    marks = sorted(at for mark in _MARKS for at in _find_all(text, mark))
    if not marks:
        return text
    spans = _protected_spans(text)
    starts = [start for start, _ in spans]
    pieces: list[str] = []
    done = 0
    for at in marks:
        start = at
        while start and text[start - 1] in _SPACES:
            start -= 1
        before = text[start - 1] if start else " "
        if before.isspace() or before in _MARKS:
            continue
        if start == at and text[at] == ":" and before.isdecimal() and text[at + 1 : at + 2].isdecimal():
            continue
        # Spans do not overlap: only the last one starting at or before the mark can hold it.
        last = bisect_right(starts, at) - 1
        if last >= 0 and at < spans[last][1]:
            continue
        pieces += (text[done:start], NNBSP, text[at])
        done = at + 1
    return "".join([*pieces, text[done:]]) if pieces else text


def _space_closing(text: str) -> str:
    # What `_CLOSING.sub(NBSP + "»", text)` gives: each » with the spaces before it becomes U+00A0 ».
    pieces: list[str] = []
    done = 0
    for at in _find_all(text, "»"):
        start = at
        while start > done and text[start - 1] in _SPACES:
            start -= 1
        pieces += (text[done:start], NBSP + "»")
        done = at + 1
    return "".join([*pieces, text[done:]])


def _find_all(text: str, char: str) -> Iterator[int]:
    at = text.find(char)
    while at >= 0:
        yield at
        at = text.find(char, at + 1)


def _protected_spans(text: str) -> list[tuple[int, int]]:
    if not _may_hold_protected(text):
        return []
    return [match.span() for match in _PROTECTED.finditer(text)]


def _may_hold_protected(text: str) -> bool:
    # Every match of _PROTECTED holds &, w. or W. (www.), o: or O: (mailto:) or :/ (://): under
    # IGNORECASE only W matches w and only O matches o. One character is found far faster than a
    # pair, and a French text holds few colons.
    if "&" in text or ("w" in text and "w." in text) or ("W" in text and "W." in text):
        return True
    return any(text[at - 1 : at] in ("o", "O") or text[at + 1 : at + 2] == "/" for at in _find_all(text, ":"))


def quote(text: str) -> str:
    """Put text between French guillemets: `« text »`; guillemets inside become second-level “ ”."""
    inner = text.strip()
    if "«" in inner:
        inner = _OPENING.sub("“", inner)
    if "»" in inner:
        inner = _CLOSING.sub("”", inner)
    return f"«{NBSP}{inner}{NBSP}»"


def sentence(text: str) -> str:
    """Capitalise the first letter of a sentence (after opening punctuation), leaving the rest untouched."""
    for index, char in enumerate(text):
        if char.isalpha():
            return text[:index] + char.upper() + text[index + 1 :]
        if char.isdigit():
            return text
    return text


def typeset(text: str) -> str:
    """French typography for a whole text: straight double quotes become guillemets, narrow spaces added
    (before ; : ! ?, inside guillemets, and after `n°` before its number: `n° 3`)."""
    text = _NUMERO.sub("\\1°\u202f", text)
    return nbsp_punct(re.sub(r'"([^"\n<>=]+)"', lambda m: quote(m.group(1)), text))


_NUMERO = re.compile(r"\b([nN])°[ \t\u00a0]+(?=\d)")


# ─── Words a writer needs beside dates and places: numbers in words, ranks, seasons ───

# fmt: off
_UNITS = (
    "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
    "onze", "douze", "treize", "quatorze", "quinze", "seize",
)
_RANKS = ("premier", "deuxième", "troisième", "quatrième", "cinquième", "sixième", "septième", "huitième",
          "neuvième", "dixième")
# fmt: on
_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}


def in_words(n: int, gender: str = "m") -> str:
    """A number in words up to 99 (`trente-cinq`, `soixante et onze`, `trente et une` communes), in figures beyond."""
    if gender == "f" and n % 10 == 1 and n % 100 != 11 and 0 < n < 100:
        return in_words(n)[:-2] + "une"
    if not 0 <= n < 100:
        return number(n)
    if n < 17:
        return _UNITS[n]
    if n < 20:
        return "dix-" + _UNITS[n - 10]
    tens, unit = divmod(n, 10)
    if tens in (7, 9):  # soixante-dix, quatre-vingt-dix: the teens ride on the previous ten
        base = "soixante" if tens == 7 else "quatre-vingt"
        rest = n - (60 if tens == 7 else 80)
        return base + (" et " if rest == 11 and tens == 7 else "-") + in_words(rest)
    base = "quatre-vingt" if tens == 8 else _TENS[tens]
    if unit == 0:
        return base + ("s" if tens == 8 else "")
    return base + (" et " if unit == 1 and tens != 8 else "-") + _UNITS[unit]


def rank(n: int, gender: str = "m") -> str:
    """A rank in words: `premier`, `première`, `troisième`; `11e` beyond ten."""
    if not 0 < n <= len(_RANKS):
        return ordinal(n, gender)
    return "première" if n == 1 and gender == "f" else _RANKS[n - 1]


def season(d: date) -> str:
    """The season of a day, after a verb: `au printemps`, `en été`, `à l'automne`, `en hiver` (by the month)."""
    return _SEASON_IN[21 + ((d.month - 3) % 12) // 3]
