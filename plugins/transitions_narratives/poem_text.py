"""The French `poem`: free verse drawn from a common-core day or a territory's journey, its facts only.

Every stanza has several variants; a seed derived from the view's facts picks them, so the same history
always gives the same poem and another day another one. Each function returns stanzas as lists of lines.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from datetime import date

from babel.dates import format_date

from transitions_core.narrative.views import DayView
from transitions_core.text.filters import de, lower_first, the, unstop, verb
from transitions_core.text.french import (
    LOCALE,
    count,
    date_words,
    elide,
    number,
    quote,
    sentence,
)
from transitions_narratives.prose import seed_of
from transitions_narratives.sentences import ORDINALS_F, elide_de, place_a

Stanza = list[str]
# fmt: off
_UNITS = (
    "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
    "onze", "douze", "treize", "quatorze", "quinze", "seize",
)
# fmt: on
_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}
#: Quotes short enough to stand as a line of verse.
VERSE_QUOTE = 90


def words(n: int) -> str:
    """A number in French words up to 99 (`trente-cinq`, `soixante et onze`), in figures beyond."""
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
        joiner = " et " if rest == 11 and tens == 7 else "-"
        return base + joiner + words(rest)
    base = "quatre-vingt" if tens == 8 else _TENS[tens]
    if unit == 0:
        return base + ("s" if tens == 8 else "")
    joiner = " et " if unit == 1 and tens != 8 else "-"
    return base + joiner + _UNITS[unit]


def season(day: date) -> str:
    """`au printemps`, `en été`, `en automne`, `en hiver` (by the month, as people say it)."""
    return {
        3: "au printemps",
        4: "au printemps",
        5: "au printemps",
        6: "en été",
        7: "en été",
        8: "en été",
    }.get(day.month, "en automne" if day.month in (9, 10, 11) else "en hiver")


def source_words(text: str) -> str:
    """A participant's words as written, their own single quotes turned into guillemets."""
    return re.sub(r"(?<!\w)'([^']+)'(?!\w)", r"“\1”", unstop(text))


def closing(lines: Stanza) -> Stanza:
    """Close a stanza: its last line ends with a full stop unless it already ends with punctuation."""
    if lines and lines[-1].endswith((",", " —")):
        lines[-1] = lines[-1].removesuffix(" —").removesuffix(",")
    if lines and not lines[-1].endswith((".", "!", "?", "…", ":")):
        lines[-1] += "."
    return lines


def ordered_sample(rng: random.Random, items: Sequence[str], k: int) -> list[str]:
    picked = sorted(rng.sample(range(len(items)), min(k, len(items))))
    return [items[i] for i in picked]


# ─── A common-core day (a territory's journey is in poem_journey) ───


def day_title(view: DayView) -> str:
    """The poem's title: the place and the day, or the day's rank."""
    facts = view.day.facts
    rank = _rank(facts["number"])
    return [
        f"{facts['place']}, {_day(view)}",
        f"{sentence(rank)} journée, {place_a(facts['place'])}",
        f"Ce qui s'est dit {place_a(facts['place'])}"
        if facts.get("feedback")
        else f"{sentence(place_a(facts['place']))}, un {format_date(view.day.occurred.earliest, 'EEEE', locale=LOCALE)}",
    ][_title_index(view)]


def _title_index(view: DayView) -> int:
    # The first title says the date: the first stanza then need not say it again.
    return seed_of(view, "title").randrange(3)


def day_stanzas(view: DayView) -> list[Stanza]:
    """The day's poem: place and time, theme, activities, words or territories, and what remains."""
    rng = seed_of(view, "day")
    middle = [s for s in (_activities(view, rng), _voices(view, rng)) if s]
    rng.shuffle(middle)
    stanzas = [_arrival(view, rng), _theme(view, rng), *middle, _remains(view, rng)]
    return [closing(s) for s in stanzas if s]


def _arrival(view: DayView, rng: random.Random) -> Stanza:
    facts = view.day.facts
    held = view.day.occurred.earliest
    assert held is not None
    weekday = format_date(held, "EEEE", locale=LOCALE)
    month = elide("de", format_date(held, "MMMM", locale=LOCALE))
    place = place_a(facts["place"])
    crowd = _crowd(facts.get("attendance"))
    variants = [
        [
            f"Un {weekday} {month}, {place},",
            *([f"{crowd} se retrouvent"] if crowd else []),
            "pour la " + _rank(facts["number"]) + " fois.",
        ],
        [
            f"{sentence(season(held))}, {place},",
            "la cohorte se compte :",
            f"{crowd},",
            f"une {_rank(facts['number'])} fois.",
        ],
        [
            f"{sentence(place)}, le {_day(view)},",
            f"{_rank(facts['number'])} journée en présentiel —",
            *([f"{crowd}."] if crowd else []),
        ],
    ]
    if not crowd:
        variants = [variants[0], variants[2]]
    if _title_index(view) == 0:
        variants = variants[:-1]
    return rng.choice(variants)


def _theme(view: DayView, rng: random.Random) -> Stanza:
    theme = quote(view.day.facts["theme"])
    return rng.choice(
        [
            ["Ce qui nous réunit tient en une ligne :", f"{theme}."],
            [f"On est venus pour ceci, {theme},", "et pour tout ce qui s'y accroche."],
            ["Le thème du jour, on le dit à voix haute :", f"{theme}."],
        ]
    )


def _activities(view: DayView, rng: random.Random) -> Stanza:
    titles = [re.sub(r"^Journée #\d+\s*", "", a).strip() for a in view.day.facts.get("activities") or []]
    titles = [t for t in titles if t]
    if not titles:
        return []
    quoted = [quote(lower_first(t)) for t in titles]
    steps = ["D'abord", *["puis"] * (len(quoted) - 2), "enfin"] if len(quoted) > 1 else ["Il y a"]
    return rng.choice(
        [
            [f"{step} {title}," for step, title in zip(steps, quoted, strict=True)],
            [f"{sentence(title)}." for title in titles] + ["Des titres comme des pierres de gué."],
            ["Dans la journée, des mots pour avancer :", *(f"— {lower_first(t)}" for t in titles)],
        ]
    )


def _voices(view: DayView, rng: random.Random) -> Stanza:
    said = [source_words(f["text"]) for f in view.day.facts.get("feedback") or [] if f.get("text")]
    if said:
        chosen = ordered_sample(rng, said, 3)
        adjectives = all(s[:1].islower() or s.startswith("«") for s in chosen)
        variants = [["Dans les retours, ces mots :", *(f"{quote(s)}," for s in chosen)]]
        voices = ["Une voix", "Une autre", "Une autre encore"]
        variants.append([f"{who} : {quote(s)}." for who, s in zip(voices, chosen, strict=False)])
        if adjectives:
            variants.append(["Et l'on repart", *(f"{s}," for s in chosen)])
        return rng.choice(variants)
    aims = [lower_first(unstop(aim)) for aim in view.cohort.aims]
    if aims:
        return rng.choice(
            [
                ["On se rappelle pourquoi :", *(f"{aim}," for aim in aims)],
                [f"{sentence(aims[0])},", *(f"{aim}," for aim in aims[1:]), "c'est pour cela qu'on est là."],
            ]
        )
    return []


def _remains(view: DayView, rng: random.Random) -> Stanza:
    poems = [p.facts for p in view.poems if p.facts.get("title")]
    if poems:
        poem = poems[0]
        title = quote(unstop(poem["title"]))
        author = view.cohort.organisation(poem["author"]) if poem.get("author") else None
        return rng.choice(
            [
                [f"Il en reste un poème{' ' + de(author) if author else ''},", f"{title}."],
                [
                    f"De ce jour, {the(author) + ' ' + verb(author, 'a', 'ont') if author else 'un poète a'} tiré un récit :",
                    f"{title}.",
                ],
            ]
        )
    return ["Le reste n'est pas consigné."]


def _crowd(attendance: dict[str, object] | None) -> str:
    if not attendance:
        return ""
    low, high = int(str(attendance["low"])), attendance.get("high")
    if high is not None and int(str(high)) != low:
        return f"de {words(low)} à {words(int(str(high)))} personnes"
    if attendance.get("approximate"):
        from transitions_core.text.french import approx

        return elide_de(approx(low), "personnes")
    return count(low, "personne") if low >= 100 else f"{words(low)} {'personne' if low < 2 else 'personnes'}"


def _rank(n: int) -> str:
    return ORDINALS_F[n - 1] if 0 < n <= len(ORDINALS_F) else f"{n}e"


def _day(view: DayView) -> str:
    return date_words(view.day.occurred).removeprefix("le ")
