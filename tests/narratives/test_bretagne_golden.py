"""The second bundled history, an imaginary Breton cohort, pinned in every format, language and audience.

It was written from scratch to try what Occitanie never does: a territory that declines, plural and
articled organisations, intercommunalities, corrections and a retraction, a period with no news. Each text
here was read before it was pinned; `TRANSITIONS_UPDATE_GOLDEN=1` rewrites them for a deliberate change.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import SCENARIOS
from tests.narratives.conftest import GOLDEN
from transitions_core.history.importer import import_histories
from transitions_core.narrative.audience import Audience
from transitions_core.narrative.build import cohort_view, day_view, territory_view
from transitions_core.narrative.formats import EXTENSIONS, Subject
from transitions_core.narrative.render import render
from transitions_core.plugins import Host
from transitions_core.store.locations import parse_store
from transitions_core.store.opening import open_store
from transitions_core.testing.golden import assert_golden
from transitions_core.timeline.readmodel import TimelineReadModel

COHORT = "bretagne-imaginaire-2026"
#: Lanvenec goes the whole way, Le Roz-Vihan declines, two intercommunalities in between.
TERRITORIES = ("lanvenec", "le-roz-vihan", "kerbrume", "vilaine-brume")
#: json is a dump of the view, with recording times: tests/narratives/test_timeline_and_fiche.py checks it.
TERRITORY_FORMATS = ("timeline", "fiche", "article", "poem")
COHORT_FORMATS = ("timeline", "report", "report-html", "newsletter", "newsletter-html")
#: A period with news, and the summer with none.
PERIODS = {"printemps": (date(2026, 3, 1), date(2026, 6, 30)), "ete": (date(2026, 8, 1), date(2026, 9, 30))}
DAY = date(2026, 4, 14)
LANGUAGES = ("fr", "en")
AUDIENCES = (Audience.INTERNAL, Audience.PUBLIC)
FOLDER = GOLDEN / "bretagne"


@pytest.fixture(scope="module")
def bretagne(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TimelineReadModel]:
    """The Breton cohort, imported once."""
    path = tmp_path_factory.mktemp("bretagne") / "store.sqlite"
    with open_store(parse_store(str(path))) as store:
        import_histories(store.app, [SCENARIOS / "exemple-bretagne.yaml"])
        yield store.caught_up()


def golden(host: Host, fmt: str, name: str, lang: str, audience: Audience) -> Path:
    extension = EXTENSIONS.get(host.format(fmt).media_type, "txt")
    return FOLDER / fmt.removesuffix("-html") / f"{name}.{lang}.{audience.value}.{extension}"


@pytest.mark.parametrize("audience", AUDIENCES, ids=lambda a: a.value)
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("fmt", TERRITORY_FORMATS)
@pytest.mark.parametrize("slug", TERRITORIES)
def test_each_territory_in_each_format(host: Host, bretagne, slug, fmt, lang, audience):
    view = territory_view(bretagne, COHORT, slug, audience=audience)
    text = render(host, fmt, view, Subject.TERRITORY, lang)
    assert_golden(text, golden(host, fmt, slug, lang, audience))


@pytest.mark.parametrize("audience", AUDIENCES, ids=lambda a: a.value)
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("fmt", COHORT_FORMATS)
def test_the_cohort_in_each_format(host: Host, bretagne, fmt, lang, audience):
    view = cohort_view(bretagne, COHORT, audience=audience)
    assert_golden(render(host, fmt, view, Subject.COHORT, lang), golden(host, fmt, "cohorte", lang, audience))


@pytest.mark.parametrize("audience", AUDIENCES, ids=lambda a: a.value)
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("period", sorted(PERIODS))
def test_a_newsletter_for_a_period_with_and_without_news(host: Host, bretagne, period, lang, audience):
    view = cohort_view(bretagne, COHORT, period=PERIODS[period], audience=audience)
    text = render(host, "newsletter", view, Subject.PERIOD, lang)
    assert_golden(text, golden(host, "newsletter", f"periode-{period}", lang, audience))


@pytest.mark.parametrize("audience", AUDIENCES, ids=lambda a: a.value)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_launch_day_poem(host: Host, bretagne, lang, audience):
    view = day_view(bretagne, COHORT, DAY, audience=audience)
    assert_golden(
        render(host, "poem", view, Subject.DAY, lang), golden(host, "poem", f"jour-{DAY}", lang, audience)
    )


def test_the_declined_territory_is_told_as_declined_everywhere(host: Host, bretagne):
    view = territory_view(bretagne, COHORT, "le-roz-vihan")
    assert not view.status.engaged and view.status.declined
    for fmt in ("fiche", "article", "poem"):
        text = render(host, fmt, view, Subject.TERRITORY, "fr")
        assert "rejoint la cohorte" not in text.replace("ne rejoint pas la cohorte", "").replace(
            "de ne pas rejoindre", ""
        ), text
    report = render(host, "report", cohort_view(bretagne, COHORT), Subject.COHORT, "fr")
    assert "### Le Roz-Vihan" not in report
