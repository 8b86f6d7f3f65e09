"""The stage of a cohort's life each entry belongs to, and who acted: the timeline's filters.

The stages follow the domain's own grouping of its events (`domain/events/<stage>.py`); a test keeps
this table equal to it. What is no stage of the accompaniment (the setting, the Region, the sources)
is its context.
"""

from __future__ import annotations

from typing import Any

from transitions_core.domain.event_names import MODULES

STAGES = ("context", "recruitment", "common_core", "diagnostic", "pilot", "evaluation", "storytelling")

#: Event type → stage: the module each event type is declared in (`domain/event_names.MODULES`, which a
#: test keeps equal to the classes); what is no stage of the accompaniment is left out, and counted in the
#: context, as is a type missing here.
STAGE_OF: dict[str, str] = {
    name: module for module, names in MODULES.items() if module in STAGES for name in names
}

ACTORS = ("cohort", "territory", "ally", "region")
_ALLY_TYPES = frozenset({"ally_assigned", "accompaniment_days_spent", "accompaniment_budget_extended"})


def stage_of(entry_type: str) -> str:
    """The stage an entry of this type belongs to."""
    return STAGE_OF.get(entry_type, "context")


def actor_of(entry_type: str, scope: str, facts: dict[str, Any]) -> str:
    """Who acted, as a category (never a name): the cohort, the territory, its ally, the Region."""
    if entry_type.startswith("region") or entry_type == "regional_event_co_organised":
        return "region"
    if scope == "cohort":
        return "cohort"
    if entry_type in _ALLY_TYPES or facts.get("side") == "ally" or facts.get("observed_by") == "ally":
        return "ally"
    return "territory"
