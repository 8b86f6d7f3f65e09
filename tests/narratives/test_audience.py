"""Public and internal narratives: a public one holds no confidential entry and no person's name, in every
format; an internal one holds everything. The filtering is done on the views, so every plugin gets it."""

from __future__ import annotations

import html
import json
import typing
from datetime import date
from typing import Any

import pytest

from tests.narratives.conftest import OCCITANIE_TERRITORIES, assert_clean_french
from transitions_core.domain.events import EVENT_TYPES
from transitions_core.domain.values import Person
from transitions_core.narrative.audience import Audience, PublicView, role_phrase
from transitions_core.narrative.build import cohort_view, day_view, territory_view
from transitions_core.narrative.formats import Subject
from transitions_core.narrative.render import render
from transitions_core.timeline.readmodel import TimelineReadModel
from transitions_core.timeline.view import corrected_entries

COHORT = "occitanie-2024"
PUBLIC = Audience.PUBLIC
#: What the two confidential webinars (5 and 6) say; nothing else in the history says it.
CONFIDENTIAL_THEMES = ("pairs à pairs comment", "préparation de la journée d'évaluation")
TERRITORY_FORMATS = ("timeline", "json", "fiche", "article", "poem")
COHORT_FORMATS = ("timeline", "json", "newsletter", "newsletter-html", "report", "report-html")
DAYS = (date(2024, 5, 7), date(2024, 6, 24), date(2025, 1, 21))


def person_fields(event_type: type) -> list[str]:
    """The fields of an event type that hold a Person or a list of them."""
    return [
        name
        for name, info in event_type.model_fields.items()
        if info.annotation is Person or typing.get_args(info.annotation) == (Person,)
    ]


def person_names(readmodel: TimelineReadModel) -> set[str]:
    """Every name the history gives in a Person field or beside a quote, whatever the entry (confidential ones too)."""
    names = set()
    for entry in corrected_entries(readmodel.rows(COHORT)):
        for field in person_fields(EVENT_TYPES[entry.type]) if entry.type in EVENT_TYPES else []:
            value = entry.facts.get(field) or []
            for person in value if isinstance(value, list) else [value]:
                names.add(person["name"])
        for item in entry.facts.get("quotes", []):  # a quote's speaker written `Name, role`
            name, comma, _ = (item.get("speaker") or "").partition(",")
            if comma and name[:1].isupper():
                names.add(name.strip())
    return names


@pytest.fixture(scope="module")
def names(occitanie) -> set[str]:
    found = person_names(occitanie)
    assert {"Elsa Bonal", "Jean-Louis Chambon", "Mathieu Gabard", "Joël Bouis"} <= found
    return found


def assert_public(text: str, names: set[str]) -> None:
    text = html.unescape(text)
    leaked = sorted(n for n in names if n in text)
    assert leaked == [], f"names in a public output: {leaked}"
    for theme in CONFIDENTIAL_THEMES:
        assert theme not in text, f"a confidential entry in a public output: {theme!r}"


def check_format(text: str, fmt: str) -> None:
    """JSON says it is public; French text stays clean French."""
    if fmt == "json":
        document = json.loads(text)
        assert document["audience"] == "public"
        assert not any(e["confidential"] for e in document["entries"])
    elif not fmt.endswith("html"):
        assert_clean_french(text)


@pytest.mark.parametrize("fmt", TERRITORY_FORMATS)
@pytest.mark.parametrize("territory", OCCITANIE_TERRITORIES)
def test_a_public_territory_narrative_names_nobody_and_keeps_secrets(host, occitanie, names, territory, fmt):
    view = territory_view(occitanie, COHORT, territory, audience=PUBLIC)
    text = render(host, fmt, view, Subject.TERRITORY)
    assert_public(text, names)
    check_format(text, fmt)


@pytest.mark.parametrize("fmt", COHORT_FORMATS)
def test_a_public_cohort_narrative_names_nobody_and_keeps_secrets(host, occitanie, names, fmt):
    text = render(host, fmt, cohort_view(occitanie, COHORT, audience=PUBLIC), Subject.COHORT)
    assert_public(text, names)
    check_format(text, fmt)


@pytest.mark.parametrize("fmt", ["newsletter", "newsletter-html"])
def test_a_public_digest_of_the_autumn_keeps_the_confidential_webinars_out(host, occitanie, names, fmt):
    view = cohort_view(occitanie, COHORT, period=(date(2024, 9, 1), date(2024, 12, 31)), audience=PUBLIC)
    text = render(host, fmt, view, Subject.PERIOD)
    assert_public(text, names)
    check_format(text, fmt)


@pytest.mark.parametrize("day", DAYS)
def test_a_public_day_poem_names_nobody(host, occitanie, names, day):
    text = render(host, "poem", day_view(occitanie, COHORT, day, audience=PUBLIC), Subject.DAY)
    assert_public(text, names)
    assert_clean_french(text)
    assert "l'écrivain-poète" in text


def test_the_public_views_themselves_hold_no_name_so_any_plugin_is_safe(occitanie, names):
    views = [
        *(territory_view(occitanie, COHORT, t, audience=PUBLIC) for t in OCCITANIE_TERRITORIES),
        cohort_view(occitanie, COHORT, audience=PUBLIC),
        *(day_view(occitanie, COHORT, d, audience=PUBLIC) for d in DAYS),
    ]
    for view in views:
        assert view.audience == "public"
        dump = view.model_dump_json()
        assert_public(dump, names)
        assert "Florence a été" not in dump  # a first name alone is a name too


@pytest.mark.parametrize("fmt", TERRITORY_FORMATS)
def test_an_internal_territory_narrative_still_names_people(host, occitanie, names, fmt):
    text = render(host, fmt, territory_view(occitanie, COHORT, "le-vigan"), Subject.TERRITORY)
    assert any(name in text for name in names)
    assert all(theme in text for theme in CONFIDENTIAL_THEMES) is (fmt in ("timeline", "json"))


@pytest.mark.parametrize("fmt", COHORT_FORMATS)
def test_an_internal_cohort_narrative_keeps_names_and_confidential_webinars(host, occitanie, names, fmt):
    text = html.unescape(render(host, fmt, cohort_view(occitanie, COHORT), Subject.COHORT))
    assert any(name in text for name in names)
    assert all(theme in text for theme in CONFIDENTIAL_THEMES)


def test_internal_narratives_show_the_names_and_the_confidential_webinars(host, occitanie):
    timeline = render(host, "timeline", territory_view(occitanie, COHORT, "gruissan"), Subject.TERRITORY)
    assert "Frédérique Assal et Olivier Pezilla (Pôles en pomme)" in timeline
    assert all(theme in timeline for theme in CONFIDENTIAL_THEMES)
    fiche = render(host, "fiche", territory_view(occitanie, COHORT, "canohes"), Subject.TERRITORY)
    assert "— Jean-Louis Chambon, maire" in fiche
    document = json.loads(render(host, "json", cohort_view(occitanie, COHORT), Subject.COHORT))
    assert document["audience"] == "internal"
    confidential = [e["facts"]["number"] for e in document["entries"] if e["confidential"]]
    assert confidential == [5, 6]
    assert document["stats"]["webinars"] == 6


def test_public_figures_do_not_count_confidential_entries(occitanie):
    internal, public = cohort_view(occitanie, COHORT), cohort_view(occitanie, COHORT, audience=PUBLIC)
    assert (internal.stats.webinars, public.stats.webinars) == (6, 4)
    assert public.stats.webinars_recorded == 4


def test_people_give_way_to_their_role_or_their_organisation(host, occitanie):
    le_vigan = territory_view(occitanie, COHORT, "le-vigan", audience=PUBLIC)
    assert le_vigan.pilot is not None
    assert [p.name for p in le_vigan.pilot.allies] == ["Déjà-là"]
    assert le_vigan.territory_view is not None
    assert le_vigan.territory_view.speakers == ()  # the report does not sign this view
    timeline = render(host, "timeline", le_vigan, Subject.TERRITORY)
    assert "La 3e adjointe souligne" in timeline  # the name inside the summary, at a sentence's start
    assert "(le directeur général des services)" in timeline
    barre = territory_view(occitanie, COHORT, "barre-des-cevennes", audience=PUBLIC)
    assert barre.territory_view is not None
    assert [p.name for p in barre.territory_view.speakers] == ["l'agent du PETR Sud-Lozère"]
    assert "Point de vue côté territoire, de l'agent du PETR Sud-Lozère." in render(
        host, "timeline", barre, Subject.TERRITORY
    )
    canohes = render(
        host, "timeline", territory_view(occitanie, COHORT, "canohes", audience=PUBLIC), Subject.TERRITORY
    )
    assert "(le maire)" in canohes
    montpellier = territory_view(occitanie, COHORT, "montpellier", audience=PUBLIC)
    assert montpellier.ally_view is not None and montpellier.ally_view.summary is not None
    assert "L'alliée a été confrontée" in montpellier.ally_view.summary
    assert montpellier.diagnostic.conducted_by == ("Tierre de confiance",)


def test_a_public_view_drops_the_coordinators_notes(occitanie):
    view = territory_view(occitanie, COHORT, "frontonnais", audience=PUBLIC)
    assert all(e.note is None for e in view.entries)
    assert any(e.note for e in territory_view(occitanie, COHORT, "frontonnais").entries)


@pytest.mark.parametrize(
    ("role", "phrase"),
    [
        ("maire", "le maire"),
        ("3e adjointe", "la 3e adjointe"),
        ("alliée", "l'alliée"),
        ("écrivain-poète", "l'écrivain-poète"),
        ("Directeur Général des Services", "le Directeur Général des Services"),
        ("chargée de mission", "la chargée de mission"),
        ("une élue", "une élue"),
        ("le président de la communauté", "le président de la communauté"),
    ],
)
def test_a_role_becomes_a_noun_phrase(role, phrase):
    assert role_phrase(role) == phrase


@pytest.mark.parametrize(
    ("speaker", "public"),
    [
        ("Jean-Louis Chambon, maire", "le maire"),
        ("Marie Inconnue, adjointe à la culture", "l'adjointe à la culture"),
        ("une élue", "une élue"),
        ("un élu", "un élu"),
        ("Marie Inconnue", "un participant"),
        ("Jean-Louis Chambon", "le maire"),
        (None, None),
    ],
)
def test_a_quote_is_attributed_to_a_role_never_to_a_name(speaker, public):
    people: dict[str, Any] = {"Jean-Louis Chambon": {"name": "Jean-Louis Chambon", "role": "maire"}}
    assert PublicView(people).speaker(speaker) == public
