"""Streaming the work of a sweep: results in work order from a bounded window, and Ctrl-C at safe points."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from itertools import islice
from typing import Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R", covariant=True)


@contextmanager
def interrupts_while_waiting() -> Iterator[Callable[[], AbstractContextManager[None]]]:
    """A context in which Ctrl-C raises KeyboardInterrupt; pressed elsewhere, it is raised on entering one.

    Outside the main thread (where no signal arrives) the context does nothing.
    """
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield nullcontext
        return
    state = {"open": False, "pressed": False}

    def heard(number: int, _: object) -> None:
        if state["open"]:
            raise KeyboardInterrupt
        state["pressed"] = True

    @contextmanager
    def waiting() -> Iterator[None]:
        state["open"] = True
        try:
            if state["pressed"]:
                state["pressed"] = False
                raise KeyboardInterrupt
            yield
        finally:
            state["open"] = False

    previous = signal.signal(signal.SIGINT, heard)
    try:
        yield waiting
    finally:
        signal.signal(signal.SIGINT, previous if previous is not None else signal.default_int_handler)


class Pending(Protocol[R]):
    """What `in_order` needs of a future: concurrent.futures' and Dask's both fit."""

    def done(self) -> bool: ...

    def cancelled(self) -> bool: ...

    def result(self) -> R: ...


def in_order(
    submit: Callable[[T], Pending[R]],
    work: Iterable[T],
    window: int,
    starting: Callable[[], AbstractContextManager[None]] = nullcontext,
) -> Generator[R, None, None]:
    """Each piece of work's result in work order, with at most `window` pieces submitted and not yet yielded.

    A piece that finishes before those ahead of it waits for them, and nothing more is submitted
    meanwhile: the results held at once never exceed `window`, however much work there is.
    After Ctrl-C, the results already finished are still yielded, in order, before it is raised again.
    `starting` surrounds the first submissions.
    """
    queue = iter(work)
    with starting():
        pending: deque[Pending[R]] = deque(submit(chunk) for chunk in islice(queue, max(window, 1)))
    try:
        while pending:
            chunk_rows = pending[0].result()
            pending.popleft()
            yield chunk_rows
            pending.extend(submit(chunk) for chunk in islice(queue, 1))
    except KeyboardInterrupt:
        finished = [future for future in pending if future.done() and not future.cancelled()]
        pending.clear()
        for future in finished:
            try:
                chunk_rows = future.result()
            except Exception:  # a failed chunk has no rows to keep
                continue
            yield chunk_rows
        raise
