"""The built-in `newsletter` and `report` formats (Markdown and HTML): golden files for the bundled cohort,
a generated cohort, English versions, and HTML that escapes what the history holds."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest

from tests.narratives.conftest import GOLDEN, assert_clean_french
from transitions_core.narrative.build import cohort_view
from transitions_core.narrative.formats import Subject
from transitions_core.narrative.render import render
from transitions_core.narrative.views import CohortView, QuoteView
from transitions_core.testing import assert_golden
from transitions_core.text.french import typeset

SUMMER = (date(2024, 5, 1), date(2024, 7, 31))


def visible_text(page: str) -> str:
    """What a reader of an HTML page sees: the body without its tags, entities decoded."""
    body = page[page.index("<body") :]
    return html.unescape(re.sub(r"<[^>]+>", "", body))


def assert_safe_email_html(page: str) -> None:
    """Self-contained: no script, no external asset, no stylesheet; styles inline only."""
    lowered = page.lower()
    for bad in ("<script", "<link", "<style", "<img", "src=", "http://", "https://", "@import"):
        assert bad not in lowered, f"found {bad!r}"
    assert page.startswith("<!DOCTYPE html>")
    assert page.rstrip().endswith("</html>")


def assert_typeset_html(page: str) -> None:
    """HTML is not typeset after rendering: its visible French text must already be."""
    text = visible_text(page)
    assert typeset(text) == text
    assert_clean_french(text)


@pytest.mark.parametrize(
    ("fmt", "period", "golden"),
    [
        ("newsletter", (None, None), "occitanie-2024.fr.md"),
        ("newsletter", SUMMER, "occitanie-2024.2024-05-01.2024-07-31.fr.md"),
        ("report", (None, None), "occitanie-2024.fr.md"),
    ],
)
def test_markdown_matches_its_golden_file(occitanie_narrator, fmt, period, golden):
    text = occitanie_narrator.cohort_(fmt, period=period)
    assert_clean_french(text)
    assert_golden(text, GOLDEN / fmt / golden)


@pytest.mark.parametrize(
    ("fmt", "period", "golden"),
    [
        ("newsletter-html", (None, None), "newsletter/occitanie-2024.fr.html"),
        ("newsletter-html", SUMMER, "newsletter/occitanie-2024.2024-05-01.2024-07-31.fr.html"),
        ("report-html", (None, None), "report/occitanie-2024.fr.html"),
    ],
)
def test_html_matches_its_golden_file(occitanie_narrator, fmt, period, golden):
    page = occitanie_narrator.cohort_(fmt, period=period)
    assert_safe_email_html(page)
    assert_typeset_html(page)
    assert_golden(page, GOLDEN / golden)


def test_a_period_digest_holds_the_period_and_announces_what_comes_next(occitanie_narrator):
    text = occitanie_narrator.cohort_("newsletter", period=SUMMER)
    news, coming = text.split("## À venir")
    assert "entre le 1er mai et le 31 juillet 2024" in news
    assert "Webinaire n°\u202f2" in news and "Webinaire n°\u202f3" not in news
    assert "Webinaire n°\u202f3" in coming
    assert "participants" not in coming  # attendance is known only afterwards


def test_the_whole_history_digest_gives_each_territory_a_highlight(occitanie_narrator):
    text = occitanie_narrator.cohort_("newsletter")
    territories = text.split("## Dans les territoires")[1]
    assert territories.count("\n### ") == 8
    assert "## À venir" not in text


def test_the_report_has_every_part(occitanie_narrator):
    text = occitanie_narrator.cohort_("report")
    for heading in (
        "## Sommaire",
        "## 1. La cohorte en chiffres",
        "### Le recrutement des territoires",
        "### L'accompagnement de la Région",
        "### Gruissan",
        "#### Le projet pilote",
        "### Ce que les diagnostics ont révélé",
        "### Les effets, par intitulé",
        "### Les limites relevées, territoire par territoire",
    ):
        assert heading in text, heading
    assert (
        "«\u00a0transversalité\u00a0»\u202f: 2 fois (Gruissan et Montpellier Méditerranée Métropole)" in text
    )


@pytest.mark.parametrize(
    ("fmt", "period"),
    [
        ("newsletter", (None, None)),
        ("newsletter", (date(2026, 5, 1), date(2026, 6, 30))),
        ("report", (None, None)),
    ],
)
def test_a_generated_history_renders_too(example_narrator, fmt, period):
    text = example_narrator.cohort_(fmt, period=period)
    assert_clean_french(text)
    assert "Les Aubiers" in text
    page = example_narrator.cohort_(f"{fmt}-html", period=period)
    assert_safe_email_html(page)
    assert_typeset_html(page)


@pytest.mark.parametrize(
    ("fmt", "period", "golden"),
    [
        ("newsletter", SUMMER, "newsletter/occitanie-2024.2024-05-01.2024-07-31.en.md"),
        ("report", (None, None), "report/occitanie-2024.en.md"),
    ],
)
def test_english_versions(occitanie_narrator, fmt, period, golden):
    text = occitanie_narrator.cohort_(fmt, lang="en", period=period)
    assert "\u202f" not in text
    assert_golden(text, GOLDEN / golden)
    page = occitanie_narrator.cohort_(f"{fmt}-html", lang="en", period=period)
    assert_safe_email_html(page)
    assert '<html lang="en">' in page


HOSTILE = "<script>alert(1)</script> {{ 7*7 }}"


def hostile_view(occitanie) -> CohortView:
    """The Occitanie cohort with a territory name and a quote that try to run code."""
    view = cohort_view(occitanie, "occitanie-2024")
    first = view.territories[0]
    quote = QuoteView(text=HOSTILE, speaker="<b>x</b>", context="viewpoint_recorded")
    named = first.model_copy(
        update={
            "territory": first.territory.model_copy(update={"name": f"Barre {HOSTILE}"}),
            "quotes": (quote,),
        }
    )
    return view.model_copy(update={"territories": (named, *view.territories[1:])})


@pytest.mark.parametrize("fmt", ["newsletter-html", "report-html"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_html_escapes_what_the_history_holds(host, occitanie, fmt, lang):
    page = render(host, fmt, hostile_view(occitanie), Subject.COHORT, lang)
    assert "<script" not in page
    assert "&lt;script&gt;" in page
    assert "{{ 7*7 }}" in page and "49" not in page
    assert "<b>x</b>" not in page


def test_a_format_for_a_cohort_refuses_a_territory(host, occitanie):
    from transitions_core.errors import TransitionsError
    from transitions_core.narrative.build import territory_view

    view = territory_view(occitanie, "occitanie-2024", "gruissan")
    with pytest.raises(TransitionsError, match="une cohorte"):
        render(host, "report", view, Subject.TERRITORY)


def test_a_report_as_of_a_date_holds_only_what_had_happened(occitanie_narrator):
    text = occitanie_narrator.cohort_("report", as_of=date(2024, 6, 30))
    assert "état au 30 juin 2024" in text
    assert "aucun effet" in text
    assert "Webinaire n° 3" not in text
    assert_clean_french(text)


def test_an_issue_has_an_editorial_two_or_three_headlines_one_voice_and_one_figure(occitanie_narrator):
    text = occitanie_narrator.cohort_("newsletter", period=SUMMER)
    editorial = text.split("\n\n")[2]
    assert 2 <= editorial.count(". ") + 1 <= 3, editorial
    headlines = text.split("## À la une")[1].split("\n## ")[0]
    assert 2 <= headlines.count("\n### ") <= 3
    assert text.count("## La parole ") == 1 and text.count("\n> ") == 1
    assert "## Le chiffre\n\n**35 à 45** personnes à la première journée en présentiel, à Fronton" in text
    assert "date inconnue" not in text and "consigné" not in text


def test_the_headlines_are_the_most_salient_events_by_their_score(occitanie, occitanie_narrator):
    from transitions_core.narrative.build import cohort_view
    from transitions_narratives.plans.newsletter import issue, score

    text = occitanie_narrator.cohort_("newsletter", period=SUMMER)
    headlines = re.findall(r"^### (.+)$", text.split("## À la une")[1].split("\n## ")[0], re.MULTILINE)
    # Two in-person days of 35 to 45 people (5 + 2), then the first of two webinars of 20 to 40 (2 + 2).
    assert headlines == ["Première journée, à Fronton", "Webinaire n°\u202f1", "Deuxième journée, à Toulouse"]
    plan = issue(cohort_view(occitanie, "occitanie-2024", period=SUMMER))
    assert [score(e) for e in plan.headlines] == [7, 4, 7]
    assert all(score(e) <= 4 for e in plan.brief)


def test_a_quiet_period_says_so_in_one_sentence_and_looks_ahead(example_narrator):
    text = example_narrator.cohort_("newsletter", period=(date(2030, 1, 1), date(2030, 3, 31)))
    assert "## À la une" not in text and "## Le chiffre" not in text
    assert re.search(
        r"Rien n'est daté dans la période, ni pour la cohorte ni dans (son territoire engagé|ses \d+)", text
    )


def test_no_territory_item_repeats_another_ones_paragraph(occitanie, occitanie_narrator):
    from benchmarks.seams import history_names, items, repeated

    names = history_names(occitanie, "occitanie-2024")
    for lang, heading in (("fr", "## Dans les territoires"), ("en", "## In the territories")):
        text = occitanie_narrator.cohort_("newsletter", lang=lang)
        titles = {h: h for h in re.findall(r"^### (.+)$", text.split(heading)[1], re.MULTILINE)}
        assert len(titles) == 8
        assert repeated(items(text, titles, heading), names) == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_paragraph_of_a_territorys_report_page_repeats_another_ones(occitanie, occitanie_narrator, lang):
    from benchmarks.seams import history_names, repeated, sections

    from tests.narratives.conftest import OCCITANIE_TERRITORIES
    from transitions_core.narrative.build import territory_view

    titles = {t: territory_view(occitanie, "occitanie-2024", t).territory.name for t in OCCITANIE_TERRITORIES}
    text = occitanie_narrator.cohort_("report", lang=lang)
    pages = sections(text, titles, "###")
    assert len(pages) == 8
    assert repeated(pages, history_names(occitanie, "occitanie-2024")) == []
