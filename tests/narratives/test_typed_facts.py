"""Typed, read-only facts beside the dict: given a view of a history, when a plugin reads an entry's
`event` (or `facts_as(Kind)`), then it gets the event's own model, frozen, holding what `facts` holds; and a
plugin written against the dicts (the example plugin of docs/plugins.md) renders as it always did."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from transitions_core.domain.events import EVENT_TYPES, InPersonDayHeld, WebinarHeld
from transitions_core.narrative.audience import Audience
from transitions_core.narrative.build import cohort_view
from transitions_core.narrative.formats import Subject
from transitions_core.narrative.render import render
from transitions_core.testing.golden import assert_golden

OCCITANIE = "occitanie-2024"
EXAMPLE_PLUGIN = Path(__file__).resolve().parents[1] / "plugins" / "example_plugin"


@pytest.fixture(scope="module", params=list(Audience), ids=lambda a: a.value)
def entries(occitanie, request):
    view = cohort_view(occitanie, OCCITANIE, audience=request.param)
    return [*view.entries, *(e for t in view.territories for e in t.entries)]


def test_every_entry_reads_as_its_events_own_model_holding_its_facts(entries):
    assert len(entries) > 100
    for entry in entries:
        event = entry.event
        assert type(event) is EVENT_TYPES[entry.type]
        assert (event.occurred, event.entry, event.source) == (entry.occurred, entry.entry, entry.source)
        assert holds(event.payload(), entry.facts), entry.entry


def holds(told: object, facts: object) -> bool:
    """Whether the model's fields hold every fact (a nested model may add its defaults)."""
    if isinstance(facts, dict):
        return isinstance(told, dict) and all(k in told and holds(told[k], v) for k, v in facts.items())
    if isinstance(facts, list):
        return isinstance(told, list) and len(told) == len(facts) and all(map(holds, told, facts))
    return told == facts


def test_the_typed_facts_are_read_only(entries):
    day = next(e for e in entries if e.type == "in_person_day_held")
    with pytest.raises(ValidationError):
        day.event.place = "ailleurs"  # type: ignore[misc]
    assert day.facts_as(InPersonDayHeld).number == day.facts["number"]


def test_asking_for_another_event_class_is_refused_in_one_sentence(entries):
    day = next(e for e in entries if e.type == "in_person_day_held")
    with pytest.raises(TypeError, match="est un fait « in_person_day_held », pas « webinar_held »"):
        day.facts_as(WebinarHeld)


def test_a_template_reads_the_typed_facts_read_only(entries):
    from transitions_core.narrative.readonly import wrap

    day = next(e for e in entries if e.type == "in_person_day_held")
    shown = wrap(day)  # what a template holds
    assert shown.event.number == day.facts["number"]
    with pytest.raises(AttributeError):
        shown.event.number = 0


def test_the_example_plugin_written_against_the_docs_renders_as_before(
    register_plugin, sample_territory_view
):
    sys.path.insert(0, str(EXAMPLE_PLUGIN))
    try:
        haiku = importlib.import_module("transitions_haiku")
        host = register_plugin("haiku", haiku)
        text = render(host, "haiku", sample_territory_view, Subject.TERRITORY)
    finally:
        sys.path.remove(str(EXAMPLE_PLUGIN))
    assert_golden(text, EXAMPLE_PLUGIN / "tests" / "golden" / "haiku" / "les-aubiers.fr.txt")
    assert all(entry.event.entry == entry.entry for entry in sample_territory_view.entries)
