"""The plugin host: discovery through the `transitions_core` entry-point group, safely, and the format registry.

Built-in narratives are found exactly like third-party ones. A plugin that fails to import, or whose
hook raises, is recorded as broken with its error; the others keep working.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from types import ModuleType
from typing import Any

import pluggy

from transitions_core import hookspecs
from transitions_core.errors import TransitionsError
from transitions_core.narrative.formats import Format
from transitions_core.narrative.template_renderer import TemplateRenderer

GROUP = "transitions_core"
LOAD_VAR = "TRANSITIONS_LOAD_PLUGINS"
DISABLE_VAR = "TRANSITIONS_DISABLE_PLUGINS"
TEMPLATES_PLUGIN = "transitions_core.templates"


class PluginError(TransitionsError):
    """A plugin problem the user must hear about: a broken plugin, a format claimed twice."""


@dataclass
class PluginInfo:
    """One plugin as `transitions plugins list` shows it."""

    name: str
    module: str
    version: str | None
    status: str = "ok"
    error: str | None = None
    formats: list[str] = field(default_factory=list)
    hooks: list[str] = field(default_factory=list)


@dataclass
class Host:
    """The plugin manager, the formats the plugins registered, and what went wrong."""

    manager: pluggy.PluginManager
    plugins: dict[str, PluginInfo]
    formats: dict[str, Format]
    owners: dict[str, str]

    def format(self, name: str) -> Format:
        """The format called `name`, or a clear error naming the broken plugin or the known formats."""
        if name in self.formats:
            return self.formats[name]
        broken = [p for p in self.plugins.values() if p.status != "ok" and name in (p.name, *p.formats)]
        if broken:
            raise PluginError(
                f"Le format « {name} » vient du plugin {broken[0].name}, qui est cassé : {broken[0].error}"
            )
        known = ", ".join(sorted(self.formats))
        raise PluginError(
            f"Format « {name} » inconnu. Formats disponibles : {known}. (`transitions formats`)"
        )

    def plugin_of(self, format_name: str) -> str:
        """The name of the plugin that registered a format."""
        return self.owners[format_name]

    def plugin_that_raised(self, error: BaseException) -> str | None:
        """The plugin whose code raised `error`: the outermost frame of its traceback that a plugin owns."""
        modules = {
            plugin.__name__ if isinstance(plugin, ModuleType) else type(plugin).__module__: name
            for name, plugin in self.manager.list_name_plugin()
            if plugin is not None and name != TEMPLATES_PLUGIN
        }
        trace = error.__traceback__
        while trace is not None:
            module = trace.tb_frame.f_globals.get("__name__", "")
            for owner_module, name in modules.items():
                if module == owner_module or module.startswith(owner_module + "."):
                    return name
            trace = trace.tb_next
        return None


def _names(variable: str) -> set[str] | None:
    value = os.environ.get(variable)
    if value is None:
        return None
    return {name.strip() for name in value.split(",") if name.strip()}


def load_host(extra: list[tuple[str, object]] | None = None, user_dir: Path | None = None) -> Host:
    """Discover and register every plugin; `extra` adds (name, plugin) pairs, as the test kit does."""
    manager = pluggy.PluginManager(GROUP)
    manager.add_hookspecs(hookspecs)
    allowed, disabled = _names(LOAD_VAR), _names(DISABLE_VAR) or set()
    plugins: dict[str, PluginInfo] = {}
    for entry_point in sorted(entry_points(group=GROUP), key=lambda e: e.name):
        if entry_point.name in disabled or (allowed is not None and entry_point.name not in allowed):
            continue
        plugins[entry_point.name] = _load(manager, entry_point)
    for name, plugin in extra or []:
        manager.register(plugin, name=name)
        plugins[name] = PluginInfo(name=name, module=getattr(plugin, "__name__", repr(plugin)), version=None)
    for info in plugins.values():
        plugin = manager.get_plugin(info.name)
        if plugin is not None:
            info.hooks = sorted(hook.name for hook in manager.get_hookcallers(plugin) or [])
    formats, owners = _collect_formats(manager, plugins)
    _drop_broken(manager, plugins)
    dirs = [Path(d) for contributed in _answers(manager, "template_dirs", plugins) for d in contributed or []]
    filters = collect_filters(manager, plugins)
    _drop_broken(manager, plugins)
    manager.register(TemplateRenderer(dirs, filters, user_dir), name=TEMPLATES_PLUGIN)
    for fmt, owner in list(owners.items()):
        if plugins[owner].status != "ok":
            del formats[fmt], owners[fmt]  # Host.format then names the broken plugin
    return Host(manager, plugins, formats, owners)


def _drop_broken(manager: pluggy.PluginManager, plugins: dict[str, PluginInfo]) -> None:
    """Unregister the plugins found broken, so that none of their hooks runs again."""
    for info in plugins.values():
        if info.status != "ok" and manager.has_plugin(info.name):
            manager.unregister(name=info.name)


def _load(manager: pluggy.PluginManager, entry_point: EntryPoint) -> PluginInfo:
    version = entry_point.dist.version if entry_point.dist else None
    info = PluginInfo(name=entry_point.name, module=entry_point.value, version=version)
    try:
        plugin = entry_point.load()
        manager.register(plugin, name=entry_point.name)
    except Exception as error:  # a broken plugin must never take the host down
        info.status, info.error = "broken", f"{type(error).__name__}: {error}"
    return info


def _collect_formats(
    manager: pluggy.PluginManager, plugins: dict[str, PluginInfo]
) -> tuple[dict[str, Format], dict[str, str]]:
    formats: dict[str, Format] = {}
    owners: dict[str, str] = {}
    for name, plugin in manager.list_name_plugin():
        if plugin is None or not hasattr(plugin, "register_formats"):
            continue
        declared: list[Format] = []
        try:
            plugin.register_formats(register=declared.append)
        except Exception as error:
            if name in plugins:
                plugins[name].status, plugins[name].error = "broken", f"{type(error).__name__}: {error}"
            continue
        for fmt in declared:
            if fmt.name in formats:
                raise PluginError(
                    f"Deux plugins déclarent le format « {fmt.name} » : {owners[fmt.name]} et {name}. "
                    f"Désactivez-en un avec {DISABLE_VAR}={name} (ou {owners[fmt.name]})."
                )
            formats[fmt.name] = fmt
            owners[fmt.name] = name
            if name in plugins:
                plugins[name].formats.append(fmt.name)
    return formats, owners


def collect_filters(
    manager: pluggy.PluginManager, plugins: dict[str, PluginInfo] | None = None
) -> dict[str, Callable[..., Any]]:
    """The template filters every plugin contributes, merged; a name given twice is an error naming both.

    Two plugins may offer the very same function under one name (the built-in report and newsletter share
    their digest filters); two different functions under one name would make a template's output depend
    on plugin order.

    A plugin cannot replace a core filter either (`de`, `join_list`…): every template relies on their grammar.
    """
    from transitions_core.text.filters import FILTERS  # lazily: `transitions --help` never gets here

    merged: dict[str, Callable[..., Any]] = {}
    givers: dict[str, str] = {}
    for name, contributed in _named_answers(manager, "template_filters", plugins or {}):
        for filter_name, function in (contributed or {}).items():
            if filter_name in FILTERS:
                raise PluginError(
                    f"Le plugin {name} redéfinit le filtre « {filter_name} » du cœur. "
                    f"Donnez un autre nom à son filtre, ou désactivez-le avec {DISABLE_VAR}={name}."
                )
            if filter_name in givers and merged[filter_name] is not function:  # one shared helper is fine
                raise PluginError(
                    f"Deux plugins déclarent le filtre « {filter_name} » : {givers[filter_name]} et {name}. "
                    f"Désactivez-en un avec {DISABLE_VAR}={name} (ou {givers[filter_name]})."
                )
            merged[filter_name], givers[filter_name] = function, name
    return merged


def _answers(manager: pluggy.PluginManager, hook: str, plugins: dict[str, PluginInfo]) -> list[Any]:
    """Each plugin's answer to an argument-less hook, in call order; a plugin that raises is marked broken."""
    return [answer for _, answer in _named_answers(manager, hook, plugins)]


def _named_answers(
    manager: pluggy.PluginManager, hook: str, plugins: dict[str, PluginInfo]
) -> list[tuple[str, Any]]:
    """`_answers`, each with the name of the plugin that gave it."""
    answers = []
    for impl in reversed(getattr(manager.hook, hook).get_hookimpls()):
        try:
            answers.append((impl.plugin_name, impl.function()))
        except Exception as error:  # one plugin's bug must not take the host down
            if impl.plugin_name in plugins:
                plugins[impl.plugin_name].status = "broken"
                plugins[impl.plugin_name].error = f"{type(error).__name__}: {error}"
    return answers
