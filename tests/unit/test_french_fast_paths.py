"""The fast paths of `text.french` give exactly what the plain computations gave."""

from __future__ import annotations

import decimal
import re
from collections.abc import Callable
from decimal import Decimal

import pytest
from babel.numbers import format_decimal
from hypothesis import example, given, settings
from hypothesis import strategies as st

from transitions_core.text.french import LOCALE, count, nbsp_punct, number, plural, quote

NNBSP = "\u202f"
NBSP = "\u00a0"

# --- the oracle: nbsp_punct and quote as they were before the fast paths ----------------------------------

_OLD_PROTECTED = re.compile(
    r"(?:[a-z][a-z0-9+.-]*://|www\.|mailto:)\S+?(?=[.,;:!?)»]*(?:\s|$))|&#?\w+;", re.IGNORECASE
)
_OLD_BEFORE_PUNCT = re.compile(r"(?<=[^\s;:!?])[ \t\u00a0\u202f]*([;:!?])")
_OLD_OPENING = re.compile(r"«[ \t\u00a0\u202f]*")
_OLD_CLOSING = re.compile(r"[ \t\u00a0\u202f]*»")


def old_nbsp_punct(text: str) -> str:
    protected = [match.span() for match in _OLD_PROTECTED.finditer(text)]

    def space(match: re.Match[str]) -> str:
        at = match.start(1)
        is_protected = any(start <= at < end for start, end in protected)
        is_time = match.start() == at and re.fullmatch(r"\d:\d", text[at - 1 : at + 2]) is not None
        return match[0] if is_protected or is_time else NNBSP + match[1]

    text = _OLD_BEFORE_PUNCT.sub(space, text)
    return _OLD_CLOSING.sub(NBSP + "»", _OLD_OPENING.sub("«" + NBSP, text))


def old_quote(text: str) -> str:
    inner = _OLD_CLOSING.sub("”", _OLD_OPENING.sub("“", text.strip()))
    return f"«{NBSP}{inner}{NBSP}»"


# Pieces that make the protected spans, times and spacing interesting, with every case variant the
# regular expressions' IGNORECASE lets match (the dotted and dotless capital and small i included).
FRAGMENTS = [
    "http://",
    "https://exemple.fr/a:b;c?d=1&e=2",
    "HTTPS://X.FR",
    "ftp+x.y-z://h",
    "://",
    "www.",
    "WWW.",
    "wWw.",
    "w.",
    "W.",
    "mailto:",
    "MAILTO:",
    "maİlto:",
    "maılto:",
    "o:",
    "O:",
    "&amp;",
    "&#39;",
    "&nbsp;",
    "&",
    "#",
    ";",
    ":",
    "!",
    "?",
    ".",
    ",",
    ")",
    "«",
    "»",
    "« ",
    " »",
    " ",
    "  ",
    "\t",
    "\n",
    NBSP,
    NNBSP,
    "18:30",
    "1",
    "9",
    "٣",  # ARABIC-INDIC DIGIT THREE: a decimal digit for \d
    "²",  # SUPERSCRIPT TWO: a digit, not a decimal one
    "a",
    "x",
    "é",
    "Canohès",
    "\x0b",
    "\x1c",  # FILE SEPARATOR: a space to \s and to str.isspace
    "\x85",
    "\u2028",
    "\u3000",
    "\u2009",  # THIN SPACE: a space, but not one the spacing replaces
]
texts = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)),
    max_size=30,
).map("".join)


@settings(max_examples=3000)
@given(texts)
@example("Voir https://exemple.fr/a:b : ici ; et www.x.fr/?q=1 ! Puis « ok » à 18:30 ?")
@example("https://»:")
@example("Écrire à mailto:x@y.fr : ou MAİLTO:z ; &amp; &#39;x : fin")
@example("٣:٣ et 1:٣ et ²:1 et 1 : 2 et a:1")
@example(":;!? ;:")
@example("")
def test_nbsp_punct_gives_what_it_gave(text: str) -> None:
    assert nbsp_punct(text) == old_nbsp_punct(text)


@given(texts)
@example("« déjà » cité")
def test_quote_gives_what_it_gave(text: str) -> None:
    assert quote(text) == old_quote(text)


def test_the_timeline_text_of_the_bundled_history_is_spaced_as_before() -> None:
    # A whole text, as the timeline and `typeset` space it, is spaced as the old code spaced it.
    text = "\n".join(
        f"• 7 mai 2024 — Atelier n°{n} : « {n} » ; à 18:{n:02} ! Voir www.x.fr ?" for n in range(60)
    )
    assert nbsp_punct(text) == old_nbsp_punct(text)
    assert nbsp_punct(text.replace("www.", "ww")) == old_nbsp_punct(text.replace("www.", "ww"))


# --- numbers: remembered ints and floats are babel's ---------------------------------------------------


@given(
    st.one_of(
        st.integers(-(10**6), 10**6),
        st.integers(-(10**20), 10**20),  # babel itself raises from about 25 digits
        st.sampled_from([0, 1, 2, 10**12 - 1, 10**12, -(10**12) + 1, -(10**12)]),
        st.floats(allow_nan=True, allow_infinity=True, width=64).filter(lambda x: not abs(x) > 1e20),
        st.sampled_from([0.0, -0.0, 0.5, 1.0, 1.5, 2.0, -1.0, 1e12, 1e12 - 0.5, float("inf")]),
    )
)
def test_numbers_are_babels(n: float) -> None:
    for _ in range(2):  # computed, then remembered
        expected = format_decimal(n, locale=LOCALE)
        assert number(n) == expected
        form = outcome(LOCALE.plural_form, n)  # babel cannot tell infinity's plural
        assert outcome(plural, n, "entretien") == (
            form if form[0] == "raises" else ("is", "entretien" if form[1] == "one" else "entretiens")
        )
        if form[0] == "is":
            assert count(n, "cheval") == f"{expected} {'cheval' if form[1] == 'one' else 'chevaux'}"


def outcome(function: Callable[..., object], *args: object) -> tuple[str, object]:
    try:
        return ("is", function(*args))
    except Exception as error:  # any error, as long as both raise the same
        return ("raises", type(error))


def test_equal_numbers_of_other_types_are_not_mistaken_for_each_other() -> None:
    for n in (1, 2, 1000, 1234567):
        for same in (
            n,
            float(n),
            Decimal(n),
            Decimal(f"{n}.0"),
            float(n) + 0.5,
            Decimal(n) + Decimal("0.25"),
        ):
            assert number(same) == format_decimal(same, locale=LOCALE)
            expected = "pomme" if LOCALE.plural_form(same) == "one" else "pommes"
            assert plural(same, "pomme") == expected
    assert number(0.0) == "0"
    assert number(-0.0) == "-0"
    assert number(0.0) == "0"
    with pytest.raises(decimal.InvalidOperation):
        format_decimal(True, locale=LOCALE)  # babel writes str(True): a bool is no number to it
    with pytest.raises(decimal.InvalidOperation):
        number(True)


@given(st.lists(st.text(max_size=12), max_size=6), st.sampled_from(["et", "ou"]))
def test_lists_are_babels(items: list[str], conj: str) -> None:
    from babel.lists import format_list

    from transitions_core.text.french import join_list

    expected = format_list(items, style="standard" if conj == "et" else "or", locale=LOCALE) if items else ""
    assert join_list(items, conj) == expected


def test_numbers_and_plurals_written_without_babel_are_babels() -> None:
    """Ints, and floats of at most three decimals, are written without Babel: as Babel writes them."""
    whole = [*range(-1200, 1200), 10**6, 10**9 + 7, 64.0, -64.0, 1e6, 0.0, -0.0, 1e14, 1e15, 1e16]
    decimals = [
        0.5,
        -0.5,
        1.5,
        2.5,
        34.3,
        2.675,
        1234.125,
        0.001,
        -0.001,
        1e-4,
        2.0625,
        999999.999,
        0.1 + 0.2,
    ]
    for n in [*whole, *decimals, 1e15 + 0.5]:
        assert number(n) == format_decimal(n, locale=LOCALE), n
        assert plural(n, "entretien") == ("entretien" if LOCALE.plural_form(n) == "one" else "entretiens"), n


def test_the_month_names_are_babels() -> None:
    from babel.dates import get_month_names

    from transitions_core.text.french import MONTHS

    for width, names in MONTHS.items():
        assert dict(enumerate(names, start=1)) == dict(get_month_names(width, locale=LOCALE))
