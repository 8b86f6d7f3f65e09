"""English text helpers: lists, plurals, numbers and partial dates in words, with Babel's `en` locale.

The counterpart of `french.py` for `--lang en`. Words a coordinator recorded in French stay French: `fr`
marks them (« … » in text, `lang="fr"` in HTML) rather than passing them off as English.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from functools import lru_cache

from transitions_core.domain.dates import PartialDate, Precision

LOCALE = "en"
SEASONS = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}


def join_list(items: Iterable[object], conj: str = "and") -> str:
    """`a`, `a and b`, `a, b and c` (`or` with `conj="or"`)."""
    parts = [str(item) for item in items]
    if len(parts) < 2:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} {conj} {parts[-1]}"


def number(x: int | float | Decimal) -> str:
    """`1,234`, `312`, `43.65`: whole numbers without a decimal point."""
    if isinstance(x, float) and x.is_integer():
        x = int(x)
    return _number(x)


@lru_cache(maxsize=1024)
def _number(x: int | float | Decimal) -> str:
    from babel.numbers import format_decimal  # Babel is imported when a text first needs it (issue 16)

    return str(format_decimal(x, locale=LOCALE))


def _format_date(d: date, pattern: str, locale: str) -> str:
    """Babel's `format_date`, imported on first use (issue 16)."""
    from babel.dates import format_date as babel_format_date

    return str(babel_format_date(d, pattern, locale=locale))


def plural(n: float, singular: str, plural_form: str | None = None) -> str:
    """The noun for `n`: `effect` for 1, `effects` otherwise."""
    return singular if n == 1 else plural_form or _plural_of(singular)


def count(n: float, singular: str, plural_form: str | None = None) -> str:
    """`1 effect`, `3 effects`, `1,200 inhabitants`."""
    return f"{number(n)} {plural(n, singular, plural_form)}"


def _plural_of(noun: str) -> str:
    """`in-person days`, `sensitive diagnostics`: the last word of a noun phrase takes the plural."""
    head, _, last = noun.rpartition(" ")
    if last.endswith("y") and last[-2:-1] not in "aeiou":
        last = last[:-1] + "ies"
    elif last.endswith(("s", "x", "ch", "sh")):
        last += "es"
    else:
        last += "s"
    return f"{head} {last}".strip()


def day(d: date) -> str:
    """`7 May 2024`."""
    return _format_date(d, "d MMMM y", locale=LOCALE)


def date_short(pd: PartialDate) -> str:
    """`7 May 2024`, `Sep 2024`, `autumn 2025`, `Jul – Sep 2024`, `2024`, `date unknown`."""
    if pd.is_unknown or pd.earliest is None or pd.latest is None:
        return "date unknown"
    if pd.precision is Precision.DAY:
        return _format_date(pd.earliest, "d MMM y", locale=LOCALE)
    if pd.precision is Precision.MONTH:
        return _format_date(pd.earliest, "MMM y", locale=LOCALE)
    if pd.precision is Precision.SEASON and pd.season:
        return f"{SEASONS[pd.season]} {pd.earliest.year}"
    if pd.precision is Precision.YEAR:
        return str(pd.earliest.year)
    if pd.precision is Precision.SET:
        return join_list((date_short(m) for m in pd.members), "or")
    if pd.start is not None and pd.end is not None:
        return f"{date_short(pd.start)} – {date_short(pd.end)}"
    return f"{_format_date(pd.earliest, 'd MMM y', locale=LOCALE)} – {_format_date(pd.latest, 'd MMM y', locale=LOCALE)}"


def date_words(pd: PartialDate) -> str:
    """`on 7 May 2024`, `in May 2024`, `in autumn 2025`, `between July and September 2024`, `at an unknown date`."""
    if pd.is_unknown or pd.earliest is None or pd.latest is None:
        return "at an unknown date"
    if pd.precision is Precision.DAY:
        return f"on {day(pd.earliest)}"
    if pd.precision is Precision.MONTH:
        return f"in {_format_date(pd.earliest, 'MMMM y', locale=LOCALE)}"
    if pd.precision is Precision.SEASON and pd.season:
        return f"in {SEASONS[pd.season]} {pd.earliest.year}"
    if pd.precision is Precision.YEAR:
        return f"in {pd.earliest.year}"
    if pd.precision is Precision.SET:
        return join_list((date_words(m) for m in pd.members), "or")
    start, end = pd.start, pd.end
    if start is not None and end is not None:
        return f"between {_bare(start)} and {_bare(end)}"
    return f"between {day(pd.earliest)} and {day(pd.latest)}"


def _bare(pd: PartialDate) -> str:
    return date_words(pd).removeprefix("on ").removeprefix("in ")


def fr(text: str) -> str:
    """Words recorded in French, kept as they are and marked as French: `« … »`.

    Guillemets inside become “ ”, and a closing full stop is left to the English sentence around them.
    """
    text = str(text).strip()
    if not text:
        return text
    text = text.replace("«\u00a0", "“").replace("\u00a0»", "”").replace("« ", "“").replace(" »", "”")
    text = text.replace("«", "“").replace("»", "”")
    if text.endswith(".") and not text.endswith(".."):
        text = text[:-1]
    return f"« {text} »"


# fmt: off
_UNITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
          "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_RANKS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
# fmt: on


def in_words(n: int, gender: str = "m") -> str:
    """A number in words up to 99 (`thirty-five`), in figures beyond (`gender` is French's; English ignores it)."""
    if not 0 <= n < 100:
        return number(n)
    if n < 20:
        return _UNITS[n]
    tens, unit = divmod(n, 10)
    return _TENS[tens] + (f"-{_UNITS[unit]}" if unit else "")


def rank(n: int, gender: str = "m") -> str:
    """A rank in words: `first`, `third`; `11th` beyond ten (`gender` is French's; English ignores it)."""
    if 0 < n <= len(_RANKS):
        return _RANKS[n - 1]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def season(d: date) -> str:
    """The season of a day, after a verb: `in spring`, `in summer`, `in autumn`, `in winter`."""
    return "in " + SEASONS[21 + ((d.month - 3) % 12) // 3]


def people(items: Iterable[object]) -> str:
    """People grouped by organisation, each with the role the history gives (recorded in French, marked)."""
    groups: dict[str, list[str]] = {}
    for item in items:
        p = item if isinstance(item, dict) else item.model_dump()  # type: ignore[attr-defined]
        organisation, role = p.get("organisation") or "", p.get("role") or ""
        if role and organisation and organisation.lower() in role.lower():
            organisation = ""
        name = f"{p['name']}, {fr(role)}" if role and role.lower() != organisation.lower() else p["name"]
        groups.setdefault(organisation, []).append(name)
    return join_list(
        f"{join_list(names)} ({where})" if where else join_list(names) for where, names in groups.items()
    )
