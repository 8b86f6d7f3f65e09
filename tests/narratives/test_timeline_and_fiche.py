"""The built-in `timeline`, `json` and `fiche` formats: golden files for the bundled cohort, and a generated one."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tests.narratives.conftest import GOLDEN, OCCITANIE_TERRITORIES, assert_clean_french
from transitions_core.testing import assert_golden


@pytest.mark.parametrize("territory", OCCITANIE_TERRITORIES)
@pytest.mark.parametrize("fmt", ["timeline", "fiche"])
def test_every_territory_matches_its_golden_file(occitanie_narrator, fmt, territory):
    text = occitanie_narrator.territory(fmt, territory)
    assert_clean_french(text)
    extension = "txt" if fmt == "timeline" else "md"
    assert_golden(text, GOLDEN / fmt / f"{territory}.fr.{extension}")


def test_the_cohort_timeline_matches_its_golden_file(occitanie_narrator):
    text = occitanie_narrator.cohort_("timeline")
    assert_clean_french(text)
    assert_golden(text, GOLDEN / "timeline" / "occitanie-2024.fr.txt")


def test_a_fiche_as_of_a_date_holds_only_what_had_happened(occitanie_narrator):
    text = occitanie_narrator.territory("fiche", "gruissan", as_of=date(2024, 6, 30))
    assert "état au 30 juin 2024" in text
    assert (
        "Le projet pilote figure dans l'historique, mais à une date trop vague pour savoir s'il était choisi à cette date."
        in text
    )
    assert "Effet" not in text


def test_json_is_the_documented_document(occitanie_narrator):
    document = json.loads(occitanie_narrator.territory("json", "sicoval", as_of=date(2024, 6, 30)))
    assert document["schema"] == "transitions.replay/1"
    assert all(e["latest"] <= "2024-06-30" for e in document["entries"])


@pytest.mark.parametrize("fmt", ["timeline", "fiche"])
def test_a_generated_history_renders_too(example_narrator, fmt):
    text = example_narrator.territory(fmt, "les-aubiers")
    assert_clean_french(text)
    assert "Les Aubiers" in text


@pytest.mark.parametrize(
    ("fmt", "territory"), [("timeline", "gruissan"), ("fiche", "saint-hilaire-de-brethmas")]
)
def test_english_versions(occitanie_narrator, fmt, territory):
    text = occitanie_narrator.territory(fmt, territory, lang="en")
    assert "\u202f" not in text  # no French typography in English
    extension = "txt" if fmt == "timeline" else "md"
    assert_golden(text, GOLDEN / fmt / f"{territory}.en.{extension}")


def test_a_language_the_timeline_does_not_speak_is_a_clear_error(occitanie_narrator):
    from transitions_core.errors import TransitionsError

    with pytest.raises(TransitionsError, match="pas en « de »"):
        occitanie_narrator.territory("timeline", "gruissan", lang="de")
