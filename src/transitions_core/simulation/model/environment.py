"""The environments a run can use, and the programme's capacity its regions share.

A run whose history is kept runs on SimPy (`ProgrammeEnvironment`, its public API only); a run that is
only counted runs on the lean kernel (`kernel.LeanEnvironment`), which pops the same events in the same
order. The model sees either through `ModelEnvironment`.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any, Protocol

import simpy

from transitions_core.simulation.model.lifecycle import MONTH
from transitions_core.simulation.model.wakeups import WakeUps, delay_to
from transitions_core.simulation.scenario.spec import ProgrammeCapacity

__all__ = ["ModelEnvironment", "ProgrammeEnvironment", "SharedCapacity", "delay_to"]


class ModelEnvironment(Protocol):
    """What the model asks of a kernel: SimPy's constructors, and exact wake-ups (`WakeUps`)."""

    @property
    def now(self) -> float:
        """The simulation time, in days from the start of recruitment."""
        ...

    def timeout(self, delay: float, value: Any = None) -> Any:
        """An event processed `delay` from now."""
        ...

    def event(self) -> Any:
        """An event to be triggered by `succeed`."""
        ...

    def process(self, generator: Generator[Any, Any, Any]) -> object:
        """Start a process."""
        ...

    def run(self, until: float) -> object:
        """Process events until the time `until`."""
        ...

    def timeout_at(self, when: float) -> Any:
        """An event processed at the time `when` exactly."""
        ...

    def first_of(self, sleep: Any, left: Any) -> Any:
        """An event processed where `sleep | left` would be."""
        ...

    def resource(self, capacity: int) -> Any:
        """`capacity` slots, held by requests in turn."""
        ...

    def container(self, capacity: float, init: float) -> Any:
        """A stock of at most `capacity`, holding `init` at first."""
        ...

    def close(self) -> None:
        """End a run that is over."""
        ...


class ProgrammeEnvironment(WakeUps, simpy.Environment):
    """SimPy's environment, which can also wake a process at an exact time."""

    def resource(self, capacity: int) -> simpy.Resource:
        """A SimPy `Resource`."""
        return simpy.Resource(self, capacity=capacity)

    def container(self, capacity: float, init: float) -> simpy.Container:
        """A SimPy `Container`."""
        return simpy.Container(self, capacity=capacity, init=init)

    def close(self) -> None:
        """Nothing to do: SimPy's processes are left to the cycle collector."""


class SharedCapacity:
    """What the programme can give at once, shared by every region's cohort of a run.

    Diagnosticians and allies are resources: a diagnostic or an accompaniment holds one while it runs,
    and waits in line when all are taken. The team's days are a container refilled every month.
    """

    def __init__(self, env: ModelEnvironment, capacity: ProgrammeCapacity) -> None:
        self.diagnosticians = env.resource(capacity.diagnosticians)
        self.allies = env.resource(capacity.allies)
        monthly = capacity.team_days_per_month
        self.note_days = capacity.team_days_per_note
        self.team = env.container(max(3 * monthly, self.note_days, 1e-9), monthly)
        env.process(self._refill(env, monthly))

    def _refill(self, env: ModelEnvironment, monthly: float) -> Generator[Any, Any, None]:
        while True:
            yield env.timeout(MONTH)
            room = self.team.capacity - self.team.level
            if min(monthly, room) > 0:
                yield self.team.put(min(monthly, room))
