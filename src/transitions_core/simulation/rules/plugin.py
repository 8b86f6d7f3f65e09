"""The built-in rules and generators, given through the same hooks as a plugin's (as `transitions_core.simulation`)."""

from __future__ import annotations

from transitions_core import hookimpl
from transitions_core.simulation.model.territories import (
    GeneratorRegistry,
    SampledGenerator,
    TerritoryGenerator,
)
from transitions_core.simulation.rules.base import Rule, RuleRegistry
from transitions_core.simulation.rules.builtin import (
    DelegationCompleteness,
    ElectoralCalendar,
    PoliticalBacking,
    SeasonalLoad,
    StaffCapacity,
)


@hookimpl
def simulation_rules() -> list[Rule]:
    """The five rules read from the report; they apply to every scenario unless `enabled: false`."""
    return [
        PoliticalBacking(),
        ElectoralCalendar(),
        StaffCapacity(),
        SeasonalLoad(),
        DelegationCompleteness(),
    ]


@hookimpl
def territory_generators() -> list[TerritoryGenerator]:
    """The `sampled` generator."""
    return [SampledGenerator()]


def default_rules() -> RuleRegistry:
    """The built-in rules."""
    return RuleRegistry(simulation_rules())


def default_generators() -> GeneratorRegistry:
    """The built-in generators."""
    return GeneratorRegistry(territory_generators())
