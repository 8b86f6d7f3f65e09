"""The pre-electoral change days, found arithmetically, are the days a day-by-day scan finds."""

from __future__ import annotations

import math
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from transitions_core.simulation.model.calendar import Calendar
from transitions_core.simulation.scenario.spec import CalendarSpec


def scanned(calendar: Calendar, months: float) -> list[date]:
    """The days after `start`, up to `end`, where the rules' test differs from the day before, one by one."""
    found = []
    day, before = calendar.start, calendar.months_to_elections(calendar.start) > months
    while day < calendar.end:
        day += timedelta(days=1)
        now = calendar.months_to_elections(day) > months
        if now != before:
            found.append(day)
        before = now
    return found


calendars = st.builds(
    lambda start, length, launch, shift, elections, mandate: Calendar.from_spec(
        CalendarSpec(
            recruitment_start=start,
            launch=start + timedelta(days=launch),
            end=start + timedelta(days=launch + length),
            shift_months=shift,
            mandate_start=elections - timedelta(days=mandate),
            elections=elections,
        )
    ),
    mandate=st.integers(min_value=1, max_value=2500),
    start=st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31)),
    length=st.integers(min_value=1, max_value=3000),
    launch=st.integers(min_value=1, max_value=400),
    shift=st.integers(min_value=-60, max_value=60),
    elections=st.dates(min_value=date(2014, 3, 1), max_value=date(2040, 3, 31)),
)
#: Months of every size, and the ones whose days are a whole number (where the float rounding matters).
months = st.one_of(
    st.floats(min_value=-5, max_value=200, allow_nan=False),
    st.integers(min_value=0, max_value=2500).map(lambda days: days / 30.44),
    st.integers(min_value=0, max_value=2500).map(lambda days: math.nextafter(days / 30.44, 0)),
    st.integers(min_value=0, max_value=2500).map(lambda days: math.nextafter(days / 30.44, math.inf)),
    st.integers(min_value=0, max_value=900).map(lambda n: n / 4),
    st.sampled_from([0.0, -0.0, 1e-300, 72.0, 1e300, float("inf"), float("-inf"), float("nan")]),
)


@settings(max_examples=1500, deadline=None)
@given(calendar=calendars, months=months)
def test_the_pre_election_changes_are_the_days_a_scan_finds(calendar: Calendar, months: float) -> None:
    assert list(calendar.pre_election_changes(months)) == scanned(calendar, months)


def test_the_fewest_days_over_some_months_can_be_two_above_the_product() -> None:
    """Why the candidates span the product's neighbours: the float product is off by up to 2 days."""
    offsets = set()
    for days in range(3000):
        for months in (days / 30.44, math.nextafter(days / 30.44, 0), math.nextafter(days / 30.44, math.inf)):
            fewest = math.floor(months * 30.44) - 3
            while not fewest / 30.44 > months:
                fewest += 1
            offsets.add(fewest - math.floor(months * 30.44))
    assert offsets <= {0, 1, 2} and 2 in offsets


def test_the_change_days_of_a_known_calendar() -> None:
    """Six months before the elections of 15 March 2026 the test turns false; on the day it turns true."""
    calendar = Calendar.from_spec(
        CalendarSpec(
            recruitment_start=date(2025, 1, 1),
            launch=date(2025, 2, 1),
            end=date(2026, 6, 30),
            elections=date(2026, 3, 15),
        )
    )
    assert calendar.pre_election_changes(6) == (date(2025, 9, 14), date(2026, 3, 15))
    assert calendar.pre_election_changes(6) == tuple(scanned(calendar, 6))
