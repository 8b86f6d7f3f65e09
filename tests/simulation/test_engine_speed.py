"""The sweep path's shortcuts change nothing: a wake-up event in `AnyOf`'s place, the collector paused."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Generator
from typing import Any

import simpy
from hypothesis import given, settings
from hypothesis import strategies as st

from transitions_core.simulation.model.environment import ProgrammeEnvironment
from transitions_core.simulation.running.collector import collector_paused

Sleep = Callable[[ProgrammeEnvironment, simpy.Event, simpy.Event], simpy.Event]


def any_of(env: ProgrammeEnvironment, sleep: simpy.Event, left: simpy.Event) -> simpy.Event:
    return sleep | left


def first_of(env: ProgrammeEnvironment, sleep: simpy.Event, left: simpy.Event) -> simpy.Event:
    return env.first_of(sleep, left)


def order(
    sleep_with: Sleep, sleeps: list[tuple[int, int]], leaves: list[int], others: list[int]
) -> list[str]:
    """Who woke when: workers sleeping on (their sleep, their territory leaving), leavers, and plain sleepers
    due at the same whole times, so that ties are many."""
    env = ProgrammeEnvironment()
    left = [env.event() for _ in leaves]
    seen: list[str] = []

    def worker(name: str, days: int, who: int) -> Generator[Any, Any, None]:
        for _ in range(3):
            if left[who].triggered:
                seen.append(f"{name} gone")
                return
            yield sleep_with(env, env.timeout(days), left[who])
            seen.append(f"{name}@{env.now}")

    def leaver(who: int, at: int) -> Generator[Any, Any, None]:
        yield env.timeout(at)
        left[who].succeed()
        seen.append(f"leave{who}@{env.now}")

    def other(name: str, days: int) -> Generator[Any, Any, None]:
        for _ in range(4):
            yield env.timeout(days)
            seen.append(f"{name}@{env.now}")

    for index, (days, who) in enumerate(sleeps):
        env.process(worker(f"w{index}", days, who % len(leaves)))
    for who, at in enumerate(leaves):
        env.process(leaver(who, at))
    for index, days in enumerate(others):
        env.process(other(f"o{index}", days))
    env.run()
    return seen


small = st.integers(min_value=1, max_value=4)


@settings(max_examples=300, deadline=None)
@given(
    sleeps=st.lists(st.tuples(small, st.integers(0, 3)), min_size=1, max_size=6),
    leaves=st.lists(st.integers(1, 10), min_size=1, max_size=3),
    others=st.lists(small, max_size=4),
)
def test_the_wake_up_event_runs_where_any_of_would(sleeps, leaves, others):
    assert order(first_of, sleeps, leaves, others) == order(any_of, sleeps, leaves, others)


def test_the_comparison_sees_a_wake_up_that_comes_too_early():
    # A process woken by its timeout directly (no event of its own) runs before what is already due then.
    def direct(env: ProgrammeEnvironment, sleep: simpy.Event, left: simpy.Event) -> simpy.Event:
        return sleep

    sleeps, leaves, others = [(2, 0)], [5], [2]
    assert order(direct, sleeps, leaves, others) != order(any_of, sleeps, leaves, others)


def test_the_collector_is_paused_during_a_chunk_and_back_after():
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_stays_off_where_it_was_off():
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_chunks_in_threads_turn_the_collector_back_on_when_the_last_ends():
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    states: list[bool] = []

    def first() -> None:
        with collector_paused():
            first_in.set()
            second_in.wait(5)
        first_out.set()

    def second() -> None:
        first_in.wait(5)
        with collector_paused():
            second_in.set()
            first_out.wait(5)
            states.append(gc.isenabled())

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert states == [False]
    assert gc.isenabled()
