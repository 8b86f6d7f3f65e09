"""The built-in `article` and `poem` formats: golden files for the bundled cohort and the imaginary one."""

from __future__ import annotations

import re
from datetime import date

import pytest

from tests.narratives.conftest import GOLDEN, OCCITANIE_TERRITORIES, assert_clean_french
from transitions_core.errors import TransitionsError
from transitions_core.narrative.build import day_view, territory_view
from transitions_core.narrative.formats import Subject
from transitions_core.testing import assert_golden
from transitions_core.text.french import in_words as words
from transitions_narratives.prose import seed_of

IN_PERSON_DAYS = (date(2024, 5, 7), date(2024, 6, 24), date(2025, 1, 21))


@pytest.mark.parametrize("territory", OCCITANIE_TERRITORIES)
def test_every_territory_article_matches_its_golden_file(occitanie_narrator, territory):
    text = occitanie_narrator.territory("article", territory)
    assert_clean_french(text)
    assert_golden(text, GOLDEN / "article" / f"{territory}.fr.md")


@pytest.mark.parametrize("territory", OCCITANIE_TERRITORIES)
def test_every_territory_poem_matches_its_golden_file(occitanie_narrator, territory):
    text = occitanie_narrator.territory("poem", territory)
    assert_clean_french(text)
    assert_golden(text, GOLDEN / "poem" / f"{territory}.fr.md")


@pytest.mark.parametrize("day", IN_PERSON_DAYS, ids=str)
def test_every_in_person_day_poem_matches_its_golden_file(occitanie_narrator, day):
    text = occitanie_narrator.day("poem", day)
    assert_clean_french(text)
    assert_golden(text, GOLDEN / "poem" / f"day-{day.isoformat()}.fr.md")


def test_an_article_attributes_its_quotes_and_tells_what_resists(occitanie_narrator):
    text = occitanie_narrator.territory("article", "canohes")
    assert "Jean-Louis Chambon, maire" in text
    hard = text.split("\n## ")[-1]
    assert "former" in hard and "citoyens volontaires" in hard  # the last part tells a limit
    assert "Teuleria" in text


def test_an_article_as_of_an_early_date_holds_only_what_had_happened(occitanie_narrator):
    text = occitanie_narrator.territory("article", "gruissan", as_of=date(2024, 6, 30))
    assert_clean_french(text)
    # Both are dated "2024/2025" in the history: undated as of mid-2024, never "not yet".
    assert (
        "Le projet pilote figure dans l'historique, mais à une date trop vague pour savoir s'il était choisi à cette date."
        in text
    )
    assert (
        "Le diagnostic sensible figure dans l'historique, mais à une date trop vague pour savoir s'il avait commencé à cette date."
        in text
    )
    assert "pas encore commencé" not in text and "pas encore choisi" not in text
    assert "Effet" not in text and "effet" not in text
    assert "concertation" not in text  # the pilot project was chosen later


@pytest.mark.parametrize("fmt", ["article", "poem"])
def test_the_imaginary_cohort_degrades_gracefully(example_narrator, fmt):
    text = example_narrator.territory(fmt, "les-aubiers")
    assert_clean_french(text)
    assert "Les Aubiers" in text
    assert_golden(text, GOLDEN / fmt / "les-aubiers.fr.md")


def test_the_imaginary_cohort_day_has_a_poem(example_narrator):
    text = example_narrator.day("poem", date(2026, 5, 12))
    assert_clean_french(text)
    assert "aux Aubiers" in text
    assert_golden(text, GOLDEN / "poem" / "day-2026-05-12.fr.md")


@pytest.mark.parametrize(
    ("fmt", "name", "render"),
    [
        ("article", "le-vigan", lambda n: n.territory("article", "le-vigan", lang="en")),
        ("article", "les-aubiers", None),
        ("poem", "gruissan", lambda n: n.territory("poem", "gruissan", lang="en")),
        ("poem", "day-2024-05-07", lambda n: n.day("poem", date(2024, 5, 7), lang="en")),
    ],
)
def test_english_versions(occitanie_narrator, example_narrator, fmt, name, render):
    text = render(occitanie_narrator) if render else example_narrator.territory(fmt, name, lang="en")
    assert "\u202f" not in text  # no French typography in English
    assert_golden(text, GOLDEN / fmt / f"{name}.en.md")


def test_the_same_history_always_gives_the_same_poem(occitanie, occitanie_narrator):
    first = territory_view(occitanie, "occitanie-2024", "sicoval")
    again = territory_view(occitanie, "occitanie-2024", "sicoval")
    assert seed_of(first).random() == seed_of(again).random()
    assert occitanie_narrator.territory("poem", "sicoval") == occitanie_narrator.territory("poem", "sicoval")
    assert occitanie_narrator.day("poem", IN_PERSON_DAYS[0]) == occitanie_narrator.day(
        "poem", IN_PERSON_DAYS[0]
    )


def test_different_days_give_different_poems(occitanie, occitanie_narrator):
    poems = [occitanie_narrator.day("poem", day) for day in IN_PERSON_DAYS]
    assert len(set(poems)) == len(poems)
    seeds = {seed_of(day_view(occitanie, "occitanie-2024", day)).random() for day in IN_PERSON_DAYS}
    assert len(seeds) == len(IN_PERSON_DAYS)


def test_articles_vary_how_they_open_their_last_part(occitanie_narrator):
    articles = [occitanie_narrator.territory("article", t) for t in OCCITANIE_TERRITORIES]
    openers = {re.sub(r"[^\w ].*", "", a.split("\n## ")[-1].split("\n\n")[1])[:20] for a in articles}
    assert len(openers) > 1  # not every article opens its last part the same way
    headings = {a.split("\n## ")[-1].split("\n")[0] for a in articles}
    assert len(headings) > 2


def test_a_poem_is_verse_each_line_a_markdown_hard_break(occitanie_narrator):
    text = occitanie_narrator.day("poem", IN_PERSON_DAYS[1])
    stanzas = [s for s in text.split("\n\n")[1:-1]]
    assert stanzas
    for stanza in stanzas:
        lines = stanza.splitlines()
        assert all(line.endswith("\\") for line in lines[:-1])
        assert not lines[-1].endswith("\\")


def test_the_poem_narrates_days_and_territories_not_cohorts(host, occitanie):
    from transitions_core.narrative.build import cohort_view
    from transitions_core.narrative.render import render

    assert set(host.format("poem").subjects) == {Subject.DAY, Subject.TERRITORY}
    with pytest.raises(TransitionsError, match="pas une cohorte"):
        render(host, "poem", cohort_view(occitanie, "occitanie-2024"), Subject.COHORT)


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "un"),
        (17, "dix-sept"),
        (21, "vingt et un"),
        (35, "trente-cinq"),
        (71, "soixante et onze"),
        (80, "quatre-vingts"),
        (81, "quatre-vingt-un"),
        (91, "quatre-vingt-onze"),
        (99, "quatre-vingt-dix-neuf"),
    ],
)
def test_numbers_in_verse_are_written_in_words(n, expected):
    assert words(n) == expected


def test_a_history_imported_again_gives_the_same_poem_and_article(tmp_path, host, occitanie_narrator):
    from tests.conftest import OCCITANIE
    from tests.narratives.conftest import Narrator
    from transitions_core.history.importer import import_histories
    from transitions_core.store.locations import parse_store
    from transitions_core.store.opening import open_store

    with open_store(parse_store(str(tmp_path / "again.sqlite"))) as store:
        import_histories(store.app, [OCCITANIE])
        again = Narrator(host, store.caught_up(), "occitanie-2024")
        assert again.day("poem", IN_PERSON_DAYS[2]) == occitanie_narrator.day("poem", IN_PERSON_DAYS[2])
        assert again.territory("poem", "canohes") == occitanie_narrator.territory("poem", "canohes")
        assert again.territory("article", "gruissan") == occitanie_narrator.territory("article", "gruissan")


def test_a_simulated_history_gives_clean_articles_and_poems(tmp_path, host):
    from tests.simulation.conftest import SMALL, write
    from transitions_core.narrative.render import render
    from transitions_core.simulation.running.keep import keep_histories
    from transitions_core.simulation.scenario.loading import load_scenario
    from transitions_core.store.locations import parse_store
    from transitions_core.store.opening import open_store

    with open_store(parse_store(str(tmp_path / "simulated.sqlite"))) as store:
        (cohort,), _ = keep_histories(
            store.app, load_scenario(write(tmp_path, SMALL)), runs=1, seed=7, keep=1
        )
        readmodel = store.caught_up()
        for row in readmodel.aggregates(kind="territory", cohort=cohort):
            view = territory_view(readmodel, cohort, row.territory or "")
            for fmt in ("article", "poem"):
                text = render(host, fmt, view, Subject.TERRITORY)
                assert_clean_french(text)
                assert view.territory.name in text
        for day in IN_PERSON_DAYS[0], IN_PERSON_DAYS[2]:
            assert_clean_french(render(host, "poem", day_view(readmodel, cohort, day), Subject.DAY))
