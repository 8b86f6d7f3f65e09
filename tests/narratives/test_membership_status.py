"""A territory's membership as of a date: joined, declined, left, or back again after leaving."""

from __future__ import annotations

from datetime import date

from transitions_core.domain.dates import PartialDate
from transitions_core.narrative.status import Membership, territory_status
from transitions_core.timeline.view import TimelineEntry


def entry(position: int, kind: str, when: str, **facts: object) -> TimelineEntry:
    return TimelineEntry(
        position=position,
        entry=f"e{position}",
        type=kind,
        scope="territory",
        territory="t",
        occurred=PartialDate(when),
        recorded="2026-01-01T00:00:00+00:00",
        facts=dict(facts),
    )


JOINED = entry(1, "territory_joined", "2026-01")
LEFT = entry(2, "territory_left", "2026-06", reason="fin de mandat")
BACK = entry(3, "territory_joined", "2026-09")


def test_a_territory_that_left_took_part_and_left():
    status = territory_status([JOINED, LEFT])
    assert status.membership is Membership.JOINED and status.engaged
    assert status.left and not status.declined
    assert status.declined_reason == "fin de mandat"


def test_leaving_counts_only_once_it_has_happened():
    assert not territory_status([JOINED, LEFT], as_of=date(2026, 3, 1)).left
    assert territory_status([JOINED, LEFT], as_of=date(2026, 7, 1)).left


def test_a_territory_that_came_back_is_not_told_as_gone():
    assert not territory_status([JOINED, LEFT, BACK]).left
    assert territory_status([JOINED, LEFT, BACK], as_of=date(2026, 7, 1)).left
