"""The template sandbox: every template, built-in, a plugin's or a user's, renders here on read-only data.

A template reads the data of the views (`readonly.py`) and calls filters; it cannot call a method of
a view, reach Python's internals, or change anything. Text methods and jinja's own objects (`loop`,
`cycler`, macros) are allow-listed. Every loop step, call and operator counts against the render's
budget (`limits.py`), and every text it builds against its size limit (`guards.py`).
"""

from __future__ import annotations

import json
import types
from collections.abc import Callable, Iterable
from datetime import date
from functools import partial, update_wrapper
from itertools import islice
from typing import Any

from jinja2 import nodes, pass_environment
from jinja2.compiler import CodeGenerator, Frame
from jinja2.environment import TemplateModule
from jinja2.runtime import BlockReference, Context, LoopContext, Macro, TemplateReference, Undefined
from jinja2.sandbox import (
    ImmutableSandboxedEnvironment,
    SandboxedFormatter,
    is_internal_attribute,
)
from jinja2.utils import Cycler, Joiner, Namespace
from markupsafe import Markup
from pydantic_core import to_jsonable_python

from transitions_core.narrative import guards, limits
from transitions_core.narrative.readonly import (
    MAPPING_READERS,
    PLAIN_TYPES,
    DataView,
    MappingView,
    RecordView,
    SequenceView,
    readable_names,
    wrap,
)

#: The text methods a template may call: none of them makes a text longer than its input.
STR_METHODS = frozenset(
    [
        "capitalize",
        "casefold",
        "count",
        "endswith",
        "find",
        "format",
        "index",
        "isalnum",
        "isalpha",
        "isdecimal",
        "isdigit",
        "islower",
        "isnumeric",
        "isspace",
        "istitle",
        "isupper",
        "lower",
        "lstrip",
        "partition",
        "removeprefix",
        "removesuffix",
        "rfind",
        "rindex",
        "rpartition",
        "rsplit",
        "rstrip",
        "split",
        "splitlines",
        "startswith",
        "strip",
        "swapcase",
        "title",
        "upper",
    ]
)
DATE_ATTRIBUTES = frozenset({"year", "month", "day", "isoformat", "weekday", "isoweekday"})
LOOP_ATTRIBUTES = frozenset(
    [
        "index",
        "index0",
        "revindex",
        "revindex0",
        "first",
        "last",
        "length",
        "depth",
        "depth0",
        "previtem",
        "nextitem",
        "changed",
        "cycle",
    ]
)
#: jinja's own objects, whose public attributes are the template language itself.
JINJA_OBJECTS = (
    LoopContext,
    Macro,
    TemplateReference,
    TemplateModule,
    BlockReference,
    Cycler,
    Joiner,
    Namespace,
    Undefined,
)


#: The hidden filter every `{% for %}` iterable goes through, counted step by step against the budget.
LOOP_GUARD = "_loop_guard"


class GuardedCodeGenerator(CodeGenerator):
    """jinja's code generator, with every loop and every `~` concatenation going through the budget."""

    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:
        for loop in node.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, LOOP_GUARD, [], [], None, None, lineno=loop.iter.lineno)
        super().visit_Template(node, frame)

    def buffer(self, frame: Frame) -> None:
        """A macro's, a block set's or a filter block's output goes into a buffer that counts its size."""
        frame.buffer = self.temporary_identifier()
        self.writeline(f"{frame.buffer} = environment.new_buffer()")

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.sized(")
        super().visit_Concat(node, frame)
        self.write(")")


class DataSandbox(ImmutableSandboxedEnvironment):
    """A sandboxed jinja2 environment for read-only data, within a time and size budget."""

    code_generator_class = GuardedCodeGenerator
    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.globals["range"] = limits.bounded_range
        self.globals.pop("lipsum", None)  # pages of filler text on demand: nothing a narrative needs
        self.policies["json.dumps_function"] = partial(json.dumps, default=to_jsonable_python)
        self.filters = {name: guards.builtin_filter(name, f) for name, f in self.filters.items()}
        self.filters[LOOP_GUARD] = guards.loop_guard
        self.filters["attr"] = _attr

    def add_python_filters(self, filters: dict[str, Callable[..., Any]]) -> None:
        """Filters written in Python (the core's, the plugins'): they get the real objects, and return data."""
        self.filters.update({name: guards.python_filter(function) for name, function in filters.items()})

    # Reading data -----------------------------------------------------------------------------------

    def getattr(self, obj: Any, attribute: str) -> Any:
        kind = type(obj)
        if kind is RecordView:
            if attribute in obj._fields:
                value = getattr(obj._target, attribute)
                return value if type(value) in PLAIN_TYPES else wrap(value)
            return self._not_data(obj, attribute)
        if kind is MappingView:
            if attribute in MAPPING_READERS:
                return getattr(obj, attribute)
            target = obj._target
            if attribute in target:
                value = target[attribute]
                return value if type(value) in PLAIN_TYPES else wrap(value)
            return self._not_data(obj, attribute)
        if kind is SequenceView:
            return self._not_data(obj, attribute)
        if kind is LoopContext and attribute in LOOP_ATTRIBUTES:  # `loop.last` in every loop: kept quick
            return getattr(obj, attribute)
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        kind = type(obj)
        if kind is RecordView:
            return self.getattr(obj, argument) if isinstance(argument, str) else self._not_data(obj, argument)
        if kind is MappingView or kind is SequenceView:
            try:
                return obj[argument]
            except (LookupError, TypeError):
                return self.undefined(obj=obj, name=argument)
        return super().getitem(obj, argument)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if attr.startswith("_"):
            return False
        if isinstance(obj, DataView):
            return attr in readable_names(obj)
        if isinstance(obj, str):
            return attr in STR_METHODS
        if isinstance(obj, date):
            return attr in DATE_ATTRIBUTES
        if isinstance(obj, dict):
            return attr in MAPPING_READERS
        if isinstance(obj, JINJA_OBJECTS) or (isinstance(obj, tuple) and hasattr(obj, "_fields")):
            return not is_internal_attribute(obj, attr)  # none of them is a list or a dict to modify
        return False

    def unsafe_undefined(self, obj: Any, attribute: str) -> Undefined:
        # Refused at once, not when used: `|map(attribute="__class__")` would otherwise pass silently.
        raise limits.TemplateRefused(_refusal(obj, attribute))

    def _not_data(self, obj: DataView, attribute: Any) -> Undefined:
        target = object.__getattribute__(obj, "_target")
        if isinstance(attribute, str) and (attribute.startswith("_") or hasattr(type(target), attribute)):
            return self.unsafe_undefined(obj, attribute)
        names = ", ".join(sorted(readable_names(obj))) or "aucune ; lisez ses éléments"
        return self.undefined(
            f"« {attribute} » n'est pas une donnée de {_kind(target)} (données : {names})",
            name=str(attribute),
            obj=obj,
        )

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        if not isinstance(value, types.MethodType | types.BuiltinMethodType) or value.__name__ != "format":
            return None  # format_map is not on the allow-list: it reads any mapping's internals
        text = value.__self__
        if not isinstance(text, str):
            return None
        formatter: SandboxedFormatter = (
            guards.BoundedEscapeFormatter(self, escape=text.escape)
            if isinstance(text, Markup)
            else guards.BoundedFormatter(self)
        )

        def format_(*args: Any, **kwargs: Any) -> str:
            return type(text)(limits.sized(formatter.vformat(text, args, kwargs)))

        return update_wrapper(format_, value)

    # Spending the budget ----------------------------------------------------------------------------

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        budget = limits.current()
        if budget is None:
            return super().call(__context, __obj, *args, **kwargs)
        budget.tick()
        budget.depth += 1
        try:
            if budget.depth > limits.MAX_DEPTH:
                raise limits.TemplateRefused(
                    f"plus de {limits.MAX_DEPTH} appels imbriqués : une macro ou une boucle s'appelle sans fin"
                )
            return super().call(__context, __obj, *args, **kwargs)
        finally:
            budget.depth -= 1

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        limits.tick()
        guards.check_binop(operator, left, right)
        return limits.sized(self.binop_table[operator](left, right))

    @staticmethod
    def new_buffer() -> list[str]:
        """An output buffer that refuses to grow past the render's size limit."""
        return guards.Buffer()

    @staticmethod
    def sized(value: Any) -> Any:
        """A `~` concatenation, once its length is known to be within the limit."""
        return limits.sized(value)

    def concat(self, parts: Iterable[str]) -> str:
        """Join a template's output (or a macro's, a block's), refusing it past the size limit."""
        limit, total, kept = limits.max_characters(), 0, []
        pieces = iter(parts)
        while chunk := list(islice(pieces, 256)):  # counted by chunks: a loop per part was half a fiche
            total += sum(map(len, chunk))
            if total > limit:
                limits.check_size(total)
            kept += chunk
        return "".join(kept)


@pass_environment
def _attr(environment: DataSandbox, obj: Any, name: str) -> Any:
    """`|attr(name)`: read an attribute by the sandbox's rules, as `obj.name` would."""
    limits.tick()
    return environment.getattr(obj, name)


def _kind(target: Any) -> str:
    return type(target).__name__


def _refusal(obj: Any, attribute: str) -> str:
    """Why a template may not read `attribute`, in one clause."""
    target = object.__getattribute__(obj, "_target") if isinstance(obj, DataView) else obj
    if attribute.startswith("_"):
        return f"« {attribute} » est un attribut interne de Python, qu'un modèle ne peut pas lire"
    if callable(getattr(type(target), attribute, None)):
        return (
            f"« {attribute} » est une méthode de {_kind(target)}, pas une donnée : "
            "un modèle lit des données et appelle des filtres, sans appeler de méthode"
        )
    return f"« {attribute} » de {_kind(target)} n'est pas accessible à un modèle"
