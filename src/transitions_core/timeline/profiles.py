"""Profiles as plain data, for the listings: what `territories` and `cohorts` print, without pydantic.

`transitions territories` prints each territory's profile (`view.Profile`, dumped to JSON), `cohorts`
each cohort's name and region. Importing pydantic and building the view classes was about half of
those commands (issue 16); a profile is the facts of the registration (or the opening), corrected, so
it is read here straight from its rows. Anything
this reading would not give exactly as `Profile` does (no registration, a retracted one, a value of
another type than its field's) gives None: the caller builds the view instead.
`tests/narratives/test_trusted_views.py` keeps `FIELDS` equal to `Profile`'s and the data equal to the dump.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from transitions_core.timeline.readmodel import Row, TimelineReadModel

REQUIRED: Any = object()
#: `Profile`'s fields, in its order: (name, default or REQUIRED, the types a value may have).
FIELDS: tuple[tuple[str, Any, tuple[type, ...]], ...] = (
    ("cohort", REQUIRED, (str,)),
    ("id", REQUIRED, (str,)),
    ("name", REQUIRED, (str,)),
    ("article", "", (str,)),
    ("gender", None, (str, type(None))),
    ("kind", REQUIRED, (str,)),
    ("department", None, (str, type(None))),
    ("department_article", None, (str, type(None))),
    ("region", None, (str, type(None))),
    ("population", None, (int, type(None))),
    ("area_km2", None, (float, type(None))),
    ("communes", None, (int, type(None))),
    ("description", None, (str, type(None))),
)


def territory_profile_data(
    readmodel: TimelineReadModel, cohort: str, territory: str
) -> dict[str, Any] | None:
    """`dumped(territory_timeline(…)[0])` read from the territory's own rows, or None when only the view says it."""
    registration = _opening(readmodel.rows(cohort, territory, cohort_level=False), "territory_registered")
    if registration is None:
        return None
    registration["id"] = territory
    data: dict[str, Any] = {}
    for name, default, kinds in FIELDS:
        value = registration.get(name, default)
        if value is REQUIRED:
            return None
        if name == "area_km2" and type(value) is int:
            value = float(value)  # as validation makes it
        if type(value) not in kinds:
            return None
        data[name] = value
    return data


def cohort_heading(readmodel: TimelineReadModel, cohort: str) -> tuple[str, str] | None:
    """The name and region of `cohort_profile(…)`, read from its opening's rows, or None when only the view says them."""
    opening = _opening(readmodel.cohort_level_rows(cohort, _COHORT_TYPES), "cohort_opened")
    if opening is None:
        return None
    name, region = opening.get("name"), opening.get("region")
    return (name, region) if type(name) is str and type(region) is str else None


_COHORT_TYPES = ("cohort_opened", "entry_corrected", "entry_retracted")


def _opening(rows: Iterable[Row], kind: str) -> dict[str, Any] | None:
    """The facts of the first entry of `kind`, corrected, as `corrected_entries` gives them (None: retracted or none)."""
    facts: dict[str, Any] | None = None
    entry = ""
    changes: dict[str, list[dict[str, Any]]] = {}
    retracted: set[str] = set()
    for row in rows:
        if row.type == "entry_corrected":
            changes.setdefault(row.facts["target"], []).append(row.facts["changes"])
        elif row.type == "entry_retracted":
            retracted.add(row.facts["target"])
        elif row.type == kind and facts is None:
            facts, entry = dict(row.facts), row.entry
    if facts is None or entry in retracted:
        return None
    for change in changes.get(entry, ()):
        facts.update(change)
    return facts
