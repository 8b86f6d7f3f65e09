"""No recorded field is silently dropped, and no language shows a fact the other leaves out.

A history whose every text and number is a marker (tests/narratives/marked.py) goes through each built-in
format in French and in English. Given that history, when a format renders it, then the markers found are
exactly the fields `transitions_narratives.fields.SHOWN` lists for that format, in both languages; and the
timeline shows every field of every event type.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from tests.narratives import marked
from transitions_core.domain.events import CATALOGUE
from transitions_core.history.importer import import_histories
from transitions_core.narrative.build import cohort_view, day_view, territory_view
from transitions_core.narrative.formats import Subject
from transitions_core.narrative.render import render
from transitions_core.plugins import Host
from transitions_core.store.locations import parse_store
from transitions_core.store.opening import open_store
from transitions_core.timeline.readmodel import TimelineReadModel
from transitions_narratives import cohort_sentences, sentences, sentences_en
from transitions_narratives.fields import SHOWN

LANGUAGES = ("fr", "en")
DAY = date(2026, 9, 15)


def _imported(path: Path, flag: bool) -> Iterator[tuple[TimelineReadModel, marked.Markers]]:
    markers = marked.write(path, flag)
    with open_store(parse_store("memory:")) as store:
        import_histories(store.app, [path])
        yield store.caught_up(), markers


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TimelineReadModel, marked.Markers]]:
    """The marked history, its yes-or-no facts true."""
    yield from _imported(tmp_path_factory.mktemp("marked") / "marked.yaml", True)


@pytest.fixture(scope="module")
def history_false(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[TimelineReadModel, marked.Markers]]:
    """The marked history, its yes-or-no facts false (a webinar not recorded says why)."""
    yield from _imported(tmp_path_factory.mktemp("marked-false") / "marked.yaml", False)


def view_of(readmodel: TimelineReadModel, subject: str):  # type: ignore[no-untyped-def]
    if subject == "territory":
        return territory_view(readmodel, marked.COHORT, marked.TERRITORY), Subject.TERRITORY
    if subject == "day":
        return day_view(readmodel, marked.COHORT, DAY), Subject.DAY
    return cohort_view(readmodel, marked.COHORT), Subject.COHORT


def test_every_event_type_has_a_sentence_in_every_language():
    kinds = {cls.type_name() for cls in CATALOGUE} - {"entry_corrected", "entry_retracted"}
    french = set(sentences.WRITERS) | set(cohort_sentences.COHORT_WRITERS)
    english = set(sentences_en.WRITERS) | set(sentences_en.COHORT_WRITERS)
    # The cohort, its territories and organisations are declared in the file's header, not told as entries.
    declared = {"cohort_opened", "territory_registered", "organisation_registered"}
    assert kinds - declared <= french, sorted(kinds - declared - french)
    assert kinds - declared <= english, sorted(kinds - declared - english)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_timeline_shows_every_field_of_every_event_type(host: Host, history, history_false, lang):
    shown: set[tuple[str, str]] = set()
    every: set[tuple[str, str]] = set()
    for readmodel, markers in (history, history_false):
        text = render(host, "timeline", cohort_view(readmodel, marked.COHORT), Subject.COHORT, lang)
        shown |= markers.shown(text)
        every |= set(markers.by_path)
    assert sorted(every - shown) == []


@pytest.mark.parametrize(("fmt", "subject"), sorted(SHOWN))
def test_a_format_shows_the_fields_it_lists_in_both_languages(host: Host, history, fmt, subject):
    readmodel, markers = history
    view, kind = view_of(readmodel, subject)
    listed = {(event, field) for event, fields in SHOWN[(fmt, subject)].items() for field in fields}
    for lang in LANGUAGES:
        shown = markers.shown(render(host, fmt, view, kind, lang))
        assert shown == listed, (
            f"{fmt} ({subject}, {lang}) — shown but not listed: {sorted(shown - listed)}; "
            f"listed but not shown: {sorted(listed - shown)}. Update transitions_narratives/fields.py "
            "deliberately, in both languages."
        )


@pytest.mark.parametrize("fmt", ["report-html", "newsletter-html"])
def test_the_html_versions_show_what_the_markdown_ones_show(host: Host, history, fmt):
    readmodel, markers = history
    view = cohort_view(readmodel, marked.COHORT)
    base = fmt.removesuffix("-html")
    for lang in LANGUAGES:
        html = markers.shown(render(host, fmt, view, Subject.COHORT, lang))
        markdown = markers.shown(render(host, base, view, Subject.COHORT, lang))
        assert html == markdown, sorted(html ^ markdown)
