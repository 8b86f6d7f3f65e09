"""The rules and generators a simulation uses, gathered from the plugin host's two simulation hooks.

The built-ins register through the same hooks (as `transitions_core.simulation`) and come first, then
each plugin's, by plugin name: the order rules apply in does not depend on the order plugins load.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from transitions_core.registry import Registry, replaced_names
from transitions_core.simulation.model.named import BUILTIN_PLUGIN
from transitions_core.simulation.model.run import Models
from transitions_core.simulation.model.territories import GeneratorRegistry
from transitions_core.simulation.rules.base import RuleRegistry

if TYPE_CHECKING:
    from transitions_core.plugins import Host

#: What a hook's answer must carry besides `name` and `params_model`: checked before anything runs.
REQUIRED = {
    "simulation_rules": (RuleRegistry.noun, ("adjust", "limit")),
    "territory_generators": (GeneratorRegistry.noun, ("generate",)),
}


def simulation_models(host: Host) -> Models:
    """The built-in rules and generators, then every plugin's, by the one rule of `transitions_core.registry`:
    a name already given is refused to the newcomer (shown by `plugins list`), unless it declared
    `replaces = ("name",)`; a replacement of a built-in rule applies wherever the built-in did."""
    from transitions_core.simulation.rules import plugin as builtin_plugin

    if not host.manager.has_plugin(BUILTIN_PLUGIN):
        host.manager.register(builtin_plugin, name=BUILTIN_PLUGIN)
    rules, generators = RuleRegistry(), GeneratorRegistry()
    broken = {name: info.error or "" for name, info in host.plugins.items() if info.status == "broken"}
    kept = _kept(host, "simulation_rules", broken, Registry("la règle", _fix, feminine=True))
    for name, rule in kept.items.items():
        rules.register(rule, kept.owners[name], by_default=_by_default(kept, name))
    kept = _kept(host, "territory_generators", broken, Registry("le générateur de territoires", _fix))
    for name, generator in kept.items.items():
        generators.register(generator, kept.owners[name])
    rules.broken = generators.broken = broken
    return Models(rules=rules, generators=generators)


def _kept(host: Host, hook: str, broken: dict[str, str], registry: Registry[Any]) -> Registry[Any]:
    """Each plugin's parts offered to `registry`, built-ins first; what it refused is recorded on the host."""
    for plugin, part in _answers(host, hook, broken):
        registry.offer(part.name, part, plugin, replaces=part.name in replaced_names(part))
    for clash in registry.clashes:
        if clash not in host.clashes:
            host.refuse(clash.newcomer, clash)
    for replacement in registry.replacements:
        info = host.plugins.get(replacement.by)
        if info is not None and replacement.message() not in info.replaces:
            info.replaces.append(replacement.message())
    return registry


def _by_default(registry: Registry[Any], name: str) -> bool:
    """A built-in rule applies unless a scenario turns it off; so does a plugin's replacement of one."""
    return registry.owners[name] == BUILTIN_PLUGIN or any(
        r.name == name and r.replaced == BUILTIN_PLUGIN for r in registry.replacements
    )


def _fix(name: str) -> str:
    return f'donnez-lui l\'attribut replaces = ("{name}",)'


def _answers(host: Host, hook: str, broken: dict[str, str]) -> list[tuple[str, Any]]:
    """(plugin, part) for every part each plugin gives, built-ins first; a plugin that fails is broken."""
    noun, methods = REQUIRED[hook]
    impls = getattr(host.manager.hook, hook).get_hookimpls()
    impls.sort(key=lambda impl: (impl.plugin_name != BUILTIN_PLUGIN, impl.plugin_name))
    out: list[tuple[str, Any]] = []
    for impl in impls:
        try:
            parts = list(impl.function() or [])
            for part in parts:
                _check(part, noun, methods)
        except Exception as error:  # one plugin's bug must not hide the others' rules
            message = f"{type(error).__name__}: {error}"
            broken[impl.plugin_name] = message
            if impl.plugin_name in host.plugins:
                host.plugins[impl.plugin_name].status = "broken"
                host.plugins[impl.plugin_name].error = message
            continue
        out.extend((impl.plugin_name, part) for part in parts)
    return out


def _check(part: Any, noun: str, methods: tuple[str, ...]) -> None:
    """Refuse an answer that is not a rule or a generator, saying what it lacks."""
    name = getattr(part, "name", None)
    model = getattr(part, "params_model", None)
    lacking = [
        what
        for what, ok in [
            ("name (texte)", isinstance(name, str) and name != ""),
            ("params_model (modèle pydantic)", isinstance(model, type) and issubclass(model, BaseModel)),
            *((method, callable(getattr(part, method, None))) for method in methods),
        ]
        if not ok
    ]
    if lacking:
        raise TypeError(f"{part!r} n'est pas {noun} : il lui manque {', '.join(lacking)}")
