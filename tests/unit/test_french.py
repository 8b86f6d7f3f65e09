"""French text helpers: the exact strings the narratives will print."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transitions_core.domain.dates import PartialDate
from transitions_core.text.french import (
    a_,
    approx,
    count,
    date_short,
    date_words,
    day_words,
    de_,
    elide,
    join_list,
    nbsp_punct,
    number,
    ordinal,
    plural,
    quote,
    sentence,
    with_article,
)

NNBSP = "\u202f"
NBSP = "\u00a0"
THIN = "\u2009"


# --- lists, numbers, agreement --------------------------------------------------------------------


def test_join_list() -> None:
    assert join_list([]) == ""
    assert join_list(["Brest"]) == "Brest"
    assert join_list(["Brest", "Morlaix"]) == "Brest et Morlaix"
    assert join_list(["Brest", "Morlaix", "Quimper"]) == "Brest, Morlaix et Quimper"
    assert join_list(["Brest", "Morlaix", "Quimper"], "ou") == "Brest, Morlaix ou Quimper"
    with pytest.raises(ValueError):
        join_list(["a"], "mais")


@pytest.mark.parametrize(
    ("value", "expected"),
    [(6575, f"6{NNBSP}575"), (516000, f"516{NNBSP}000"), (8.56, "8,56"), (12, "12"), (0, "0")],
)
def test_number_uses_narrow_no_break_spaces(value: float, expected: str) -> None:
    assert number(value) == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [(0, "0 entretien"), (1, "1 entretien"), (3, "3 entretiens"), (1.5, "1,5 entretien")],
)
def test_count_agrees_by_french_rules(n: float, expected: str) -> None:
    assert count(n, "entretien") == expected


def test_count_formats_the_number() -> None:
    assert count(6575, "habitant") == f"6{NNBSP}575 habitants"


@pytest.mark.parametrize(
    ("singular", "expected"),
    [
        ("territoire", "territoires"),
        ("journal", "journaux"),
        ("festival", "festivals"),
        ("travail", "travaux"),
        ("réseau", "réseaux"),
        ("enjeu", "enjeux"),
        ("pneu", "pneus"),
        ("genou", "genoux"),
        ("fois", "fois"),
        ("prix", "prix"),
    ],
)
def test_plural_guesses_single_words(singular: str, expected: str) -> None:
    assert plural(2, singular) == expected
    assert plural(1, singular) == singular


def test_plural_takes_an_explicit_form() -> None:
    assert plural(4, "projet pilote", "projets pilotes") == "projets pilotes"
    assert plural(0, "projet pilote", "projets pilotes") == "projet pilote"


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (10, "une dizaine"),
        (15, "une quinzaine"),
        (20, "une vingtaine"),
        (30, "une trentaine"),
        (40, "une quarantaine"),
        (50, "une cinquantaine"),
        (100, "une centaine"),
        (35, "environ 35"),
        (1200, f"environ 1{NNBSP}200"),
    ],
)
def test_approx(n: int, expected: str) -> None:
    assert approx(n) == expected


def test_ordinal() -> None:
    assert [ordinal(1), ordinal(1, "f"), ordinal(2), ordinal(2, "f"), ordinal(21)] == [
        "1er",
        "1re",
        "2e",
        "2e",
        "21e",
    ]
    with pytest.raises(ValueError):
        ordinal(1, "x")


# --- places ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "article", "expected"),
    [
        ("Le Vigan", "le", "du Vigan"),
        ("Sicoval", "le", "du Sicoval"),
        ("Montpellier Méditerranée Métropole", "", "de Montpellier Méditerranée Métropole"),
        ("Barre-des-Cévennes", "", "de Barre-des-Cévennes"),
        ("Saint-Hilaire-de-Brethmas", "", "de Saint-Hilaire-de-Brethmas"),
        ("Canohès", "", "de Canohès"),
        ("Gruissan", "", "de Gruissan"),
        ("Communauté de communes du Frontonnais", "la", "de la Communauté de communes du Frontonnais"),
        ("Aude", "l'", "de l'Aude"),
        ("Aude", "la", "de l'Aude"),
        ("Lozère", "la", "de la Lozère"),
        ("Gard", "le", "du Gard"),
        ("Hérault", "l'", "de l'Hérault"),
        ("Hérault", "le", "de l'Hérault"),
        ("Pyrénées-Orientales", "les", "des Pyrénées-Orientales"),
        ("Haute-Garonne", "la", "de la Haute-Garonne"),
        ("Hautes-Pyrénées", "les", "des Hautes-Pyrénées"),
        ("Le Havre", "le", "du Havre"),
        ("Occitanie", "", "d'Occitanie"),
        ("Arles", "", "d'Arles"),
        ("Cévennes", "les", "des Cévennes"),
        ("Métropole de Montpellier", "la", "de la Métropole de Montpellier"),
        ("Les Ulis", "les", "des Ulis"),
        ("La Grande-Motte", "la", "de La Grande-Motte"),
    ],
)
def test_de(name: str, article: str, expected: str) -> None:
    assert de_(name, article) == expected


@pytest.mark.parametrize(
    ("name", "article", "expected"),
    [
        ("Le Vigan", "le", "au Vigan"),
        ("Sicoval", "le", "au Sicoval"),
        ("Métropole", "la", "à la Métropole"),
        ("Gruissan", "", "à Gruissan"),
        ("Arles", "", "à Arles"),
        ("Ulis", "les", "aux Ulis"),
        ("Les Ulis", "les", "aux Ulis"),
        ("Isle-Jourdain", "l'", "à l'Isle-Jourdain"),
        ("Hérault", "le", "à l'Hérault"),
        ("Le Havre", "le", "au Havre"),
    ],
)
def test_a(name: str, article: str, expected: str) -> None:
    assert a_(name, article) == expected


@pytest.mark.parametrize(
    ("name", "article", "expected"),
    [
        ("Sicoval", "le", "le Sicoval"),
        ("Métropole de Montpellier", "la", "la Métropole de Montpellier"),
        ("Le Vigan", "le", "Le Vigan"),
        ("Hérault", "le", "l'Hérault"),
        ("Gruissan", "", "Gruissan"),
        ("Cévennes", "les", "les Cévennes"),
    ],
)
def test_with_article(name: str, article: str, expected: str) -> None:
    assert with_article(name, article) == expected


def test_an_unknown_article_is_refused() -> None:
    with pytest.raises(ValueError):
        de_("Gard", "du")


@pytest.mark.parametrize(
    ("word", "following", "expected"),
    [
        ("de", "Arles", "d'Arles"),
        ("de", "Gruissan", "de Gruissan"),
        ("que", "il", "qu'il"),
        ("le", "Hérault", "l'Hérault"),
        ("la", "Haute-Garonne", "la Haute-Garonne"),
        ("Le", "atelier", "L'atelier"),
        ("pour", "Arles", "pour Arles"),
    ],
)
def test_elide(word: str, following: str, expected: str) -> None:
    assert elide(word, following) == expected


# --- dates -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("edtf", "words"),
    [
        ("2025-03-01", "le 1er mars 2025"),
        ("2024-05-07", "le 7 mai 2024"),
        ("2024-09", "en septembre 2024"),
        ("2023", "en 2023"),
        ("2025-23", "à l'automne 2025"),
        ("2025-21", "au printemps 2025"),
        ("2024-22", "en été 2024"),
        ("2024-24", "en hiver 2024"),
        ("2024-07/2024-09", "entre juillet et septembre 2024"),
        ("2024-03/2025-05", "entre mars 2024 et mai 2025"),
        ("2023/2024-05-07", "entre 2023 et le 7 mai 2024"),
        ("2024-07-01/2024-07-15", "entre le 1er et le 15 juillet 2024"),
        ("2024-07-01/2024-08-15", "entre le 1er juillet et le 15 août 2024"),
        ("2024-22/2024-23", "entre l'été et l'automne 2024"),
        ("2024-06~", "vers juin 2024"),
        ("2025-23~", "vers l'automne 2025"),
        ("2024-05-07~", "vers le 7 mai 2024"),
        ("2024-06?", "en juin 2024 (date incertaine)"),
        ("2024%", "vers 2024 (date incertaine)"),
        ("2024-07~/2024-09", "approximativement entre juillet et septembre 2024"),
        ("[2024-07-15,2025-07-15]", "le 15 juillet 2024 ou le 15 juillet 2025"),
        ("XXXX", "à une date inconnue"),
    ],
)
def test_date_words(edtf: str, words: str) -> None:
    assert date_words(PartialDate(edtf)) == words


@pytest.mark.parametrize(
    ("edtf", "short"),
    [
        ("2024-05-07", "7 mai 2024"),
        ("2025-03-01", "1er mars 2025"),
        ("2024-09", "sept. 2024"),
        ("2023", "2023"),
        ("2025-23", "automne 2025"),
        ("2024-07/2024-09", "juil.–sept. 2024"),
        ("2024-07-01/2024-07-15", "1er–15 juil. 2024"),
        ("2023/2024", "2023–2024"),
        ("2024-03/2025-05", f"mars 2024{THIN}–{THIN}mai 2025"),
        ("2024-06?", f"juin 2024{NNBSP}?"),
        ("2024-06~", "vers juin 2024"),
        ("[2024-07-15,2025-07-15]", "15 juil. 2024 ou 15 juil. 2025"),
        ("XXXX", "date inconnue"),
    ],
)
def test_date_short(edtf: str, short: str) -> None:
    assert date_short(PartialDate(edtf)) == short


def test_day_words() -> None:
    assert day_words(date(2025, 3, 1)) == "le 1er mars 2025"
    assert day_words(date(2024, 5, 7)) == "le 7 mai 2024"


# --- typography ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le principe ? Accompagner ensemble.", f"Le principe{NNBSP}? Accompagner ensemble."),
        ("trois étapes: diagnostic; pilote!", f"trois étapes{NNBSP}: diagnostic{NNBSP}; pilote{NNBSP}!"),
        ("des « communautés apprenantes »", f"des «{NBSP}communautés apprenantes{NBSP}»"),
        ("des «communautés»", f"des «{NBSP}communautés{NBSP}»"),
        ("Quoi ?!", f"Quoi{NNBSP}?!"),
        ("Rendez-vous à 18:30.", "Rendez-vous à 18:30."),
        (
            "Voir https://fabriquedestransitions.fr/?p=1 !",
            f"Voir https://fabriquedestransitions.fr/?p=1{NNBSP}!",
        ),
        ("A &amp; B", "A &amp; B"),
    ],
)
def test_nbsp_punct(text: str, expected: str) -> None:
    assert nbsp_punct(text) == expected
    assert nbsp_punct(expected) == expected


def test_quote() -> None:
    assert quote("4 Fantastiques") == f"«{NBSP}4 Fantastiques{NBSP}»"


def test_quote_nests_inner_guillemets_as_second_level_quotes() -> None:
    assert quote("Éco-hameau (« nouvel hameau »)") == f"«{NBSP}Éco-hameau (“nouvel hameau”){NBSP}»"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("à l'automne 2025, la cohorte", "À l'automne 2025, la cohorte"),
        ("« le tronc commun »", "« Le tronc commun »"),
        ("3 ateliers", "3 ateliers"),
        ("déjà Capitalisé PARTOUT", "Déjà Capitalisé PARTOUT"),
        ("", ""),
    ],
)
def test_sentence(text: str, expected: str) -> None:
    assert sentence(text) == expected


# --- properties ------------------------------------------------------------------------------------

words = st.text(alphabet=st.characters(categories=["L"]), min_size=1, max_size=12)
place_words = st.one_of(
    words,
    st.sampled_from(["Vigan", "Hérault", "Haute-Garonne", "Ulis", "Isle-Jourdain", "Aude", "Yonne", "Havre"]),
)
names = st.builds(
    lambda leading, rest: leading + " ".join(rest),
    st.sampled_from(["", "Le ", "La ", "Les ", "L'", "le ", "les "]),
    st.lists(place_words, min_size=1, max_size=3),
)
articles = st.sampled_from(["", "le", "la", "les", "l'"])


@given(st.lists(words, max_size=6), st.sampled_from(["et", "ou"]))
def test_join_list_never_puts_a_comma_before_the_conjunction(items: list[str], conj: str) -> None:
    assert f", {conj} " not in join_list(items, conj)


@given(
    st.one_of(
        st.integers(-(10**15), 10**15),
        st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False),
    )
)
def test_number_never_contains_a_plain_space(value: float) -> None:
    assert " " not in number(value)


@given(names, articles)
def test_places_never_read_de_le_or_a_le(name: str, article: str) -> None:
    for phrase in (de_(name, article), a_(name, article)):
        lowered = phrase.lower()
        assert not lowered.startswith(("de le ", "de les ", "à le ", "à les ")), phrase


@given(st.text(alphabet=st.sampled_from("ab18:;!?«» \u00a0\u202f\t/.&w"), max_size=40))
def test_nbsp_punct_is_idempotent(text: str) -> None:
    once = nbsp_punct(text)

    assert nbsp_punct(once) == once


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Elle", "elle"), ("L'équipe", "l'équipe"), ("L’ADT", "l’ADT"), ("ADT", "ADT"), ("É", "É")],
)
def test_lower_first_handles_elided_articles_and_acronyms(text: str, expected: str) -> None:
    from transitions_core.text.filters import lower_first

    assert lower_first(text) == expected
