"""Small, valid sample views for plugin authors' tests, built exactly as the command line builds them.

Everything here is imaginary: "Les Aubiers" is a commune of the "Val imaginaire" cohort, whose history is
`sample-history.yaml`, beside this module. It is imported once per process into an in-memory store, and
each function builds its view from that store with the command line's own builders: `as_of` cuts the
history as `--as-of` does, `audience="public"` gives what `--audience public` gives (no confidential
entry, no person's name), and the cohort's figures are computed from its entries as `transitions stats`
computes them. A test that needs a variant copies a view: `view.model_copy(update={...})`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import lru_cache
from importlib.resources import as_file, files
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from transitions_core.narrative.views import CohortView, DayView, TerritoryView
    from transitions_core.timeline.readmodel import TimelineReadModel
    from transitions_core.timeline.stats import CohortStats

COHORT = "val-imaginaire-2026"
TERRITORY = "les-aubiers"
FIRST_DAY = date(2026, 5, 12)
#: When the sample history was "recorded": fixed, so that a sample view is the same in every run.
RECORDED = datetime(2027, 6, 30, 12, 0, tzinfo=UTC)
HISTORY = "sample-history.yaml"


@lru_cache(maxsize=1)
def sample_readmodel() -> TimelineReadModel:
    """The sample history, imported into an in-memory store kept for the whole process."""
    from transitions_core.history.session import ImportSession
    from transitions_core.store.locations import parse_store
    from transitions_core.store.opening import open_store

    store = open_store(parse_store("memory:"), key_variable=None)
    session = ImportSession(store.app)
    session.recorded_at = RECORDED
    with as_file(files("transitions_core.testing") / HISTORY) as path:
        session.read_file(path)
    store.app.append(session.events, session.states)
    return store.caught_up()


def sample_territory_view(as_of: date | str | None = None, audience: str = "internal") -> TerritoryView:
    """Les Aubiers, as `transitions replay les-aubiers [--as-of DATE] [--audience public]` would see it."""
    from transitions_core.narrative.audience import Audience
    from transitions_core.narrative.build import territory_view

    return territory_view(sample_readmodel(), COHORT, TERRITORY, _day(as_of), Audience(audience))


def sample_cohort_view(as_of: date | str | None = None, audience: str = "internal") -> CohortView:
    """The imaginary cohort, with Les Aubiers as its one territory, as `transitions cohort` would see it."""
    from transitions_core.narrative.audience import Audience
    from transitions_core.narrative.build import cohort_view

    return cohort_view(sample_readmodel(), COHORT, _day(as_of), audience=Audience(audience))


def sample_day_view(audience: str = "internal") -> DayView:
    """The cohort's first in-person day, held at Les Aubiers, with its poem."""
    from transitions_core.narrative.audience import Audience
    from transitions_core.narrative.build import day_view

    return day_view(sample_readmodel(), COHORT, FIRST_DAY, Audience(audience))


def sample_stats() -> CohortStats:
    """The figures of the imaginary cohort, computed from its entries."""
    return sample_cohort_view().stats


def _day(value: date | str | None) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value
