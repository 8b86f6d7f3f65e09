"""A delegation's cohesion: the share of the common core it came to, times the dose of common core it was
offered, measured against the reference programme (the calendar's dated sessions).

cohesion = share × A(amount), where share = attended ÷ offered and amount = offered ÷ planned, each
weighted (a peer exchange weighs `peer_weight`), `planned` counting the dated sessions that fell while the
delegation was engaged, held or not. A(x) = (1 + h)·x ÷ (h + x), h the `headroom`: A(0) = 0, A(1) = 1,
concave, saturating at 1 + h. Holding the dated sessions as dated gives amount = 1 exactly, so cohesion is
the share, as before the dose. docs/simulation.md, « The numbers of sessions », has the measured table.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

#: The kinds of sessions that feed cohesion, in the order the agenda holds them on one day.
IN_PERSON, WEBINAR, PEER_EXCHANGE = 0, 1, 2


def dose(amount: float, headroom: float) -> float:
    """A(amount) = (1 + h)·amount ÷ (h + amount): 0 for none, 1 for the reference programme, at most 1 + h."""
    if amount <= 0:
        return 0.0
    return (1 + headroom) * amount / (headroom + amount)


def cohesion(attended: float, offered: float, planned: float, reference: float, headroom: float) -> float:
    """The delegation's cohesion from its weighted sessions attended, offered and planned.

    Nothing planned (no dated session fell while it was engaged): the share alone, or `reference` when
    nothing was offered either. Something planned and nothing offered: 0, the floor.
    """
    share = attended / offered if offered > 0 else None
    if planned <= 0:
        return reference if share is None else share
    if share is None:
        return 0.0
    if offered == planned:
        return share  # the reference programme itself: A(1) = 1, with no rounding to move a row
    return share * dose(offered / planned, headroom)


@dataclass(frozen=True)
class ReferenceProgramme:
    """The dated sessions a dose is measured against, as (day, kind), and those of them not held."""

    dated: frozenset[tuple[date, int]]
    unheld: tuple[tuple[date, int], ...]

    @classmethod
    def of(cls, dated: Sequence[Sequence[date]], held: Sequence[Sequence[date]]) -> ReferenceProgramme:
        """From the days of the dated and of the held sessions, by kind (in-person, webinar, peer exchange)."""
        dated_keys = Counter((day, kind) for kind, days in enumerate(dated) for day in days)
        held_keys = Counter((day, kind) for kind, days in enumerate(held) for day in days)
        return cls(frozenset(dated_keys), tuple(sorted((dated_keys - held_keys).elements())))

    def planned(self, day: date, kind: int, weight: float) -> float:
        """What a held session adds to `planned`: its weight if it is a dated one, else nothing."""
        return weight if (day, kind) in self.dated else 0.0
