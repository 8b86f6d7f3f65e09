"""The words of every claim of state, absence or source the narratives make, in each language.

What is true is answered by `transitions_core.narrative.status`; this module only words it. The
truthfulness tests read these phrases to find each claim in a text and check the history holds it: a
narrative must say "not yet", "declined" or "the report notes" only through here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from transitions_core.narrative.status import Known, TerritoryStatus, common_source
from transitions_core.timeline.view import SourceView, TimelineEntry

#: A step that had not happened by the view's date, per language: (LATER, UNDATED, UNRECORDED).
#: `{at}` is the view's date (` à cette date`), or nothing for a view of the whole history.
PENDING: dict[str, dict[str, tuple[str, str, str]]] = {
    "fr": {
        "diagnostic": (
            "Le diagnostic sensible n'a pas encore commencé{at}.",
            "Le diagnostic sensible figure dans l'historique, mais à une date trop vague pour savoir s'il avait commencé{at}.",
            "L'historique ne mentionne pas encore de diagnostic sensible{at}.",
        ),
        "restitution": (
            "La restitution n'a pas encore eu lieu{at}.",
            "La restitution figure dans l'historique, mais à une date trop vague pour savoir si elle avait eu lieu{at}.",
            "L'historique ne mentionne pas encore de restitution{at}.",
        ),
        "pilot": (
            "Le projet pilote n'est pas encore choisi{at}.",
            "Le projet pilote figure dans l'historique, mais à une date trop vague pour savoir s'il était choisi{at}.",
            "L'historique ne mentionne pas encore de projet pilote{at}.",
        ),
    },
    "en": {
        "diagnostic": (
            "The sensitive diagnostic had not started yet{at}.",
            "The sensitive diagnostic is on record, but dated too loosely to tell whether it had started{at}.",
            "The history does not mention a sensitive diagnostic yet{at}.",
        ),
        "restitution": (
            "The findings had not been presented back yet{at}.",
            "The presentation of the findings is on record, but dated too loosely to tell whether it had happened{at}.",
            "The history does not mention a presentation of the findings yet{at}.",
        ),
        "pilot": (
            "No pilot project had been chosen yet{at}.",
            "The pilot project is on record, but dated too loosely to tell whether it had been chosen{at}.",
            "The history does not mention a pilot project yet{at}.",
        ),
    },
}
#: A step the history does not mention, of a territory that had left the cohort by the view's date: no
#: "not yet", which would promise it.
LEFT: dict[str, dict[str, str]] = {
    "fr": {
        "diagnostic": "Le territoire a quitté la cohorte sans que l'historique mentionne de diagnostic sensible.",
        "restitution": "Le territoire a quitté la cohorte sans que l'historique mentionne de restitution.",
        "pilot": "Le territoire a quitté la cohorte sans que l'historique mentionne de projet pilote.",
    },
    "en": {
        "diagnostic": "The territory left the cohort with no sensitive diagnostic on record.",
        "restitution": "The territory left the cohort with no presentation of the findings on record.",
        "pilot": "The territory left the cohort with no pilot project on record.",
    },
}
AT = {"fr": " à cette date", "en": " by then"}
_STATES = (Known.LATER, Known.UNDATED, Known.UNRECORDED)


def pending(status: TerritoryStatus, step: str, lang: str = "fr") -> str | None:
    """The sentence for a step not done by the view's date, or None when it was done."""
    state = status.known(step)
    if state is Known.DONE:
        return None
    if state is Known.UNRECORDED and status.left:
        return LEFT[lang][step]
    at = AT[lang] if status.as_of else ""
    return PENDING[lang][step][_STATES.index(state)].format(at=at)


def pending_phrases(lang: str) -> dict[tuple[str, Known], str]:
    """Each (step, state) phrase without its date, for the tests that look for claims in a text."""
    return {
        (step, state): phrases[_STATES.index(state)].format(at="").rstrip(".")
        for step, phrases in PENDING[lang].items()
        for state in _STATES
    }


# ─── Sources ───

#: How a declared document of each kind is named in a sentence: (noun phrase, plural), per language.
SOURCE_NOUNS: dict[str, dict[str, tuple[str, bool]]] = {
    "fr": {
        "report": ("le rapport", False),
        "evaluation": ("l'évaluation", False),
        "minutes": ("les comptes rendus", True),
        "interviews": ("les entretiens", True),
        "press": ("la presse", False),
        "newsletter": ("l'infolettre", False),
        "other": ("la source", False),
    },
    "en": {
        "report": ("the report", False),
        "evaluation": ("the evaluation", False),
        "minutes": ("the minutes", True),
        "interviews": ("the interviews", True),
        "press": ("the press", False),
        "newsletter": ("the newsletter", False),
        "other": ("the source", False),
    },
}


class Source:
    """A declared document as the subject of a sentence: `le rapport relève`, `les comptes rendus relèvent`."""

    def __init__(self, source: SourceView, lang: str = "fr") -> None:
        self.source = source
        self.noun, self.plural = SOURCE_NOUNS[lang].get(source.kind, SOURCE_NOUNS[lang]["other"])

    def verb(self, singular: str, plural: str) -> str:
        """The verb agreeing with the document's noun."""
        return plural if self.plural else singular


def source_of(
    entries: Sequence[TimelineEntry], sources: Sequence[SourceView], lang: str = "fr"
) -> Source | None:
    """The one declared document all these entries cite, as a sentence's subject; None if there is none."""
    found = common_source(entries, sources)
    return Source(found, lang) if found is not None else None


def source_of_type(view: Any, kind: str, lang: str = "fr") -> Source | None:
    """The one declared document every entry of a type in a territory's view cites (effects, limits…)."""
    return source_of([e for e in view.entries if e.type == kind], view.cohort.sources, lang)
