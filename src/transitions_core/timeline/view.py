"""Read-only views of a history: a territory's profile and its dated, corrected timeline entries."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from transitions_core.domain.dates import PartialDate
from transitions_core.domain.events import EVENT_TYPES
from transitions_core.timeline.readmodel import Row, TimelineReadModel

CORRECTION = "entry_corrected"
RETRACTION = "entry_retracted"


class View(BaseModel):
    """Base of the read-only views handed to the CLI and the narratives."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Correction(View):
    """A correction applied to an entry."""

    entry: str
    reason: str
    changes: dict[str, Any]


class TimelineEntry(View):
    """One dated fact of a timeline, with corrections already applied."""

    position: int
    entry: str
    type: str
    scope: str
    territory: str | None = None
    occurred: PartialDate
    recorded: str
    facts: dict[str, Any]
    source: str | None = None
    note: str | None = None
    corrections: tuple[Correction, ...] = ()
    #: Left out of public narratives (`--audience public`). Not a fact: dumps leave it out.
    confidential: bool = Field(default=False, exclude=True)

    def sort_key(self) -> tuple[Any, ...]:
        """Occurrence order for partial dates: by the middle of the possible interval, narrower first.

        Ordering on the earliest possible day would put an effect dated "2024/2025" before a
        launch day of 7 May 2024; the middle of the interval is the best single estimate of when
        it happened. Equal dates keep their recording order. Unknown dates come last.
        """
        return (*occurrence_key(self.occurred), self.position)


def occurrence_key(occurred: PartialDate) -> tuple[bool, int, int]:
    """(unknown, middle day, span) of a partial date, for sorting."""
    earliest, latest = occurred.earliest, occurred.latest
    if earliest is None or latest is None:
        return (True, 0, 0)
    first, last = earliest.toordinal(), latest.toordinal()
    return (False, (first + last) // 2, last - first)


class Profile(View):
    """Who a territory is: its name, the article its name takes, and its figures."""

    cohort: str
    id: str
    name: str
    article: str = ""
    gender: str | None = None
    kind: str
    department: str | None = None
    region: str | None = None
    population: int | None = None
    area_km2: float | None = None
    communes: int | None = None
    description: str | None = None


class CohortProfile(View):
    """Who a cohort is."""

    id: str
    name: str
    region: str
    period: str | None = None
    pilot_days_budget: float | None = None
    aims: tuple[str, ...] = ()


def corrected_entries(rows: Iterable[Row]) -> list[TimelineEntry]:
    """Entries with their corrections folded in and retracted ones left out, in recording order."""
    rows = list(rows)
    corrections: dict[str, list[Correction]] = {}
    retracted: set[str] = set()
    for row in rows:
        if row.type == CORRECTION:
            target = row.facts["target"]
            corrections.setdefault(target, []).append(
                Correction(entry=row.entry, reason=row.facts["reason"], changes=row.facts["changes"])
            )
        elif row.type == RETRACTION:
            retracted.add(row.facts["target"])
    entries = []
    for row in rows:
        if row.type in (CORRECTION, RETRACTION) or row.entry in retracted:
            continue
        facts = dict(row.facts)
        for correction in corrections.get(row.entry, []):
            facts.update(correction.changes)
        occurred = PartialDate(str(facts.pop("occurred")))
        scope = "territory" if row.territory else "cohort"
        entries.append(
            TimelineEntry(
                position=row.position,
                entry=row.entry,
                type=row.type,
                scope=scope,
                territory=row.territory,
                occurred=occurred,
                recorded=row.recorded,
                source=facts.pop("source", None),
                note=facts.pop("note", None),
                confidential=bool(facts.pop("confidential", False)),
                facts=facts,
                corrections=tuple(corrections.get(row.entry, [])),
            )
        )
    return entries


def concerns(entry: TimelineEntry, territory: str) -> bool:
    """Whether a cohort-level entry belongs in this territory's timeline."""
    if entry.scope == "territory":
        return True
    event_type = EVENT_TYPES.get(entry.type)
    if event_type is None or not event_type.shared_with_territories:
        return False
    about = entry.facts.get("about")
    if about:
        return territory in about
    taking_part = entry.facts.get("territories")
    return taking_part is None or territory in taking_part


def territory_timeline(
    readmodel: TimelineReadModel, cohort: str, territory: str, as_of: date | None = None
) -> tuple[Profile, list[TimelineEntry]]:
    """A territory's profile and timeline as of a date: only what had certainly happened by then."""
    entries = corrected_entries(readmodel.rows(cohort, territory))
    registration = next(e for e in entries if e.type == "territory_registered" and e.scope == "territory")
    profile = Profile(
        id=territory,
        **{k: v for k, v in registration.facts.items() if k in Profile.model_fields and k != "id"},
    )
    joined = any(e.type == "territory_joined" for e in entries)
    timeline = [
        e
        for e in entries
        if e.type != "territory_registered"
        and (e.scope == "territory" or (joined and concerns(e, territory)))
        and (as_of is None or e.occurred.certainly_by(as_of))
    ]
    return profile, sorted(timeline, key=TimelineEntry.sort_key)


def cohort_profile(readmodel: TimelineReadModel, cohort: str) -> CohortProfile:
    """The cohort's own description, corrections applied."""
    entries = corrected_entries(readmodel.rows(cohort, territory=None))
    opened = next(e for e in entries if e.type == "cohort_opened")
    facts = {k: v for k, v in opened.facts.items() if k in CohortProfile.model_fields}
    return CohortProfile(id=cohort, **facts)
