"""The benchmarks' generated stores are valid: every territory replays, the padded ones hold 100 events."""

from __future__ import annotations

from pathlib import Path

from benchmarks.generate import EVENTS_PER_TERRITORY, build

from transitions_core.domain.identity import territory_id
from transitions_core.narrative.audience import Audience
from transitions_core.narrative.build import territory_view
from transitions_core.narrative.formats import Subject
from transitions_core.narrative.render import render
from transitions_core.plugins import load_host
from transitions_core.store.checking import check_store
from transitions_core.store.locations import parse_store
from transitions_core.store.opening import open_store


def test_a_generated_store_replays_every_territory(tmp_path: Path) -> None:
    generated = build(tmp_path / "store.sqlite", 3)

    with open_store(parse_store(str(generated.path)), create=False, key_variable=None) as store:
        rows = store.caught_up().aggregates(kind="territory")
        sizes = [len(store.app.stored_events(territory_id(r.cohort, r.territory or ""))) for r in rows]
        host = load_host()
        for row in rows:
            view = territory_view(store.timeline, row.cohort, row.territory or "", None, Audience.INTERNAL)
            assert render(host, "timeline", view, Subject.TERRITORY, "fr").startswith(row.name)
        problems = check_store(store).problems

    assert sizes.count(EVENTS_PER_TERRITORY) == 3
    assert sum(sizes) + generated.cohorts <= generated.events
    assert problems == []
