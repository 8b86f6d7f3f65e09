"""Views built from reads shared across a cohort equal the views built the old way, one territory at a time.

`cohort_view` reads and corrects the cohort's own entries once for all its territories, `cohort_profile`
reads only the rows that make the profile, and the stats reuse the entries already read. Each is checked
here against the straightforward computation over every row of the cohort, on the bundled Occitanie
history and on a simulated cohort (declined and joined territories, sessions naming who took part).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import SCENARIOS
from transitions_core.narrative.audience import Audience
from transitions_core.narrative.build import _territory_view, cohort_view, day_view
from transitions_core.store.locations import parse_store
from transitions_core.store.opening import open_store
from transitions_core.timeline.readmodel import TimelineReadModel
from transitions_core.timeline.stats import cohort_stats
from transitions_core.timeline.view import (
    CohortProfile,
    TimelineEntry,
    cohort_entries,
    cohort_profile,
    concerns,
    corrected_entries,
    profile_of_cohort,
    territory_timeline,
)

OCCITANIE = "occitanie-2024"
CUTOFFS = (None, date(2024, 6, 30), date(2025, 1, 1))


@pytest.fixture(scope="module")
def simulated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TimelineReadModel, str]]:
    """One run of the baseline scenario, stored as `transitions simulate --keep` would."""
    from transitions_core.simulation.model.run import Models, RunContext, simulate_run
    from transitions_core.simulation.scenario.loading import load_scenario

    loaded = load_scenario(SCENARIOS / "baseline-occitanie.yaml")
    point = loaded.points[0]
    [cohort] = simulate_run(point.scenario, RunContext.of(loaded, point, 3), 0, Models())
    path = Path(tmp_path_factory.mktemp("simulated")) / "store.sqlite"
    with open_store(parse_store(str(path)), key_variable=None) as store:
        store.app.append(cohort.events)
        yield store.caught_up(), cohort.slug


@pytest.fixture(params=["occitanie", "simulated"])
def cohort(request, occitanie, simulated) -> tuple[TimelineReadModel, str]:
    """Each cohort in turn: (read model, cohort id)."""
    return (occitanie, OCCITANIE) if request.param == "occitanie" else simulated


def slugs(readmodel: TimelineReadModel, cohort: str) -> list[str]:
    return [row.territory or "" for row in readmodel.aggregates(kind="territory", cohort=cohort)]


def profile_the_old_way(readmodel: TimelineReadModel, cohort: str) -> CohortProfile:
    """What `cohort_profile` computed before: every row of the cohort, corrected, then the opening."""
    return profile_of_cohort(cohort, corrected_entries(readmodel.rows(cohort, territory=None)))


def test_the_cohort_profile_from_its_own_rows_is_the_one_from_every_row(cohort):
    readmodel, cohort_id = cohort
    assert cohort_profile(readmodel, cohort_id) == profile_the_old_way(readmodel, cohort_id)


def test_a_territory_timeline_from_shared_entries_is_the_one_read_alone(cohort):
    readmodel, cohort_id = cohort
    shared = cohort_entries(readmodel, cohort_id)
    for slug in slugs(readmodel, cohort_id):
        for cutoff in CUTOFFS:
            alone = territory_timeline(readmodel, cohort_id, slug, cutoff)
            assert territory_timeline(readmodel, cohort_id, slug, cutoff, shared) == alone


def test_the_shared_entries_concern_the_territories_concerns_says(cohort):
    readmodel, cohort_id = cohort
    shared = cohort_entries(readmodel, cohort_id)
    assert shared.entries
    for slug in slugs(readmodel, cohort_id):
        assert shared.concerning(slug) == [e for e in shared.entries if concerns(e, slug)]


def test_some_session_of_the_simulated_cohort_names_who_took_part(simulated):
    # Otherwise the test above would not exercise the sets of territories it is about.
    readmodel, cohort_id = simulated
    shared = cohort_entries(readmodel, cohort_id)
    assert any(e.facts.get("territories") for e in shared.entries)


@pytest.mark.parametrize("audience", [Audience.INTERNAL, Audience.PUBLIC])
def test_a_cohort_view_holds_the_territory_views_built_one_by_one(cohort, audience):
    readmodel, cohort_id = cohort
    for cutoff in CUTOFFS:
        view = cohort_view(readmodel, cohort_id, cutoff, audience=audience)
        if audience is Audience.INTERNAL:
            one_by_one = tuple(
                _territory_view(readmodel, cohort_id, slug, cutoff, audience)
                for slug in slugs(readmodel, cohort_id)
            )
            assert view.territories == one_by_one
        assert view.cohort == profile_the_old_way(readmodel, cohort_id)
        confidential = audience is not Audience.PUBLIC
        assert view.stats == cohort_stats(readmodel, cohort_id, cutoff, confidential=confidential)


def test_the_stats_from_entries_already_read_are_the_stats_read_afresh(cohort):
    readmodel, cohort_id = cohort
    every = corrected_entries(readmodel.rows(cohort_id))
    for cutoff in CUTOFFS:
        for confidential in (True, False):
            afresh = cohort_stats(readmodel, cohort_id, cutoff, confidential)
            assert cohort_stats(readmodel, cohort_id, cutoff, confidential, every=every) == afresh


def test_the_entries_read_by_territory_are_every_entry_in_recording_order(cohort):
    readmodel, cohort_id = cohort
    shared = cohort_entries(readmodel, cohort_id)
    by_territory: list[TimelineEntry] = []
    for slug in slugs(readmodel, cohort_id):
        by_territory += corrected_entries(readmodel.rows(cohort_id, slug, cohort_level=False))
    joined = sorted([*shared.entries, *by_territory], key=lambda e: e.position)
    assert joined == corrected_entries(readmodel.rows(cohort_id))


def test_a_day_view_shares_its_cohort_entries_without_changing(occitanie):
    day = date(2024, 5, 7)
    view = day_view(occitanie, OCCITANIE, day)
    assert view.cohort == profile_the_old_way(occitanie, OCCITANIE)
    assert view.territories == tuple(
        territory_timeline(occitanie, OCCITANIE, slug)[0] for slug in slugs(occitanie, OCCITANIE)
    )
