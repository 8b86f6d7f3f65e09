"""What the narratives remember between calls, and what seeds their choices.

`prose.seed_of` seeds a text's choices by what it narrates (its cohort and territory, its day), never by
its facts; the timeline remembers how it wrote each date.
"""

from __future__ import annotations

import random

from transitions_core.narrative.build import territory_view
from transitions_core.testing.samples import sample_territory_view
from transitions_narratives import prose

OCCITANIE = "occitanie-2024"


def draws(rng: random.Random) -> list[float]:
    return [rng.random() for _ in range(5)]


def test_a_seed_is_the_same_for_the_same_territory_whatever_its_facts():
    view = sample_territory_view()
    changed = view.model_copy(update={"entries": view.entries[:1]})
    assert draws(prose.seed_of(view, "headline")) == draws(prose.seed_of(changed, "headline"))


def test_another_territory_another_salt_give_other_choices(occitanie):
    gruissan = territory_view(occitanie, OCCITANIE, "gruissan")
    sicoval = territory_view(occitanie, OCCITANIE, "sicoval")
    assert draws(prose.seed_of(gruissan, "headline")) != draws(prose.seed_of(sicoval, "headline"))
    assert draws(prose.seed_of(gruissan, "headline")) != draws(prose.seed_of(gruissan, "pilot"))


def test_anything_else_is_seeded_by_its_repr():
    assert draws(prose.seed_of((1, "a"), "sel")) == draws(prose.seed_of((1, "a"), "sel"))
    assert draws(prose.seed_of((1, "a"), "sel")) != draws(prose.seed_of((1, "b"), "sel"))


def test_a_date_is_written_as_it_was_without_remembering(occitanie):
    from transitions_core.text.french import date_short
    from transitions_narratives import timeline_text

    view = territory_view(occitanie, OCCITANIE, "gruissan")
    for entry in view.entries:
        assert timeline_text.short_date(entry.occurred) == date_short(entry.occurred)
