"""No public output names a recorded person, however the history writes the name: a property over generated
histories whose names vary in case, accents, Unicode form (NFC, NFD, NFKC) and spaces, surname first or alone in
capitals. Every built-in format, subject and language is checked, and `stats`, `events`, `export` and
`calibrate`. Links from the history lead nowhere a viewer would run something, in Markdown and HTML alike."""

from __future__ import annotations

import html
import json
import re
import tempfile
import unicodedata
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transitions_core.cli.main import cli
from transitions_core.errors import TransitionsError
from transitions_core.export.flat import to_csv
from transitions_core.export.ocel import ocel_log
from transitions_core.history.importer import import_histories
from transitions_core.narrative.audience import Audience, reading_for
from transitions_core.narrative.build import cohort_view, day_view, territory_view
from transitions_core.narrative.formats import Subject
from transitions_core.narrative.render import render
from transitions_core.plugins import Host
from transitions_core.simulation.calibration.calibrate import calibrate
from transitions_core.store.locations import parse_store
from transitions_core.store.opening import open_store
from transitions_core.timeline.readmodel import TimelineReadModel
from transitions_core.timeline.stats import cohort_stats

COHORT = "noms-2026"
TERRITORY = "les-aubiers"
DAY = date(2026, 5, 12)
FIRST = ["Hélène", "Noël", "Anaïs", "Jérôme", "Zoé", "François", "Maëlle"]
LAST = ["Dupré", "Lefèvre", "Bénard", "Côté", "Müller", "Duchâteau"]
SPACES = [" ", "  ", "\u00a0", "\u202f", " \u200b"]


@st.composite
def written(draw: st.DrawFn, first: str, last: str) -> str:
    """The name as a free text may write it."""
    order = draw(st.sampled_from(["first last", "last first", "LAST"]))
    case = draw(st.sampled_from([str, str.upper, str.lower, str.title]))
    space = draw(st.sampled_from(SPACES))
    if order == "LAST":
        text = last.upper()
    else:
        parts = [first, last] if order == "first last" else [last, first]
        text = case(space.join(parts))
    return unicodedata.normalize(draw(st.sampled_from(["NFC", "NFD", "NFKC", "NFKD"])), text)


@st.composite
def histories(draw: st.DrawFn) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """A small cohort whose people are recorded once, as people, and named again in free text in many forms."""
    names = draw(
        st.lists(
            st.tuples(st.sampled_from(FIRST), st.sampled_from(LAST)), min_size=2, max_size=2, unique=True
        )
    )
    (f1, l1), (f2, l2) = names
    # The record of a person may itself be written in another form than the text that names them.
    recorded = [
        unicodedata.normalize(draw(st.sampled_from(["NFC", "NFD"])), f"{f1} {l1}"),
        unicodedata.normalize(draw(st.sampled_from(["NFC", "NFD"])), f"{f2} {l2}"),
    ]
    say = [draw(written(f, last)) for f, last in (names * 3)]

    def territory_entry(when: str, type_name: str, **facts: Any) -> dict[str, Any]:
        return {"date": when, "type": type_name, "territory": TERRITORY, **facts}

    history = {
        "kind": "history",
        "cohort": {
            "id": COHORT,
            "name": "Cohorte des noms",
            "region": "Région test",
            "opened": "2026-01",
            "period": "2026/2027",
            "pilot_days_budget": 8,
        },
        "territories": [
            {
                "id": TERRITORY,
                "name": "Les Aubiers",
                "article": "les",
                "gender": "m",
                "kind": "commune",
                "population": 1200,
            }
        ],
        "entries": [
            territory_entry("2026-02", "territory_approached", by="call_for_applications"),
            territory_entry("2026-03-20", "territory_joined"),
            {
                "date": "2026-05-12",
                "type": "in_person_day_held",
                "number": 1,
                "place": "Les Aubiers",
                "theme": f"un atelier ouvert par {say[0]}",
                "attendance": {"low": 25, "high": 30},
                "feedback": [{"text": f"merci à {say[1]}"}],
            },
            {
                "date": "2026-05-12",
                "type": "production_published",
                "kind": "poem",
                "title": "Le poème du jour",
                "author": recorded[1],
                "in_person_day": 1,
            },
            {"date": "2026-06-02", "type": "webinar_held", "number": 1, "theme": f"avec {say[2]}"},
            territory_entry("2026-09", "diagnostic_started", conducted_by=[f"{recorded[1]} (Atelier Vert)"]),
            territory_entry("2026-10", "interviews_held", count=12),
            territory_entry("2026-11", "diagnostic_pre_restituted", to="le maire"),
            territory_entry("2026-12-03", "diagnostic_restituted", public=True),
            territory_entry(
                "2026-12", "finding_recorded", kind="strength", summary=f"{say[3]} a tout changé."
            ),
            territory_entry(
                "2027-01",
                "pilot_project_chosen",
                title="Le jardin partagé",
                summary=f"Un jardin voulu par {say[4]}.",
                goals=["nourrir le lien"],
            ),
            territory_entry(
                "2027-01", "ally_assigned", allies=[{"name": recorded[1], "organisation": "Atelier Vert"}]
            ),
            territory_entry(
                "2027-03",
                "effect_observed",
                label=f"confiance selon {say[5]}",
                description=f"{say[0]} parle aux agents.",
                quotes=[{"text": "on se parle", "speaker": f"{recorded[0]}, maire"}],
            ),
            territory_entry("2027-03", "limit_observed", description=f"{say[1]} manque de temps."),
            territory_entry(
                "2027-04",
                "viewpoint_recorded",
                side="territory",
                speakers=[{"name": recorded[0], "role": "maire"}],
                summary=f"{say[2]} dit que la commune a changé de regard.",
            ),
            territory_entry(
                "2027-05",
                "effect_observed",
                label="secret",
                description=f"{say[3]} confie.",
                confidential=True,
            ),
        ],
    }
    return history, names


def views(readmodel: TimelineReadModel) -> list[tuple[Subject, Any]]:
    public = Audience.PUBLIC
    return [
        (Subject.TERRITORY, territory_view(readmodel, COHORT, TERRITORY, audience=public)),
        (Subject.COHORT, cohort_view(readmodel, COHORT, audience=public)),
        (
            Subject.PERIOD,
            cohort_view(readmodel, COHORT, period=(date(2026, 1, 1), date(2027, 12, 31)), audience=public),
        ),
        (Subject.DAY, day_view(readmodel, COHORT, DAY, audience=public)),
    ]


def outputs(host: Host, readmodel: TimelineReadModel, store: str) -> Iterator[tuple[str, str]]:
    """(where, text) for every public output of the cohort."""
    for subject, view in views(readmodel):
        for fmt in host.formats.values():
            if subject not in fmt.subjects:
                continue
            for lang in ("fr", "en"):
                try:
                    yield f"{fmt.name}/{subject.value}/{lang}", render(host, fmt.name, view, subject, lang)
                except TransitionsError as error:
                    assert "n'a pas de modèle" in str(error) or "langue" in str(error), error
    reading = reading_for(readmodel, COHORT, Audience.PUBLIC)
    assert reading.names is not None
    yield "stats", reading.names.view(cohort_stats(reading.readmodel, COHORT)).model_dump_json()
    yield "csv", to_csv(readmodel, COHORT, Audience.PUBLIC)
    yield "ocel", json.dumps(ocel_log(readmodel, COHORT, Audience.PUBLIC), ensure_ascii=False)
    yield "calibrate", calibrate(readmodel, COHORT, audience=Audience.PUBLIC).text
    for subject in (TERRITORY, COHORT):
        result = CliRunner().invoke(
            cli, ["--store", store, "events", subject, "--json", "--audience", "public"]
        )
        assert result.exit_code == 0, result.output
        yield f"events {subject}", result.stdout


def fold(text: str) -> str:
    """Folded apart from the code under test: no accents (any Unicode form), lower case, no invisible spaces."""
    text = text.replace("\u200b", "")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def folded(text: str) -> str:
    """Case, accents, forms, HTML entities, JSON escapes, spaces and punctuation folded away."""
    text = html.unescape(text)
    return " " + " ".join(re.sub(r"[^\w]+", " ", fold(text)).split()) + " "


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(generated=histories())
def test_no_public_output_names_a_recorded_person_in_any_form(host, generated):
    history, names = generated
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "noms.yaml"
        path.write_text(yaml.safe_dump(history, allow_unicode=True, sort_keys=False), encoding="utf-8")
        store = str(Path(folder) / "s.sqlite")
        with open_store(parse_store(store)) as opened:
            import_histories(opened.app, [path])
            readmodel = opened.caught_up()
            seen = 0
            for where, text in outputs(host, readmodel, store):
                seen += 1
                flat = folded(json.loads(json.dumps(text)))
                for first, last in names:
                    for form in (f"{first} {last}", f"{last} {first}"):
                        assert folded(form) not in flat, f"{where}: {form!r} in a public output"
                    capitals = [
                        w for w in re.findall(r"\w+", unicodedata.normalize("NFC", text)) if w.isupper()
                    ]
                    assert folded(last).strip() not in {folded(w).strip() for w in capitals}, where
                assert " secret " not in flat, f"{where}: a confidential entry in a public output"
            assert seen > 30


LINKS = "[cliquez](javascript:alert(1)) [ici](data:text/html,x) [site](https://example.org)\n[r]: vbscript:x"


def test_a_link_from_the_history_leads_nowhere_a_viewer_would_run_something(host, tmp_path):
    history = {
        "kind": "history",
        "cohort": {
            "id": COHORT,
            "name": "Cohorte des liens",
            "region": "Région test",
            "opened": "2026-01",
            "period": "2026/2027",
            "pilot_days_budget": 8,
        },
        "territories": [
            {
                "id": TERRITORY,
                "name": "Les Aubiers",
                "article": "les",
                "gender": "m",
                "kind": "commune",
                "population": 1200,
            }
        ],
        "entries": [
            {"date": "2026-02", "type": "territory_approached", "territory": TERRITORY, "by": "region"},
            {"date": "2026-03-20", "type": "territory_joined", "territory": TERRITORY},
            {
                "date": "2026-05-12",
                "type": "in_person_day_held",
                "number": 1,
                "place": "Les Aubiers",
                "theme": LINKS,
            },
            {
                "date": "2027-01",
                "type": "pilot_project_chosen",
                "territory": TERRITORY,
                "title": "Le jardin",
                "summary": LINKS,
            },
            {
                "date": "2027-03",
                "type": "effect_observed",
                "territory": TERRITORY,
                "label": "liens",
                "description": LINKS,
            },
        ],
    }
    path = tmp_path / "liens.yaml"
    path.write_text(yaml.safe_dump(history, allow_unicode=True, sort_keys=False), encoding="utf-8")
    checked, shown = set(), set()
    with open_store(parse_store(str(tmp_path / "s.sqlite"))) as store:
        import_histories(store.app, [path])
        readmodel = store.caught_up()
        for audience in Audience:
            for subject, view in [
                (Subject.TERRITORY, territory_view(readmodel, COHORT, TERRITORY, audience=audience)),
                (Subject.COHORT, cohort_view(readmodel, COHORT, audience=audience)),
                (Subject.DAY, day_view(readmodel, COHORT, DAY, audience=audience)),
            ]:
                for fmt in host.formats.values():
                    if subject not in fmt.subjects or fmt.media_type not in ("text/markdown", "text/html"):
                        continue
                    for lang in ("fr", "en"):
                        try:
                            text = render(host, fmt.name, view, subject, lang)
                        except TransitionsError:
                            continue
                        checked.add(fmt.name)
                        if "cliquez" in text:
                            shown.add(fmt.name)
                        assert_no_unsafe_link(f"{fmt.name}/{subject.value}/{lang}", fmt.media_type, text)
    assert {"fiche", "article", "newsletter", "report", "report-html", "newsletter-html"} <= checked
    assert {"fiche", "report", "report-html"} <= shown, "the text around the links is printed"


def assert_no_unsafe_link(where: str, media_type: str, text: str) -> None:
    if media_type == "text/html":
        for target in re.findall(r"""(?:href|src)\s*=\s*["']?([^"' >]+)""", text, re.IGNORECASE):
            target = html.unescape(target).strip().lower()
            assert target.startswith(("#", "http://", "https://", "mailto:")), f"{where}: {target}"
        return
    for target in re.findall(r"\]\(\s*<?([^)\s>]*)", text):
        assert target.lower().startswith(("http://", "https://", "mailto:")), f"{where}: link to {target}"
    for target in re.findall(r"(?m)^ {0,3}\[[^\]]*\]:\s*(\S+)", text):
        assert target.lower().startswith(("http://", "https://", "mailto:")), f"{where}: definition {target}"
