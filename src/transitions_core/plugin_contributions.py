"""What the narrative plugins contribute (formats, template folders, filters), gathered by the one rule of
`registry.py`: a name belongs to whoever gave it first, unless a newcomer declared it replaces it.

Each plugin's hooks are called once, in the host's order (built-ins, then the others by name). A plugin
whose hook raises is broken, and none of what it gave is used; the names of the formats it declared
are kept, so that asking for one says which plugin is broken.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from transitions_core.narrative.formats import Format, format_problem
from transitions_core.registry import CORE, Registry, Replacing

if TYPE_CHECKING:
    from transitions_core.plugins import Host, PluginInfo

JINJA = "jinja2"
#: jinja2's own filters (3.1), which a plugin takes only by replacing them: known without importing jinja2,
#: which a format rendered in Python (timeline, json) never needs (issue 16). A test checks them against jinja2's.
JINJA_FILTERS = (
    *("abs", "attr", "batch", "capitalize", "center", "count", "d", "default", "dictsort", "e", "escape"),
    *("filesizeformat", "first", "float", "forceescape", "format", "groupby", "indent", "int", "items"),
    *("join", "last", "length", "list", "lower", "map", "max", "min", "pprint", "random", "reject"),
    *("rejectattr", "replace", "reverse", "round", "safe", "select", "selectattr", "slice", "sort"),
    *("string", "striptags", "sum", "title", "tojson", "trim", "truncate", "unique", "upper", "urlencode"),
    *("urlize", "wordcount", "wordwrap", "xmlattr"),
)


@dataclass
class Answers:
    """One plugin's answers to the narrative hooks."""

    formats: list[Any] = field(default_factory=list)
    template_dirs: list[Path] = field(default_factory=list)
    filters: dict[str, Any] = field(default_factory=dict)


@dataclass
class Collected:
    """What the template renderer needs: the plugins' folders, and their filters (the core's excepted)."""

    template_dirs: list[Path]
    filters: dict[str, Callable[..., Any]]


def format_registry() -> Registry[Format]:
    """The registry of formats."""
    return Registry("le format", lambda name: f'déclarez replaces=("{name}",) dans son Format')


def filter_registry() -> Registry[Callable[..., Any]]:
    """The registry of template filters, holding jinja2's own (by name) and the core's already."""
    from transitions_core.text.filters import FILTERS

    registry: Registry[Callable[..., Any]] = Registry(
        "le filtre", lambda name: f'donnez-le comme {{"{name}": Replacing(fonction)}}'
    )
    for name in JINJA_FILTERS:
        registry.offer(name, jinja_filter, JINJA)
    for name, function in FILTERS.items():
        registry.offer(name, function, CORE, replaces=True)  # the core's `count` is French, on purpose
    return registry


def jinja_filter(*args: Any, **kwargs: Any) -> Any:
    """Stands for one of jinja2's own filters in the registry: never called, the environment has the real one."""
    raise NotImplementedError


def collect(host: Host) -> Collected:
    """Call every plugin's narrative hooks, then register what the sound ones gave."""
    answers = {name: _answers(host, info) for name, info in host.plugins.items() if info.status == "ok"}
    formats, filters = format_registry(), filter_registry()
    dirs: list[Path] = []
    for name, answer in answers.items():
        info = host.plugins[name]
        info.formats = [f.name for f in answer.formats if isinstance(f, Format)]
        if info.status != "ok":
            host.withdrawn.update(dict.fromkeys(info.formats, name))
            continue
        dirs += answer.template_dirs
        for filter_name, given in answer.filters.items():
            replacing = isinstance(given, Replacing)
            before = len(filters.replacements)
            filters.offer(filter_name, given.function if replacing else given, name, replaces=replacing)
            info.replaces += [r.message() for r in filters.replacements[before:]]
        info.formats = []
        for fmt in answer.formats:
            problem = format_problem(fmt)
            if problem is not None:
                info.refused.append(f"Plugin {name} : {problem}.")
                host.format_notes.append(info.refused[-1])
                continue
            before = len(formats.replacements)
            if formats.offer(fmt.name, fmt, name, replaces=fmt.name in fmt.replaces):
                info.formats.append(fmt.name)
                info.replaces += [r.message() for r in formats.replacements[before:]]
    for registry in (formats, filters):
        for clash in registry.clashes:
            host.refuse(clash.newcomer, clash)
    host.format_notes += [clash.message() for clash in formats.clashes]
    for replaced in formats.replacements:
        if replaced.replaced in host.plugins:
            info = host.plugins[replaced.replaced]
            info.formats.remove(replaced.name)
            info.replaces.append(
                f"son format « {replaced.name} » est remplacé par celui du plugin {replaced.by} (replaces)"
            )
    host.formats, host.owners = dict(formats.items), dict(formats.owners)
    own = {n: f for n, f in filters.items.items() if filters.owners[n] not in (CORE, JINJA)}
    return Collected(dirs, own)


def _answers(host: Host, info: PluginInfo) -> Answers:
    """The plugin's answers to template_dirs, template_filters and register_formats; a raise breaks it."""
    answers = Answers()
    hooks = {
        hook: impl
        for hook in ("template_dirs", "template_filters", "register_formats")
        for impl in getattr(host.manager.hook, hook).get_hookimpls()
        if impl.plugin_name == info.name
    }
    # Each hook is asked even after another raised: the error kept is the last one.
    if "template_dirs" in hooks:
        try:
            answers.template_dirs = [Path(d) for d in hooks["template_dirs"].function() or []]
        except Exception as error:  # one plugin's bug must not take the host down
            info.breaks(error)
    if "template_filters" in hooks:
        try:
            answers.filters = dict(hooks["template_filters"].function() or {})
        except Exception as error:
            info.breaks(error)
    if "register_formats" in hooks:
        impl = hooks["register_formats"]
        try:
            impl.function(**({"register": answers.formats.append} if "register" in impl.argnames else {}))
        except Exception as error:
            info.breaks(error)  # the formats it declared before raising are still its own
    return answers
