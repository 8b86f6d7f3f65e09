"""Names found however they are written: case, accents, Unicode forms, spaces, surname first or alone in capitals."""

from __future__ import annotations

import unicodedata

import pytest

from transitions_core.narrative.audience import PublicView
from transitions_core.narrative.names import NameFinder, fold

PEOPLE = {
    "Hélène Dupré": {"name": "Hélène Dupré", "role": "maire"},
    "Jean-Marc de La Tour": {"name": "Jean-Marc de La Tour", "organisation": "Déjà-là"},
}
NFD = unicodedata.normalize("NFD", "Hélène Dupré")


@pytest.mark.parametrize(
    "written",
    [
        "Hélène Dupré",
        "hélène dupré",
        "HÉLÈNE DUPRÉ",
        "Helene Dupre",
        NFD,
        unicodedata.normalize("NFKC", NFD),
        "Hélène\u00a0Dupré",
        "Hélène\u202fDupré",
        "Hélène  Dupré",
        "Hélène\tDupré",
        "Hélène\u200bDupré".replace("\u200b", " \u200b"),
        "Dupré Hélène",
        "DUPRÉ Hélène",
        "Hélène-Dupré",
    ],
)
def test_a_name_is_replaced_however_it_is_written(written):
    public = PublicView(PEOPLE).text(f"Selon {written}, la commune a changé.")
    assert public == "Selon le maire, la commune a changé."


def test_a_surname_alone_is_replaced_in_capitals_only():
    view = PublicView(PEOPLE)
    assert view.text("Merci à DUPRÉ et à LA TOUR.") == "Merci à le maire et à Déjà-là."
    assert view.text("Merci à DUPRE.") == "Merci à le maire."
    # `Dupré` alone may be an ordinary word or another person: only capitals surely name this one.
    assert view.text("Le pré de Dupré.") == "Le pré de Dupré."


def test_a_name_at_the_start_of_a_sentence_gets_a_capital_label():
    assert PublicView(PEOPLE).text(f"{NFD.upper()} a parlé.") == "Le maire a parlé."


def test_the_whole_value_and_its_forms():
    view = PublicView(PEOPLE)
    assert view.text(" hélène  DUPRÉ ") == "le maire"
    assert view.text("HELENE DUPRE (Mairie)") == "Mairie"
    assert view.text("hélène dupré, première adjointe") == "la première adjointe"
    assert view.speaker(f"{NFD}") == "le maire"


def test_an_entry_key_that_spells_a_name_is_redacted():
    view = PublicView(PEOPLE)
    assert view.key("gruissan/effect_observed@2025#helene-dupre-a-parle") == (
        "gruissan/effect_observed@2025#le-maire-a-parle"
    )
    assert view.key("gruissan/effect_observed@2025#dupreville") == "gruissan/effect_observed@2025#dupreville"


def test_words_that_merely_contain_a_name_stay():
    finder = NameFinder(["Ana Lopes"])
    assert finder.replace("Anatole Lopesco", lambda name, text, at: "X") == "Anatole Lopesco"
    assert finder.replace("ana lopes.", lambda name, text, at: "X") == "X."


def test_folding_keeps_every_other_character():
    assert fold("Œuvre, l’été — « ﬁn »") == "œuvre, l'ete   « fin »"
