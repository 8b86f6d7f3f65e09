"""`transitions export ocel`: a cohort's history as an OCEL 2.0 object-centric event log (JSON).

Object types: cohort, territory, pilot_project, ally and session. Every event is related to at least
one object (process-mining tools silently drop the others). OCEL needs a timestamp: an event dated to
the day takes it; one with a partial date is left out, or placed on the middle or the first of its
possible days, as the caller's `undated` policy says (`export/dating.py`), and keeps its EDTF date, its
precision and its first and last possible days as attributes; an event of unknown date is left out.
A session is related to the delegations that attended it only where attendance is recorded. Attribute
values are strings, as the OCEL 2.0 JSON format wants, and their declared types say how to read them
(integer, float, boolean, time). An internal log says of every event whether it is
confidential (`confidential`, a boolean attribute); a public one has no confidential event and names nobody:
an ally is their organisation.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from transitions_core.domain.event_names import MODULES
from transitions_core.export.dating import Undated, placed_day
from transitions_core.export.flat import cohort_entries
from transitions_core.history.keys import slugify
from transitions_core.narrative.audience import Audience, reading_for
from transitions_core.timeline.readmodel import TimelineReadModel
from transitions_core.timeline.view import TimelineEntry

EPOCH = "1970-01-01T00:00:00Z"
SESSIONS = frozenset(
    {"in_person_day_held", "webinar_held", "pilot_forum_held", "peer_exchange_held", "evaluation_day_held"}
)
#: The pilot's own events (the module's, but the delegation's, which belong to the territory).
PILOT = frozenset(MODULES["pilot"]) - {"delegation_member_named", "delegation_incomplete_noted"}
OBJECT_ATTRIBUTES = {
    "cohort": ("name", "region"),
    "territory": ("name", "kind", "department", "population"),
    "pilot_project": ("title",),
    "ally": ("name", "organisation"),
    "session": ("kind", "number", "theme", "place"),
}


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return f"{value.isoformat()}T00:00:00Z"
    if isinstance(value, int | float):
        return repr(value)
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)


def kind_of(value: Any) -> str:
    """The OCEL attribute type of a value: integer, float, boolean, time or string."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "float"
    if isinstance(value, date):
        return "time"
    return "string"


class _Log:
    def __init__(self, cohort: str, flagged: bool, undated: Undated) -> None:
        self.cohort = cohort
        self.undated = undated
        #: Whether events carry the `confidential` attribute (internal logs).
        self.flagged = flagged
        self.objects: dict[str, dict[str, Any]] = {}
        self.events: list[dict[str, Any]] = []
        self.event_attributes: dict[str, dict[str, set[str]]] = {}
        self.object_attributes: dict[str, dict[str, set[str]]] = {}
        #: Events left out: of unknown date, and (with the `skip` policy) dated less precisely than the day.
        self.unknown = 0
        self.partial = 0

    def add_object(
        self, oid: str, kind: str, attributes: dict[str, Any], links: tuple[tuple[str, str], ...] = ()
    ) -> str:
        if oid not in self.objects:
            kinds = self.object_attributes.setdefault(kind, {})
            for k, v in attributes.items():
                if v is not None:
                    kinds.setdefault(k, set()).add(kind_of(v))
            self.objects[oid] = {
                "id": oid,
                "type": kind,
                "attributes": [
                    {"name": k, "value": _text(v), "time": EPOCH}
                    for k, v in attributes.items()
                    if v is not None
                ],
                "relationships": [{"objectId": target, "qualifier": q} for target, q in links],
            }
        return oid

    def add_event(self, territory: str | None, entry: TimelineEntry) -> None:
        day, basis = placed_day(entry.occurred, self.undated)
        if day is None:
            if basis == "unknown":
                self.unknown += 1
            else:
                self.partial += 1
            return
        facts = entry.facts
        cohort = f"cohort:{self.cohort}"
        links: list[tuple[str, str]] = [(cohort, "cohort")]
        if territory:
            links.append((f"territory:{territory}", "territory"))
        if entry.type in PILOT and territory:
            pilot = self.add_object(
                f"pilot_project:{territory}", "pilot_project", {}, ((f"territory:{territory}", "carried_by"),)
            )
            if entry.type == "pilot_project_chosen":
                self.objects[pilot]["attributes"].append(
                    {"name": "title", "value": facts["title"], "time": EPOCH}
                )
                self.object_attributes.setdefault("pilot_project", {}).setdefault("title", set()).add(
                    "string"
                )
            links.append((pilot, "pilot_project"))
            for person in facts.get("allies") or []:
                ally = self.add_object(
                    f"ally:{slugify(person['name'])}",
                    "ally",
                    {"name": person["name"], "organisation": person.get("organisation")},
                )
                self.objects[pilot]["relationships"].append({"objectId": ally, "qualifier": "accompanied_by"})
                links.append((ally, "ally"))
        if entry.type in SESSIONS:
            session = self.add_object(
                f"session:{entry.entry}",
                "session",
                {k: facts.get(k) for k in ("number", "theme", "place")} | {"kind": entry.type},
                ((cohort, "part_of"),),
            )
            links.append((session, "session"))
            # Only recorded attendance: a session whose history does not say who came links nobody.
            for slug in facts.get("territories") or []:
                links.append((f"territory:{slug}", "participant"))
        attributes: dict[str, Any] = {
            "entry": entry.entry,
            "occurred": str(entry.occurred),
            "precision": entry.occurred.precision.value,
            "earliest_day": entry.occurred.earliest,
            "latest_day": entry.occurred.latest,
            "time_basis": basis,
        }
        attributes |= {k: v for k, v in facts.items() if v not in (None, [], {}, "")}
        if self.flagged:
            attributes["confidential"] = entry.confidential
        kinds = self.event_attributes.setdefault(entry.type, {})
        for k, v in attributes.items():
            kinds.setdefault(k, set()).add(kind_of(v))
        self.events.append(
            {
                "id": f"e{entry.position}",
                "type": entry.type,
                "time": _text(day),
                "attributes": [{"name": k, "value": _text(v)} for k, v in attributes.items()],
                "relationships": [{"objectId": oid, "qualifier": q} for oid, q in links],
            }
        )


def ocel_log(
    readmodel: TimelineReadModel,
    cohort: str,
    audience: Audience = Audience.INTERNAL,
    undated: Undated = "skip",
    counts: dict[str, int] | None = None,
) -> dict[str, Any]:
    """The OCEL 2.0 document of a stored cohort, for an audience; `counts` receives what was left out."""
    reading = reading_for(readmodel, cohort, audience)
    entries = cohort_entries(reading.readmodel, cohort)
    if reading.names is not None:
        names = reading.names
        entries = [(territory, names.view(entry)) for territory, entry in entries]
    log = _Log(cohort, flagged=reading.names is None, undated=undated)
    opened = next(e for t, e in entries if e.type == "cohort_opened")
    log.add_object(
        f"cohort:{cohort}", "cohort", {"name": opened.facts["name"], "region": opened.facts["region"]}
    )
    for territory, entry in entries:
        if entry.type == "territory_registered" and territory:
            f = entry.facts
            log.add_object(
                f"territory:{territory}",
                "territory",
                {k: f.get(k) for k in ("name", "kind", "department", "population")},
                ((f"cohort:{cohort}", "member_of"),),
            )
    for territory, entry in entries:
        log.add_event(territory, entry)
    if counts is not None:
        counts.update({"unknown": log.unknown, "partial": log.partial})
    return {
        "objectTypes": [
            {
                "name": kind,
                "attributes": [
                    {"name": a, "type": _type(log.object_attributes.get(kind, {}).get(a, set()))}
                    for a in attributes
                ],
            }
            for kind, attributes in OBJECT_ATTRIBUTES.items()
        ],
        "eventTypes": [
            {"name": kind, "attributes": [{"name": a, "type": _type(kinds[a])} for a in sorted(kinds)]}
            for kind, kinds in sorted(log.event_attributes.items())
        ],
        "objects": list(log.objects.values()),
        "events": log.events,
    }


def _type(kinds: set[str]) -> str:
    """One declared type for an attribute: its values' type, float for a mix of numbers, else string."""
    if len(kinds) == 1:
        return next(iter(kinds))
    if kinds == {"integer", "float"}:
        return "float"
    return "string"
