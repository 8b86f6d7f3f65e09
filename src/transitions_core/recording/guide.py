"""The catalogue as a guided entry shows it: types grouped by stage, their French title and sentence, the
types that make sense in the current state first (tried against the aggregate's own rules), each key's meaning."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

from transitions_core.domain.aggregate import AggregateState
from transitions_core.domain.cohort import Cohort, check_cohort_event
from transitions_core.domain.dates import PartialDate
from transitions_core.domain.errors import DomainError
from transitions_core.domain.events import DomainEvent, Scope
from transitions_core.domain.territory import Territory, check_territory_event
from transitions_core.recording.fields import entry_types

#: The stages of a cohort's life, by the module that holds their events.
STAGES = {
    "recruitment": "Recrutement",
    "setup": "Mise en place",
    "sources": "Mise en place",
    "common_core": "Tronc commun",
    "diagnostic": "Diagnostic sensible",
    "pilot": "Délégation et projet pilote",
    "evaluation": "Évaluation",
    "storytelling": "Mise en récits",
    "region": "Accompagnement de la Région",
}


def _texts() -> dict[str, Any]:
    from transitions_core.reference.french import texts

    return texts()


def type_title(name: str) -> str:
    """The French title of an event type (`effet`), or its name when the catalogue has none."""
    titles = {"correction": "correction", "retraction": "retrait", "entry_corrected": "correction"}
    if name in titles:
        return titles[name]
    return str(_texts()["events"].get(name, {}).get("title", name))


def type_sentence(name: str) -> str:
    """The catalogue's one-line description of an event type."""
    return " ".join(str(_texts()["events"].get(name, {}).get("text", "")).split())


def key_meaning(type_name: str, key: str, model: str | None = None) -> str:
    """What a key means, for a type (or a value block such as Person)."""
    texts = _texts()
    if model is not None:
        return str(texts["values"].get(model, {}).get("keys", {}).get(key, ""))
    own = texts["events"].get(type_name, {}).get("keys", {}) or {}
    return str(own.get(key) or texts["keys"].get(key, ""))


def stage_of(kind: type[DomainEvent]) -> str:
    """The stage of a cohort's life an event type belongs to."""
    return STAGES.get(kind.__module__.rsplit(".", 1)[-1], "Autres")


def types_for(
    scope: Scope, state: AggregateState | None, cohort: Cohort | None
) -> list[tuple[str, type[DomainEvent], bool]]:
    """Every type of that scope as (stage, type, makes sense now), the sensible ones first, stages in order."""
    kinds = [k for k in entry_types().values() if k.scope is scope]
    rows = [(stage_of(k), k, makes_sense(k, state, cohort)) for k in kinds]
    return sorted(rows, key=lambda row: not row[2])


def makes_sense(kind: type[DomainEvent], state: AggregateState | None, cohort: Cohort | None) -> bool:
    """Whether the aggregate's rules would take this type now, whatever its facts (a trial, nothing kept)."""
    trial = kind.model_construct(
        originator_id=state.id if state else uuid4(),
        originator_version=(state.version if state else 0) + 1,
        timestamp=datetime.now(UTC),
        occurred=PartialDate("XXXX"),
        entry="essai",
        digest="",
    )
    try:
        if kind.scope is Scope.COHORT:
            check_cohort_event(cohort, trial)
        elif cohort is not None:
            check_territory_event(state if isinstance(state, Territory) else None, trial, cohort)
    except DomainError:
        return False
    except Exception:  # a rule that reads a fact the trial does not have: it depends on the facts
        return True
    return True
