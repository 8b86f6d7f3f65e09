"""The seam measure (benchmarks/seams.py): what it masks and splits, and the figures it keeps under target.

Given the built-in narratives of the Occitanie history, when each territory's text is split into units and
names, numbers and quotations are masked, then few units are the same form filled in for every territory:
the targets of issue 14, each kept with a margin so that the figure does not creep back.
"""

from __future__ import annotations

from benchmarks.seams import Seams, has_words, mask, paragraphs, repeated, seams, units


def test_names_numbers_dates_and_quotations_are_masked():
    names = ["Gruissan", "Le Vigan", "Vigan", "Elsa Bonal"]
    assert mask("Gruissan, commune de l'Aude, 5 068 habitants,", names) == "n, commune de n, # habitants,"
    assert mask("Le Vigan, commune du Gard, 7 010 habitants,", names) == "n, commune de n, # habitants,"
    assert mask("Le 7 mai 2024, Elsa Bonal dit « bonjour ».", names) == "le # # #, n dit «q»."
    assert mask("trente-cinq personnes, la troisième fois", names) == "# personnes, la # fois"
    # `été` is a season only before a year.
    assert mask("Il a été mené à l'été 2024.", names) == "il a été mené à l'#."


def test_a_unit_of_masks_alone_is_content_not_form():
    assert not has_words(mask("« prise de conscience »,"))
    assert not has_words(mask("Gruissan,", ["Gruissan"]))
    assert has_words(mask("entre dans la cohorte."))


def test_poems_split_into_lines_and_prose_into_sentences_quotations_whole():
    poem = "# Titre\n\nUn vers,\\\nun autre.\n\n*Écrit pour Gruissan.*\n"
    assert units(poem, "poem") == ["Titre", "Un vers,", "un autre.", "Écrit pour Gruissan."]
    prose = "## Partie\n\nIl dit « Oui. Non. » Puis il part. Elle reste !\n"
    assert units(prose, "article") == ["Partie", "Il dit « Oui. Non. » Puis il part.", "Elle reste !"]


def test_a_unit_is_a_seam_when_three_territories_share_it():
    texts = {
        "a": "Aude entre dans la cohorte.\nIci, la mer.",
        "b": "Gard entre dans la cohorte.\nIci, la montagne.",
        "c": "Lot entre dans la cohorte.\nIci, le causse.",
    }
    found = seams(texts, "poem", ["Aude", "Gard", "Lot"])
    assert (found.units, found.shared) == (6, 3)
    assert found.common == [("n entre dans la cohorte.", 3)]
    assert seams(texts, "poem", ["Aude", "Gard", "Lot"], shared_by=4).shared == 0
    assert Seams(0, 0).share == 0


def test_paragraphs_repeated_between_two_sections_are_found_short_labels_are_not():
    sections = {
        "a": "#### Le territoire\n\n- **Nature** : commune\n\nAccompagnement : Elsa Bonal (Déjà-là), que voici ici.\n",
        "b": "#### Le territoire\n\n- **Nature** : commune\n\nAccompagnement : Pierre Cancé (Eco-Morphose), que voici ici.\n",
    }
    assert paragraphs(sections["a"]) == [
        "Nature : commune",
        "Accompagnement : Elsa Bonal (Déjà-là), que voici ici.",
    ]
    names = ["Elsa Bonal", "Déjà-là", "Pierre Cancé", "Eco-Morphose"]
    assert repeated(sections, names) == [("accompagnement: n (n), que voici ici.", ["a", "b"])]
