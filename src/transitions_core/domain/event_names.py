"""Names of event types that the read side needs without building the ~60 event classes.

A test keeps them equal to what `transitions_core.domain.events` says.
"""

from __future__ import annotations

#: The `type_name()` of every cohort-level event shown in the timelines of the territories taking part
#: (`shared_with_territories`).
SHARED_WITH_TERRITORIES: frozenset[str] = frozenset(
    {
        "evaluation_day_held",
        "in_person_day_held",
        "peer_exchange_held",
        "pilot_forum_held",
        "production_published",
        "webinar_held",
    }
)

#: The `type_name()` of every cohort-level event that declares a stage of the accompaniment, by stage, in
#: the order of `transitions_core.domain.events.CATALOGUE` (where a cohort's report tells each one).
COHORT_EVENTS_BY_STAGE: dict[str, tuple[str, ...]] = {
    "context": ("context_noted", "partner_joined"),
    "recruitment": ("call_for_applications_presented", "unnamed_territories_approached"),
    "diagnostic": ("diagnosticians_trained", "cross_finding_recorded", "diagnostics_tallied"),
    "common_core": ("in_person_day_held", "webinar_held", "pilot_forum_held"),
    "peers": ("peer_exchange_held",),
    "evaluation": ("evaluation_day_held", "evaluation_interviews_held", "evaluation_report_expected"),
    "storytelling": ("production_published",),
    "region": (
        "regional_event_co_organised",
        "region_intent_note_sent",
        "region_action_sheets_drafted",
        "region_actions_not_carried_out",
    ),
}

#: Every event type of `transitions_core.domain.events.CATALOGUE`, in its order: its `type_name()`, its
#: scope, its stage (None when it declares none) and whether narratives tell it (`DomainEvent.told`).
DECLARED: tuple[tuple[str, str, str | None, bool], ...] = (
    ("cohort_opened", "cohort", None, False),
    ("source_declared", "cohort", None, True),
    ("context_noted", "cohort", "context", True),
    ("call_for_applications_presented", "cohort", "recruitment", True),
    ("unnamed_territories_approached", "cohort", "recruitment", True),
    ("territory_registered", "territory", None, False),
    ("territory_approached", "territory", "recruitment", True),
    ("scheme_presented", "territory", "recruitment", True),
    ("territory_joined", "territory", "recruitment", True),
    ("territory_declined", "territory", "recruitment", True),
    ("territory_left", "territory", "recruitment", True),
    ("organisation_registered", "cohort", None, False),
    ("partner_joined", "cohort", "context", True),
    ("diagnosticians_trained", "cohort", "diagnostic", True),
    ("in_person_day_held", "cohort", "common_core", True),
    ("webinar_held", "cohort", "common_core", True),
    ("pilot_forum_held", "cohort", "common_core", True),
    ("peer_exchange_held", "cohort", "peers", True),
    ("diagnostic_started", "territory", "diagnostic", True),
    ("interviews_held", "territory", "diagnostic", True),
    ("diagnostic_pre_restituted", "territory", "diagnostic", True),
    ("diagnostic_restituted", "territory", "diagnostic", True),
    ("finding_recorded", "territory", "diagnostic", True),
    ("cross_finding_recorded", "cohort", "diagnostic", True),
    ("diagnostics_tallied", "cohort", "diagnostic", True),
    ("delegation_member_named", "territory", "pilot", True),
    ("delegation_incomplete_noted", "territory", "pilot", True),
    ("pilot_project_chosen", "territory", "pilot", True),
    ("pilot_note_written", "territory", "pilot", True),
    ("ally_assigned", "territory", "pilot", True),
    ("accompaniment_days_spent", "territory", "pilot", True),
    ("accompaniment_budget_extended", "territory", "pilot", True),
    ("milestone_reached", "territory", "pilot", True),
    ("milestone_announced", "territory", "pilot", True),
    ("evaluation_day_held", "cohort", "evaluation", True),
    ("evaluation_interviews_held", "cohort", "evaluation", True),
    ("evaluation_report_expected", "cohort", "evaluation", True),
    ("effect_observed", "territory", "evaluation", True),
    ("limit_observed", "territory", "evaluation", True),
    ("viewpoint_recorded", "territory", "evaluation", True),
    ("production_published", "cohort", "storytelling", True),
    ("regional_event_co_organised", "cohort", "region", True),
    ("region_intent_note_sent", "cohort", "region", True),
    ("region_action_sheets_drafted", "cohort", "region", True),
    ("region_actions_not_carried_out", "cohort", "region", True),
    ("entry_corrected", "territory", None, False),
    ("entry_retracted", "territory", None, False),
    ("cohort_closed", "cohort", None, True),
)

#: The module of `transitions_core.domain.events` each event type is declared in: with its name, the topic
#: the store keeps with each event (`events` prints a plain log by SQL, knowing its types without the classes).
MODULES: dict[str, tuple[str, ...]] = {
    "recruitment": (
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
    "sources": ("source_declared",),
    "setup": ("context_noted", "organisation_registered", "partner_joined", "diagnosticians_trained"),
    "common_core": ("in_person_day_held", "webinar_held", "pilot_forum_held", "peer_exchange_held"),
    "diagnostic": (
        "diagnostic_started",
        "interviews_held",
        "diagnostic_pre_restituted",
        "diagnostic_restituted",
        "finding_recorded",
        "cross_finding_recorded",
        "diagnostics_tallied",
    ),
    "pilot": (
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
    "evaluation": (
        "evaluation_day_held",
        "evaluation_interviews_held",
        "evaluation_report_expected",
        "effect_observed",
        "limit_observed",
        "viewpoint_recorded",
    ),
    "storytelling": ("production_published",),
    "region": (
        "regional_event_co_organised",
        "region_intent_note_sent",
        "region_action_sheets_drafted",
        "region_actions_not_carried_out",
    ),
    "records": ("entry_corrected", "entry_retracted"),
}


def topics() -> dict[str, str]:
    """The stored topic of every event type (`module:ClassName`), and its type name."""
    return {
        f"transitions_core.domain.events.{module}:{''.join(p.capitalize() for p in name.split('_'))}": name
        for module, names in MODULES.items()
        for name in names
    }
