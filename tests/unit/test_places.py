"""The places of France: every département and région says its article and prepositions right."""

from __future__ import annotations

import csv
from importlib.resources import files

import pytest

from transitions_core.testing.samples import sample_territory_view
from transitions_core.text import places
from transitions_core.timeline.view import Profile
from transitions_narratives.sentences import describe_profile

#: The Code officiel géographique's own « charnière » for each TNCC: what `de` becomes before the name.
CHARNIERE = {"0": "de ", "1": "d'", "2": "du ", "3": "de la ", "4": "des ", "5": "de l'"}


def rows(kind: str) -> list[dict[str, str]]:
    """The data file's lines of one kind, read here without the module under test."""
    text = files("transitions_core.text").joinpath("places.csv").read_text(encoding="utf-8")
    lines = (line for line in text.splitlines() if line and not line.startswith("#"))
    return [row for row in csv.DictReader(lines) if row["kind"] == kind]


DEPARTMENTS = rows("department")
REGIONS = {row["code"]: row for row in rows("region")}


def cog_spelling(name: str) -> str:
    """A name as the COG's NCC column writes it: capitals, no accents, spaces for hyphens and apostrophes."""
    return places.fold(name).upper()


# --- the data ----------------------------------------------------------------------------------------


def test_the_data_holds_the_101_departments_and_the_18_regions():
    codes = [p.code for p in places.departments()]
    assert len(codes) == len(set(codes)) == 101
    assert {"2A", "2B", "971", "972", "973", "974", "976"} <= set(codes)
    assert "20" not in codes  # Corsica is two departments since 1976
    assert len(places.regions()) == 18
    assert {p.region for p in places.departments()} == {p.code for p in places.regions()}


def test_each_tncc_agrees_with_the_name_it_describes():
    # 1 (no article, `d'`) and 5 (`l'`) come before a vowel or a mute h; 0 (`de`), 2 (`le`), 3 (`la`)
    # before a consonant or an aspirated h (`la Haute-Garonne`); 4 (`les`) before either.
    for row in DEPARTMENTS + list(REGIONS.values()):
        first = places.fold(row["name"])[0]
        if row["tncc"] in ("1", "5"):
            assert first in "aeiouyh", row
        elif row["tncc"] in ("0", "2", "3"):
            assert first not in "aeiouy", row


def test_en_is_used_only_where_it_is_grammatical():
    # « en » + a name without article: feminine names and names starting with a vowel, never « en le … ».
    for place in places.places():
        if place.preposition == "en":
            assert place.article in ("", "la", "l'"), place


# --- the phrases -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "the", "of", "in_"),
    [
        ("Finistère", "le Finistère", "du Finistère", "dans le Finistère"),
        ("Côtes-d'Armor", "les Côtes-d'Armor", "des Côtes-d'Armor", "dans les Côtes-d'Armor"),
        ("Morbihan", "le Morbihan", "du Morbihan", "dans le Morbihan"),
        ("Ille-et-Vilaine", "Ille-et-Vilaine", "d'Ille-et-Vilaine", "en Ille-et-Vilaine"),
        ("Haute-Garonne", "la Haute-Garonne", "de la Haute-Garonne", "en Haute-Garonne"),
        ("Hérault", "l'Hérault", "de l'Hérault", "dans l'Hérault"),
        ("Ardèche", "l'Ardèche", "de l'Ardèche", "en Ardèche"),
        ("Maine-et-Loire", "Maine-et-Loire", "de Maine-et-Loire", "en Maine-et-Loire"),
        (
            "Territoire de Belfort",
            "le Territoire de Belfort",
            "du Territoire de Belfort",
            "dans le Territoire de Belfort",
        ),
        ("Paris", "Paris", "de Paris", "à Paris"),
        ("Guadeloupe", "la Guadeloupe", "de la Guadeloupe", "en Guadeloupe"),
        ("La Réunion", "la Réunion", "de la Réunion", "à la Réunion"),
        ("Mayotte", "Mayotte", "de Mayotte", "à Mayotte"),
        ("Corse-du-Sud", "la Corse-du-Sud", "de la Corse-du-Sud", "en Corse-du-Sud"),
    ],
)
def test_a_department_says_its_article_and_prepositions(name, the, of, in_):
    place = places.department(name)
    assert place is not None
    assert (place.the(), place.of(), place.in_()) == (the, of, in_)


REGION_PHRASES = {
    "Guadeloupe": ("de la Guadeloupe", "en Guadeloupe"),
    "Martinique": ("de la Martinique", "en Martinique"),
    "Guyane": ("de la Guyane", "en Guyane"),
    "Réunion": ("de la Réunion", "à la Réunion"),
    "Mayotte": ("de Mayotte", "à Mayotte"),
    "Île-de-France": ("d'Île-de-France", "en Île-de-France"),
    "Centre-Val de Loire": ("du Centre-Val de Loire", "dans le Centre-Val de Loire"),
    "Bourgogne-Franche-Comté": ("de Bourgogne-Franche-Comté", "en Bourgogne-Franche-Comté"),
    "Normandie": ("de Normandie", "en Normandie"),
    "Hauts-de-France": ("des Hauts-de-France", "dans les Hauts-de-France"),
    "Grand Est": ("du Grand Est", "dans le Grand Est"),
    "Pays de la Loire": ("des Pays de la Loire", "dans les Pays de la Loire"),
    "Bretagne": ("de Bretagne", "en Bretagne"),
    "Nouvelle-Aquitaine": ("de la Nouvelle-Aquitaine", "en Nouvelle-Aquitaine"),
    "Occitanie": ("d'Occitanie", "en Occitanie"),
    "Auvergne-Rhône-Alpes": ("d'Auvergne-Rhône-Alpes", "en Auvergne-Rhône-Alpes"),
    "Provence-Alpes-Côte d'Azur": ("de Provence-Alpes-Côte d'Azur", "en Provence-Alpes-Côte d'Azur"),
    "Corse": ("de Corse", "en Corse"),
}


def test_every_region_says_of_and_in():
    assert sorted(REGION_PHRASES) == sorted(row["name"] for row in REGIONS.values())
    for name, (of, in_) in REGION_PHRASES.items():
        region = places.region(name)
        assert region is not None
        assert (region.of(), region.in_()) == (of, in_)
        assert places.of_region(name) == of


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("finistere", "29"),
        ("FINISTÈRE", "29"),
        ("Cotes d'Armor", "22"),
        ("Côtes-d’Armor", "22"),  # the typographic apostrophe
        ("côtes d armor", "22"),
        ("les Côtes-d'Armor", "22"),
        ("Département des Côtes-d'Armor", "22"),
        ("ille et vilaine", "35"),
        ("Haute Garonne", "31"),
        ("la réunion", "974"),
        ("Réunion", "974"),
        ("2a", "2A"),
        ("974", "974"),
        ("  Morbihan ", "56"),
    ],
)
def test_a_department_is_found_however_it_is_written(written, code):
    found = places.department(written)
    assert found is not None and found.code == code


def test_regions_are_found_by_their_other_names():
    assert places.region("PACA") == places.region("Provence-Alpes-Côte d'Azur")
    assert places.region("Région Bretagne") == places.region("bretagne")
    assert places.region("Finistère") is None  # a department is not a region


# --- names the data does not know --------------------------------------------------------------------


def test_an_unknown_department_is_never_given_a_guessed_preposition():
    assert places.of_department("Comté imaginaire") is None
    assert places.located("Comté imaginaire") == "(Comté imaginaire)"
    assert places.located("Comté imaginaire", "Région imaginaire") == "(Comté imaginaire, Région imaginaire)"
    assert places.in_place("Comté imaginaire") is None


def test_a_name_written_with_its_article_or_given_one_is_safe():
    assert places.of_department("Les Monts d'Arrée") == "des Monts d'Arrée"
    assert places.of_department("Monts d'Arrée", "les") == "des Monts d'Arrée"
    assert places.of_department("Wallonie", "") == "de Wallonie"
    assert places.in_place("Monts d'Arrée", "les") == "dans les Monts d'Arrée"
    # The history's article wins over the data's.
    assert places.of_department("Finistère", "") == "de Finistère"


def test_located_puts_the_region_in_parentheses():
    assert places.located("Finistère", "Bretagne") == "du Finistère (Bretagne)"
    assert places.located(None, "Bretagne") == "(Bretagne)"
    assert places.located(None) == ""


# --- every department in a territory's profile -------------------------------------------------------


def profile_in(department: str, region: str | None, kind: str = "commune") -> Profile:
    return Profile(
        cohort="c", id="t", name="Kerbiquet", kind=kind, department=department, region=region, population=1200
    )


@pytest.mark.parametrize("row", DEPARTMENTS, ids=[row["code"] for row in DEPARTMENTS])
def test_every_department_gives_a_correct_profile_sentence(row):
    of = CHARNIERE[row["tncc"]] + row["name"]
    region = REGIONS[row["region"]]["name"]
    expected_line = f"Commune {of} ({region}) : 1\u202f200 habitants."
    expected_phrase = f"Commune {of} de 1\u202f200 habitants"
    for written in (row["name"], cog_spelling(row["name"])):
        profile = profile_in(written, region)
        assert describe_profile(profile) == expected_line
        view = sample_territory_view().model_copy(update={"territory": profile})
        assert article_opening(view).startswith(expected_phrase + ", Kerbiquet a rejoint")


def article_opening(view: object) -> str:
    """The article's standfirst as its first phrasing words it: `Commune du Finistère de 1 200 habitants, …`."""
    from transitions_narratives.wording import wording

    return wording("fr").say("article.standfirst.place", 0, t=view.territory, cohort=view.cohort)  # type: ignore[attr-defined]


def test_an_intercommunality_takes_the_department_the_same_way():
    profile = profile_in("Côtes-d'Armor", "Bretagne", kind="communauté de communes")
    assert (
        describe_profile(profile)
        == "Communauté de communes des Côtes-d'Armor (Bretagne) : 1\u202f200 habitants."
    )


def test_the_history_s_department_article_reaches_the_profile_sentence():
    profile = profile_in("Monts d'Arrée", "Bretagne").model_copy(update={"department_article": "les"})
    assert describe_profile(profile) == "Commune des Monts d'Arrée (Bretagne) : 1\u202f200 habitants."
    unknown = profile_in("Comté imaginaire", "Région imaginaire")
    assert (
        describe_profile(unknown) == "Commune (Comté imaginaire, Région imaginaire) : 1\u202f200 habitants."
    )
