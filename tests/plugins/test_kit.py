"""The plugin author's kit: the sample views are valid for every built-in format, and the fixtures clean up."""

from __future__ import annotations

import os
from collections import Counter
from datetime import date
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
    assert list(view.entries) == sorted(view.entries, key=lambda e: e.sort_key())


def test_the_samples_are_equal_fresh_views():
    assert samples.sample_territory_view() == samples.sample_territory_view()
    assert samples.sample_territory_view() is not samples.sample_territory_view()
    assert samples.sample_day_view().day.facts["place"] == "Les Aubiers"
    assert samples.sample_cohort_view().territories[0].territory.id == "les-aubiers"


def test_as_of_cuts_the_sample_history_as_the_command_line_does():
    cut = samples.sample_territory_view(as_of=date(2026, 12, 31))

    assert cut.as_of == date(2026, 12, 31)
    assert cut.entries and all(e.occurred.certainly_by(date(2026, 12, 31)) for e in cut.entries)
    assert len(cut.entries) < len(samples.sample_territory_view().entries)
    assert cut.pilot is None and cut.effects == () and cut.diagnostic.restituted
    assert samples.sample_territory_view(as_of="2026-12-31") == cut
    assert samples.sample_cohort_view(as_of=date(2026, 12, 31)).stats.pilots_chosen == 0


NAMES = ("Camille Imaginaire", "Jean Exemple", "Camille", "Jean")


def test_public_samples_hold_no_name_and_no_confidential_entry(narrative_host):
    internal, public = samples.sample_territory_view(), samples.sample_territory_view(audience="public")
    fiche = render(narrative_host, "fiche", public, Subject.TERRITORY)

    assert public.audience == "public"
    assert any(e.confidential for e in internal.entries)
    assert not any(e.confidential for e in public.entries)
    assert all(name in internal.model_dump_json() for name in NAMES)
    for text in (
        public.model_dump_json(),
        samples.sample_cohort_view(audience="public").model_dump_json(),
        fiche,
    ):
        assert not any(name in text for name in NAMES)
    assert "Atelier des possibles" in fiche  # the ally is named by its organisation
    assert samples.sample_day_view(audience="public").audience == "public"


def test_the_sample_cohort_figures_are_those_of_its_entries():
    view = samples.sample_cohort_view()
    stats = samples.sample_stats()
    kinds = Counter(e.type for e in view.entries)

    assert stats == view.stats
    assert stats.joined == kinds["territory_joined"] == 1
    assert stats.approached == kinds["territory_approached"] == 1
    assert stats.in_person_days == kinds["in_person_day_held"] == 1
    assert stats.effects == kinds["effect_observed"] == 1
    assert stats.limits == kinds["limit_observed"] == 1
    assert stats.milestones == kinds["milestone_reached"] == 1
    assert (
        stats.interviews == sum(e.facts["count"] for e in view.entries if e.type == "interviews_held") == 12
    )
    assert stats.days_spent == view.territories[0].pilot.days_spent == 3  # type: ignore[union-attr]
    assert stats.productions == {"poem": kinds["production_published"]}


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
