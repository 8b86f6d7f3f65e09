"""A history whose every text and number is a marker, to see which recorded fields a narrative shows.

Each event type of the catalogue gets one entry, its fields filled from the event's own pydantic model:
a text field `summary` of `finding_recorded` holds `Zqfindingrecordedsummaryq`, a count a number of its
own. A rendered text then says which fields it shows: `shown(text)`.
"""

from __future__ import annotations

import re
import types
import typing
from enum import Enum
from pathlib import Path
from typing import Any

import yaml

from transitions_core.domain.events import BOOKKEEPING_FIELDS, CATALOGUE, DomainEvent, Scope

COHORT = "marquee-2026"
TERRITORY = "marquee"
#: A second territory, that declines.
DECLINING = "refusante"
LEAVING = "partante"
#: Fields every entry has, that are not facts of its type.
BASE_FIELDS = frozenset({*BOOKKEEPING_FIELDS, "occurred", "source", "note", "confidential"})
#: Types that are not facts of a cohort's life (the record's own bookkeeping) or that the header writes.
NOT_FACTS = frozenset(
    {
        "entry_corrected",
        "entry_retracted",
        "cohort_opened",
        "territory_registered",
        "organisation_registered",
        "cohort_closed",
    }
)
#: A valid order for one territory's steps (the aggregate refuses any other).
TERRITORY_ORDER = (
    "territory_approached",
    "scheme_presented",
    "territory_joined",
    "diagnostic_started",
    "interviews_held",
    "finding_recorded",
    "diagnostic_pre_restituted",
    "diagnostic_restituted",
    "delegation_member_named",
    "delegation_incomplete_noted",
    "pilot_note_written",
    "pilot_project_chosen",
    "ally_assigned",
    "accompaniment_budget_extended",
    "accompaniment_days_spent",
    "milestone_reached",
    "milestone_announced",
    "effect_observed",
    "limit_observed",
    "viewpoint_recorded",
)
#: Fields whose value must be of a given shape, not a marker.
SPECIAL: dict[tuple[str, str], Any] = {
    ("evaluation_report_expected", "due"): "2027-10",
    ("production_published", "about"): [TERRITORY],
    ("in_person_day_held", "territories"): [TERRITORY],
    ("webinar_held", "territories"): [TERRITORY],
    ("pilot_forum_held", "territories"): [TERRITORY],
    ("peer_exchange_held", "territories"): [TERRITORY],
    ("evaluation_day_held", "in_person_day"): 1,
    ("production_published", "in_person_day"): 1,
    ("in_person_day_held", "number"): 1,
    ("accompaniment_days_spent", "days"): 2,
    ("accompaniment_budget_extended", "days"): 3,
    ("unnamed_territories_approached", "presented"): 1,
    # The ally who did the diagnostic is one of the allies: the marker of `allies[0].name`.
    ("ally_assigned", "diagnostic_by"): ["Zqallyassignedalliesnameq"],
}


class Markers:
    """The marker of each (event type, field path), and the fields a text shows."""

    def __init__(self) -> None:
        self.by_path: dict[tuple[str, str], str] = {}
        self._numbers = iter(range(311, 999, 7))

    def text(self, kind: str, path: str) -> str:
        marker = "Zq" + re.sub(r"[^a-z]", "", (kind + path).lower()) + "q"
        self.by_path[(kind, path)] = marker
        return marker

    def number(self, kind: str, path: str) -> int:
        n = next(self._numbers)
        self.by_path[(kind, path)] = str(n)
        return n

    def shown(self, text: str, kind: str | None = None) -> set[tuple[str, str]]:
        """The (type, field) pairs whose marker the text holds."""
        folded = text.casefold()
        return {
            path
            for path, marker in self.by_path.items()
            if (kind is None or path[0] == kind)
            and re.search(rf"(?<![\d]){re.escape(marker.casefold())}(?![\d])", folded)
        }

    def of(self, kind: str) -> set[tuple[str, str]]:
        """Every marked field of a type."""
        return {path for path in self.by_path if path[0] == kind}


def fill(kind: str, annotation: Any, path: str, markers: Markers, flag: bool = True) -> Any:
    """A value of `annotation` carrying markers where it can (texts, counts); None for what cannot be marked.

    Yes-or-no facts take `flag`: a text shown only when a flag is false (why a webinar was not recorded)
    shows in the history written with `flag=False`.
    """
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return fill(kind, args[0], path, markers, flag)
    if origin in (typing.Union, types.UnionType):
        kept = [a for a in args if a is not type(None)]
        return fill(kind, kept[0], path, markers, flag) if len(kept) == 1 else None
    if origin is list:
        item = args[0]
        first = fill(kind, item, f"{path}[0]", markers, flag)
        if isinstance(first, str) and not _is_enum(item):
            return [first, fill(kind, item, f"{path}[1]", markers, flag)]
        return [first] if first is not None else []
    if origin is typing.Literal:
        return args[0]
    if isinstance(annotation, type):
        if issubclass(annotation, Enum):
            return next(iter(annotation)).value
        if annotation is str:
            return markers.text(kind, path)
        if annotation is bool:
            return flag
        if annotation in (int, float):
            return markers.number(kind, path)
        if hasattr(annotation, "model_fields"):
            return {
                name: value
                for name, field in annotation.model_fields.items()
                if (value := fill(kind, field.annotation, f"{path}.{name}", markers, flag)) is not None
            }
    return None


def _is_enum(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, Enum)


def entry_of(event: type[DomainEvent], markers: Markers, flag: bool = True) -> dict[str, Any]:
    """One history entry of this type, every fact marked."""
    kind = event.type_name()
    entry: dict[str, Any] = {"date": "2026-09-15", "type": kind}
    if event.scope is Scope.TERRITORY:
        entry["territory"] = TERRITORY
    for name, field in event.model_fields.items():
        if name in BASE_FIELDS:
            continue
        if (kind, name) in SPECIAL:
            if flag or (kind, name) != ("ally_assigned", "diagnostic_by"):  # no one, if none did it
                entry[name] = SPECIAL[(kind, name)]
            continue
        value = fill(kind, field.annotation, name, markers, flag)
        if value is not None:
            entry[name] = value
    return entry


def write(path: Path, flag: bool = True) -> Markers:
    """Write the marked history to `path` (its yes-or-no facts all `flag`); return its markers."""
    markers = Markers()
    by_kind = {cls.type_name(): cls for cls in CATALOGUE}
    cohort_events = [
        cls for cls in CATALOGUE if cls.scope is Scope.COHORT and cls.type_name() not in NOT_FACTS
    ]
    territory_events = [by_kind[kind] for kind in TERRITORY_ORDER]
    missing = (
        {cls.type_name() for cls in CATALOGUE if cls.scope is Scope.TERRITORY}
        - {*TERRITORY_ORDER, "territory_declined", "territory_left"}
        - NOT_FACTS
    )
    assert not missing, f"tests/narratives/marked.py: place {sorted(missing)} in TERRITORY_ORDER"
    history = {
        "kind": "history",
        "cohort": {"id": COHORT, "name": "Cohorte marquée", "region": "Bretagne", "opened": "2026-01"},
        "territories": [
            {
                "id": TERRITORY,
                "name": "Marquée",
                "article": "",
                "gender": "f",
                "kind": "commune",
                "department": "Finistère",
                "population": 1234,
            },
            {"id": DECLINING, "name": "Refusante", "gender": "f", "kind": "commune"},
            {"id": LEAVING, "name": "Partante", "gender": "f", "kind": "commune"},
        ],
        "entries": [
            *(entry_of(cls, markers, flag) for cls in (*cohort_events, *territory_events)),
            {"date": "2026-03", "type": "territory_approached", "territory": DECLINING},
            {**entry_of(by_kind["territory_declined"], markers, flag), "territory": DECLINING},
            {"date": "2026-03", "type": "territory_joined", "territory": LEAVING},
            {**entry_of(by_kind["territory_left"], markers, flag), "territory": LEAVING},
        ],
    }
    path.write_text(yaml.safe_dump(history, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return markers
