"""A lean event kernel for runs whose history is not kept: the part of SimPy 4 the model uses, popping
events in exactly SimPy's order.

SimPy orders its events by (time, priority, scheduling order) and runs each one's callbacks in the order
they were added. This kernel schedules the same events at the same moments, with the same priorities
(a process's start is urgent, everything else normal), so it pops them in the same order and the model
makes the same draws; it only spends less to do so (no `Condition`, no failing events, no interrupts, no
checks the model never needs). What it leaves out:

- a process is not an event: the model never waits for a process to end, and the end event SimPy
  schedules then has no callback (skipping it moves nothing: the order compares ids, it does not count
  them);
- an event cannot fail, and an exception raised in a process goes straight up through `run`;
- a resource's request waits in its queue alone: SimPy's `_trigger_get` on a granted request finds an
  empty queue of releases (each release is served as it is made), so it is not added.

tests/simulation/test_kernel.py runs random programmes of processes, ties, resources and containers on
both kernels and compares who woke when; tests/simulation/test_fast_path.py compares whole runs.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from heapq import heappop, heappush
from itertools import count
from types import TracebackType
from typing import Any

from transitions_core.simulation.model.wakeups import Waitable, WakeUps

#: SimPy's priorities: a process's start comes before anything else due at the same time.
URGENT = 0
NORMAL = 1

Callback = Callable[["Event"], None]


class Event:
    """An event a process may yield: triggered by `succeed`, processed when the kernel pops it."""

    __slots__ = ("callbacks", "env", "triggered", "value")

    def __init__(self, env: LeanEnvironment) -> None:
        self.env = env
        #: What runs when the event is processed; None once it has been.
        self.callbacks: list[Callback] | None = []
        self.value: Any = None
        self.triggered = False

    def succeed(self, value: Any = None) -> Event:
        """Trigger the event now: it is processed after what is already due at this time."""
        if self.triggered:
            raise RuntimeError(f"{self!r} has already been triggered")
        self.triggered = True
        self.value = value
        env = self.env
        heappush(env.queue, (env.now, NORMAL, env.next_id(), self))
        return self


class Timeout(Event):
    """An event processed `delay` after its creation."""

    __slots__ = ()

    def __init__(self, env: LeanEnvironment, delay: float, value: Any = None) -> None:
        if delay < 0:
            raise ValueError(f"Negative delay {delay}")
        self.env = env
        self.callbacks = []
        self.value = value
        self.triggered = True
        heappush(env.queue, (env.now + delay, NORMAL, env.next_id(), self))


class Process:
    """A generator that yields events, resumed with each one's value once it is processed."""

    __slots__ = ("_generator", "_resume_callback", "_send")

    def __init__(self, env: LeanEnvironment, generator: Generator[Any, Any, Any]) -> None:
        self._generator = generator
        self._send = generator.send
        self._resume_callback: Callback = self._resume
        start = Event(env)
        start.triggered = True
        start.callbacks = [self._resume_callback]
        heappush(env.queue, (env.now, URGENT, env.next_id(), start))
        env.processes.append(self)

    def stop(self) -> None:
        """Close the generator where it waits (as the collector would) and untie the process from itself."""
        self._generator.close()
        del self._resume_callback

    def _resume(self, event: Event) -> None:
        send = self._send
        while True:
            try:
                event = send(event.value)
            except StopIteration:
                return
            callbacks = event.callbacks
            if callbacks is not None:
                callbacks.append(self._resume_callback)
                return
            # Already processed: SimPy goes on at once with its value.


class LeanEnvironment(WakeUps):
    """The calendar of one run: `now`, the queue of scheduled events, and SimPy's constructors."""

    def __init__(self) -> None:
        #: An int until the first event is processed, as in SimPy.
        self.now: float = 0
        self.queue: list[tuple[float, int, int, Event]] = []
        self.next_id = count().__next__
        self.processes: list[Process] = []

    def timeout(self, delay: float, value: Any = None) -> Timeout:
        """An event processed `delay` from now."""
        return Timeout(self, delay, value)

    def event(self) -> Event:
        """An event to be triggered by `succeed`."""
        return Event(self)

    def process(self, generator: Generator[Any, Any, Any]) -> Process:
        """Start `generator` as a process (it runs after what is due now at normal priority)."""
        return Process(self, generator)

    def resource(self, capacity: int) -> Resource:
        """`capacity` slots, held by requests in turn."""
        return Resource(self, capacity)

    def first_of(self, sleep: Waitable, left: Waitable) -> Event:
        """`WakeUps.first_of` written out for this kernel (a work step of the model sleeps on it)."""
        woken = Event(self)

        def wake(_: object) -> None:
            if not woken.triggered:
                woken.succeed()

        sleep.callbacks.append(wake)
        left.callbacks.append(wake)
        return woken

    def container(self, capacity: float, init: float) -> Container:
        """A stock of at most `capacity`, holding `init` at first."""
        return Container(self, capacity, init)

    def run(self, until: float) -> None:
        """Process events until the time `until`, as SimPy's `run(until=...)` does."""
        at = until if isinstance(until, int) else float(until)
        if at <= self.now:
            raise ValueError(f"until ({at}) must be greater than the current simulation time")
        stop = Event(self)
        stop.triggered = True
        queue = self.queue
        heappush(queue, (self.now + (at - self.now), URGENT, self.next_id(), stop))
        pop = heappop
        while True:
            now, _, _, event = pop(queue)
            self.now = now
            if event is stop:
                return
            callbacks = event.callbacks
            event.callbacks = None
            for callback in callbacks:  # type: ignore[union-attr]  # scheduled events are never processed
                callback(event)

    def close(self) -> None:
        """End a run that is over: every process still waiting is closed where it waits.

        A run's processes, events and model refer to one another in cycles; closed, they are freed at
        once, instead of by the cycle collector (which a chunk of runs pauses, then runs: about 5 % of a
        run's time). Nothing is drawn or counted meanwhile: a process closed in a resource's `with`
        leaves its slot, as in SimPy.
        """
        self.queue.clear()
        for process in self.processes:
            process.stop()
        self.processes.clear()


class Resource:
    """Slots held from a granted request to its release, requests served first come, first served."""

    def __init__(self, env: LeanEnvironment, capacity: int) -> None:
        if capacity <= 0:
            raise ValueError('"capacity" must be > 0.')
        self.env = env
        self.capacity = capacity
        self.users: list[Request] = []
        self.queue: list[Request] = []

    def request(self) -> Request:
        """A request for a slot: granted at once if one is free (it is then processed next)."""
        return Request(self)

    def release(self, request: Request) -> Event:
        """Free the slot of `request`; the first request waiting gets it when the release is processed."""
        if request in self.users:
            self.users.remove(request)
        released = Event(self.env)
        released.callbacks = [self.grant_first]
        return released.succeed()

    def grant_first(self, _: Event | None = None) -> None:
        """SimPy's `_trigger_put` on a resource: the first request waiting gets a free slot, if any."""
        queue = self.queue
        if queue and len(self.users) < self.capacity:
            request = queue.pop(0)
            self.users.append(request)
            request.succeed()


class Request(Event):
    """A request for a slot of a resource; `with` releases it (but not when a generator is closed)."""

    __slots__ = ("resource",)

    def __init__(self, resource: Resource) -> None:
        super().__init__(resource.env)
        self.resource = resource
        resource.queue.append(self)
        resource.grant_first()

    def __enter__(self) -> Request:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if not self.triggered:
            self.resource.queue.remove(self)
        if kind is not GeneratorExit:
            self.resource.release(self)


class Container:
    """A stock of matter: gets wait until there is enough, puts until there is room, each in turn."""

    def __init__(self, env: LeanEnvironment, capacity: float, init: float = 0.0) -> None:
        if capacity <= 0:
            raise ValueError('"capacity" must be > 0.')
        if init < 0:
            raise ValueError('"init" must be >= 0.')
        if init > capacity:
            raise ValueError('"init" must be <= "capacity".')
        self.env = env
        self.capacity = capacity
        self.level = init
        self.put_queue: list[Amount] = []
        self.get_queue: list[Amount] = []

    def get(self, amount: float) -> Amount:
        """Take `amount` out, once there is that much."""
        event = Amount(self, amount, self._serve_puts)
        self.get_queue.append(event)
        self._serve_gets()
        return event

    def put(self, amount: float) -> Amount:
        """Put `amount` in, once there is room."""
        event = Amount(self, amount, self._serve_gets)
        self.put_queue.append(event)
        self._serve_puts()
        return event

    def _serve_gets(self, _: Event | None = None) -> None:
        # SimPy's `_trigger_get`: the gets waiting, in turn, until one cannot be served.
        queue = self.get_queue
        while queue and self.level >= queue[0].amount:
            event = queue.pop(0)
            self.level -= event.amount
            event.succeed()

    def _serve_puts(self, _: Event | None = None) -> None:
        queue = self.put_queue
        while queue and self.capacity - self.level >= queue[0].amount:
            event = queue.pop(0)
            self.level += event.amount
            event.succeed()


class Amount(Event):
    """A get or a put of a container; once processed, it serves the other queue (as in SimPy)."""

    __slots__ = ("amount",)

    def __init__(self, container: Container, amount: float, then: Callback) -> None:
        if amount <= 0:
            raise ValueError(f"amount(={amount}) must be > 0.")
        super().__init__(container.env)
        self.amount = amount
        self.callbacks = [then]
