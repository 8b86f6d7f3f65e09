"""A territory's profile as plain data, for the listings: what `territories` prints, without pydantic.

`transitions territories` prints each territory's profile (`view.Profile`, dumped to JSON). Importing
pydantic and building the view classes was about half of the command (issue 16); the profile is the
facts of the territory's registration, corrected, so it is read here straight from its rows. Anything
this reading would not give exactly as `Profile` does (no registration, a retracted one, a value of
another type than its field's) gives None: the caller builds the view instead.
`tests/narratives/test_trusted_views.py` keeps `FIELDS` equal to `Profile`'s and the data equal to the dump.
"""

from __future__ import annotations

from typing import Any

from transitions_core.timeline.readmodel import TimelineReadModel

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
_OWN_TYPES = frozenset({"territory_registered", "entry_corrected", "entry_retracted"})


def territory_profile_data(
    readmodel: TimelineReadModel, cohort: str, territory: str
) -> dict[str, Any] | None:
    """`dumped(territory_timeline(…)[0])` read from the territory's own rows, or None when only the view says it."""
    registration: dict[str, Any] | None = None
    entry = ""
    changes: dict[str, list[dict[str, Any]]] = {}
    retracted: set[str] = set()
    for row in readmodel.rows(cohort, territory, cohort_level=False):
        if row.type not in _OWN_TYPES:
            continue
        if row.type == "entry_corrected":
            changes.setdefault(row.facts["target"], []).append(row.facts["changes"])
        elif row.type == "entry_retracted":
            retracted.add(row.facts["target"])
        elif registration is None:
            registration, entry = dict(row.facts), row.entry
    if registration is None or entry in retracted:
        return None
    for change in changes.get(entry, ()):
        registration.update(change)
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
