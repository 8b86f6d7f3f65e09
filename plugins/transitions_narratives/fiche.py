"""The `fiche` format: the territory page, in the report's shape, rendered from its template."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from transitions_core import hookimpl
from transitions_core.narrative.formats import Format, Subject

FICHE = Format(
    name="fiche",
    description="La fiche du territoire : le territoire, le projet pilote, les effets, les limites, les points de vue.",
    subjects=(Subject.TERRITORY,),
    media_type="text/markdown",
)


@hookimpl
def register_formats(register: Callable[[Format], None]) -> None:
    """Offer the territory page; the template renderer draws it from narratives/fiche/."""
    register(FICHE)


@hookimpl
def template_filters() -> dict[str, Callable[..., Any]]:
    """What the fiche (and the report, which includes it) says of a territory's state, its allies, its decision."""
    from transitions_narratives.lazy import lazy

    return {
        "territory_outside": territory_outside,
        "territory_left_line": territory_left_line,
        "pilot_allies": pilot_allies,
        "pilot_support": pilot_support,
        "pending": pending,
        "kind_en": lazy("transitions_narratives.sentences_en", "kind_en"),
        "people_en": lazy("transitions_narratives.sentences_en", "people"),
    }


def territory_outside(view: Any, lang: str = "fr") -> list[str]:
    """A territory that had not joined: approached, perhaps presented the scheme, then declined or undecided."""
    from transitions_narratives.membership import outside

    return outside(view, lang)


def territory_left_line(view: Any, lang: str = "fr") -> str:
    """A territory that joined, then left: when, and why if the history says."""
    from transitions_narratives.membership import left_line

    return left_line(view, lang)


def pilot_allies(view: Any, lang: str = "fr") -> str:
    """The pilot's allies, those who also conducted the diagnostic named as such."""
    from transitions_narratives.tellers import teller

    pilot = view.pilot
    return teller(lang).allies(
        list(pilot.allies), pilot.ally_also_did_diagnostic, pilot.diagnosed_by, view.cohort
    )


def pilot_support(view: Any, lang: str = "fr") -> dict[str, str]:
    """The pilot's support as fact-sheet fields: `allies` (people by organisation) and `diagnosis` (who did it)."""
    from transitions_narratives.wording import wording

    pilot, say = view.pilot, wording(lang)
    slots = {
        "allies": list(pilot.allies),
        "cohort": view.cohort,
        "also_did": pilot.ally_also_did_diagnostic,
        "diagnosed_by": list(pilot.diagnosed_by),
    }
    return {"allies": say.say("fiche.allies", **slots), "diagnosis": say.say("fiche.diagnosis", **slots)}


def pending(view: Any, step: str, lang: str = "fr") -> str:
    """The sentence for a step not done by the view's date: not yet, undated, or not mentioned."""
    from transitions_narratives.claims import pending as say

    return say(view.status, step, lang) or ""
