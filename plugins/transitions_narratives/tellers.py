"""Each language's sentences for the entries of a history, behind one small interface.

The timeline, the newsletter's lines, the report and the fiche ask `teller(lang)` for a sentence and
never ask which language they write. French and English write one sentence per event type in Python
(`sentences.py` and `cohort_sentences.py`, `sentences_en.py`), the next wording to move to data files
(docs/narratives.md). Any other language writes them as data: `narratives/wording/LANG/sentences.yaml`,
one phrasing per event type (slots `facts`, `t`, `cohort`, `occurred`), and `profile`, `allies`,
`corrected`. tests/narratives/test_sentences.py checks that no event type lacks one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from transitions_core.errors import TransitionsError
from transitions_core.timeline.view import CohortProfile, Profile, TimelineEntry


@dataclass(frozen=True)
class Teller:
    """How one language tells an entry, a territory's profile and a pilot's allies."""

    lang: str
    #: One entry as a sentence; `profile` is the territory's (None for a cohort-level entry told alone).
    entry: Callable[[TimelineEntry, Profile | None, CohortProfile | None], str]
    #: A territory's profile in one sentence: its kind, where it is, its figures.
    profile: Callable[[Profile], str]
    #: A pilot's allies, those who also conducted the diagnostic named as such.
    allies: Callable[[Sequence[Any], bool | None, Sequence[str], CohortProfile | None], str]
    #: A source's straight double quotes, made the language's own marks.
    quotes: Callable[[str], str]
    #: The event types the language has a sentence for.
    types: frozenset[str]


def teller(lang: str) -> Teller:
    """The sentences of a language; a language without them is refused in one sentence."""
    build = _TELLERS.get(lang)
    if build is None and _worded_in(lang):
        return _worded(lang)
    if build is None:
        raise TransitionsError(
            f"Les phrases de la chronologie existent en {', '.join(_TELLERS)}, pas en « {lang} » : "
            f"choisissez l'une de ces langues, ou écrivez-les dans wording/{lang}/sentences.yaml."
        )
    return build()


def languages() -> tuple[str, ...]:
    """The languages that tell a history's entries."""
    return tuple(_TELLERS)


@cache
def _french() -> Teller:
    from transitions_narratives import cohort_sentences, sentences

    def entry(e: TimelineEntry, profile: Profile | None, cohort: CohortProfile | None) -> str:
        if profile is None:
            return cohort_sentences.cohort_sentence(e, cohort)
        return sentences.entry_sentence(e, profile, cohort)

    def allies(
        items: Sequence[Any], also: bool | None, by: Sequence[str], cohort: CohortProfile | None
    ) -> str:
        return sentences.allies_phrase(list(items), also, by, cohort=cohort)

    return Teller(
        lang="fr",
        entry=entry,
        profile=sentences.describe_profile,
        allies=allies,
        quotes=sentences.guillemets,
        types=frozenset(sentences.WRITERS) | frozenset(cohort_sentences.COHORT_WRITERS),
    )


@cache
def _english() -> Teller:
    from transitions_narratives import sentences_en
    from transitions_narratives.cohort_sentences import NOBODY

    def entry(e: TimelineEntry, profile: Profile | None, cohort: CohortProfile | None) -> str:
        return sentences_en.entry_sentence_en(e, profile or NOBODY)

    def allies(
        items: Sequence[Any], also: bool | None, by: Sequence[str], cohort: CohortProfile | None
    ) -> str:
        return sentences_en.allies_phrase_en(list(items), also, by)

    return Teller(
        lang="en",
        entry=entry,
        profile=sentences_en.describe_profile_en,
        allies=allies,
        quotes=str,
        types=frozenset(sentences_en.WRITERS) | frozenset(sentences_en.COHORT_WRITERS),
    )


def _worded_in(lang: str) -> bool:
    from transitions_narratives.wording import wording

    return wording(lang).has("sentences.profile")


def _worded(lang: str) -> Teller:
    """A language whose sentences are data: one phrasing per event type in its `sentences.yaml`."""
    from transitions_narratives.wording import wording

    say = wording(lang)

    def entry(e: TimelineEntry, profile: Profile | None, cohort: CohortProfile | None) -> str:
        slots = {"facts": e.facts, "t": profile, "cohort": cohort, "occurred": e.occurred}
        text = say.say(f"sentences.{e.type}", **slots)
        if e.corrections:
            text = say.say("sentences.corrected", text=text, reasons=[c.reason for c in e.corrections])
        return text

    def allies(
        items: Sequence[Any], also: bool | None, by: Sequence[str], cohort: CohortProfile | None
    ) -> str:
        return say.say(
            "sentences.allies", allies=list(items), also_did=also, diagnosed_by=list(by), cohort=cohort
        )

    return Teller(
        lang=lang,
        entry=entry,
        profile=lambda profile: say.say("sentences.profile", t=profile),
        allies=allies,
        quotes=str,
        types=say.keys("sentences") - {"profile", "allies", "corrected"},
    )


_TELLERS: dict[str, Callable[[], Teller]] = {"fr": _french, "en": _english}
