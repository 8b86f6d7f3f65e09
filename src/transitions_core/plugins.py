"""The plugin host: discovery through the `transitions_core` entry-point group, safely, and the registries.

Built-in narratives are found exactly like third-party ones. A plugin that fails to import, or whose
hook raises, is recorded as broken with its error; the others keep working. A plugin that asks for a
name already given (a format, a filter) is refused for that name only (`registry.py`).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import pluggy

from transitions_core import hookspecs
from transitions_core.errors import TransitionsError
from transitions_core.narrative.formats import Format
from transitions_core.narrative.template_renderer import TemplateRenderer
from transitions_core.plugin_discovery import Found, entry_points_of
from transitions_core.registry import Clash

GROUP = "transitions_core"
LOAD_VAR = "TRANSITIONS_LOAD_PLUGINS"
DISABLE_VAR = "TRANSITIONS_DISABLE_PLUGINS"
#: The distribution whose entry points are the built-in plugins: they come first in every registry.
DISTRIBUTION = "transitions-core"


class PluginError(TransitionsError):
    """A plugin problem the user must hear about: a broken plugin, a format nobody can render."""


@dataclass
class PluginInfo:
    """One plugin as `transitions plugins list` shows it."""

    name: str
    module: str
    version: str | None
    #: `ok`, `broken` (it could not load: none of its contributions is used) or `failing` (it raised
    #: while rendering; its error is kept until one of its formats renders again).
    status: str = "ok"
    error: str | None = None
    formats: list[str] = field(default_factory=list)
    hooks: list[str] = field(default_factory=list)
    builtin: bool = False
    #: What the host refused of it (a name already given, an unknown media type), one sentence each.
    refused: list[str] = field(default_factory=list)
    #: The names it took on purpose (`replaces=`).
    replaces: list[str] = field(default_factory=list)

    def breaks(self, error: BaseException) -> None:
        """Mark the plugin broken by `error`."""
        self.status, self.error = "broken", f"{type(error).__name__}: {error}"


@dataclass
class Host:
    """The plugin manager, the formats the plugins registered, the template renderer, and what went wrong."""

    manager: pluggy.PluginManager
    plugins: dict[str, PluginInfo]
    formats: dict[str, Format]
    owners: dict[str, str]
    templates: TemplateRenderer | None = None
    #: Formats declared by plugins found broken: name → plugin.
    withdrawn: dict[str, str] = field(default_factory=dict)
    clashes: list[Clash] = field(default_factory=list)
    #: What was refused of the formats (a name taken, an unknown media type), for `transitions formats`.
    format_notes: list[str] = field(default_factory=list)

    def format(self, name: str) -> Format:
        """The format called `name`, or a clear error naming the broken plugin or the known formats."""
        if name in self.formats:
            return self.formats[name]
        owner = self.withdrawn.get(name) or next(
            (p.name for p in self.plugins.values() if p.status == "broken" and p.name == name), None
        )
        if owner is not None:
            raise PluginError(
                f"Le format « {name} » vient du plugin {owner}, qui est cassé : {self.plugins[owner].error}"
            )
        known = ", ".join(sorted(self.formats))
        broken = [p for p in self.plugins.values() if p.status == "broken" and not p.formats]
        maybe = "".join(
            f" Le plugin {p.name}, cassé ({p.error}), le fournit peut-être : voir `transitions plugins list`."
            for p in broken
        )
        raise PluginError(f"Format « {name} » inconnu.{maybe} Formats disponibles : {known}.")

    def plugin_of(self, format_name: str) -> str:
        """The name of the plugin that registered a format."""
        return self.owners[format_name]

    def legacy_renderer(self, plugin: str) -> Callable[..., Any] | None:
        """The plugin's `render_narrative` (deprecated), called only for the formats it registered."""
        for impl in self.manager.hook.render_narrative.get_hookimpls():
            if impl.plugin_name == plugin:
                names = impl.argnames
                return lambda **given: impl.function(**{k: v for k, v in given.items() if k in names})
        return None

    def plugin_that_raised(self, error: BaseException) -> str | None:
        """The plugin whose code raised `error`: the outermost frame of its traceback that a plugin owns."""
        modules = {
            plugin.__name__ if isinstance(plugin, ModuleType) else type(plugin).__module__: name
            for name, plugin in self.manager.list_name_plugin()
            if plugin is not None
        }
        trace = error.__traceback__
        while trace is not None:
            module = trace.tb_frame.f_globals.get("__name__", "")
            for owner_module, name in modules.items():
                if module == owner_module or module.startswith(owner_module + "."):
                    return name
            trace = trace.tb_next
        return None

    def refuse(self, plugin: str, clash: Clash) -> None:
        """Record that `plugin` was refused a name (any registry: formats, filters, rules…)."""
        self.clashes.append(clash)
        if plugin in self.plugins:
            self.plugins[plugin].refused.append(clash.message())


def _names(variable: str) -> set[str] | None:
    value = os.environ.get(variable)
    if value is None:
        return None
    return {name.strip() for name in value.split(",") if name.strip()}


def load_host(extra: list[tuple[str, object]] | None = None, user_dir: Path | None = None) -> Host:
    """Discover and register every plugin; `extra` adds (name, plugin) pairs, as the test kit does."""
    from transitions_core.plugin_contributions import collect
    from transitions_core.plugin_failures import recorded_failures

    manager = pluggy.PluginManager(GROUP)
    manager.add_hookspecs(hookspecs)
    allowed, disabled = _names(LOAD_VAR), _names(DISABLE_VAR) or set()
    plugins: dict[str, PluginInfo] = {}
    # The entry points as last read while nothing was installed or removed (`plugin_discovery.py`).
    found = [e for e in entry_points_of(GROUP) if e.name not in disabled]
    # Built-ins first, then the others by name: who keeps a disputed name never depends on load order.
    for entry_point in sorted(found, key=lambda e: (not _is_builtin(e), e.name)):
        if allowed is not None and entry_point.name not in allowed:
            continue
        plugins[entry_point.name] = _load(manager, entry_point)
    for name, plugin in extra or []:
        manager.register(plugin, name=name)
        plugins[name] = PluginInfo(name=name, module=getattr(plugin, "__name__", repr(plugin)), version=None)
    for info in plugins.values():
        plugin = manager.get_plugin(info.name)
        if plugin is not None:
            info.hooks = sorted(hook.name for hook in manager.get_hookcallers(plugin) or [])
    host = Host(manager, plugins, {}, {})
    collected = collect(host)
    for info in plugins.values():
        if info.status != "ok" and manager.has_plugin(info.name):
            manager.unregister(name=info.name)  # none of a broken plugin's hooks runs again
    for name, failure in recorded_failures(plugins).items():
        plugins[name].status, plugins[name].error = "failing", failure
    host.templates = TemplateRenderer(collected.template_dirs, collected.filters, user_dir)
    return host


def _is_builtin(entry_point: Found) -> bool:
    name = entry_point.distribution
    return name is not None and name.replace("_", "-").lower() == DISTRIBUTION


def _load(manager: pluggy.PluginManager, entry_point: Found) -> PluginInfo:
    info = PluginInfo(
        name=entry_point.name,
        module=entry_point.value,
        version=entry_point.version,
        builtin=_is_builtin(entry_point),
    )
    try:
        plugin = entry_point.load()
        manager.register(plugin, name=entry_point.name)
    except Exception as error:  # a broken plugin must never take the host down
        info.breaks(error)
    return info
