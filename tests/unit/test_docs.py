"""The docs that are generated from the code must match it; the glossary must cover the catalogue."""

from __future__ import annotations

from tests.conftest import ROOT
from transitions_core.domain.events import CATALOGUE
from transitions_core.reference import events_markdown, glossary_markdown


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
