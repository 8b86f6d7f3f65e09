"""The plugin author's kit: the sample views are valid for every built-in format, and the fixtures clean up."""

from __future__ import annotations

import os
from importlib.metadata import entry_points

import pytest

from transitions_core.narrative.formats import Subject
from transitions_core.narrative.render import render
from transitions_core.plugins import DISABLE_VAR
from transitions_core.testing import samples

BUILTIN_RENDERS = [
    ("timeline", Subject.TERRITORY),
    ("timeline", Subject.COHORT),
    ("json", Subject.TERRITORY),
    ("json", Subject.COHORT),
    ("fiche", Subject.TERRITORY),
]


@pytest.mark.parametrize(("fmt", "subject"), BUILTIN_RENDERS)
def test_the_sample_views_render_in_the_builtin_formats(
    narrative_host, sample_territory_view, sample_cohort_view, fmt, subject
):
    view = sample_territory_view if subject is Subject.TERRITORY else sample_cohort_view

    text = render(narrative_host, fmt, view, subject)

    assert "Les Aubiers" in text
    assert "None" not in text


def test_every_installed_format_accepts_the_sample_of_each_subject_it_narrates(
    narrative_host, sample_territory_view, sample_cohort_view, sample_day_view
):
    views = {
        Subject.TERRITORY: sample_territory_view,
        Subject.COHORT: sample_cohort_view,
        Subject.DAY: sample_day_view,
    }
    for fmt in narrative_host.formats.values():
        for subject in set(fmt.subjects) & set(views):
            assert render(narrative_host, fmt.name, views[subject], subject).strip(), (fmt.name, subject)


def test_the_sample_territory_holds_everything_a_narrative_draws_on(sample_territory_view):
    view = sample_territory_view

    assert view.territory.name == "Les Aubiers"
    assert view.pilot is not None and view.pilot.allies
    assert view.effects and view.limits and view.quotes
    assert view.ally_view is not None and view.territory_view is not None
    assert [e.occurred.earliest for e in view.entries] == sorted(e.occurred.earliest for e in view.entries)


def test_the_samples_are_fresh_copies_and_take_a_date():
    from datetime import date

    assert samples.sample_territory_view() == samples.sample_territory_view()
    assert samples.sample_territory_view(as_of=date(2027, 6, 30)).as_of == date(2027, 6, 30)
    assert samples.sample_day_view().day.facts["place"] == "Les Aubiers"
    assert samples.sample_cohort_view().territories[0].territory.id == "les-aubiers"


def test_the_fixtures_come_from_the_pytest11_entry_point():
    plugins = {e.name: e.value for e in entry_points(group="pytest11")}

    assert plugins.get("transitions_core") == "transitions_core.testing.pytest_plugin"


class Marker:
    """An empty plugin: registering it is all that matters here."""


def test_register_plugin_leaves_the_block_list_as_it_found_it(register_plugin, monkeypatch):
    monkeypatch.setenv(DISABLE_VAR, "nothing")

    host = register_plugin("marker", Marker())

    assert os.environ[DISABLE_VAR] == "nothing"
    assert host.manager.has_plugin("marker")
    assert "timeline" in host.formats


def test_register_plugin_unregisters_at_the_end_of_the_test(register_plugin):
    host = register_plugin("marker", Marker())
    register_plugin.unregister_all()  # what the fixture does at teardown

    assert not host.manager.has_plugin("marker")
