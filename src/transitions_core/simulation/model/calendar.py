"""The programme's calendar as the engine uses it: shifted dates, simulation time in days, the mandate."""

from __future__ import annotations

import calendar as gregorian
import math
from dataclasses import dataclass, field
from datetime import date, timedelta

from transitions_core.simulation.model.cohesion import ReferenceProgramme
from transitions_core.simulation.scenario.spec import CalendarSpec, Session

#: A municipal mandate lasts six years; used once the scenario's calendar passes its elections.
MANDATE_DAYS = round(6 * 365.25)
#: The calendars of the scenarios in use, by their spec: every run of a scenario shares one.
_CALENDARS: dict[int, tuple[CalendarSpec, Calendar]] = {}


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = gregorian.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


@dataclass(frozen=True)
class Calendar:
    """Programme dates after the shift; time 0 is the start of recruitment, one unit is one day."""

    start: date
    launch: date
    end: date
    mandate_start: date
    elections: date
    in_person_days: tuple[Session, ...]
    webinars: tuple[Session, ...]
    forums: tuple[date, date, int] | None
    peer_exchanges: tuple[date, ...]
    evaluation_day: Session | None
    #: The dated sessions, held or not: what a delegation's dose of common core is measured against.
    reference: ReferenceProgramme
    # Day by offset from `start`, months to the elections by day: the engine asks hundreds of times a run.
    _days: list[date] = field(default_factory=list, init=False, compare=False, repr=False)
    _months: dict[date, float] = field(default_factory=dict, init=False, compare=False, repr=False)
    # Days on which what a rule reads changes, by what it reads (see `month_starts`, `pre_election_changes`).
    _changes: dict[object, tuple[date, ...]] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )

    @classmethod
    def of(cls, spec: CalendarSpec) -> Calendar:
        """The calendar of `spec`, built once for all the runs of a scenario (and of the scenarios whose
        calendars are equal)."""
        known = _CALENDARS.get(id(spec))
        if known is None or known[0] is not spec:
            if len(_CALENDARS) > 64:
                _CALENDARS.clear()
            # An experiment's points are scenarios of their own with equal calendars: one is enough.
            same = next((c for s, c in _CALENDARS.values() if s == spec), None)
            known = _CALENDARS[id(spec)] = (spec, same or cls.from_spec(spec))
        return known[1]

    @classmethod
    def from_spec(cls, spec: CalendarSpec) -> Calendar:
        """Hold as many sessions as `spec.sessions` says, then apply `shift_months` to every programme date,
        leaving the mandate where it is."""

        def shift(day: date) -> date:
            return add_months(day, spec.shift_months)

        def moved(session: Session) -> Session:
            return session.model_copy(update={"date": shift(session.date)})

        forums = spec.forums
        in_person_days, webinars, peer_exchanges = spec.held()
        reference = ReferenceProgramme.of(
            [
                [shift(s.date) for s in spec.in_person_days],
                [shift(s.date) for s in spec.webinars],
                [shift(d) for d in spec.peer_exchanges],
            ],
            [
                [shift(s.date) for s in in_person_days],
                [shift(s.date) for s in webinars],
                [shift(d) for d in peer_exchanges],
            ],
        )
        return cls(
            start=shift(spec.recruitment_start),
            launch=shift(spec.launch),
            end=shift(spec.end),
            mandate_start=spec.mandate_start,
            elections=spec.elections,
            in_person_days=tuple(moved(s) for s in in_person_days),
            webinars=tuple(moved(s) for s in webinars),
            forums=(shift(forums.start), shift(forums.end), forums.count) if forums else None,
            peer_exchanges=tuple(shift(d) for d in peer_exchanges),
            evaluation_day=moved(spec.evaluation_day) if spec.evaluation_day else None,
            reference=reference,
        )

    def at(self, time: float) -> date:
        """The calendar day of a simulation time."""
        offset = int(time)
        days = self._days
        if 0 <= offset < len(days):
            return days[offset]
        if offset < 0:
            return self.start + timedelta(days=offset)
        days.extend(self.start + timedelta(days=n) for n in range(len(days), offset + 1))
        return days[offset]

    def time(self, day: date) -> float:
        """The simulation time of a calendar day."""
        return float((day - self.start).days)

    def mandate_elapsed(self, day: date) -> float:
        """How far into the municipal mandate `day` falls, from 0 (just elected) to 1 (elections)."""
        if day >= self.elections:
            return ((day - self.elections).days % MANDATE_DAYS) / MANDATE_DAYS
        if day < self.mandate_start:
            return 1 - ((self.mandate_start - day).days % MANDATE_DAYS) / MANDATE_DAYS
        return (day - self.mandate_start).days / (self.elections - self.mandate_start).days

    def months_to_elections(self, day: date) -> float:
        """Months until the next municipal elections (their date repeats every six years)."""
        months = self._months.get(day)
        if months is None:
            elections = self.elections
            while elections <= day:
                elections += timedelta(days=MANDATE_DAYS)
            months = self._months[day] = (elections - day).days / 30.44
        return months

    def month_starts(self) -> tuple[date, ...]:
        """The first day of every month after `start`, up to `end`: where `day.month` changes."""
        known = self._changes.get("months")
        if known is None:
            found = []
            first = add_months(self.start.replace(day=1), 1)
            while first <= self.end:
                found.append(first)
                first = add_months(first, 1)
            known = self._changes["months"] = tuple(found)
        return known

    def pre_election_changes(self, months: float) -> tuple[date, ...]:
        """The days after `start`, up to `end`, on which `months_to_elections(day) > months` is not what it
        was the day before."""
        key = ("pre-election", months)
        known = self._changes.get(key)
        if known is None:
            known = self._changes[key] = tuple(
                day for day in self._pre_election_candidates(months) if self._flips(day, months)
            )
        return known

    def _flips(self, day: date, months: float) -> bool:
        """Whether the rules' very test says otherwise on `day` than on the day before."""
        before = self.months_to_elections(day - timedelta(days=1)) > months
        return (self.months_to_elections(day) > months) != before

    def _pre_election_candidates(self, months: float) -> list[date]:
        """Every day after `start`, up to `end`, where the test may change, in order (a few, not every day).

        Between two elections the months left fall day by day, so the test turns false once, on the day
        `n − 1` days before the elections, `n` the fewest days whose months exceed `months`; on the day of
        the elections the next ones are a mandate away and it may turn true again. Only `n` needs the
        test's float arithmetic: `n` is within 2 of the product (rounding), the days around it are candidates
        and `_flips` decides.
        """
        span = (self.end - self.start).days
        if span <= 0:
            return []
        # Beyond the longest wait of the calendar the test is false every day (and no product overflows).
        longest = max((self.elections - self.start).days, MANDATE_DAYS) + 1
        if not math.isfinite(months):
            near = [longest] if months > 0 else [0]
        else:
            product = min(max(months * 30.44, -1.0), float(longest))
            near = list(range(math.floor(product) - 2, math.floor(product) + 4))
        # Each elections from the calendar's first, until their earliest threshold day is past `end`.
        offset, farthest = (self.elections - self.start).days, max(near)
        found: set[int] = set()
        k = 0
        while offset + k * MANDATE_DAYS - max(farthest, 1) < span:
            at = offset + k * MANDATE_DAYS
            found.update(at - n + 1 for n in near)
            found.add(at)
            k += 1
        return [self.start + timedelta(days=d) for d in sorted(found) if 0 < d <= span]
