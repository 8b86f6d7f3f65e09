"""The visual timeline, honest about partial dates: a day is a point, a month or a season a span, a
wider interval a visibly uncertain span, and an unknown date goes in a list apart, never on the axis.

Positions are computed here, on the server, so that the timeline reads without JavaScript; each item's
sentence is the `timeline` format's own line for that entry.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from transitions_core.domain.dates import PartialDate
from transitions_core.site.stages import actor_of, stage_of
from transitions_core.timeline.view import TimelineEntry

#: The longest interval still drawn as a plain span: a season, a few months, half a year.
SPAN_DAYS = 184
BULLET = "• "


@dataclass(frozen=True)
class Axis:
    """The time axis: from the first of January of the first year to the end of the last."""

    start: date
    end: date

    @property
    def days(self) -> int:
        """How many days the axis covers."""
        return (self.end - self.start).days + 1

    def percent(self, day: date) -> float:
        """Where a day sits, from 0 to 100."""
        return 100 * (day - self.start).days / self.days


def kind_of(occurred: PartialDate) -> str:
    """`point`, `span`, `wide` or `unknown`: how the timeline draws a partial date."""
    earliest, latest = occurred.earliest, occurred.latest
    if earliest is None or latest is None:
        return "unknown"
    length = (latest - earliest).days + 1
    if length == 1:
        return "point"
    return "span" if length <= SPAN_DAYS else "wide"


def axis_of(entries: Iterable[TimelineEntry]) -> Axis | None:
    """The axis that holds every dated entry, in whole years; None when no entry is dated."""
    years = [
        day.year
        for entry in entries
        for day in (entry.occurred.earliest, entry.occurred.latest)
        if day is not None
    ]
    if not years:
        return None
    return Axis(date(min(years), 1, 1), date(max(years), 12, 31))


def sentences(text: str, entries: Sequence[TimelineEntry], short: Any) -> list[str | None]:
    """Each entry's line in a rendered timeline, or None for an entry the timeline does not tell.

    The timeline writes one `• DATE — sentence` line per entry, in order, leaving some out (a cohort's
    opening); an entry is paired with the next line that starts with its date.
    """
    lines = [line[len(BULLET) :] for line in text.splitlines() if line.startswith(BULLET)]
    if len(lines) == len(entries):
        return [line.split(" — ", 1)[-1] for line in lines]
    found: list[str | None] = []
    position = 0
    for entry in entries:
        prefix = f"{short(entry.occurred)} — "
        if position < len(lines) and _plain(lines[position]).startswith(_plain(prefix)):
            found.append(lines[position].split(" — ", 1)[-1])
            position += 1
        else:
            found.append(None)
    return found


def _plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def items(
    entries: Sequence[TimelineEntry],
    texts: Sequence[str | None],
    short: Any,
    fallback: dict[str, str],
    names: dict[str, str] | None = None,
) -> dict[str, Any]:
    """The timeline's data: the axis's years, the dated items with their position, the undated ones.

    `names`: territory id → name, to say whose entry it is on a cohort's chronology.
    """
    axis = axis_of(entries)
    dated: list[dict[str, Any]] = []
    unknown: list[dict[str, Any]] = []
    for entry, text in zip(entries, texts, strict=True):
        kind = kind_of(entry.occurred)
        stage = stage_of(entry.type)
        whose = (names or {}).get(entry.territory or "")
        item: dict[str, Any] = {
            "kind": kind,
            "date": short(entry.occurred),
            "text": text or fallback[stage],
            "stage": stage,
            "actor": actor_of(entry.type, entry.scope, entry.facts),
            # A sentence that already names its territory is not prefixed with the name again.
            "territory": whose
            if whose and (text is None or whose.lower() not in text[:80].lower())
            else None,
        }
        if kind == "unknown" or axis is None:
            unknown.append(item)
            continue
        earliest, latest = entry.occurred.earliest, entry.occurred.latest
        assert earliest is not None and latest is not None
        left = axis.percent(earliest)
        width = 100 * ((latest - earliest).days + 1) / axis.days
        item["left"], item["width"] = f"{left:.3f}", f"{width:.3f}"
        dated.append(item)
    years = [] if axis is None else list(range(axis.start.year, axis.end.year + 1))
    ticks = [
        {"label": str(year), "left": f"{axis.percent(date(year, 1, 1)):.3f}"}
        for year in years
        if axis is not None
    ]
    return {"dated": dated, "unknown": unknown, "ticks": ticks, "count": len(dated) + len(unknown)}
