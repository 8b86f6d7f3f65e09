"""How many sessions of the common core the programme holds: a lever over the dated calendar.

The calendar dates the sessions a cohort really held. `calendar.sessions` says how many of each kind a
simulated programme holds instead; absent, as many as are dated, and then the dated ones are held as they
are. Fewer: the first is kept (the first in-person day is the cohort's launch), then the others spread
evenly over the dated ones, the last included (the last in-person day closes the common core), so the
rhythm over the programme stays. More: every dated
session is kept and the extra ones go between them, each into the stretch left longest without a session,
spaced evenly there; an extra session has no place and its theme says it is unknown, never invented.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from pydantic import Field

from transitions_core.simulation.scenario.base import Spec

#: The theme of a session the simulation adds: the report dates no such session, so its theme is unknown.
ADDED_THEME = "thème inconnu (séance ajoutée par la simulation)"


class Session(Spec):
    """A dated session of the common core (an in-person day or a webinar)."""

    date: date
    place: str | None = None
    theme: str | None = None


class SessionCounts(Spec):
    """How many in-person days, webinars and peer exchanges are held; absent, as many as are dated."""

    in_person: int | None = Field(default=None, ge=0)
    webinars: int | None = Field(default=None, ge=0)
    peer_exchanges: int | None = Field(default=None, ge=0)


#: Each count's calendar list and its French name (in messages).
KINDS = {
    "in_person": ("in_person_days", "journées en présentiel"),
    "webinars": ("webinars", "webinaires"),
    "peer_exchanges": ("peer_exchanges", "temps d'échanges entre pairs"),
}


def follow_dates(document: dict[str, Any]) -> dict[str, Any]:
    """A dumped scenario whose counts equal to the dated sessions are left out: they follow the dates if a
    change replaces the list, and a scenario's fingerprint stays what it was before counts existed."""
    calendar = document["calendar"]
    counts = calendar.get("sessions") or {}
    calendar["sessions"] = {
        kind: count
        for kind, count in counts.items()
        if count is not None and count != len(calendar[KINDS[kind][0]])
    }
    return document


class TooManySessions(ValueError):
    """More sessions than there are days to hold them on: at most `most` between `first` and `last`."""

    def __init__(self, most: int, first: date, last: date) -> None:
        super().__init__(most, first, last)
        self.most, self.first, self.last = most, first, last
        #: The count's key under `calendar.sessions`, once told (loading.py points at its line).
        self.kind = ""

    def told(self, kind: str, count: int, words: str) -> TooManySessions:
        """This error, told in French for the count `kind`."""
        from transitions_core.text.french import day_words

        self.kind = kind
        self.args = (
            f"{count} {words} ne tiennent pas entre {day_words(self.first)} et {day_words(self.last)}, "
            f"à raison d'une par jour au plus ({self.most} au plus) ; réduisez ce nombre",
        )
        return self


def held(dated: Sequence[Session], count: int, window: tuple[date, date]) -> list[Session]:
    """The `count` sessions held, from the dated ones; extra ones fall between them, or in `window`
    when fewer than two are dated. Raises `TooManySessions` when they cannot each have their own day."""
    if count == len(dated):
        return list(dated)
    ordered = sorted(dated, key=lambda s: s.date)
    if count < len(ordered):
        return [ordered[i] for i in kept_indices(len(ordered), count)]
    days = added_days([s.date for s in ordered], count - len(ordered), window)
    added = [Session(date=day, theme=ADDED_THEME) for day in days]
    return sorted([*ordered, *added], key=lambda s: s.date)


def held_days(dated: Sequence[date], count: int, window: tuple[date, date]) -> list[date]:
    """`held` for sessions known only by their day (the peer exchanges)."""
    if count == len(dated):
        return list(dated)
    ordered = sorted(dated)
    if count < len(ordered):
        return [ordered[i] for i in kept_indices(len(ordered), count)]
    return sorted([*ordered, *added_days(ordered, count - len(ordered), window)])


def kept_indices(dated: int, count: int) -> list[int]:
    """The `count` of `dated` sessions kept: the first, then evenly spread up to the last."""
    if count <= 0:
        return []
    if count == 1:
        return [0]
    step = (dated - 1) / (count - 1)
    return [int(i * step + 0.5) for i in range(count)]


def added_days(dated: Sequence[date], extra: int, window: tuple[date, date]) -> list[date]:
    """`extra` new days between the dated ones (sorted), each into the longest stretch still without one."""
    ends = sorted(set(dated)) if len(set(dated)) >= 2 else sorted({*dated, *window})
    gaps = [(b - a).days for a, b in itertools.pairwise(ends)]
    shares = [0] * len(gaps)
    for _ in range(extra):
        # The stretch whose sessions would stay furthest apart gets the next one (the earliest on a tie).
        best = max(range(len(gaps)), key=lambda k: (gaps[k] / (shares[k] + 1), -k), default=0)
        if not gaps or gaps[best] < shares[best] + 2:
            raise TooManySessions(len(dated) + sum(max(g - 1, 0) for g in gaps), ends[0], ends[-1])
        shares[best] += 1
    out: list[date] = []
    for start, gap, share in zip(ends, gaps, shares, strict=False):
        out.extend(start + timedelta(days=round(gap * j / (share + 1))) for j in range(1, share + 1))
    return out
