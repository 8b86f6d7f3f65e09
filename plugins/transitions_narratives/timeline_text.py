"""The timeline as text: a header, then one dated line per entry (sentences come from `sentences`)."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from transitions_core.domain.dates import PartialDate
from transitions_core.errors import TransitionsError
from transitions_core.narrative.views import CohortView, TerritoryView
from transitions_core.text import english
from transitions_core.text.filters import lower_first
from transitions_core.text.french import count, date_short, nbsp_punct
from transitions_narratives.cohort_sentences import NOBODY, cohort_sentence
from transitions_narratives.sentences import describe_profile, entry_sentence, guillemets
from transitions_narratives.sentences_en import date_en, describe_profile_en, entry_sentence_en

LANGUAGES = ("fr", "en")


def render_territory(view: TerritoryView, lang: str = "fr") -> str:
    """A territory's timeline: a header, then one dated line per entry."""
    _check(lang)
    profile = view.territory
    if lang == "en":
        return render_territory_en(view)
    lines = [f"{profile.name} — {view.cohort.name}", describe_profile(profile)]
    lines += _as_of_line(view.as_of)
    lines.append("")
    if not view.entries:
        lines.append("Aucun fait enregistré à cette date.")
    for entry in view.entries:
        lines.append(f"• {_short(entry.occurred)} — {entry_sentence(entry, profile, view.cohort)}")
    return nbsp_punct(guillemets("\n".join(lines))) + "\n"


def render_cohort(view: CohortView, lang: str = "fr") -> str:
    """A cohort's timeline: its own events and its territories', each territory's named at the start."""
    _check(lang)
    if lang == "en":
        return render_cohort_en(view)
    profiles = {t.territory.id: t.territory for t in view.territories}
    lines = [
        f"{view.cohort.name} — chronologie",
        f"{count(len(profiles), 'territoire')} ({view.cohort.region}).",
    ]
    lines += _as_of_line(view.as_of)
    lines.append("")
    for entry in view.entries:
        profile = profiles.get(entry.territory or "")
        if entry.type in ("territory_registered", "cohort_opened"):
            continue
        if profile is None:
            text = cohort_sentence(entry, view.cohort)
        else:
            text = entry_sentence(entry, profile, view.cohort)
            if (
                not text.lower().startswith(profile.name.lower())
                and profile.name.lower() not in text[:60].lower()
            ):
                text = f"{profile.name} : {lower_first(text)}"
        lines.append(f"• {_short(entry.occurred)} — {text}")
    return nbsp_punct(guillemets("\n".join(lines))) + "\n"


@lru_cache(maxsize=1024)
def _short(occurred: PartialDate) -> str:
    # A timeline repeats its dates (a day's sessions, findings, effects); a PartialDate is immutable.
    return date_short(occurred)


def _check(lang: str) -> None:
    if lang not in LANGUAGES:
        raise TransitionsError(f"La chronologie existe en {', '.join(LANGUAGES)}, pas en « {lang} ».")


def render_territory_en(view: TerritoryView) -> str:
    """The English timeline: facts in English, the sources' own words left in French."""
    profile = view.territory
    lines = [f"{profile.name} — {view.cohort.name}", describe_profile_en(profile)]
    lines += _as_of_line_en(view.as_of)
    lines.append("")
    if not view.entries:
        lines.append("Nothing is on record by that date.")
    for entry in view.entries:
        lines.append(f"• {date_en(entry.occurred)} — {entry_sentence_en(entry, profile)}")
    return "\n".join(lines) + "\n"


def render_cohort_en(view: CohortView) -> str:
    """The English cohort timeline: its own events and its territories', each territory named at the start."""
    profiles = {t.territory.id: t.territory for t in view.territories}
    lines = [
        f"{view.cohort.name} — timeline",
        f"{english.count(len(profiles), 'territory', 'territories')} ({view.cohort.region}).",
    ]
    lines += _as_of_line_en(view.as_of)
    lines.append("")
    for entry in view.entries:
        if entry.type in ("territory_registered", "cohort_opened"):
            continue
        profile = profiles.get(entry.territory or "")
        text = entry_sentence_en(entry, profile or NOBODY)
        if profile is not None and profile.name.lower() not in text[:60].lower():
            text = f"{profile.name}: {text}"
        lines.append(f"• {date_en(entry.occurred)} — {text}")
    return "\n".join(lines) + "\n"


def _as_of_line_en(as_of: date | None) -> list[str]:
    if as_of is None:
        return []
    return [f"As of {english.day(as_of)}: only what had certainly happened by then."]


def _as_of_line(as_of: date | None) -> list[str]:
    if as_of is None:
        return []
    return [f"État au {date_words_plain(as_of)} : seuls les faits certainement survenus à cette date."]


def date_words_plain(day: date) -> str:
    """`30 juin 2024`, `1er mars 2025`: a full date without its article."""
    from transitions_core.text.french import day_words

    return day_words(day).removeprefix("le ")
