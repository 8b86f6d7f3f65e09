"""The day an exported event is placed on, when its date is partial: an explicit policy, never a silent guess.

`skip` leaves out an event not dated to the day; `midpoint` places it in the middle of its possible days;
`earliest` on the first one. Whatever the policy, the event keeps its first and last possible days, and
an event of unknown date is always left out (no day is possible).
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from transitions_core.domain.dates import PartialDate

Undated = Literal["skip", "midpoint", "earliest"]
POLICIES: tuple[Undated, ...] = ("skip", "midpoint", "earliest")


def placed_day(occurred: PartialDate, policy: Undated) -> tuple[date | None, str]:
    """The day an event is placed on and on what basis (`day`, `midpoint`, `earliest`), or (None, why)."""
    first, last = occurred.earliest, occurred.latest
    if first is None or last is None:
        return None, "unknown"
    if first == last:
        return first, "day"
    if policy == "skip":
        return None, "partial"
    if policy == "earliest":
        return first, "earliest"
    return date.fromordinal((first.toordinal() + last.toordinal()) // 2), "midpoint"


def left_out(unknown: int, partial: int) -> str | None:
    """The French note of what an export left out, or None when it kept everything."""
    parts = []
    if partial:
        parts.append(
            f"{partial} événement{'s' if partial > 1 else ''} daté{'s' if partial > 1 else ''} seulement au mois, "
            "à la saison, à l'année ou par un intervalle (--undated midpoint ou earliest pour "
            f"{'les' if partial > 1 else 'le'} placer)"
        )
    if unknown:
        parts.append(f"{unknown} événement{'s' if unknown > 1 else ''} de date inconnue")
    if not parts:
        return None
    agreed = "Laissés" if partial + unknown > 1 else "Laissé"
    return f"{agreed} de côté : " + " et ".join(parts) + "."
