"""Wake-ups at an exact time, and on the first of two events, written on the primitives every kernel of the
model offers (SimPy's `Environment` and the lean `kernel.LeanEnvironment`): the same code gives both the
same events in the same order.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, Protocol


class Waitable(Protocol):
    """An event of either kernel: a process may yield it, a callback may wait on it."""

    callbacks: Any

    @property
    def triggered(self) -> bool:
        """Whether it has been triggered (it is then scheduled, or processed)."""
        ...

    def succeed(self, value: Any = None) -> Any:
        """Trigger it now."""
        ...


class Primitives(Protocol):
    """What a kernel offers that the wake-ups are written with."""

    @property
    def now(self) -> float:
        """The simulation time."""
        ...

    def timeout(self, delay: float, value: Any = None) -> Any:
        """An event processed `delay` from now."""
        ...

    def event(self) -> Any:
        """An event to be triggered by `succeed`."""
        ...


class WakeUps:
    """`timeout_at` and `first_of`, for an environment that has `now`, `timeout` and `event`."""

    def timeout_at(self: Primitives, when: float) -> Any:
        """What `timeout(when - now)` does, but at `when` itself: `now + (when - now)` may round elsewhere.

        The delay is nudged by ulps until `now + delay` is `when`. Where no delay gets there (a tie when
        rounding), two hops do: to a time `t` at least `when / 2`, from which `when - t` is exact
        (Sterbenz), then to `when`.
        """
        now = self.now
        direct = when - now
        if direct >= 0 and now + direct == when:  # nearly always: `delay_to`'s first try, without its call
            return self.timeout(direct)
        delay = delay_to(now, when)
        if delay is not None:
            return self.timeout(delay)
        arrived = self.event()
        first = self.timeout((when - now) / 2)
        first.callbacks.append(lambda _: _second_hop(self, when, arrived))
        return arrived

    def first_of(self: Primitives, sleep: Waitable, left: Waitable) -> Any:
        """What `sleep | left` gives a process that only needs to wake, without building a `Condition`.

        It is scheduled exactly where SimPy's `AnyOf` would be (when the first of the two is processed,
        behind what is already due at that time), so every other process sees the same order; it carries
        no value. Neither event may have been triggered yet.
        """
        woken = self.event()
        wake = _waker(woken)
        sleep.callbacks.append(wake)
        left.callbacks.append(wake)
        return woken


def _second_hop(env: Primitives, when: float, arrived: Waitable) -> None:
    def arrive(_: object) -> None:
        arrived.succeed()

    env.timeout(when - env.now).callbacks.append(arrive)


def _waker(woken: Waitable) -> Callable[[object], None]:
    def wake(_: object) -> None:
        if not woken.triggered:
            woken.succeed()

    return wake


def delay_to(now: float, when: float) -> float | None:
    """The delay `d >= 0` for which the float sum `now + d` is exactly `when`, if one is near `when - now`."""
    delay = max(when - now, 0.0)
    for _ in range(4):
        reached = now + delay
        if reached == when:
            return delay
        delay = max(math.nextafter(delay, math.inf if reached < when else -math.inf), 0.0)
    return None
