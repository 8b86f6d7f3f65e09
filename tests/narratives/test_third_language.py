"""A third language needs only wording files: the plans choose the same facts, in the same order.

Given a language made of markers only (`qx`): wording files whose every phrasing is the marker of its key,
and a lexicon whose every word is a marker, written in a user's folder (TRANSITIONS_NARRATIVES_DIR), when
the Occitanie poems, articles and timelines are written in it, then they render with no change to any code,
hold nothing but markers (no French or English of the tool; the timeline's dates aside), and tell the keys
the French text tells, in its order. Its timeline's sentences are data: one per event type, in sentences.yaml.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.narratives.conftest import OCCITANIE_TERRITORIES
from transitions_core.domain.events import CATALOGUE
from transitions_core.narrative.build import day_view, territory_view
from transitions_core.narrative.environment import USER_DIR_VAR, builtin_dir
from transitions_core.narrative.formats import Subject
from transitions_core.narrative.render import render
from transitions_narratives.lexicon import lexicon
from transitions_narratives.tellers import teller

MARK = re.compile(r"⟦[^⟧]+⟧")
PARTS = ("poem", "article")
#: The wording files the marker language writes.
WORDED = (*PARTS, "timeline")


def markers(data: Any, prefix: str) -> Any:
    """The same keys, each phrasing replaced by the marker of its key (lists keep their length)."""
    if isinstance(data, dict):
        return {k: markers(v, f"{prefix}.{k}") for k, v in data.items()}
    if isinstance(data, list):
        return [f"⟦{prefix}⟧" for _ in data]
    return f"⟦{prefix}⟧"


@pytest.fixture
def marker_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "qx-texts"
    (folder / "wording" / "qx").mkdir(parents=True)
    (folder / "lexicon").mkdir()
    for part in WORDED:
        french = yaml.safe_load(
            (builtin_dir() / "wording" / "fr" / f"{part}.yaml").read_text(encoding="utf-8")
        )
        text = yaml.safe_dump(markers(french, part), allow_unicode=True)
        (folder / "wording" / "qx" / f"{part}.yaml").write_text(text, encoding="utf-8")
    steps = {
        s: {k: f"⟦claims.{s}.{k}⟧" for k in ("later", "undated", "unrecorded")}
        for s in ("diagnostic", "restitution", "pilot")
    }
    (folder / "wording" / "qx" / "claims.yaml").write_text(yaml.safe_dump(steps), encoding="utf-8")
    # One sentence per event type the narratives tell, as data (the French and English ones are Python).
    told = [event.type_name() for event in CATALOGUE if event.told]
    sentences = {key: f"⟦sentences.{key}⟧" for key in [*told, "profile", "allies", "corrected"]}
    (folder / "wording" / "qx" / "sentences.yaml").write_text(yaml.safe_dump(sentences), encoding="utf-8")
    words = {t: {k: f"⟦{t}.{k}⟧" for k in table} for t, table in lexicon("fr").items()}
    (folder / "lexicon" / "qx.yaml").write_text(yaml.safe_dump(words, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv(USER_DIR_VAR, str(folder))
    return folder


def only_markers(text: str) -> str:
    """What is left of a text once its markers and Markdown marks are taken out."""
    return re.sub(r"[#*\\\s.,:;()«»—-]", "", MARK.sub("", text))


def test_the_marker_language_writes_the_poems_and_articles_with_no_code_of_its_own(
    host, occitanie, marker_language
):
    for territory in OCCITANIE_TERRITORIES:
        view = territory_view(occitanie, "occitanie-2024", territory)
        for fmt in PARTS:
            text = render(host, fmt, view, Subject.TERRITORY, "qx")
            assert MARK.search(text), text
            assert only_markers(text) == "", f"{fmt} {territory}: {only_markers(text)!r}"
    from datetime import date

    day = render(host, "poem", day_view(occitanie, "occitanie-2024", date(2024, 5, 7)), Subject.DAY, "qx")
    assert only_markers(day) == ""


#: A timeline's dates, in the plain grammar's EDTF (`2024-05-07`, `2024-23`, `2024/2025`, `XXXX`).
EDTF = re.compile(r"[\dX][\dX/~?%X-]*")


def test_the_marker_language_tells_a_timeline_from_its_sentences_file(host, occitanie, marker_language):
    from transitions_core.narrative.build import cohort_view

    assert teller("qx").types == {event.type_name() for event in CATALOGUE if event.told}
    view = territory_view(occitanie, "occitanie-2024", "gruissan")
    texts = [
        render(host, "timeline", view, Subject.TERRITORY, "qx"),
        render(host, "timeline", cohort_view(occitanie, "occitanie-2024"), Subject.COHORT, "qx"),
    ]
    for text in texts:
        assert "⟦sentences.in_person_day_held⟧" in text and "⟦timeline." in text
        assert only_markers(EDTF.sub("", text.replace("•", ""))) == "", only_markers(EDTF.sub("", text))


def test_the_marker_language_tells_what_the_french_tells_in_the_same_order(host, occitanie, marker_language):
    from transitions_narratives.plans.article import article

    view = territory_view(occitanie, "occitanie-2024", "barre-des-cevennes")
    planned = [p.name for p in article(view)["parts"]]
    text = render(host, "article", view, Subject.TERRITORY, "qx")
    told = MARK.findall(text)
    assert told[0].startswith("⟦article.headline.") and told[1].startswith("⟦article.standfirst.")
    parts = [m.split(".")[1] for m in told[3:] if not m.startswith("⟦article.dateline")]
    assert list(dict.fromkeys(parts)) == ["opening", "path", "pilot", "changes", "voices", "hard"]
    assert planned == ["opening", "path", "pilot", "changes", "voices", "hard"]


ROOT = Path(__file__).resolve().parents[2]


def test_no_plugin_module_nor_the_renderer_branches_on_a_language():
    """A language is looked up (its wording, grammar and teller), never tested for in code."""
    paths = [
        *(ROOT / "plugins" / "transitions_narratives").rglob("*.py"),
        ROOT / "src/transitions_core/narrative/render.py",
    ]
    assert len(paths) > 20
    for path in paths:
        code = path.read_text(encoding="utf-8")
        assert not re.search(r"lang\s*[!=]=|[!=]=\s*[\"'](fr|en)[\"']", code), path.name
