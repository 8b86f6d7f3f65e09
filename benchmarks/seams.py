"""The seam measure: how much of the built-in narratives is one form filled in once per territory.

Each territory's text in a format is split into units (a line of verse; a sentence of prose). In each
unit, quotations, names and numbers are masked, so that « Gruissan, commune de l'Aude » and « Le Vigan,
commune du Gard » read the same: `n, commune de n`. A unit is a *seam* when, masked, it appears in the
texts of at least three territories. A unit left with no word of its own once masked (a line that is only
a quotation, a name) is content, not form, and is not counted.

For the newsletter and the report, whose territories share one text, the measure is stricter: no
paragraph (a prose block or a list item of at least six words once masked) may appear, masked, in the
sections of two territories. Shorter lines are the frame of a fact sheet (`Population : # habitants`).

    .venv/bin/python benchmarks/seams.py            # print the table for the Occitanie history
    .venv/bin/python benchmarks/seams.py --write    # and write it into docs/narratives.md

`tests/narratives/test_seams.py` keeps each figure under its target, with a margin.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "narratives.md"
HISTORY = ROOT / "scenarios" / "occitanie-2024.yaml"
COHORT = "occitanie-2024"
SECTION = "seams"
#: A unit shared by this many territories' texts is a seam.
SHARED_BY = 3
#: A paragraph of the newsletter or the report has at least this many words once masked.
PARAGRAPH_WORDS = 6
#: Formats measured per territory, and those whose territories share one text.
TERRITORY_FORMATS = ("poem", "article", "fiche", "timeline")
LANGUAGES = ("fr", "en")

_QUOTED = re.compile(r"«[^«»]*»|“[^“”]*”|\"[^\"\n]*\"")
_CAPITALISED = re.compile(
    r"(?<=[^\s.!?…:—–(«])(\s+)([A-ZÀ-ÖØ-Þ][\w’'&.-]*(?:[\s-]+(?:de|du|des|d'|la|le|les|en|sur|et)?[\s-]*[A-ZÀ-ÖØ-Þ][\w’'&.-]*)*)"
)
#: A name after an elided article or preposition: `l'Aude`, `d'Elsa Bonal`.
_ELIDED_NAME = re.compile(r"(?i:\b([ld]['’]))[A-ZÀ-ÖØ-Þ][\w’'&.-]*(?:[\s-]+[A-ZÀ-ÖØ-Þ][\w’'&.-]*)*")
_NUMBER_WORDS = [
    "zéro",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
    "vingt",
    "vingts",
    "trente",
    "quarante",
    "cinquante",
    "soixante",
    "cent",
    "cents",
    "mille",
    "dizaine",
    "douzaine",
    "quinzaine",
    "vingtaine",
    "trentaine",
    "quarantaine",
    "cinquantaine",
    "centaine",
    "premier",
    "première",
    "premiers",
    "premières",
    "deuxième",
    "troisième",
    "quatrième",
    "cinquième",
    "sixième",
    "septième",
    "huitième",
    "neuvième",
    "dixième",
    "second",
    "seconde",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "hundred",
    "thousand",
    "dozen",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
]
_NUMBER_WORD = re.compile(
    r"(?i)\b(?:{})(?:(?:-| et )(?:{}|un|une))*s?\b".format("|".join(_NUMBER_WORDS), "|".join(_NUMBER_WORDS))
)
_MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "janv",
    "févr",
    "avr",
    "juil",
    "sept",
    "oct",
    "nov",
    "déc",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
]
_MONTH = re.compile(r"(?i)\b(?:{})\b\.?".format("|".join(_MONTHS)))
#: A season is a date only with its year (`l'été 2024`): `été` is also a participle.
_SEASON = re.compile(r"(?i)\b(?:printemps|été|automne|hiver|spring|summer|autumn|winter) #")
_DIGITS = re.compile(r"\d(?:[\d\s\u202f\u00a0.,]*\d)?(?:er|re|e|ème|st|nd|rd|th)?\b")
_ARTICLES = re.compile(r"(?i)\b(?:l['’]|le |la |les |the )(?=n\b)")
_OF = re.compile(r"(?i)\b(?:du|de la|de l['’]|des|de|d['’])\s?(?=n\b)")
_TO = re.compile(r"(?i)\b(?:au|à la|à l['’]|aux|à)\s(?=n\b)")
_MARKDOWN = re.compile(r"^\s*(?:#+\s+|[-*]\s+|\d+\.\s+|>\s*)|\\$|\*\*|(?<!\w)[*_]|[*_](?!\w)")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\x00A-ZÀ-ÖØ-Þ0-9(\"“])")


@dataclass
class Seams:
    """What a format's texts share: the units counted, those that are seams, the commonest seams."""

    units: int
    shared: int
    common: list[tuple[str, int]] = field(default_factory=list)

    @property
    def share(self) -> float:
        """The share of units that are seams (0 when nothing was counted)."""
        return self.shared / self.units if self.units else 0.0


def mask(text: str, names: Iterable[str] = ()) -> str:
    """A unit with its quotations, names and numbers masked (`«q»`, `n`, `#`), lower-cased, spaces normalised."""
    text = _QUOTED.sub(" «q» ", text)
    for name in sorted({n for n in names if n}, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", " N ", text)
    text = _CAPITALISED.sub(r"\1N", text)
    text = _ELIDED_NAME.sub(r"\1N", text)
    text = _DIGITS.sub("#", text)
    text = _NUMBER_WORD.sub("#", text)
    text = _MONTH.sub("#", text)
    text = _SEASON.sub("#", text)
    text = re.sub(r"[\s\u202f\u00a0]+", " ", text).strip().lower()
    text = re.sub(r"\bn(?:\s+n\b)+", "n", text)
    text = _ARTICLES.sub("", text)
    text = _OF.sub("de ", text)
    text = _TO.sub("à ", text)
    text = re.sub(r"\(\s+", "(", text)
    return re.sub(r"\s+([,.;:!?)])", r"\1", text)


def has_words(masked: str) -> bool:
    """Whether a masked unit keeps a word of its own (more than masks and punctuation)."""
    return any(
        len(w) > 1 or (w.isalpha() and w not in "nq")
        for w in re.findall(r"[^\W\d_]+", masked.replace("«q»", ""))
    )


def plain_lines(text: str) -> list[str]:
    """The text's lines without their Markdown marks (headings, list marks, emphasis, line-break backslash)."""
    return [_MARKDOWN.sub("", line).strip() for line in text.splitlines()]


def units(text: str, fmt: str) -> list[str]:
    """A poem's lines, or a prose text's sentences (quotations kept whole), without Markdown."""
    lines = [line for line in plain_lines(text) if line]
    if fmt == "poem":
        return lines
    found = []
    for line in lines:
        quoted = iter(_QUOTED.findall(line))
        for piece in _SENTENCE_END.split(_QUOTED.sub("\x00", line)):
            parts = re.split("(\x00)", piece)
            found.append("".join(next(quoted) if part == "\x00" else part for part in parts).strip())
    return [u for u in found if u]


def seams(texts: Mapping[str, str], fmt: str, names: Iterable[str] = (), shared_by: int = SHARED_BY) -> Seams:
    """The units of each territory's text, and those found (masked) in the texts of `shared_by` territories or more."""
    names = list(names)
    masked = {
        territory: [m for m in (mask(u, names) for u in units(text, fmt)) if has_words(m)]
        for territory, text in texts.items()
    }
    holders = Counter(m for found in masked.values() for m in set(found))
    total = sum(len(found) for found in masked.values())
    shared = sum(1 for found in masked.values() for m in found if holders[m] >= shared_by)
    common = [(m, n) for m, n in holders.most_common() if n >= shared_by][:5]
    return Seams(total, shared, common)


def paragraphs(section: str) -> list[str]:
    """A section's paragraphs: prose blocks and list items, Markdown marks dropped (headings left out)."""
    found: list[str] = []
    block: list[str] = []
    for raw in [*section.splitlines(), ""]:
        line = raw.strip()
        if not line or line.startswith("#") or re.match(r"[-*]\s|\d+\.\s", line):
            if block:
                found.append(" ".join(block))
                block = []
            if re.match(r"[-*]\s|\d+\.\s", line):
                found.append(_MARKDOWN.sub("", line).strip())
            continue
        block.append(_MARKDOWN.sub("", line).strip())
    return [p for p in found if p]


def repeated(sections: Mapping[str, str], names: Iterable[str] = ()) -> list[tuple[str, list[str]]]:
    """Paragraphs (masked, at least six words) found in the sections of two territories or more, with their territories."""
    names = list(names)
    holders: dict[str, set[str]] = {}
    for territory, section in sections.items():
        for paragraph in paragraphs(section):
            masked = mask(paragraph, names)
            if len(masked.split()) >= PARAGRAPH_WORDS and has_words(masked):
                holders.setdefault(masked, set()).add(territory)
    return sorted((m, sorted(t)) for m, t in holders.items() if len(t) > 1)


def sections(text: str, titles: Mapping[str, str], level: str) -> dict[str, str]:
    """The part of a text under each territory's heading (`level`: `###`), up to the next heading of that level or above."""
    found: dict[str, str] = {}
    lines = text.splitlines()
    depth = len(level)
    for territory, title in titles.items():
        for index, line in enumerate(lines):
            if line.startswith(level + " ") and title in line:
                body = []
                for following in lines[index + 1 :]:
                    marks = len(following) - len(following.lstrip("#"))
                    if following.startswith("#") and marks <= depth:
                        break
                    body.append(following)
                found[territory] = "\n".join(body)
                break
    return found


def items(text: str, titles: Mapping[str, str], heading: str) -> dict[str, str]:
    """Each territory's item in the section of a text under `heading` (the lines that name it)."""
    part = text.split(heading, 1)[1] if heading in text else ""
    part = re.split(r"\n#{1,2} ", part, maxsplit=1)[0]
    if re.search(r"^### ", part, re.MULTILINE):
        return sections(part, titles, "###")
    found: dict[str, str] = {}
    for block in re.split(r"\n\s*\n|\n(?=[-*] )", part):
        for territory, title in titles.items():
            if title in block and territory not in found:
                found[territory] = block
    return found


# ─── The Occitanie history ───


@dataclass
class Row:
    """One line of the table: a format, a language, what it measured, its target."""

    figure: str
    lang: str
    measured: str
    target: str
    met: bool
    detail: str = ""


def history_names(readmodel: object, cohort: str) -> list[str]:
    """Every name the history gives (territories, people, organisations, places), with and without its article."""
    from transitions_core.narrative.build import cohort_view

    view = cohort_view(readmodel, cohort)  # type: ignore[arg-type]
    names: set[str] = {view.cohort.name, view.cohort.region}
    names |= {o.name for o in view.cohort.organisations}
    for territory in view.territories:
        profile = territory.territory
        names |= {profile.name, profile.department or "", profile.region or ""}
    for entry in view.entries + tuple(e for t in view.territories for e in t.entries):
        names |= set(_names_in(entry.facts))
    return sorted(_without_article(n) for n in names if n) + sorted(n for n in names if n)


_NAME_KEYS = ("name", "speaker", "organisation", "place", "by_whom", "author")


def _names_in(value: object) -> Iterable[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key in _NAME_KEYS and isinstance(item, str) and len(item) < 80:
                yield item
            else:
                yield from _names_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _names_in(item)


def _without_article(name: str) -> str:
    return re.sub(r"^(?:Le|La|Les|L['’])\s?", "", name)


def measure(readmodel: object, cohort: str = COHORT) -> list[Row]:
    """The seam figures of every built-in format on a cohort, per language, against the targets."""
    from transitions_core.narrative.build import cohort_view, territory_view
    from transitions_core.narrative.formats import Subject
    from transitions_core.narrative.render import render
    from transitions_core.plugins import load_host

    host = load_host()
    names = history_names(readmodel, cohort)
    whole = cohort_view(readmodel, cohort)  # type: ignore[arg-type]
    ids = [t.territory.id for t in whole.territories if t.status.engaged]
    views = {i: territory_view(readmodel, cohort, i) for i in ids}  # type: ignore[arg-type]
    titles = {i: v.territory.name for i, v in views.items()}
    targets = {"poem": 0.20, "article": 0.12}
    rows = []
    for fmt in TERRITORY_FORMATS:
        for lang in LANGUAGES:
            texts = {i: render(host, fmt, v, Subject.TERRITORY, lang) for i, v in views.items()}
            found = seams(texts, fmt, names)
            target = targets.get(fmt)
            rows.append(
                Row(
                    f"{fmt} (territory)",
                    lang,
                    f"{found.share:.0%} of {found.units} units",
                    f"≤ {target:.0%}" if target else "none",
                    target is None or found.share <= target,
                    "; ".join(f"« {m} » ({n})" for m, n in found.common[:3]),
                )
            )
    for lang in LANGUAGES:
        report = render(host, "report", whole, Subject.COHORT, lang)
        twice = repeated(sections(report, titles, "###"), names)
        rows.append(_paragraph_row("report", lang, twice))
        heading = "## Dans les territoires" if lang == "fr" else "## In the territories"
        news = render(host, "newsletter", whole, Subject.COHORT, lang)
        rows.append(
            _paragraph_row("newsletter (whole history)", lang, repeated(items(news, titles, heading), names))
        )
        for start, end in periods(whole):
            digest = cohort_view(readmodel, cohort, period=(start, end))  # type: ignore[arg-type]
            news = render(host, "newsletter", digest, Subject.PERIOD, lang)
            twice = repeated(items(news, titles, heading), names)
            rows.append(_paragraph_row(f"newsletter {start:%Y-%m}/{end:%Y-%m}", lang, twice))
    return rows


def periods(view: object) -> list[tuple[date, date]]:
    """The quarters from the cohort's first dated entry to its last, as a newsletter would cover them."""
    days = [
        d
        for e in view.entries  # type: ignore[attr-defined]
        for d in (e.occurred.earliest, e.occurred.latest)
        if d is not None and e.occurred.precision.name in ("DAY", "MONTH")
    ]
    first, last = min(days), max(days)
    found = []
    year, quarter = first.year, (first.month - 1) // 3
    while date(year, quarter * 3 + 1, 1) <= last:
        start = date(year, quarter * 3 + 1, 1)
        year, quarter = (year + 1, 0) if quarter == 3 else (year, quarter + 1)
        found.append((start, date.fromordinal(date(year, quarter * 3 + 1, 1).toordinal() - 1)))
    return found


def _paragraph_row(figure: str, lang: str, twice: Sequence[tuple[str, list[str]]]) -> Row:
    detail = "; ".join(f"« {m[:60]} » ({', '.join(t)})" for m, t in twice[:2])
    return Row(figure, lang, f"{len(twice)} paragraphs repeated", "0", not twice, detail)


def table(rows: Sequence[Row]) -> str:
    """The rows as a Markdown table."""
    lines = [
        "| figure | language | measured | target | commonest seams |",
        "|---|---|---|---|---|",
    ]
    for row in rows:
        met = "met" if row.met else "**not met**"
        target = row.target if row.target == "none" else f"{row.target} {met}"
        lines.append(f"| {row.figure} | {row.lang} | {row.measured} | {target} | {row.detail} |")
    return "\n".join(lines)


def occitanie_rows() -> list[Row]:
    """Import the Occitanie history into a temporary store and measure it."""
    from transitions_core.history.importer import import_histories
    from transitions_core.store.locations import parse_store
    from transitions_core.store.opening import open_store

    with (
        tempfile.TemporaryDirectory() as folder,
        open_store(parse_store(str(Path(folder) / "store.sqlite"))) as store,
    ):
        import_histories(store.app, [HISTORY])
        return measure(store.caught_up())


def write_section(body: str, doc: Path = DOC) -> None:
    """Replace the part of docs/narratives.md between the seams markers."""
    begin, end = f"<!-- {SECTION}: written by benchmarks/seams.py --write -->", f"<!-- end of {SECTION} -->"
    text = doc.read_text(encoding="utf-8")
    head, _, rest = text.partition(begin)
    _, _, tail = rest.partition(end)
    doc.write_text(f"{head}{begin}\n{body.rstrip()}\n{end}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write the table into docs/narratives.md")
    args = parser.parse_args(argv)
    from benchmarks.harness import stamp

    body = f"{stamp()}\n\n{table(occitanie_rows())}\n"
    print(body)
    if args.write:
        write_section(body)


if __name__ == "__main__":
    main()
