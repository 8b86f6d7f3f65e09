"""One small interface to each language's grammar, bound as filters where the wording is written.

A language is a grammar module (`french`, `english`) and wording files (`narratives/wording/<lang>/`).
Every language gives the same filters, named in `INTERFACE`, so that the code choosing *what* to say
never asks which language it writes. A language without a grammar module of its own gets the plain
grammar below: enough to write any wording (the tests' language made of markers uses it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from functools import cache
from typing import Any

from transitions_core.domain.dates import PartialDate, Precision

#: The filters every language gives, and what each does.
INTERFACE: dict[str, str] = {
    "the": "a name as it stands in a sentence, with its article: `le Sicoval`, `Le Vigan`",
    "de": "`of` + a name, contracted: `du Vigan`, `de l'Aude`",
    "a": "`at`/`to` + a name, contracted: `au Vigan`, `à Gruissan`",
    "people": "people grouped by organisation: `Frédérique Assal et Olivier Pezilla (Pôles en pomme)`",
    "people_to": "the same after `à`/`to`: `à Elsa Bonal (Déjà-là)`, `aux Ateliers du Trégor`",
    "located": "where a territory is, after its kind: `du Gard`, `in Gard`",
    "inside": "where a territory is, after a verb: `dans le Gard`, `en Haute-Garonne`, `in Gard`",
    "about": "a round number in words: `une quinzaine`, `about 15`",
    "join_list": "`a, b et c`, `a, b and c` (`conj` to change the last word)",
    "count": "a number and its noun, agreeing: `3 effets`, `1 effect`",
    "plural": "the noun alone, agreeing with a number",
    "number": "a number, grouped as the language does: `6 575`, `6,575`",
    "words": "a number in words up to 99: `trente-cinq`, `thirty-five`",
    "rank": "a rank in words: `première`, `third` (`gender` for French)",
    "when": "a partial date after a verb when it says something (`en mai 2024`), else nothing",
    "date_words": "a partial date after a verb, whatever its precision: `entre mai et juillet 2024`",
    "date_short": "a partial date, compact: `7 mai 2024`, `Sep 2024`",
    "day": "a day in words, no article: `7 mai 2024`, `7 May 2024`",
    "season": "the season of a day, after a verb: `au printemps`, `in spring`",
    "quote": "recorded words between the language's marks for recorded French: `« … »`",
    "quote_lines": "lines of verse between the marks of `quote`, opened on the first and closed on the last",
    "sentence": "capitalise the first letter",
    "lower_first": "lowercase a leading capital (not an acronym)",
    "unstop": "drop a final full stop",
    "agree": "a participle agreeing with a name's gender and number: `engagée`",
    "verb": "the verb agreeing with a name's number: `rejoint`/`rejoignent`",
    "elide": "a word before the next, elided where the language does: `d'entretiens`",
    "pronoun": "the pronoun standing for a name: `elle`, `ils`, `it` (the name itself when its gender is unknown)",
    "typeset": "the language's typography on a text that no later pass will set (HTML): French spaces",
}


def filters(lang: str) -> dict[str, Callable[..., Any]]:
    """The grammar filters of a language: its own module's, else the plain ones."""
    return dict(_builders.get(lang, _plain)())


def typeset(lang: str, text: str) -> str:
    """A whole rendered text in the language's typography (French spaces and guillemets), or as it is."""
    return str(_builders.get(lang, _plain)()["typeset"](text))


# ─── What every language shares ───


def _name(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("name", ""))
    return str(getattr(value, "name", value))


def _plural(value: Any) -> bool:
    flag = getattr(value, "plural", None)
    if isinstance(flag, bool):
        return flag
    return getattr(value, "article", "") == "les"


def _verb(subject: Any, singular: str, plural: str) -> str:
    return plural if _plural(subject) else singular


def _unstop(value: Any) -> str:
    text = str(value).strip()
    return text[:-1].rstrip() if text.endswith(".") and not text.endswith("...") else text


def _sentence(value: Any) -> str:
    text = str(value)
    for index, char in enumerate(text):
        if char.isalpha():
            return text[:index] + char.upper() + text[index + 1 :]
        if char.isdigit():
            return text
    return text


def _quote_lines(quote: Callable[[Any], str]) -> Callable[[Any], list[str]]:
    def quoted(lines: Any) -> list[str]:
        return quote("\n".join(str(line) for line in lines)).split("\n")

    return quoted


def worth_saying(pd: PartialDate) -> bool:
    """Whether a date says something to a reader: a day, a month, a season, or a span of four months at most."""
    if pd.precision in (Precision.DAY, Precision.MONTH, Precision.SEASON):
        return True
    earliest, latest = pd.earliest, pd.latest
    return pd.precision is Precision.INTERVAL and bool(
        earliest and latest and (latest - earliest).days <= 120
    )


def _as_date(value: Any) -> PartialDate:
    return value if isinstance(value, PartialDate) else PartialDate(str(value))


def _when(words: Callable[[PartialDate], str]) -> Callable[[Any], str]:
    def when(value: Any) -> str:
        if value is None:
            return ""
        pd = _as_date(value)
        return words(pd) if worth_saying(pd) else ""

    return when


# ─── French ───


@cache
def _french() -> dict[str, Callable[..., Any]]:
    from transitions_core.text import filters as f
    from transitions_core.text import french
    from transitions_core.text.places import in_place, located

    def where(profile: Any) -> str:
        return located(profile.department, department_article=getattr(profile, "department_article", None))

    def inside(profile: Any) -> str:
        return (
            in_place(profile.department, getattr(profile, "department_article", None)) or ""
            if profile.department
            else ""
        )

    def recorded(text: Any) -> str:
        inner = re.sub(r'"([^"]*)"', "“\\1”", _unstop(text))
        return french.quote(re.sub(r"(?<!\w)'([^']+)'(?!\w)", "“\\1”", inner))

    return {
        "the": f.the,
        "de": f.de,
        "a": f.a,
        "people": f.people,
        "people_to": f.people_to,
        "located": where,
        "inside": inside,
        "about": french.approx,
        "join_list": f.join_list,
        "count": f.count,
        "plural": f.plural,
        "number": french.number,
        "words": french.in_words,
        "rank": french.rank,
        "when": _when(french.date_words),
        "date_words": lambda value: french.date_words(_as_date(value)),
        "date_short": lambda value: french.date_short(_as_date(value)),
        "day": f.day,
        "season": french.season,
        "quote": recorded,
        "quote_lines": _quote_lines(recorded),
        "sentence": french.sentence,
        "lower_first": f.lower_first,
        "unstop": _unstop,
        "agree": f.agree,
        "verb": f.verb,
        "elide": french.elide,
        "pronoun": _pronoun_fr,
        "typeset": lambda text: french.typeset(str(text)),
    }


def _pronoun_fr(value: Any) -> str:
    from transitions_core.text import filters as f

    gender = getattr(value, "gender", None)
    if gender not in ("m", "f"):
        return f.the(value)
    one = "elle" if gender == "f" else "il"
    return f.verb(value, one, one + "s")


# ─── English ───


@cache
def _english() -> dict[str, Callable[..., Any]]:
    from transitions_core.text import english

    def where(profile: Any) -> str:
        return f"in {profile.department}" if profile.department else ""

    return {
        "the": _name,
        "de": lambda value: f"of {_name(value)}",
        "a": lambda value: f"in {_name(value)}",
        "people": lambda persons, names=None: english.people(persons),
        "people_to": lambda persons, names=None: "to " + english.people(persons),
        "located": where,
        "inside": where,
        "about": lambda n: f"about {english.number(n)}",
        "join_list": english.join_list,
        "count": english.count,
        "plural": english.plural,
        "number": english.number,
        "words": english.in_words,
        "rank": english.rank,
        "when": _when(english.date_words),
        "date_words": lambda value: english.date_words(_as_date(value)),
        "date_short": lambda value: english.date_short(_as_date(value)),
        "day": english.day,
        "season": english.season,
        "quote": english.fr,
        "quote_lines": _quote_lines(english.fr),
        "sentence": _sentence,
        "lower_first": _lower_first,
        "unstop": _unstop,
        "agree": lambda subject, participle: participle,
        "verb": _verb,
        "elide": lambda word, following: f"{word} {following}",
        "pronoun": lambda value: "it",
        "typeset": str,
    }


def _lower_first(value: Any) -> str:
    text = str(value)
    return text[0].lower() + text[1:] if len(text) > 1 and text[0].isupper() and text[1].islower() else text


# ─── Any other language ───


@cache
def _plain() -> dict[str, Callable[..., Any]]:
    def join(items: Iterable[Any], conj: str = "+") -> str:
        parts = [str(item) for item in items]
        return f"{', '.join(parts[:-1])} {conj} {parts[-1]}" if len(parts) > 1 else "".join(parts)

    def count(n: float, singular: str, plural: str | None = None) -> str:
        return f"{n:g} {singular if n == 1 else plural or singular}"

    return {
        "the": _name,
        "de": _name,
        "a": _name,
        "people": lambda persons, names=None: ", ".join(_name(p) for p in persons),
        "people_to": lambda persons, names=None: ", ".join(_name(p) for p in persons),
        "located": lambda profile: profile.department or "",
        "inside": lambda profile: profile.department or "",
        "about": lambda n: f"~{n:g}",
        "join_list": join,
        "count": count,
        "plural": lambda n, singular, plural=None: singular if n == 1 else plural or singular,
        "number": lambda n: f"{n:g}",
        "words": lambda n, gender="m": f"{n:g}",
        "rank": lambda n, gender="m": f"#{n}",
        "when": _when(lambda pd: str(pd)),
        "date_words": lambda value: _as_date(value).edtf,
        "date_short": lambda value: _as_date(value).edtf,
        "day": lambda d: d.isoformat() if isinstance(d, date) else str(d),
        "season": lambda d: "",
        "quote": lambda text: f"“{_unstop(text)}”",
        "quote_lines": _quote_lines(lambda text: f"“{_unstop(text)}”"),
        "sentence": _sentence,
        "lower_first": _lower_first,
        "unstop": _unstop,
        "agree": lambda subject, participle: participle,
        "verb": _verb,
        "elide": lambda word, following: f"{word} {following}",
        "pronoun": _name,
        "typeset": str,
    }


_builders: dict[str, Callable[[], dict[str, Callable[..., Any]]]] = {"fr": _french, "en": _english}
