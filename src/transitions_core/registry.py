"""One rule for every registry plugins contribute to: formats, filters, simulation rules, territory
generators, and whatever comes next (a website's pages).

A name belongs to whoever gave it first: the core, then the built-in plugins, then the others in name
order. A plugin that asks for a name already given is refused for that name only, and told how to
fix it; everything else it gives, and every other plugin, keeps working. To take a name on purpose,
a contribution declares it replaces it (`replaces=("poem",)` on a `Format` or a rule, `Replacing(f)`
for a filter). Only the original can be replaced: two plugins replacing the same name is a clash too,
so that the order plugins load in never decides silently.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

T = TypeVar("T")

#: The name under which the core holds its own contributions (its filters, its built-in rules).
CORE = "transitions_core"


@dataclass(frozen=True)
class Clash:
    """A contribution refused because its name was taken: who keeps it, who was refused, how to fix it."""

    what: str
    name: str
    holder: str
    newcomer: str
    fix: str
    feminine: bool = False

    def message(self) -> str:
        """One French sentence saying what was refused and what to do."""
        ignored, pronoun, that = ("ignorée", "la", "celle") if self.feminine else ("ignoré", "le", "celui")
        what = self.what[:1].upper() + self.what[1:]
        return (
            f"{what} « {self.name} » du plugin {self.newcomer} est {ignored} : {_who(self.holder)} "
            f"{pronoun} fournit déjà ; renommez-{pronoun}, ou {self.fix} pour remplacer {that} "
            f"{_of(self.holder)}."
        )


@dataclass(frozen=True)
class Replacement:
    """A contribution that took a name on purpose."""

    what: str
    name: str
    replaced: str
    by: str

    def message(self) -> str:
        """What `plugins list` says of it."""
        return f"remplace {self.what} « {self.name} » {_of(self.replaced)}"


@dataclass(frozen=True)
class Replacing:
    """A filter a plugin gives to replace one of the same name: `{"upper": Replacing(my_upper)}`."""

    function: Callable[..., Any]


def replaced_names(contribution: Any) -> tuple[str, ...]:
    """The names a contribution declares it replaces (`replaces=(...)`), or none."""
    names = getattr(contribution, "replaces", ())
    return (names,) if isinstance(names, str) else tuple(names or ())


@dataclass
class Registry(Generic[T]):
    """Contributions by name, each with the plugin that gave it; clashes and replacements are kept."""

    #: « le format », « le filtre », « la règle »…: how messages name one contribution.
    what: str
    #: How a plugin opts in to replace a name, e.g. `déclarez replaces=("poem",) dans son Format`.
    fix: Callable[[str], str]
    feminine: bool = False
    items: dict[str, T] = field(default_factory=dict)
    owners: dict[str, str] = field(default_factory=dict)
    clashes: list[Clash] = field(default_factory=list)
    replacements: list[Replacement] = field(default_factory=list)

    def offer(self, name: str, item: T, plugin: str, replaces: bool = False) -> bool:
        """Give `name` to `item` unless it is taken; True when the registry took it."""
        holder = self.owners.get(name)
        if holder is None:
            self.items[name], self.owners[name] = item, plugin
            return True
        if self.items[name] is item:  # one shared helper given twice (the report and the newsletter)
            return True
        already_replaced = any(r.name == name for r in self.replacements)
        if replaces and not already_replaced and holder != plugin:
            self.replacements.append(Replacement(self.what, name, holder, plugin))
            self.items[name], self.owners[name] = item, plugin
            return True
        self.clashes.append(Clash(self.what, name, holder, plugin, self.fix(name), self.feminine))
        return False

    def __contains__(self, name: object) -> bool:
        return name in self.items

    def __iter__(self) -> Iterator[str]:
        return iter(self.items)

    def owner(self, name: str) -> str:
        """The plugin that gave `name`."""
        return self.owners[name]

    def refused(self, plugin: str) -> list[Clash]:
        """What `plugin` was refused."""
        return [clash for clash in self.clashes if clash.newcomer == plugin]


def _core(holder: str) -> bool:
    return holder in (CORE, "jinja2") or holder.startswith(CORE + ".")


def _who(holder: str) -> str:
    """`le plugin poem`, or the core or jinja2 by their names."""
    return (
        ("transitions_core" if holder.startswith(CORE) else holder)
        if _core(holder)
        else f"le plugin {holder}"
    )


def _of(holder: str) -> str:
    """`du plugin poem`, `de transitions_core`."""
    return f"de {_who(holder)}" if _core(holder) else f"du plugin {holder}"
