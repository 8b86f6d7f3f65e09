"""How long a render may take and how much text it may make: the budget every template renders within.

A template runs in a loop, calls macros, repeats text: each step is counted against a deadline, and each
piece of text against a size. `Limits` come from the environment (`TRANSITIONS_RENDER_SECONDS`,
`TRANSITIONS_RENDER_MAX_CHARS`); a render that goes past one stops with one French sentence.
"""

from __future__ import annotations

import os
import re
import signal
import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from transitions_core.errors import TransitionsError

if TYPE_CHECKING:
    from transitions_core.narrative.refused import TemplateRefused as TemplateRefused

SECONDS_VAR = "TRANSITIONS_RENDER_SECONDS"
CHARS_VAR = "TRANSITIONS_RENDER_MAX_CHARS"
#: Integers a template computes stay below this many bits (`10 ** 10 ** 9` would take minutes).
MAX_BITS = 100_000
#: Width and precision of a `format` or `%` field.
MAX_FIELD = 1_000
#: Macros calling macros, and loops calling `loop()`, nest this deep at most.
MAX_DEPTH = 100
#: Items `range()` may give.
MAX_RANGE = 100_000


def __getattr__(name: str) -> Any:
    """`TemplateRefused`, imported on first use: a format rendered in Python never imports jinja2 (issue 16)."""
    if name == "TemplateRefused":
        from transitions_core.narrative.refused import TemplateRefused

        return TemplateRefused
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def refused(message: str) -> TemplateRefused:
    """The error that stops a render, saying in French what was refused."""
    from transitions_core.narrative.refused import TemplateRefused as TemplateRefused

    return TemplateRefused(message)


@dataclass(frozen=True)
class Limits:
    """The budget of one render: seconds, and characters of any text it builds or writes."""

    seconds: float = 60.0
    characters: int = 20_000_000

    @classmethod
    def from_env(cls) -> Limits:
        """The limits, as `TRANSITIONS_RENDER_SECONDS` and `TRANSITIONS_RENDER_MAX_CHARS` set them."""
        return _limits_of(os.environ.get(SECONDS_VAR), os.environ.get(CHARS_VAR))


@lru_cache(maxsize=8)
def _limits_of(seconds: str | None, characters: str | None) -> Limits:
    """The limits the two variables' values give (kept: every render asks)."""
    try:
        return Limits(
            seconds=float(seconds) if seconds else Limits.seconds,
            characters=int(characters) if characters else Limits.characters,
        )
    except ValueError:
        raise TransitionsError(
            f"{SECONDS_VAR} et {CHARS_VAR} s'écrivent en nombres (secondes, caractères), "
            f"par exemple {SECONDS_VAR}=60."
        ) from None


class Budget:
    """What is left of a render's limits; the sandbox spends it at every loop step and call."""

    __slots__ = ("characters", "countdown", "deadline", "depth", "seconds")

    def __init__(self, limits: Limits) -> None:
        self.seconds = limits.seconds
        self.characters = limits.characters
        self.deadline = time.monotonic() + limits.seconds
        self.countdown = 0
        self.depth = 0

    def tick(self) -> None:
        """One step of work; every 64th looks at the clock."""
        self.countdown -= 1
        if self.countdown < 0:
            self.countdown = 64
            if time.monotonic() > self.deadline:
                raise refused(too_long(self.seconds))


class _State(threading.local):
    budget: Budget | None = None


_state = _State()


def current() -> Budget | None:
    """The budget of the render running in this thread, if any (templates also compile outside a render)."""
    return _state.budget


def tick() -> None:
    """Count one step against the running render's deadline."""
    budget = _state.budget
    if budget is not None:
        budget.tick()


def max_characters() -> int:
    """The size limit of the running render (the default one outside a render)."""
    budget = _state.budget
    return budget.characters if budget is not None else Limits.characters


def check_size(size: int, unit: str = "caractères") -> None:
    """Refuse a text or list longer than the running render allows, before it is built."""
    limit = max_characters()
    if size > limit:
        raise refused(
            f"le résultat ferait {_n(size)} {unit}, au-delà de la limite de {_n(limit)} ({CHARS_VAR})"
        )


def sized(value: Any) -> Any:
    """`value`, once its size (a text's or a list's) is known to be within the limit."""
    if isinstance(value, str):
        check_size(len(value))
    elif isinstance(value, list | tuple):
        check_size(len(value), "éléments")
    return value


def check_bits(bits: int) -> None:
    """Refuse an integer of `bits` bits: too large to compute with quickly."""
    if bits > MAX_BITS:
        raise refused(f"un nombre de plus de {_n(MAX_BITS)} bits est trop grand")


_PRINTF = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")
_SPEC = re.compile(r"^(?:.?[<>=^])?[-+ ]?z?#?0?(\d+)?[,_]?(?:\.(\d+))?")


def check_printf(template: str) -> None:
    """Refuse a `%` format whose width or precision would make a huge text."""
    for match in _PRINTF.finditer(template):
        for number in match.groups():
            if number == "*" or (number is not None and int(number) > MAX_FIELD):
                raise refused(f"une largeur de champ de « % » au-delà de {MAX_FIELD} est refusée")


def check_spec(spec: str) -> None:
    """Refuse a `format` field whose width or precision would make a huge text."""
    match = _SPEC.match(spec)
    if match and any(n is not None and int(n) > MAX_FIELD for n in match.groups()):
        raise refused(f"une largeur de champ de « format » au-delà de {MAX_FIELD} est refusée")


def bounded_range(*args: int) -> range:
    """`range()` in a template: at most MAX_RANGE numbers."""
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise refused(f"range() de {_n(len(numbers))} nombres dépasse la limite de {_n(MAX_RANGE)}")
    return numbers


def _n(number: int) -> str:
    """`20 000 000`: thousands grouped by a narrow no-break space, as French typography wants."""
    return f"{number:,}".replace(",", "\u202f")


def too_long(seconds: float) -> str:
    """The sentence for a render past its deadline."""
    unit = "secondes" if seconds >= 2 else "seconde"
    return f"le rendu a dépassé {seconds:g} {unit} (boucle ou récursion sans fin ?) ; {SECONDS_VAR} relève la limite"


def budget(limits: Limits) -> Within:
    """`with budget(limits):` runs a render within `limits`."""
    return Within(limits)


class Within:
    """A render within its limits: a budget for the sandbox's checks, and an alarm as a backstop.

    A render inside a render (a renderer calling `render`) shares the outer one's budget.
    """

    __slots__ = ("alarm", "limits", "outer")

    def __init__(self, limits: Limits) -> None:
        self.limits = limits

    def __enter__(self) -> Budget:
        self.outer = _state.budget
        spent = _state.budget = Budget(self.limits) if self.outer is None else self.outer
        self.alarm = self.outer is None and _alarm_usable()
        if self.alarm:
            signal.setitimer(signal.ITIMER_REAL, self.limits.seconds + 1)
        return spent

    def __exit__(self, *exc: object) -> None:
        if self.alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
        _state.budget = self.outer


def _alarm_usable() -> bool:
    """SIGALRM stops Python code the sandbox does not see (a plugin's filter in an endless loop): used in
    the main thread only, and only when nobody else uses it. Its handler, once set, stays: it raises only
    while a render's timer runs, and setting it at every render was a tenth of a fiche's time."""
    if not _HAS_TIMER or threading.current_thread() is not _MAIN:
        return False
    handler = signal.getsignal(signal.SIGALRM)
    if handler is signal.SIG_DFL:
        signal.signal(signal.SIGALRM, _ring)
    elif handler is not _ring:
        return False
    return signal.getitimer(signal.ITIMER_REAL)[0] == 0


def _ring(signum: int, frame: Any) -> None:
    budget = _state.budget
    raise refused(too_long(budget.seconds if budget is not None else Limits.seconds))


_HAS_TIMER = hasattr(signal, "setitimer")
_MAIN = threading.main_thread()
