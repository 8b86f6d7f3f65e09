"""The rules and generators a simulation uses, gathered from the plugin host's two simulation hooks.

The built-ins register through the same hooks (as `transitions_core.simulation`) and come first, then
each plugin's, by plugin name: the order rules apply in does not depend on the order plugins load.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from transitions_core.simulation.named import BUILTIN_PLUGIN, NamedRegistry
from transitions_core.simulation.rules import RuleRegistry
from transitions_core.simulation.runner import Models
from transitions_core.simulation.territories import GeneratorRegistry

if TYPE_CHECKING:
    from transitions_core.plugins import Host

#: What a hook's answer must carry besides `name` and `params_model`: checked before anything runs.
REQUIRED = {
    "simulation_rules": (RuleRegistry.noun, ("adjust", "limit")),
    "territory_generators": (GeneratorRegistry.noun, ("generate",)),
}


def simulation_models(host: Host) -> Models:
    """The built-in rules and generators, then every plugin's; a duplicate name is an error naming both."""
    from transitions_core.simulation import builtin_plugin

    if not host.manager.has_plugin(BUILTIN_PLUGIN):
        host.manager.register(builtin_plugin, name=BUILTIN_PLUGIN)
    rules, generators = RuleRegistry(), GeneratorRegistry()
    broken = {name: info.error or "" for name, info in host.plugins.items() if info.status != "ok"}
    for plugin, rule in _answers(host, "simulation_rules", broken):
        _refuse_duplicate(rules, rule.name, plugin)
        rules.register(rule, plugin, by_default=plugin == BUILTIN_PLUGIN)
    for plugin, generator in _answers(host, "territory_generators", broken):
        _refuse_duplicate(generators, generator.name, plugin)
        generators.register(generator, plugin)
    rules.broken = generators.broken = broken
    return Models(rules=rules, generators=generators)


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


def _refuse_duplicate(registry: NamedRegistry[Any], name: str, plugin: str) -> None:
    from transitions_core.plugins import DISABLE_VAR, PluginError

    if registry.get(name) is None:
        return
    first = registry.plugin_of(name) or BUILTIN_PLUGIN
    what = registry.definite
    if first == BUILTIN_PLUGIN:
        raise PluginError(
            f"Le plugin {plugin} déclare {what} « {name} », un nom déjà pris par transitions_core : "
            f"le plugin doit en choisir un autre (ou désactivez-le avec {DISABLE_VAR}={plugin})."
        )
    raise PluginError(
        f"Deux plugins déclarent {what} « {name} » : {first} et {plugin}. "
        f"Désactivez-en un avec {DISABLE_VAR}={plugin} (ou {first})."
    )
