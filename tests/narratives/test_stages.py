"""Each event declares its stage of the accompaniment once, on the event; the report's sections follow it."""

from __future__ import annotations

from transitions_core.domain.events import CATALOGUE
from transitions_core.domain.events.base import Scope, Stage
from transitions_narratives.report_parts import TOLD_ELSEWHERE, stage_types

#: The record's own bookkeeping: no stage of the accompaniment.
BOOKKEEPING = {
    "cohort_opened",
    "cohort_closed",
    "source_declared",
    "territory_registered",
    "organisation_registered",
    "entry_corrected",
    "entry_retracted",
}


def test_every_event_of_the_programme_declares_its_stage():
    for event in CATALOGUE:
        if event.type_name() in BOOKKEEPING:
            assert event.stage is None, event.type_name()
        else:
            assert isinstance(event.stage, Stage), f"{event.type_name()} declares no stage"


def test_the_reports_sections_gather_every_cohort_event_of_a_stage_once():
    gathered = [t for types in stage_types().values() for t in types]
    assert len(gathered) == len(set(gathered))
    expected = {
        e.type_name()
        for e in CATALOGUE
        if e.scope is Scope.COHORT and e.stage is not None and e.type_name() not in TOLD_ELSEWHERE
    }
    assert set(gathered) == expected
    assert stage_types()["common_core"] == ("in_person_day_held", "webinar_held", "pilot_forum_held")
