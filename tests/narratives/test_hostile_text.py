"""A history whose names and quotes hold HTML and jinja syntax: every built-in format, for every subject, language
and audience, prints them as text. HTML escapes them, Markdown writes `<` as `&lt;` (a Markdown viewer would run
a raw tag), plain text keeps them as they are, JSON gives back the exact string; no template ever evaluates them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from transitions_core.cli.main import cli
from transitions_core.errors import TransitionsError
from transitions_core.history.importer import import_histories
from transitions_core.narrative.audience import Audience
from transitions_core.narrative.build import cohort_view, day_view, territory_view
from transitions_core.narrative.formats import Subject
from transitions_core.narrative.render import render
from transitions_core.plugins import Host
from transitions_core.store.locations import parse_store
from transitions_core.store.opening import open_store
from transitions_core.text.filters import markdown_text
from transitions_core.timeline.readmodel import TimelineReadModel

NAME = "<script>alert(1)</script> {{ 7*7 }} {% raw %}"
QUOTE = "{{ config }} <b>gras</b> {{ 7*7 }}"
PERSON = "<i>Ana</i> {{ 7*7 }}"
ALLY = "Atelier <b>x</b>"
COHORT = "hostile-2026"
TERRITORY = "piege"
DAY = date(2026, 5, 12)


def entry(when: str, type_name: str, **facts: Any) -> dict[str, Any]:
    return {"date": when, "type": type_name, **facts}


def territory_entry(when: str, type_name: str, **facts: Any) -> dict[str, Any]:
    return entry(when, type_name, territory=TERRITORY, **facts)


HISTORY = {
    "kind": "history",
    "cohort": {
        "id": COHORT,
        "name": f"Cohorte {NAME}",
        "region": "Région <u>test</u>",
        "opened": "2026-01",
        "period": "2026/2027",
        "pilot_days_budget": 8,
        "aims": [QUOTE],
    },
    "territories": [
        {
            "id": TERRITORY,
            "name": NAME,
            "gender": "m",
            "kind": "commune",
            "department": "Aude",
            "population": 1200,
            "description": QUOTE,
        }
    ],
    "entries": [
        territory_entry("2026-02", "territory_approached", by="call_for_applications"),
        territory_entry("2026-03-20", "territory_joined"),
        entry("2026-03", "partner_joined", organisation=ALLY, roles=["ally"], people=[{"name": PERSON}]),
        entry(
            "2026-05-12",
            "in_person_day_held",
            number=1,
            place="Les Aubiers",
            theme=QUOTE,
            activities=[QUOTE],
            feedback=[{"text": QUOTE}],
            attendance={"low": 25, "high": 30},
        ),
        entry("2026-05-12", "production_published", kind="poem", title=NAME, author=PERSON, in_person_day=1),
        entry("2026-06-02", "webinar_held", number=1, theme=QUOTE),
        territory_entry("2026-09", "diagnostic_started", conducted_by=[f"{PERSON} ({ALLY})"]),
        territory_entry("2026-10", "interviews_held", count=12),
        territory_entry("2026-11", "diagnostic_pre_restituted", to="le maire"),
        territory_entry("2026-12-03", "diagnostic_restituted", public=True),
        territory_entry(
            "2026-12", "finding_recorded", kind="strength", summary=QUOTE, quotes=[{"text": QUOTE}]
        ),
        territory_entry("2027-01", "pilot_project_chosen", title=NAME, summary=QUOTE, goals=[QUOTE]),
        territory_entry("2027-01", "ally_assigned", allies=[{"name": PERSON, "organisation": ALLY}]),
        territory_entry(
            "2027-03",
            "effect_observed",
            label="<em>effet</em> {{ 7*7 }}",
            description=QUOTE,
            quotes=[{"text": QUOTE, "speaker": f"{PERSON}, maire"}],
        ),
        territory_entry("2027-03", "limit_observed", description=QUOTE, quotes=[{"text": QUOTE}]),
        territory_entry(
            "2027-04",
            "viewpoint_recorded",
            side="territory",
            speakers=[{"name": PERSON, "role": "maire"}],
            summary=QUOTE,
            quotes=[{"text": QUOTE, "speaker": f"{PERSON}, maire"}],
        ),
        territory_entry(
            "2027-04",
            "viewpoint_recorded",
            side="ally",
            speakers=[{"name": PERSON, "organisation": ALLY}],
            summary=QUOTE,
        ),
    ],
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TimelineReadModel]:
    """The hostile history, imported like any other."""
    folder = tmp_path_factory.mktemp("hostile")
    history = folder / "hostile.yaml"
    history.write_text(yaml.safe_dump(HISTORY, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with open_store(parse_store(str(folder / "store.sqlite"))) as store:
        import_histories(store.app, [history])
        yield store.caught_up()


def views(readmodel: TimelineReadModel, audience: Audience) -> list[tuple[Subject, Any]]:
    return [
        (Subject.TERRITORY, territory_view(readmodel, COHORT, TERRITORY, audience=audience)),
        (Subject.COHORT, cohort_view(readmodel, COHORT, audience=audience)),
        (
            Subject.PERIOD,
            cohort_view(readmodel, COHORT, period=(date(2026, 1, 1), date(2026, 12, 31)), audience=audience),
        ),
        (Subject.DAY, day_view(readmodel, COHORT, DAY, audience=audience)),
    ]


def renderings(
    host: Host, readmodel: TimelineReadModel, audience: Audience
) -> Iterator[tuple[str, str, str]]:
    """(format, media type, text) for every built-in format, subject and language it has."""
    for subject, view in views(readmodel, audience):
        for fmt in host.formats.values():
            if subject not in fmt.subjects:
                continue
            for lang in ("fr", "en"):
                try:
                    text = render(host, fmt.name, view, subject, lang)
                except TransitionsError as error:
                    assert "n'a pas de modèle" in str(error) or "langue" in str(error), error
                    continue
                yield f"{fmt.name}/{subject.value}/{lang}", fmt.media_type, text


@pytest.mark.parametrize("audience", list(Audience))
def test_every_format_prints_hostile_text_as_text(host, hostile, audience):
    seen = set()
    for where, media_type, text in renderings(host, hostile, audience):
        seen.add(where.split("/")[0])
        if media_type == "application/json":
            # Not a plain "49" search: JSON carries recording timestamps, which may well hold a 49.
            assert not any("</script> 49" in s for s in _strings(json.loads(text))), where
            check_json(where, text, audience)
            continue
        assert "49" not in text, f"{where}: a template evaluated {{{{ 7*7 }}}}"
        assert "{{ 7*7 }}" in text, f"{where}: the hostile text is not there at all"
        if media_type == "text/plain":
            assert "<b>gras</b>" in text, f"{where}: plain text is printed as it is"
            continue
        for tag in ("<script", "<b>gras", "<i>Ana", "<em>effet", "<u>test", "<b>x"):
            assert tag not in text, f"{where}: raw {tag} in {media_type}"
        assert "&lt;" in text, f"{where}: the tags are not escaped"
        if audience is Audience.PUBLIC:
            assert "Ana" not in text, f"{where}: a person's name in a public output"
    assert {"timeline", "json", "fiche", "article", "poem", "newsletter", "report"} <= seen
    assert {"newsletter-html", "report-html"} <= seen


def check_json(where: str, text: str, audience: Audience) -> None:
    document = json.loads(text)
    strings = set(_strings(document))
    assert QUOTE in strings, f"{where}: the quote does not come back exactly"
    if "territory" in document:
        assert document["territory"]["name"] == NAME
    else:
        assert NAME in {t["name"] for t in document["territories"]}
    assert (PERSON in json.dumps(document, ensure_ascii=False)) is (audience is Audience.INTERNAL)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def test_html_escapes_the_territory_name_exactly(host, hostile):
    view = cohort_view(hostile, COHORT)
    page = render(host, "report-html", view, Subject.COHORT)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }} {% raw %}" in page


def test_markdown_writes_the_territory_name_with_lt(host, hostile):
    fiche = render(host, "fiche", territory_view(hostile, COHORT, TERRITORY), Subject.TERRITORY)
    assert fiche.startswith("# &lt;script>alert(1)&lt;/script> {{ 7*7 }} {% raw %}\n")


def test_the_markdown_filter_escapes_tags_once():
    assert markdown_text("<b>x</b> & co") == "&lt;b>x&lt;/b> & co"
    assert markdown_text(markdown_text("<b>")) == "&lt;b>"
    assert markdown_text(12) == "12"


def test_the_command_line_writes_the_same_escaped_markdown(hostile, tmp_path: Path):
    history = tmp_path / "hostile.yaml"
    history.write_text(yaml.safe_dump(HISTORY, allow_unicode=True, sort_keys=False), encoding="utf-8")
    store, out = tmp_path / "s.sqlite", tmp_path / "fiche.md"
    runner = CliRunner()
    assert runner.invoke(cli, ["--store", str(store), "import", str(history)]).exit_code == 0

    result = runner.invoke(
        cli, ["--store", str(store), "replay", TERRITORY, "--format", "fiche", "--output", str(out)]
    )

    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "<script" not in text and "&lt;script>" in text and "49" not in text
