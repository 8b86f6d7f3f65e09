"""The articles: each opens on what stands out in its territory's history and tells, never counts.

Given the Occitanie history, when every territory's article is written, then it opens on its centre (a
strong quote, a delegation never formed, a limit with someone's words…), the facts it chose are told whole
(no "and N others"), no view nobody expressed becomes a paragraph, no quote is told twice, and few
sentences are one form filled in for every territory, in French or in English (benchmarks/seams.py, under
target with a margin).
"""

from __future__ import annotations

import re

import pytest
from benchmarks.seams import history_names, seams

from tests.narratives.conftest import OCCITANIE_TERRITORIES
from transitions_core.narrative.build import territory_view
from transitions_narratives.plans.story import Centre, story

TARGET, MARGIN = 0.12, 0.04


def opening(text: str) -> str:
    """The first paragraph after the dateline."""
    return text.split("*\n\n", 2)[2].split("\n\n")[0]


def test_an_article_opens_on_what_stands_out(occitanie, occitanie_narrator):
    barre = opening(occitanie_narrator.territory("article", "barre-des-cevennes"))
    assert "délégation" in barre and "n'a pas vraiment été constituée" in barre
    hilaire = opening(occitanie_narrator.territory("article", "saint-hilaire-de-brethmas"))
    assert "je n'étais pas invitée aux bureaux" in hilaire and "une DGS" in hilaire
    montpellier = territory_view(occitanie, "occitanie-2024", "montpellier")
    assert story(montpellier).centre is Centre.LIMIT
    assert "long fleuve tranquille" in opening(occitanie_narrator.territory("article", "montpellier"))


@pytest.mark.parametrize("territory", OCCITANIE_TERRITORIES)
def test_an_article_tells_what_it_chose_and_never_counts_the_rest(occitanie_narrator, territory):
    text = occitanie_narrator.territory("article", territory)
    assert not re.search(r"encore \d+ autres?|relève encore|cite encore|autres? (effets?|limites?)", text)
    assert "exprimé de point de vue" not in text and "Aucun point de vue" not in text
    quotes = re.findall(
        r"«\u00a0([^»]{12,}?)\u00a0»", text.split("\n", 1)[1]
    )  # the headline may quote the opening
    body_quotes = [q for q in quotes if q.lower() != q]  # recorded words, not labels
    assert len(body_quotes) == len(set(body_quotes)), f"a quote told twice in {territory}"
    for word in ("date inconnue", "consigné", "le ou la ", "2024 ou 2025"):
        assert word not in text


def test_the_opening_is_not_told_again(occitanie_narrator):
    text = occitanie_narrator.territory("article", "barre-des-cevennes")
    assert text.count("n'a pas vraiment été constituée") == 1


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_few_article_sentences_are_one_form_filled_in_for_every_territory(
    occitanie, occitanie_narrator, lang
):
    texts = {t: occitanie_narrator.territory("article", t, lang) for t in OCCITANIE_TERRITORIES}
    found = seams(texts, "article", history_names(occitanie, "occitanie-2024"))
    assert found.share <= TARGET - MARGIN, f"{found.share:.0%} of {found.units}: {found.common}"
