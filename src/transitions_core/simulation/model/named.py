"""A registry of named model parts (rules, generators), each tagged with the plugin that gave it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, Protocol, TypeVar


class Named(Protocol):
    """Anything with a name."""

    @property
    def name(self) -> str:
        """The name a scenario uses."""
        ...


T = TypeVar("T", bound=Named)

#: The plugin name under which the built-in rules and generators register through the same hooks.
BUILTIN_PLUGIN = "transitions_core.simulation"


class NamedRegistry(Generic[T]):
    """Parts by name, in registration order; names are unique."""

    #: « une règle », « un générateur de territoires »: what the duplicate-name error calls a part.
    noun = "un élément"
    #: « la règle », « le générateur de territoires ».
    definite = "l'élément"

    def __init__(self, parts: Iterable[T] = ()) -> None:
        self._parts: dict[str, T] = {}
        self._plugins: dict[str, str | None] = {}
        #: Plugins that failed while giving their parts: name → error, for the unknown-name message.
        self.broken: dict[str, str] = {}
        for part in parts:
            self.register(part)

    def register(self, part: T, plugin: str | None = None) -> None:
        """Add a part; `plugin` names the plugin that gave it (None for code that registers it directly)."""
        if part.name in self._parts:
            raise ValueError(f"{self.noun} « {part.name} » existe déjà")
        self._parts[part.name] = part
        self._plugins[part.name] = plugin

    def get(self, name: str) -> T | None:
        """The part called `name`, or None."""
        return self._parts.get(name)

    def names(self) -> list[str]:
        """Registered names, in registration order."""
        return list(self._parts)

    def plugin_of(self, name: str) -> str | None:
        """The plugin that gave the part, if a plugin did."""
        return self._plugins.get(name)

    def known(self) -> str:
        """The names for an error message: a plugin's parts say which plugin, broken plugins are listed."""
        names = [
            name
            if self._plugins[name] in (None, BUILTIN_PLUGIN)
            else f"{name} (plugin {self._plugins[name]})"
            for name in self._parts
        ]
        text = ", ".join(names) or "aucun"
        if self.broken:
            listed = ", ".join(f"{name} ({error})" for name, error in sorted(self.broken.items()))
            text += f" ; plugins cassés (voir `transitions plugins list`) : {listed}"
        return text
