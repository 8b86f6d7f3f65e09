"""`transitions export ocel`: a cohort's history as an OCEL 2.0 object-centric event log (JSON).

Object types: cohort, territory, pilot_project, ally and session. Every event is related to at least
one object (process-mining tools silently drop the others). OCEL needs a timestamp: an event takes
the first day its partial date allows, and keeps the EDTF date and its precision as attributes; an
event of unknown date has no time and is left out. An internal log says of every event whether it is
confidential (`confidential`, a boolean attribute); a public one has no confidential event and names nobody:
an ally is their organisation.
"""

from __future__ import annotations

import json
from typing import Any

from transitions_core.export.flat import cohort_entries
from transitions_core.history.keys import slugify
from transitions_core.narrative.audience import Audience, reading_for
from transitions_core.timeline.readmodel import TimelineReadModel
from transitions_core.timeline.view import TimelineEntry

EPOCH = "1970-01-01T00:00:00Z"
SESSIONS = frozenset(
    {"in_person_day_held", "webinar_held", "pilot_forum_held", "peer_exchange_held", "evaluation_day_held"}
)
PILOT = frozenset(
    {
        "pilot_project_chosen",
        "pilot_note_written",
        "ally_assigned",
        "accompaniment_days_spent",
        "accompaniment_budget_extended",
        "milestone_reached",
        "milestone_announced",
    }
)
OBJECT_ATTRIBUTES = {
    "cohort": ("name", "region"),
    "territory": ("name", "kind", "department", "population"),
    "pilot_project": ("title",),
    "ally": ("name", "organisation"),
    "session": ("kind", "number", "theme", "place"),
}


def _text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)


class _Log:
    def __init__(self, cohort: str, flagged: bool) -> None:
        self.cohort = cohort
        #: Whether events carry the `confidential` attribute (internal logs).
        self.flagged = flagged
        self.objects: dict[str, dict[str, Any]] = {}
        self.events: list[dict[str, Any]] = []
        self.event_attributes: dict[str, set[str]] = {}
        self.omitted = 0

    def add_object(
        self, oid: str, kind: str, attributes: dict[str, Any], links: tuple[tuple[str, str], ...] = ()
    ) -> str:
        if oid not in self.objects:
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

    def add_event(self, territory: str | None, entry: TimelineEntry, joined: list[str]) -> None:
        if entry.occurred.earliest is None:
            self.omitted += 1
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
            taking_part = facts.get("territories")
            for slug in joined if taking_part is None else taking_part:
                links.append((f"territory:{slug}", "participant"))
        attributes = {
            "entry": entry.entry,
            "occurred": str(entry.occurred),
            "precision": entry.occurred.precision.value,
        }
        attributes |= {k: v for k, v in facts.items() if v not in (None, [], {}, "")}
        if self.flagged:
            attributes["confidential"] = "true" if entry.confidential else "false"
        self.event_attributes.setdefault(entry.type, set()).update(attributes)
        self.events.append(
            {
                "id": f"e{entry.position}",
                "type": entry.type,
                "time": f"{entry.occurred.earliest.isoformat()}T00:00:00Z",
                "attributes": [{"name": k, "value": _text(v)} for k, v in attributes.items()],
                "relationships": [{"objectId": oid, "qualifier": q} for oid, q in links],
            }
        )


def ocel_log(
    readmodel: TimelineReadModel, cohort: str, audience: Audience = Audience.INTERNAL
) -> dict[str, Any]:
    """The OCEL 2.0 document of a stored cohort, for an audience."""
    reading = reading_for(readmodel, cohort, audience)
    entries = cohort_entries(reading.readmodel, cohort)
    if reading.names is not None:
        names = reading.names
        entries = [(territory, names.view(entry)) for territory, entry in entries]
    log = _Log(cohort, flagged=reading.names is None)
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
    joined = sorted({t for t, e in entries if t and e.type == "territory_joined"})
    for territory, entry in entries:
        log.add_event(territory, entry, joined)
    return {
        "objectTypes": [
            {"name": kind, "attributes": [{"name": a, "type": "string"} for a in attributes]}
            for kind, attributes in OBJECT_ATTRIBUTES.items()
        ],
        "eventTypes": [
            {"name": kind, "attributes": [{"name": a, "type": _type(a)} for a in sorted(attributes)]}
            for kind, attributes in sorted(log.event_attributes.items())
        ],
        "objects": list(log.objects.values()),
        "events": log.events,
    }


def _type(attribute: str) -> str:
    return "boolean" if attribute == "confidential" else "string"
