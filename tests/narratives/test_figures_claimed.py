"""The report's figures claim only what the history holds.

A webinar is told as recorded, or not, only when the history says so.

`webinar_held` carries `recorded: true|false` or nothing (unknown). The report's figures, `stats` and
the site's figures count the recordings among the webinars whose recording is stated, say how many are
unknown, and say nothing of recordings when none is stated: « 0 enregistré » would claim an absence.
A cohort with no territory yet says so in words, not with an empty list after a colon.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from transitions_core.history.importer import import_histories
from transitions_core.narrative.build import cohort_view
from transitions_core.narrative.formats import Subject
from transitions_core.narrative.render import render
from transitions_core.plugins import Host
from transitions_core.store.locations import parse_store
from transitions_core.store.opening import open_store
from transitions_core.timeline.stats import cohort_stats
from transitions_core.timeline.stats_text import render_stats

HISTORY = """\
kind: history
cohort:
  id: ecoute-2026
  name: Cohorte d'écoute
  region: Bretagne
entries:
  - date: 2026-03-10
    type: webinar_held
    number: 1
    theme: la résilience
{first}
  - date: 2026-04-10
    type: webinar_held
    number: 2
    theme: le projet de territoire
{second}
  - date: 2026-05-10
    type: webinar_held
    number: 3
    theme: la communication
"""


def report_and_stats(tmp_path: Path, host: Host, first: str, second: str) -> tuple[str, str, str]:
    path = tmp_path / "ecoute.yaml"
    path.write_text(HISTORY.format(first=first, second=second), encoding="utf-8")
    with open_store(parse_store("memory:")) as store:
        import_histories(store.app, [path])
        readmodel = store.caught_up()
        view = cohort_view(readmodel, "ecoute-2026")
        fr = render(host, "report", view, Subject.COHORT, "fr")
        en = render(host, "report", view, Subject.COHORT, "en")
        texts = fr, en, render_stats(cohort_stats(readmodel, "ecoute-2026"))
    # French typography puts a narrow no-break space before « ; »: compared as a plain space.
    return tuple(t.replace("\u202f", " ").replace("\u00a0", " ") for t in texts)  # type: ignore[return-value]


@pytest.mark.parametrize(
    ("first", "second", "fr", "en", "stats"),
    [
        ("", "", "3 webinaires ;", "3 webinars;", "3 webinaires\n"),
        (
            "    recorded: true",
            "    recorded: false",
            "3 webinaires (1 enregistré, 1 sans information sur son enregistrement) ;",
            "3 webinars (1 recorded, 1 with no word on its recording);",
            "3 webinaires, dont 1 enregistré (1 sans information sur son enregistrement)\n",
        ),
        (
            "    recorded: false",
            "    recorded: false",
            "3 webinaires (aucun enregistré, 1 sans information sur son enregistrement) ;",
            "3 webinars (0 recorded, 1 with no word on its recording);",
            "3 webinaires, dont 0 enregistré (1 sans information sur son enregistrement)\n",
        ),
    ],
)
def test_recordings_are_counted_among_the_webinars_that_state_them(
    tmp_path: Path, host: Host, first: str, second: str, fr: str, en: str, stats: str
) -> None:
    report_fr, report_en, text = report_and_stats(tmp_path, host, first, second)
    assert fr in report_fr, report_fr
    assert en in report_en, report_en
    assert stats in text, text
    if not first:
        assert "enregistr" not in report_fr.split("## 2.")[0]
        assert "webinars (" not in report_en


def test_a_cohort_without_territories_says_so(tmp_path: Path, host: Host) -> None:
    fr, en, _ = report_and_stats(tmp_path, host, "", "")
    assert "3. Les territoires : aucun territoire engagé\n" in fr, fr
    assert "aucun territoire approché ; aucun territoire engagé dans la cohorte" in fr, fr
    assert "L'historique ne mentionne aucun territoire engagé dans la cohorte.\n\n## 4." in fr, fr
    assert "3. The territories: no territory has joined\n" in en, en
    assert "no territory approached; no territory joined the cohort" in en, en
