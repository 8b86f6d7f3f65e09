"""What the narratives remember between calls gives the text they gave without remembering.

`prose.seed_of` keeps each view's canonical dump while the view lives; the timeline remembers how it
wrote each date.
"""

from __future__ import annotations

import gc
import hashlib
import json
import random

from transitions_core.narrative.build import territory_view
from transitions_core.testing.samples import sample_territory_view
from transitions_narratives import prose

OCCITANIE = "occitanie-2024"


def seed_the_old_way(view, salt: str = "") -> random.Random:
    """`seed_of` as it was: the view dumped and hashed at every call."""
    dump = view.model_dump(mode="json")
    canonical = json.dumps(prose._facts_only(dump), sort_keys=True, ensure_ascii=False)
    digest = hashlib.sha256((salt + canonical).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def draws(rng: random.Random) -> list[float]:
    return [rng.random() for _ in range(5)]


def test_a_seed_is_the_one_the_view_always_gave(occitanie):
    view = territory_view(occitanie, OCCITANIE, "gruissan")
    for salt in ("", "headline", "pilot", "éléphant"):
        for _ in range(2):  # the second call reads the remembered dump
            assert draws(prose.seed_of(view, salt)) == draws(seed_the_old_way(view, salt))


def test_a_changed_copy_of_a_view_is_dumped_afresh():
    view = sample_territory_view()
    before = draws(prose.seed_of(view, "headline"))
    changed = view.model_copy(update={"territory": view.territory.model_copy(update={"name": "Ailleurs"})})
    assert draws(prose.seed_of(changed, "headline")) == draws(seed_the_old_way(changed, "headline"))
    assert draws(prose.seed_of(changed, "headline")) != before
    assert draws(prose.seed_of(view, "headline")) == before


def test_a_view_that_is_gone_leaves_nothing_behind():
    gc.collect()
    held = len(prose._CANONICAL)
    view = sample_territory_view()
    prose.seed_of(view)
    assert len(prose._CANONICAL) == held + 1
    del view
    gc.collect()
    assert len(prose._CANONICAL) == held


def test_a_new_view_at_the_address_of_a_dead_one_is_not_taken_for_it():
    for name in ("Un", "Deux", "Trois", "Quatre"):
        view = sample_territory_view()
        view = view.model_copy(update={"territory": view.territory.model_copy(update={"name": name})})
        assert draws(prose.seed_of(view)) == draws(seed_the_old_way(view))
        del view


def test_anything_else_is_seeded_by_its_repr():
    expected = hashlib.sha256(("sel" + json.dumps(repr((1, "a")), ensure_ascii=False)).encode()).digest()
    rng = random.Random(int.from_bytes(expected[:8], "big"))
    assert draws(prose.seed_of((1, "a"), "sel")) == draws(rng)


def test_a_date_is_written_as_it_was_without_remembering(occitanie):
    from transitions_core.text.french import date_short
    from transitions_narratives import timeline_text

    view = territory_view(occitanie, OCCITANIE, "gruissan")
    for entry in view.entries:
        assert timeline_text._short(entry.occurred) == date_short(entry.occurred)
