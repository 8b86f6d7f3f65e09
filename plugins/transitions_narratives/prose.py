"""Writing prose from facts, shared by the article and the poem: a seed, agreement, quotes told once."""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

from transitions_core.domain.dates import PartialDate, Precision
from transitions_core.narrative.views import QuoteView, TerritoryView
from transitions_core.text.filters import lower_first, unstop
from transitions_core.text.french import date_words, quote, sentence, with_article
from transitions_core.timeline.view import Profile, TimelineEntry


def seed_of(view: object, salt: str = "") -> random.Random:
    """A random generator seeded by what the view narrates: its cohort and territory, day or period.

    Only the identity counts, never the facts: a history always gives the same text, and a new fact
    recorded, or a field added to the views, does not reshuffle every choice of a text already sent.
    """
    digest = hashlib.sha256(salt.encode() + identity(view).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def identity(view: object) -> str:
    """What a view narrates, as text: `territory:cohort/slug`, `day:cohort/2024-05-07`, `cohort:id/from/to`."""
    kind = getattr(view, "kind", None)
    if kind == "territory":
        return f"territory:{view.cohort.id}/{view.territory.id}"  # type: ignore[attr-defined]
    if kind == "day":
        return f"day:{view.cohort.id}/{view.day.occurred}"  # type: ignore[attr-defined]
    if kind == "cohort":
        return f"cohort:{view.cohort.id}/{view.period_from}/{view.period_to}"  # type: ignore[attr-defined]
    return repr(view)


@dataclass(frozen=True)
class Subject:
    """A territory as the subject of French sentences: its article, gender and number."""

    profile: Profile

    @property
    def plural(self) -> bool:
        return self.profile.article == "les" or self.profile.name.lower().startswith("les ")

    def name(self) -> str:
        """`le Sicoval`, `Le Vigan`, `la Communauté de communes du Frontonnais`."""
        return with_article(self.profile.name, self.profile.article)

    def agree(self, participle: str) -> str:
        """`engagé`, `engagée`, `engagés`."""
        return participle + ("e" if self.profile.gender == "f" else "") + ("s" if self.plural else "")

    def verb(self, singular: str, plural: str) -> str:
        """The verb agreeing with the territory's name."""
        return plural if self.plural else singular

    def its(self) -> str:
        """`ses` or `leurs`."""
        return self.verb("ses", "leurs")

    def pronoun(self) -> str:
        """`il`, `elle`, `ils`, `elles`; the name itself when its gender is not recorded."""
        if self.profile.gender not in ("m", "f"):
            return self.name()
        return ("elle" if self.profile.gender == "f" else "il") + ("s" if self.plural else "")


def when(occurred: PartialDate) -> str | None:
    """A date worth saying (a day, a month, a season, a span within a season), else None."""
    if occurred.precision in (Precision.DAY, Precision.MONTH, Precision.SEASON):
        return date_words(occurred)
    earliest, latest = occurred.earliest, occurred.latest
    if occurred.precision is Precision.INTERVAL and earliest and latest and (latest - earliest).days <= 120:
        return date_words(occurred)
    return None


def days_budget(view: TerritoryView) -> float | None:
    """The territory's accompaniment budget in days: the cohort's, plus its extensions; None if undeclared."""
    base = view.cohort.pilot_days_budget
    if base is None:
        return None
    extended = sum(float(e.facts["days"]) for e in view.entries if e.type == "accompaniment_budget_extended")
    return float(base) + extended


def first(view: TerritoryView, kind: str) -> TimelineEntry | None:
    """The territory's (or its cohort's) first entry of a type."""
    return next((e for e in view.entries if e.type == kind), None)


def sentence_end(text: str) -> str:
    """A source text closed by one full stop (or its own ! ? …)."""
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…", "»")) else text + "."


def in_quotes(text: str) -> str:
    """A source's words between guillemets, its own straight quotes turned to guillemets too."""
    return quote(unstop(text).replace('"', "").replace("'chaud patate'", "« chaud patate »"))


def attributed(item: QuoteView, verb: str, nobody: str) -> str:
    """`« Je veux… », confie Jean-Louis Chambon.` or, for a fragment, `Une DGS résume : « avant… »`.

    Without a speaker, `nobody` says where the words were heard (`on l'entend dans la délégation`).
    """
    text = in_quotes(item.text)
    if item.speaker:
        speaker = item.speaker + ("," if "," in item.speaker else "")
        if item.text[:1].isupper():
            return f"{text}, {verb} {item.speaker}."
        return f"{sentence(speaker)} {verb} : {text}."
    return f"{sentence(nobody)} : {text}."


def lowered(text: str) -> str:
    """A source sentence put after a colon: `L'ambition…` → `l'ambition…`, acronyms left alone."""
    if len(text) > 1 and text[0].isupper() and text[1] in "'’":
        return text[0].lower() + text[1:]
    return lower_first(text)


def same_text(text: str, told: Sequence[str]) -> bool:
    """Whether `text` was already told, give or take punctuation and guillemets."""
    key = re.sub(r"\W", "", text.lower())[:50]
    return any(key in re.sub(r"\W", "", other.lower()) for other in told)


def fresh(quotes: Sequence[QuoteView], told: list[str]) -> list[QuoteView]:
    """Quotes not yet told, nor already inside a text told; `told` grows with those returned."""
    kept = []
    for item in quotes:
        if same_text(item.text, told):
            continue
        told.append(item.text)
        kept.append(item)
    return kept


def as_of(view: TerritoryView, text: str) -> str:
    """`text` (`à cette date`) when the view stops at a date, else nothing."""
    return text if view.as_of else ""
