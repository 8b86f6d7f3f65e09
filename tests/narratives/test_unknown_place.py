"""A day of the common core whose place the history does not give is told without one.

`in_person_day_held` and `evaluation_day_held` may leave `place` out (a coordinator who does not know it, or
a session the simulator adds to a calendar). Every format tells such a day, in both languages, without a
made-up place and without the holes one would leave (« à None », « , , », « in  »).
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from transitions_core.history.importer import import_histories
from transitions_core.narrative.build import cohort_view, day_view, territory_view
from transitions_core.narrative.formats import Subject
from transitions_core.narrative.render import render
from transitions_core.plugins import Host
from transitions_core.store.locations import parse_store
from transitions_core.store.opening import open_store

HISTORY = """\
kind: history
cohort:
  id: sans-lieu-2026
  name: Cohorte sans lieu
  region: Bretagne
territories:
  - id: lanrivoal
    name: Lanrivoal
    kind: commune
entries:
  - date: 2026-01-15
    type: territory_joined
    territory: lanrivoal
  - date: 2026-03-10
    type: in_person_day_held
    number: 1
    place: Rennes
    theme: le lancement
    attendance: {low: 30}
  - date: 2026-05-12
    type: in_person_day_held
    number: 2
    theme: les diagnostics sensibles
    attendance: {low: 25, high: 28}
    feedback:
      - text: On a enfin parlé de la même chose.
  - date: 2026-11-20
    type: evaluation_day_held
"""
HOLES = re.compile(r"\bNone\b|à ,|à \.|, ,|\bin ,|\bin \.|,\s*\(|\s+:\s*$", re.MULTILINE)


@pytest.fixture(scope="module")
def readmodel(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("sans-lieu") / "sans-lieu.yaml"
    path.write_text(HISTORY, encoding="utf-8")
    with open_store(parse_store("memory:")) as store:
        import_histories(store.app, [path])
        yield store.caught_up()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_format_tells_a_day_without_its_place(host: Host, readmodel, lang: str) -> None:
    cohort = cohort_view(readmodel, "sans-lieu-2026")
    territory = territory_view(readmodel, "sans-lieu-2026", "lanrivoal")
    texts = {
        fmt: render(host, fmt, cohort, Subject.COHORT, lang) for fmt in ("report", "newsletter", "timeline")
    }
    texts |= {fmt: render(host, fmt, territory, Subject.TERRITORY, lang) for fmt in ("timeline", "fiche")}
    for number, day in ((1, date(2026, 3, 10)), (2, date(2026, 5, 12))):
        texts[f"poem {number}"] = render(
            host, "poem", day_view(readmodel, "sans-lieu-2026", day), Subject.DAY, lang
        )
    for name, text in texts.items():
        assert not HOLES.search(text), f"{name} {lang}: {HOLES.search(text)}\n{text}"
    # The day with a place is placed, the one without is told all the same.
    rennes = "à Rennes" if lang == "fr" else "in Rennes"
    assert rennes in texts["poem 1"] and "Rennes" not in texts["poem 2"], texts["poem 2"]
    assert "les diagnostics sensibles" in texts["report"], texts["report"]
