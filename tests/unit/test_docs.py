"""The docs that are generated from the code must match it; the glossary must cover the catalogue."""

from __future__ import annotations

import re

from tests.conftest import ROOT
from transitions_core.domain.events import CATALOGUE
from transitions_core.reference import evenements_markdown, events_markdown, glossary_markdown
from transitions_core.reference.french import missing_sentences


def test_the_event_catalogue_page_matches_the_events():
    assert (ROOT / "docs" / "events.md").read_text(encoding="utf-8") == events_markdown() + "\n", (
        "run `make docs`"
    )


def test_the_glossary_page_matches_the_glossary_module():
    assert (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8") == glossary_markdown(), (
        "run `make docs`"
    )


def test_every_event_type_is_documented_in_the_history_format_guide():
    guide = (ROOT / "docs" / "scenarios.md").read_text(encoding="utf-8")
    missing = [cls.type_name() for cls in CATALOGUE if f"`{cls.type_name()}`" not in guide]
    assert missing == []


def test_the_readme_quick_start_is_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme
    assert "make test" in readme


def test_the_french_event_catalogue_page_matches_the_events():
    assert (ROOT / "docs" / "evenements.md").read_text(encoding="utf-8") == evenements_markdown() + "\n", (
        "run `make docs`"
    )


def test_every_type_of_entry_and_every_key_has_its_french_sentence():
    assert missing_sentences() == [], "add them to src/transitions_core/reference/evenements.yaml"


def test_the_catalogues_write_closed_values_as_they_are_typed():
    french = evenements_markdown()
    assert "| `gender` | `m` ou `f` | non |" in french
    assert '`""`, `le`, `la`, `les` ou `l\'`' in french
    assert "liste de valeurs parmi `elected`, `staff`, `state` et `socio_economic`" in french
    assert "| `gender` | one of `m`, `f` or null | no |" in events_markdown()
    for page in (french, events_markdown()):
        assert "typing." not in page and "Literal[" not in page


def test_the_glossary_writes_values_not_enum_members():
    glossary = glossary_markdown()
    assert re.findall(r"`[A-Z][A-Za-z]+\.[A-Z_]+`", glossary) == []
    assert "| élus | `elected` |" in glossary
    assert "`strength`, in `finding_recorded.kind`, `cross_finding_recorded.kind`" in glossary


def test_the_history_format_guide_links_to_the_french_catalogue():
    guide = (ROOT / "docs" / "scenarios.md").read_text(encoding="utf-8")
    assert "(evenements.md)" in guide
