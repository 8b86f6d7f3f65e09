"""What the sandbox counts: loop steps, growing buffers, operators, and the filters' sizes.

Every check spends the running render's budget (`limits.py`) or refuses, before it is built, a text or a
list past the size limit. `sandbox.py` wires these into the environment and its generated code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sized
from functools import update_wrapper
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context, Undefined
from jinja2.sandbox import SandboxedEscapeFormatter, SandboxedFormatter

from transitions_core.narrative import limits
from transitions_core.narrative.readonly import PLAIN_TYPES, SequenceView, unwrap, wrap


@pass_context
def loop_guard(context: Context, iterable: Any) -> Any:
    """A loop's items, counted against the render's budget (a context filter: never folded at compile time).

    A short sized iterable is counted whole before the loop starts; a long or unsized one, item by item.
    """
    budget = limits.current()
    if budget is None or isinstance(iterable, Undefined):
        return iterable
    size = len(iterable) if isinstance(iterable, Sized) else SHORT + 1
    if size > SHORT:
        return _Counted(iterable, budget)
    budget.countdown -= size
    if budget.countdown < 0:
        budget.tick()
    return iterable


#: Loops over at most this many items are counted at once.
SHORT = 64


class Buffer(list[str]):
    """The output a macro or a block set collects, counted as it grows (a loop could fill it without end)."""

    __slots__ = ("size",)

    def __init__(self) -> None:
        super().__init__()
        self.size = 0

    def append(self, item: str) -> None:
        self.size += len(item)
        if self.size > limits.max_characters():
            limits.check_size(self.size)
        super().append(item)

    def extend(self, items: Iterable[str]) -> None:
        items = tuple(items)
        self.size += sum(map(len, items))
        if self.size > limits.max_characters():
            limits.check_size(self.size)
        super().extend(items)


class _Counted:
    """A loop's iterable that spends one step of the budget per item; it keeps its length for `loop.length`."""

    __slots__ = ("budget", "iterable")

    def __init__(self, iterable: Any, budget: limits.Budget) -> None:
        self.iterable, self.budget = iterable, budget

    def __iter__(self) -> Iterator[Any]:
        budget = self.budget
        for item in self.iterable:
            budget.countdown -= 1
            if budget.countdown < 0:
                budget.tick()
            yield item

    def __len__(self) -> int:
        return len(self.iterable)


class BoundedFormatter(SandboxedFormatter):
    """`"{:,}".format(n)` in a template: sandboxed fields, and no huge width or precision."""

    def format_field(self, value: Any, format_spec: str) -> Any:
        limits.check_spec(format_spec)
        return super().format_field(unwrap(value), format_spec)


class BoundedEscapeFormatter(SandboxedEscapeFormatter):
    """The same for Markup (HTML templates)."""

    def format_field(self, value: Any, format_spec: str) -> Any:
        limits.check_spec(format_spec)
        return super().format_field(unwrap(value), format_spec)


def check_binop(symbol: str, left: Any, right: Any) -> None:
    """Refuse an operation whose result would be too large, before computing it."""
    sizes = [len(v) for v in (left, right) if isinstance(v, str | list | tuple | SequenceView)]
    counts = [v for v in (left, right) if isinstance(v, int) and not isinstance(v, bool)]
    unit = "caractères" if isinstance(left, str) or isinstance(right, str) else "éléments"
    if symbol == "*" and sizes and counts:
        limits.check_size(sizes[0] * max(counts[0], 0), unit)
    elif symbol == "*" and len(counts) == 2:
        limits.check_bits(left.bit_length() + right.bit_length())
    elif symbol == "**" and len(counts) == 2 and right > 0 and abs(left) > 1:
        limits.check_bits(right * abs(left).bit_length())
    elif symbol == "+" and len(sizes) == 2:
        limits.check_size(sum(sizes), unit)
    elif symbol == "%" and isinstance(left, str):
        limits.check_printf(left)


def python_filter(function: Callable[..., Any]) -> Callable[..., Any]:
    """A Python filter as templates call it: the real objects in, read-only data out, its text sized."""

    def call(*args: Any, **kwargs: Any) -> Any:
        if kwargs:
            kwargs = {key: unwrap(value) for key, value in kwargs.items()}
        result = function(*[a if type(a) in PLAIN_TYPES else unwrap(a) for a in args], **kwargs)
        if type(result) is str:
            if len(result) > 4096 and len(result) > limits.max_characters():
                limits.check_size(len(result))
            return result
        return wrap(result)

    return update_wrapper(call, function)


#: Checks made before a jinja filter runs, for the filters whose arguments say how big the result is.
def _center(value: Any, width: int = 80) -> None:
    limits.check_size(int(width))


def _indent(value: Any, width: int | str = 4, *args: Any, **kwargs: Any) -> None:
    text = str(value)
    step = len(width) if isinstance(width, str) else int(width)
    limits.check_size(len(text) + (text.count("\n") + 1) * step)


def _wordwrap(
    value: Any, width: int = 79, break_long_words: bool = True, wrapstring: Any = None, **_: Any
) -> None:
    text = str(value)
    breaks = len(text) // max(int(width), 1) + text.count("\n") + 1
    limits.check_size(len(text) + breaks * len(wrapstring or "\n"))


def _format(value: Any, *args: Any, **kwargs: Any) -> None:
    limits.check_printf(str(value))


def _replace(value: Any, old: Any, new: Any, count: int | None = None) -> None:
    text, old, new = str(value), str(old), str(new)
    found = text.count(old) if old else len(text) + 1
    if count is not None and count >= 0:
        found = min(found, count)
    limits.check_size(len(text) + found * max(len(new) - len(old), 0))


def _join(value: Any, d: Any = "", attribute: Any = None) -> None:
    if attribute is not None or not isinstance(value, list | tuple | SequenceView | str):
        return  # the result is sized after the join
    limit, total, separator = limits.max_characters(), 0, len(str(d))
    for item in value:
        total += (len(item) if isinstance(item, str) else len(str(item))) + separator
        if total > limit:
            limits.check_size(total)


def _batch(value: Any, linecount: int, fill_with: Any = None) -> None:
    limits.check_size(int(linecount), "éléments")


def _slice(value: Any, slices: int, fill_with: Any = None) -> None:
    limits.check_size(int(slices), "éléments")


def _tojson(value: Any, indent: int | None = None) -> None:
    if indent is not None and int(indent) > limits.MAX_FIELD:
        limits.check_size(limits.max_characters() + 1)


def _sum(iterable: Any, attribute: Any = None, start: Any = 0) -> None:
    if not isinstance(start, int | float):
        raise limits.TemplateRefused("sum() n'additionne que des nombres dans un modèle")


PRECHECKS: dict[str, Callable[..., None]] = {
    "center": _center,
    "indent": _indent,
    "wordwrap": _wordwrap,
    "format": _format,
    "replace": _replace,
    "join": _join,
    "batch": _batch,
    "slice": _slice,
    "tojson": _tojson,
    "sum": _sum,
}


def builtin_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """A jinja filter, checked before it runs when its arguments size its result, and sized after."""
    check = PRECHECKS.get(name)
    passes = getattr(function, "jinja_pass_arg", None) is not None

    def call(*args: Any, **kwargs: Any) -> Any:
        if check is not None:
            limits.tick()
            check(*(args[1:] if passes else args), **kwargs)
        if name == "tojson":
            args = (*args[:1], unwrap(args[1]), *args[2:]) if passes else (unwrap(args[0]), *args[1:])
        result = function(*args, **kwargs)
        if isinstance(result, str) and len(result) > 4096:  # a short text is no threat: not counted
            limits.sized(result)
        return result

    return update_wrapper(call, function)
