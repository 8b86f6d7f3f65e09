"""The built-in rules and generators, given through the same hooks as a plugin's (as `transitions_core.simulation`)."""

from __future__ import annotations

from transitions_core import hookimpl
from transitions_core.simulation.rules import Rule
from transitions_core.simulation.territories import SampledGenerator, TerritoryGenerator


@hookimpl
def simulation_rules() -> list[Rule]:
    """The five rules read from the report; they apply to every scenario unless `enabled: false`."""
    from transitions_core.simulation.builtin_rules import (
        DelegationCompleteness,
        ElectoralCalendar,
        PoliticalBacking,
        SeasonalLoad,
        StaffCapacity,
    )

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
