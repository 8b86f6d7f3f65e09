"""The imaginary Breton cohort: it imports cleanly, renders in every format, and its places and names agree."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from transitions_core.history.importer import import_histories
from transitions_core.narrative.audience import Audience
from transitions_core.narrative.build import cohort_view, day_view, territory_view
from transitions_core.narrative.formats import Subject
from transitions_core.narrative.render import render
from transitions_core.plugins import Host, load_host
from transitions_core.store.locations import parse_store
from transitions_core.store.opening import open_store
from transitions_core.timeline.readmodel import TimelineReadModel

BRETAGNE = Path(__file__).resolve().parents[2] / "scenarios" / "exemple-bretagne.yaml"
COHORT = "bretagne-imaginaire-2026"
TERRITORIES = ("lanvenec", "le-roz-vihan", "kerbrume", "vilaine-brume")
PEOPLE = ("Erwan Quéré", "Gwenaëlle Le Dantec", "Loïc Mével", "Anne Guivarc'h")


@pytest.fixture(scope="module")
def bretagne() -> Iterator[TimelineReadModel]:
    with open_store(parse_store("memory:")) as store:
        report = import_histories(store.app, [BRETAGNE])
        assert report.appended and not report.unchanged
        yield store.caught_up()


@pytest.fixture(scope="module")
def host() -> Host:
    return load_host()


def test_it_is_marked_imaginary():
    assert (
        "IMAGINAIRE : aucun de ces faits n'a eu lieu" in BRETAGNE.read_text(encoding="utf-8").splitlines()[0]
    )


def test_every_format_renders_in_both_languages_and_audiences(bretagne, host):
    for audience in Audience:
        for lang in ("fr", "en"):
            for fmt in host.formats.values():
                if Subject.TERRITORY in fmt.subjects:
                    for slug in TERRITORIES:
                        view = territory_view(bretagne, COHORT, slug, audience=audience)
                        assert render(host, fmt.name, view, Subject.TERRITORY, lang).strip()
                if Subject.COHORT in fmt.subjects:
                    view = cohort_view(bretagne, COHORT, audience=audience)
                    assert render(host, fmt.name, view, Subject.COHORT, lang).strip()
                if Subject.PERIOD in fmt.subjects:
                    quiet = cohort_view(
                        bretagne, COHORT, period=(date(2026, 8, 1), date(2026, 9, 30)), audience=audience
                    )
                    assert render(host, fmt.name, quiet, Subject.PERIOD, lang).strip()
                if Subject.DAY in fmt.subjects:
                    view = day_view(bretagne, COHORT, date(2026, 4, 14), audience=audience)
                    assert render(host, fmt.name, view, Subject.DAY, lang).strip()


def timeline(host: Host, bretagne: TimelineReadModel, audience: Audience = Audience.INTERNAL) -> str:
    return render(host, "timeline", cohort_view(bretagne, COHORT, audience=audience), Subject.COHORT)


def test_places_and_organisations_take_their_articles(bretagne, host):
    text = timeline(host, bretagne)
    for expected in (
        "L'ARIE Bretagne (Gwenaëlle Le Dantec, chargée de mission) rejoint la cohorte",
        "Les Ateliers du Trégor (Erwan Quéré, allié) rejoignent la cohorte",
        "Lanvenec\u202f: accompagnement du projet pilote confié aux Ateliers du Trégor, qui avaient aussi mené",
        "confié à l'ARIE Bretagne",
        "Infolettre n°\u202f1, par l'ARIE Bretagne.",
    ):
        assert expected in text
    profiles = {
        slug: render(
            host, "timeline", territory_view(bretagne, COHORT, slug), Subject.TERRITORY
        ).splitlines()[1]
        for slug in TERRITORIES
    }
    assert profiles == {
        "lanvenec": "Commune du Finistère (Bretagne)\u202f: 2\u202f340 habitants et 31,4 km².",
        "le-roz-vihan": "Commune du Morbihan (Bretagne)\u202f: 980 habitants.",
        "kerbrume": "Communauté de communes des Côtes-d'Armor (Bretagne)\u202f: 21\u202f400 habitants, 402 km² et 18 communes.",
        "vilaine-brume": "Communauté d'agglomération d'Ille-et-Vilaine (Bretagne)\u202f: 58\u202f200 habitants et 24 communes.",
    }


def test_a_public_text_keeps_the_organisations_and_names_no_one(bretagne, host):
    text = timeline(host, bretagne, Audience.PUBLIC)
    assert "Les Ateliers du Trégor rejoignent la cohorte" in text
    assert "confié aux Ateliers du Trégor" in text
    assert "un participant" not in text
    for person in PEOPLE:
        assert person not in text


def test_the_corrections_and_the_retraction_apply(bretagne, host):
    lanvenec = render(host, "timeline", territory_view(bretagne, COHORT, "lanvenec"), Subject.TERRITORY)
    assert "16 entretiens pour le diagnostic sensible. (corrigé\u202f: deux entretiens" in lanvenec
    assert "entre 26 et 29 participants. (corrigé" in lanvenec
    kerbrume = territory_view(bretagne, COHORT, "kerbrume")
    assert [limit.description for limit in kerbrume.limits] == [
        "La tournée des communes a pris plus de temps que prévu et reste inachevée."
    ]


def test_the_quiet_months_hold_no_news(bretagne):
    quiet = cohort_view(bretagne, COHORT, period=(date(2026, 8, 1), date(2026, 9, 30)))
    assert quiet.entries == ()
    busy = cohort_view(bretagne, COHORT, period=(date(2026, 5, 1), date(2026, 7, 31)))
    assert {e.type for e in busy.entries} >= {"webinar_held", "in_person_day_held", "peer_exchange_held"}
