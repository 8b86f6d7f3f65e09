"""The event type names the read side keeps by heart agree with the event classes."""

from __future__ import annotations

from transitions_core.domain.event_names import SHARED_WITH_TERRITORIES
from transitions_core.domain.events import EVENT_TYPES


def test_the_names_of_the_shared_events_are_those_of_the_classes_shared_with_territories():
    shared = {name for name, cls in EVENT_TYPES.items() if cls.shared_with_territories}

    assert shared == SHARED_WITH_TERRITORIES
