"""Writing prose from facts, shared by the article and the poem: a seed, agreement, quotes told once."""

from __future__ import annotations

import hashlib
import json
import random
import re
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from transitions_core.domain.dates import PartialDate, Precision
from transitions_core.narrative.views import QuoteView, TerritoryView
from transitions_core.text.filters import lower_first, unstop
from transitions_core.text.french import date_words, quote, sentence, with_article
from transitions_core.timeline.view import Profile, TimelineEntry


def seed_of(view: object, salt: str = "") -> random.Random:
    """A random generator seeded by the view's facts: the same history always makes the same choices.

    When and in which order the facts were recorded is left out, so that a history imported twice, or
    into another store, still gives the same text.
    """
    digest = hashlib.sha256(salt.encode() + canonical_facts(view)).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def canonical_facts(view: object) -> bytes:
    """The view's facts as canonical JSON (UTF-8), dumped once per view object.

    An article seeds several choices from the same view: dumping it each time was half of a render.
    A view is immutable, so the dump is kept as long as the object lives; any other view, a
    `model_copy` included, is a new object and is dumped afresh.
    """
    if not isinstance(view, BaseModel):
        return _canonical(view)
    key = id(view)
    cached = _CANONICAL.get(key)
    if cached is not None and cached[0]() is view:
        return cached[1]
    canonical = _canonical(view)

    def forget(_: object) -> None:
        _CANONICAL.pop(key, None)

    _CANONICAL[key] = (weakref.ref(view, forget), canonical)
    return canonical


def _canonical(view: object) -> bytes:
    dump = view.model_dump(mode="json") if isinstance(view, BaseModel) else repr(view)
    return json.dumps(_facts_only(dump), sort_keys=True, ensure_ascii=False).encode()


#: id of a living view -> (a weak reference to it, its canonical facts); an entry leaves with its view.
_CANONICAL: dict[int, tuple[weakref.ref[BaseModel], bytes]] = {}


def _facts_only(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _facts_only(v) for k, v in value.items() if k not in _NOT_FACTS}
    if isinstance(value, list):
        return [_facts_only(v) for v in value]
    return value


#: What the store says about recording, not about what happened.
RECORDING_KEYS = frozenset({"recorded", "position"})
#: How names are said, not what happened: declaring an article must not change the choices of phrasing.
GRAMMAR_KEYS = frozenset({"department_article", "organisations"})
_NOT_FACTS = RECORDING_KEYS | GRAMMAR_KEYS


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


def when(occurred: PartialDate) -> str | None:
    """A date worth saying (a day, a month, a season, a span within a season), else None."""
    if occurred.precision in (Precision.DAY, Precision.MONTH, Precision.SEASON):
        return date_words(occurred)
    earliest, latest = occurred.earliest, occurred.latest
    if occurred.precision is Precision.INTERVAL and earliest and latest and (latest - earliest).days <= 120:
        return date_words(occurred)
    return None


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
