"""`transitions export csv`: one row per event of a cohort, corrections applied, for R or pandas.

An internal table says which rows are confidential; a public one has none of them, and names nobody.
Every row keeps its EDTF date and its first and last possible days; `day` is the day the `undated` policy
places it on (`export/dating.py`): with `skip`, a row dated less precisely than the day keeps an empty
`day` (a row needs no timestamp, unlike an OCEL event), and `day_basis` says which it is.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from transitions_core.export.dating import Undated, placed_day
from transitions_core.narrative.audience import Audience, reading_for
from transitions_core.timeline.readmodel import TimelineReadModel
from transitions_core.timeline.view import TimelineEntry, corrected_entries

COLUMNS = (
    "cohort",
    "territory",
    "position",
    "entry",
    "type",
    "scope",
    "occurred",
    "earliest",
    "latest",
    "day",
    "day_basis",
    "recorded",
    "source",
    "facts",
    "confidential",
)


def cohort_entries(readmodel: TimelineReadModel, cohort: str) -> list[tuple[str | None, TimelineEntry]]:
    """(territory or None, entry) for every corrected entry of a cohort, in recording order."""
    out: list[tuple[str | None, TimelineEntry]] = [
        (None, e) for e in corrected_entries(readmodel.rows(cohort, territory=None)) if e.scope == "cohort"
    ]
    for row in readmodel.aggregates(kind="territory", cohort=cohort):
        slug = row.territory or ""
        out.extend((slug, e) for e in corrected_entries(readmodel.rows(cohort, slug, cohort_level=False)))
    return sorted(out, key=lambda item: item[1].position)


def to_csv(
    readmodel: TimelineReadModel,
    cohort: str,
    audience: Audience = Audience.INTERNAL,
    undated: Undated = "skip",
) -> str:
    """The flat event table; `facts` holds the event's own facts as JSON."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    reading = reading_for(readmodel, cohort, audience)
    for territory, stored in cohort_entries(reading.readmodel, cohort):
        entry = stored if reading.names is None else reading.names.view(stored)
        day, basis = placed_day(entry.occurred, undated)
        values: dict[str, Any] = {
            "cohort": cohort,
            "territory": territory or "",
            "position": entry.position,
            "entry": entry.entry,
            "type": entry.type,
            "scope": entry.scope,
            "occurred": str(entry.occurred),
            "earliest": entry.occurred.earliest.isoformat() if entry.occurred.earliest else "",
            "latest": entry.occurred.latest.isoformat() if entry.occurred.latest else "",
            "day": day.isoformat() if day else "",
            "day_basis": basis,
            "recorded": entry.recorded,
            "source": entry.source or "",
            "facts": json.dumps(entry.facts, ensure_ascii=False, sort_keys=True),
            "confidential": "true" if entry.confidential else "false",
        }
        writer.writerow([values[c] for c in COLUMNS])
    return out.getvalue()
