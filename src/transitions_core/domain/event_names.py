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
