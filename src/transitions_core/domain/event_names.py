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
