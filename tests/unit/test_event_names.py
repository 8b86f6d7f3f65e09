"""The event type names the read side keeps by heart agree with the event classes."""

from __future__ import annotations

from transitions_core.domain.event_names import SHARED_WITH_TERRITORIES
from transitions_core.domain.events import EVENT_TYPES


def test_the_names_of_the_shared_events_are_those_of_the_classes_shared_with_territories():
    shared = {name for name, cls in EVENT_TYPES.items() if cls.shared_with_territories}

    assert shared == SHARED_WITH_TERRITORIES


def test_the_cohort_events_of_each_stage_are_those_the_classes_declare_in_catalogue_order():
    from transitions_core.domain.event_names import COHORT_EVENTS_BY_STAGE
    from transitions_core.domain.events import CATALOGUE
    from transitions_core.domain.events.base import Scope

    declared: dict[str, tuple[str, ...]] = {}
    for event in CATALOGUE:
        if event.scope is Scope.COHORT and event.stage is not None:
            declared[event.stage.value] = (*declared.get(event.stage.value, ()), event.type_name())

    assert declared == COHORT_EVENTS_BY_STAGE
    assert list(declared) == list(COHORT_EVENTS_BY_STAGE)


def test_the_declarations_kept_by_name_are_those_of_the_catalogue_in_its_order():
    from transitions_core.domain.event_names import DECLARED
    from transitions_core.domain.events import CATALOGUE

    declared = tuple(
        (e.type_name(), e.scope.value, None if e.stage is None else e.stage.value, e.told) for e in CATALOGUE
    )

    assert declared == DECLARED


def test_the_topics_kept_by_name_are_those_the_store_writes_for_each_class():
    from eventsourcing.utils import get_topic

    from transitions_core.domain.event_names import topics
    from transitions_core.domain.events import CATALOGUE

    assert topics() == {get_topic(e): e.type_name() for e in CATALOGUE}
