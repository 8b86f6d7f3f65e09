"""The SimPy environment of a run, and the programme's capacity its regions share, with SimPy's public API only."""

from __future__ import annotations

import math
from collections.abc import Generator
from typing import Any

import simpy

from transitions_core.simulation.model.lifecycle import MONTH
from transitions_core.simulation.scenario.spec import ProgrammeCapacity


class ProgrammeEnvironment(simpy.Environment):
    """SimPy's environment, which can also wake a process at an exact time."""

    def timeout_at(self, when: float) -> simpy.Event:
        """What `timeout(when - now)` does, but at `when` itself: `now + (when - now)` may round elsewhere.

        Only SimPy's public API: the delay is nudged by ulps until `now + delay` is `when`. Where no delay
        gets there (a tie when rounding), two hops do: to a time `t` at least `when / 2`, from which
        `when - t` is exact (Sterbenz), then to `when`.
        """
        now = self.now
        direct = when - now
        if direct >= 0 and now + direct == when:  # nearly always: `delay_to`'s first try, without its call
            return self.timeout(direct)
        delay = delay_to(now, when)
        if delay is not None:
            return self.timeout(delay)
        arrived = simpy.Event(self)
        first = self.timeout((when - now) / 2)
        first.callbacks.append(lambda _: self._second_hop(when, arrived))
        return arrived

    def first_of(self, sleep: simpy.Event, left: simpy.Event) -> simpy.Event:
        """What `sleep | left` gives a process that only needs to wake, without building a `Condition`.

        It is scheduled exactly where SimPy's `AnyOf` would be (when the first of the two is processed,
        behind what is already due at that time), so every other process sees the same order; it carries
        no value. Neither event may have been triggered yet.
        """
        woken = simpy.Event(self)

        def wake(_: simpy.Event) -> None:
            if not woken.triggered:
                woken.succeed()

        sleep.callbacks.append(wake)
        left.callbacks.append(wake)
        return woken

    def _second_hop(self, when: float, arrived: simpy.Event) -> None:
        def arrive(_: simpy.Event) -> None:
            arrived.succeed()

        self.timeout(when - self.now).callbacks.append(arrive)


def delay_to(now: float, when: float) -> float | None:
    """The delay `d >= 0` for which the float sum `now + d` is exactly `when`, if one is near `when - now`."""
    delay = max(when - now, 0.0)
    for _ in range(4):
        reached = now + delay
        if reached == when:
            return delay
        delay = max(math.nextafter(delay, math.inf if reached < when else -math.inf), 0.0)
    return None


class SharedCapacity:
    """What the programme can give at once, as SimPy resources shared by every region's cohort of a run.

    Diagnosticians and allies are `Resource`s: a diagnostic or an accompaniment holds one while it runs,
    and waits in line when all are taken. The team's days are a `Container` refilled every month.
    """

    def __init__(self, env: simpy.Environment, capacity: ProgrammeCapacity) -> None:
        self.diagnosticians = simpy.Resource(env, capacity=capacity.diagnosticians)
        self.allies = simpy.Resource(env, capacity=capacity.allies)
        monthly = capacity.team_days_per_month
        self.note_days = capacity.team_days_per_note
        self.team = simpy.Container(env, capacity=max(3 * monthly, self.note_days, 1e-9), init=monthly)
        env.process(self._refill(env, monthly))

    def _refill(self, env: simpy.Environment, monthly: float) -> Generator[Any, Any, None]:
        while True:
            yield env.timeout(MONTH)
            room = self.team.capacity - self.team.level
            if min(monthly, room) > 0:
                yield self.team.put(min(monthly, room))
