"""`--lang en` is English for English readers: every format and subject renders, and the tool's own words hold
no French. What a coordinator recorded in French stays French, marked as such (« … » in text,
`<span lang="fr">` in HTML); names of people, places and organisations are names in any language.

Given a history (the bundled one, the imaginary one, a generated one), when every format renders it in
English, then once the recorded names and the marked French are taken out, no French word is left.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.narratives import marked
from tests.narratives import truth_histories as th
from tests.narratives.test_truthful import LOOSE
from transitions_core.history.importer import import_histories
from transitions_core.narrative.build import cohort_view, day_view, territory_view
from transitions_core.narrative.formats import Subject
from transitions_core.narrative.render import render
from transitions_core.plugins import Host
from transitions_core.store.locations import parse_store
from transitions_core.store.opening import open_store
from transitions_core.timeline.readmodel import TimelineReadModel
from transitions_core.timeline.view import corrected_entries

#: Recorded fields that hold a name (of a person, place, organisation, document): names are not translated.
NAME_FIELDS = frozenset(
    {
        "name", "organisation", "place", "author", "by", "by_whom", "speaker", "department", "region",
        "conducted_by", "participants", "title", "kind", "cited_as", "cohort", "slug", "url",
    }
)  # fmt: skip
#: Words that give French away in the tool's own English.
FRENCH = re.compile(
    r"\b(le|la|les|des|du|une|et|est|sont|avec|pour|dans|sur|aux|cohorte|journée|webinaire|restitution|"
    r"consigné|consignée|territoires|effet|limite|projet|aucun|aucune|encore|pas)\b|[éèêàçôûîù]",
    re.IGNORECASE,
)
MARKED = re.compile(r"«[^«»]*»|<span lang=\"fr\">.*?</span>", re.DOTALL)


def names_in(value: Any, key: str = "") -> set[str]:
    """Every recorded name in a fact (a value of a name field, at any depth)."""
    if isinstance(value, dict):
        return set().union(*(names_in(v, k) for k, v in value.items())) if value else set()
    if isinstance(value, list):
        return set().union(*(names_in(v, key) for v in value)) if value else set()
    if isinstance(value, str) and key in NAME_FIELDS:
        return {value}
    return set()


def leftover_french(text: str, names: set[str]) -> list[str]:
    """The French the tool itself wrote: what remains once marked French and names are taken out."""
    text = MARKED.sub(" ", text)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))  # HTML tags and their attributes, then entities
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, " ")
    return sorted({m.group(0) for m in FRENCH.finditer(text)})


def cohort_names(readmodel: TimelineReadModel, cohort: str) -> set[str]:
    names = {cohort}
    for entry in corrected_entries(readmodel.rows(cohort)):
        names |= names_in(entry.facts)
    return {n for n in names if len(n) > 1}


def every_text(
    host: Host, readmodel: TimelineReadModel, cohort: str, day: date | None
) -> Iterator[tuple[str, str]]:
    """(what, text) for every format and subject of a cohort, in English."""
    whole = cohort_view(readmodel, cohort)
    for fmt in host.formats.values():
        if Subject.COHORT in fmt.subjects:
            yield f"{fmt.name} cohort", render(host, fmt.name, whole, Subject.COHORT, "en")
    for territory in whole.territories:
        view = territory_view(readmodel, cohort, territory.territory.id)
        for fmt in host.formats.values():
            if Subject.TERRITORY in fmt.subjects:
                yield (
                    f"{fmt.name} {territory.territory.id}",
                    render(host, fmt.name, view, Subject.TERRITORY, "en"),
                )
    if day is not None:
        view = day_view(readmodel, cohort, day)
        for fmt in host.formats.values():
            if Subject.DAY in fmt.subjects:
                yield f"{fmt.name} day", render(host, fmt.name, view, Subject.DAY, "en")


def check(host: Host, readmodel: TimelineReadModel, cohort: str, day: date | None = None) -> None:
    names = cohort_names(readmodel, cohort)
    for what, text in every_text(host, readmodel, cohort, day):
        if what.startswith("json"):
            continue  # data, not prose: its keys are documented, its values recorded
        assert not leftover_french(text, names), f"{what}: {leftover_french(text, names)}\n{text}"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TimelineReadModel]:
    """The hand-made loose history of the truth tests and the marked history, in one store."""
    folder = tmp_path_factory.mktemp("english")
    (folder / "loose.yaml").write_text(LOOSE.yaml(), encoding="utf-8")
    marked.write(folder / "marked.yaml")
    with open_store(parse_store("memory:")) as store:
        import_histories(store.app, [folder / "loose.yaml", folder / "marked.yaml"])
        yield store.caught_up()


def test_the_bundled_history_in_english_has_no_french_of_the_tool(host: Host, occitanie: TimelineReadModel):
    check(host, occitanie, "occitanie-2024", date(2024, 5, 7))


def test_the_imaginary_history_in_english_has_no_french_of_the_tool(host: Host, example: TimelineReadModel):
    check(host, example, "val-imaginaire-2026", date(2026, 5, 12))


def test_generated_histories_in_english_have_no_french_of_the_tool(host: Host, generated: TimelineReadModel):
    check(host, generated, th.COHORT)
    check(host, generated, marked.COHORT, date(2026, 9, 15))


def test_the_check_finds_french_the_tool_wrote():
    assert leftover_french("Rien n'est daté dans la période pour Kerlann.", {"Kerlann"}) != []
    assert leftover_french("Effect « confiance »: « La confiance grandit ».", set()) == []


def test_a_missing_english_template_is_a_clear_error_not_french(
    host: Host, example: TimelineReadModel, tmp_path: Path
):
    from transitions_core.errors import TransitionsError

    view = territory_view(example, "val-imaginaire-2026", "les-aubiers")
    with pytest.raises(TransitionsError, match=r"de\.md\.j2"):
        render(host, "fiche", view, Subject.TERRITORY, "de")


TRANSLATED = """\
kind: history
cohort: {id: traduite-2026, name: Cohorte traduite, region: Bretagne, opened: 2026-01}
entries:
  - date: 2026-05-12
    type: in_person_day_held
    number: 1
    place: Brest
    theme: lancement de la cohorte
    translations:
      en: {theme: launch of the cohort}
"""


def test_a_translation_given_by_the_history_replaces_the_marked_french(host: Host, tmp_path: Path):
    path = tmp_path / "traduite.yaml"
    path.write_text(TRANSLATED, encoding="utf-8")
    with open_store(parse_store("memory:")) as store:
        import_histories(store.app, [path])
        view = cohort_view(store.caught_up(), "traduite-2026")
        english = render(host, "timeline", view, Subject.COHORT, "en")
        french = render(host, "timeline", view, Subject.COHORT, "fr")
    assert "in Brest: launch of the cohort." in english and "lancement" not in english
    assert "lancement de la cohorte" in french and "launch" not in french


def test_a_translation_of_a_field_the_entry_has_not_is_refused_at_its_line(tmp_path: Path):
    from transitions_core.errors import TransitionsError

    path = tmp_path / "traduite.yaml"
    path.write_text(TRANSLATED.replace("{theme: launch", "{thème: launch"), encoding="utf-8")
    with open_store(parse_store("memory:")) as store, pytest.raises(TransitionsError) as refused:
        import_histories(store.app, [path])
    assert "traduite.yaml:4" in str(refused.value)
    assert "« thème » n'est pas un champ de texte de cette entrée" in str(refused.value)
