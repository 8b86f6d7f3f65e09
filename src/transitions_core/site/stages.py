"""The stage of a cohort's life each entry belongs to, and who acted: the timeline's filters.

The stages follow the domain's own grouping of its events (`domain/events/<stage>.py`); a test keeps
this table equal to it. What is no stage of the accompaniment (the setting, the Region, the sources)
is its context.
"""

from __future__ import annotations

from typing import Any

STAGES = ("context", "recruitment", "common_core", "diagnostic", "pilot", "evaluation", "storytelling")

#: Event type → stage; a type missing here (a newer event) is counted in the context.
STAGE_OF: dict[str, str] = {
    **dict.fromkeys(
        (
            "cohort_opened",
            "call_for_applications_presented",
            "unnamed_territories_approached",
            "territory_registered",
            "territory_approached",
            "scheme_presented",
            "territory_joined",
            "territory_declined",
            "territory_left",
            "cohort_closed",
        ),
        "recruitment",
    ),
    **dict.fromkeys(
        ("in_person_day_held", "webinar_held", "pilot_forum_held", "peer_exchange_held"), "common_core"
    ),
    **dict.fromkeys(
        (
            "diagnostic_started",
            "interviews_held",
            "diagnostic_pre_restituted",
            "diagnostic_restituted",
            "finding_recorded",
            "cross_finding_recorded",
            "diagnostics_tallied",
        ),
        "diagnostic",
    ),
    **dict.fromkeys(
        (
            "delegation_member_named",
            "delegation_incomplete_noted",
            "pilot_project_chosen",
            "pilot_note_written",
            "ally_assigned",
            "accompaniment_days_spent",
            "accompaniment_budget_extended",
            "milestone_reached",
            "milestone_announced",
        ),
        "pilot",
    ),
    **dict.fromkeys(
        (
            "evaluation_day_held",
            "evaluation_interviews_held",
            "evaluation_report_expected",
            "effect_observed",
            "limit_observed",
            "viewpoint_recorded",
        ),
        "evaluation",
    ),
    "production_published": "storytelling",
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
