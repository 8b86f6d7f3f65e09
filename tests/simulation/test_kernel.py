"""The lean kernel pops events in SimPy's order: random programmes of processes, on both, wake in the same order.

Each programme mixes what the model does: sleeps of whole days (so that ties are many), wake-ups at an
exact time, signals one process waits for and another triggers (sometimes before the wait, sometimes
after), sleeps cut short by a signal (`first_of`), slots of a resource held and released, a stock taken
and refilled, and processes started by other processes (a start is urgent: it runs before what is due).
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import Callable, Generator
from heapq import heapify
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transitions_core.simulation.model.environment import ModelEnvironment, ProgrammeEnvironment
from transitions_core.simulation.model.kernel import NORMAL, LeanEnvironment, Process

Step = tuple[str, int, int]
SIGNALS = 3


def play(kernel: Callable[[], ModelEnvironment], programmes: list[list[Step]], until: int) -> list[str]:
    """Who did what when, each programme a process of its own (a `spawn` starts the next unstarted one)."""
    env = kernel()
    signals = [env.event() for _ in range(SIGNALS)]
    slots = env.resource(1)
    pair = env.resource(2)
    stock = env.container(5.0, 2.0)
    seen: list[str] = []
    waiting = list(range(len(programmes) // 2, len(programmes)))

    def note(name: str, what: str) -> None:
        seen.append(f"{name} {what} @{env.now}")

    def process(name: str, steps: list[Step]) -> Generator[Any, Any, None]:
        note(name, "starts")
        for index, (kind, a, b) in enumerate(steps):
            if kind == "sleep":
                yield env.timeout(a)
            elif kind == "sleep_at":
                yield env.timeout_at(env.now + a + b / 7)
            elif kind == "signal":
                if not signals[a % SIGNALS].triggered:
                    signals[a % SIGNALS].succeed()
            elif kind == "wait":
                yield signals[a % SIGNALS]
            elif kind == "sleep_or_signal":
                signal = signals[a % SIGNALS]
                yield env.timeout(b) if signal.triggered else env.first_of(env.timeout(b), signal)
            elif kind == "hold":
                with (slots if a % 2 else pair).request() as slot:
                    yield slot
                    note(name, f"holds {index}")
                    yield env.timeout(b)
            elif kind == "take":
                yield stock.get(1 + a % 3)
            elif kind == "refill":
                yield stock.put(1 + a % 3)
            elif kind == "spawn" and waiting:
                other = waiting.pop(0)
                env.process(process(f"p{other}", programmes[other]))
            note(name, f"{kind} {index}")

    for number in range(len(programmes) // 2):
        env.process(process(f"p{number}", programmes[number]))
    env.run(until=until)
    note("end", "")
    return seen


KINDS = ["sleep", "sleep_at", "signal", "wait", "sleep_or_signal", "hold", "take", "refill", "spawn"]
steps = st.lists(
    st.tuples(st.sampled_from(KINDS), st.integers(0, 4), st.integers(0, 4)), min_size=1, max_size=8
)


@settings(max_examples=400, deadline=None)
@given(programmes=st.lists(steps, min_size=1, max_size=8), until=st.integers(1, 20))
def test_random_programmes_wake_in_the_same_order_on_both_kernels(programmes, until):
    assert play(LeanEnvironment, programmes, until) == play(ProgrammeEnvironment, programmes, until)


class StartsLate(LeanEnvironment):
    """A kernel that gets one thing wrong: a process starts behind what is already due, not before it."""

    def process(self, generator: Generator[Any, Any, Any]) -> Process:
        started = Process(self, generator)
        time, _, number, event = latest = max(self.queue, key=lambda entry: entry[2])
        self.queue.remove(latest)
        self.queue.append((time, NORMAL, number, event))
        heapify(self.queue)
        return started


def test_the_comparison_sees_a_kernel_that_starts_processes_late():
    programmes = [[("sleep", 1, 0), ("spawn", 0, 0)], [("sleep", 1, 0)], [], []]
    assert play(StartsLate, programmes, 5) != play(ProgrammeEnvironment, programmes, 5)


def test_a_stock_serves_its_takers_in_turn_and_stops_at_the_first_it_cannot_serve():
    programmes = [[("take", 2, 0)], [("take", 0, 0)], [("sleep", 1, 0), ("refill", 1, 0)], [], [], []]
    lean = play(LeanEnvironment, programmes, 5)
    assert lean == play(ProgrammeEnvironment, programmes, 5)
    assert "p1 take 0 @1" in lean  # served by the refill, after p0, which took 3 and waited for it too


def test_the_kernel_refuses_what_simpy_refuses():
    env = LeanEnvironment()
    with pytest.raises(ValueError):
        env.timeout(-1)
    with pytest.raises(ValueError):
        env.resource(0)
    with pytest.raises(ValueError):
        env.container(1.0, 2.0)
    with pytest.raises(ValueError):
        env.container(1.0, 1.0).get(0)
    event = env.event().succeed()
    with pytest.raises(RuntimeError):
        event.succeed()
    env.run(until=1)
    with pytest.raises(ValueError):
        env.run(until=1)


def test_a_released_slot_goes_to_the_next_in_line_when_the_release_is_processed():
    # p0 frees the slot, then signals: p2, waiting for the signal, wakes before p1 gets the slot (SimPy
    # grants it when the release event is processed, behind nothing; the signal was scheduled after it,
    # but p2 wakes as soon as the signal is processed, while p1 wakes only when its request is).
    programmes = [[("hold", 1, 1), ("signal", 0, 0)], [("hold", 1, 0)], [("wait", 0, 0)], [], [], []]
    lean = play(LeanEnvironment, programmes, 5)
    assert lean == play(ProgrammeEnvironment, programmes, 5)
    assert lean.index("p2 wait 0 @1") < lean.index("p1 holds 0 @1")


def test_closing_a_run_that_is_over_frees_it_without_the_cycle_collector():
    gc.disable()
    try:
        env = LeanEnvironment()
        closed: list[str] = []

        def sleeper(env: LeanEnvironment) -> Generator[Any, Any, None]:
            try:
                yield env.timeout(10)
            finally:
                closed.append("closed where it waited")

        env.process(sleeper(env))
        env.run(until=1)
        assert closed == []
        alive = weakref.ref(env)
        env.close()
        del env
        assert closed == ["closed where it waited"]
        assert alive() is None  # freed by reference counting: its cycles were broken
    finally:
        gc.enable()
