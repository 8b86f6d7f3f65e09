"""The Occitanie history read against the report's own text: who speaks, what is done or only announced, labels.

The report (tests/data/report/occitanie-2024-rapport.txt, the text the history was written from) is searched
directly, so these checks hold for any entry added later, not only for the faults found so far.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import OCCITANIE
from transitions_core.history.importer import import_histories
from transitions_core.store.locations import parse_store
from transitions_core.store.opening import Store, open_store
from transitions_core.timeline.readmodel import TimelineReadModel
from transitions_core.timeline.view import TimelineEntry, corrected_entries

REPORT = Path(__file__).resolve().parents[1] / "data" / "report" / "occitanie-2024-rapport.txt"
COHORT = "occitanie-2024"
#: Each territory's section of the report, by the heading that opens it.
SECTIONS = {
    "barre-des-cevennes": "La Commune de Barre Des Cévennes",
    "canohes": "La Commune de Canohès",
    "frontonnais": "La Communauté de Communes du Frontonnais",
    "le-vigan": "La Commune du Vigan",
    "montpellier": "Montpellier Méditerranée Métropole",
    "saint-hilaire-de-brethmas": "La Commune de Saint-Hilaire-De-Brethmas",
    "gruissan": "La Commune de Gruissan",
    "sicoval": "La Communauté d'Agglomération du Sicoval",
}
MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
#: How the report words a step still to come: a day of a month with no year, or « à partir de » a month.
PLAN = re.compile(
    rf"\b(?:le \d{{1,2}}(?:er)? (?:{MONTHS})(?! \d{{4}})|à partir de (?:{MONTHS}))\b", re.IGNORECASE
)
#: Where the entries written before the audit end; nothing above it may change (stores hold it already).
AUDIT_MARK = "  # ───────────────────────── Relecture contre le rapport"
#: The history file above AUDIT_MARK, parsed (comments aside), as the stores made before the audit hold it.
BEFORE_AUDIT_SHA256 = "0b72b3f8a9a0b4e9af8758b2d34df341db4a324093c6e0e8a8b684bd678fdff9"


def normalised(text: str) -> str:
    """Lowercase, without markdown stars, guillemets or straight quotes, spaces collapsed."""
    text = text.replace("**", "").replace("«", " ").replace("»", " ").replace('"', " ")
    return " ".join(unicodedata.normalize("NFC", text).lower().replace("\u00a0", " ").split())


def folded(text: str) -> str:
    """`normalised`, without accents."""
    return unicodedata.normalize("NFKD", normalised(text)).encode("ascii", "ignore").decode()


@pytest.fixture(scope="module")
def report_lines() -> list[str]:
    return REPORT.read_text(encoding="utf-8").splitlines()


def section(lines: list[str], territory: str) -> list[str]:
    """The lines of a territory's section, from its heading (the second one: the first is the contents) to the next."""
    starts = {
        t: [i for i, line in enumerate(lines) if line.strip() == heading][-1]
        for t, heading in SECTIONS.items()
    }
    start = starts[territory]
    ends = [i for i in starts.values() if i > start] + [lines.index("CONCLUSION", start)]
    return lines[start : min(ends)]


def subsection(lines: list[str], heading: str) -> list[str]:
    """The lines under one heading of a section (`Les impacts positifs`), up to the next heading."""
    start = lines.index(heading)
    headings = ("Les impacts positifs", "Les limites", "Le point de vue", "Du point de vue")
    following = [i for i in range(start + 1, len(lines)) if lines[i].startswith(headings)]
    return lines[start + 1 : following[0] if following else len(lines)]


def bullets(lines: list[str]) -> list[str]:
    """The items of a list whose lines start with `-` or `•`, continuation lines joined."""
    items: list[str] = []
    for line in lines:
        stripped = line.strip()
        if stripped.startswith(("- ", "• ", "-\t", "•\t")):
            items.append(stripped[1:].strip())
        elif stripped and items:
            items[-1] += " " + stripped
    return items


def signatures(lines: list[str]) -> dict[str, str | None]:
    """Each side's viewpoint signature: the short line under its heading (`Elsa Bonal - Déjà-là`), if any."""
    found: dict[str, str | None] = {}
    for index, line in enumerate(lines):
        if not line.startswith(("Le point de vue", "Du point de vue")):
            continue
        side = "territory" if "territoire" in line else "ally"
        following = next(text.strip() for text in lines[index + 1 :] if text.strip())
        signed = len(following) < 80 and not following.endswith(".")
        found[side] = following if signed else None
    return found


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with open_store(parse_store(str(tmp_path_factory.mktemp("occitanie") / "store.sqlite"))) as opened:
        import_histories(opened.app, [OCCITANIE])
        yield opened


@pytest.fixture(scope="module")
def entries(store: Store) -> list[TimelineEntry]:
    readmodel: TimelineReadModel = store.caught_up()
    return corrected_entries(readmodel.rows(COHORT))


def of(entries: list[TimelineEntry], kind: str, territory: str | None = None) -> list[TimelineEntry]:
    return [e for e in entries if e.type == kind and (territory is None or e.territory == territory)]


@pytest.mark.parametrize("territory", SECTIONS)
def test_a_viewpoint_names_as_speakers_only_who_the_report_signs_it_with(entries, report_lines, territory):
    signed = signatures(section(report_lines, territory))
    for entry in of(entries, "viewpoint_recorded", territory):
        names = [person["name"] for person in entry.facts.get("speakers", [])]
        signature = signed[entry.facts["side"]]
        if signature is None:
            assert names == [], f"{entry.entry}: the report signs no one, the history names {names}"
        else:
            assert names, f"{entry.entry}: the report signs it « {signature} »"
            for name in names:
                assert folded(name) in folded(signature), f"{entry.entry}: « {name} » does not sign it"


@pytest.mark.parametrize("territory", SECTIONS)
def test_a_quote_is_given_to_the_speaker_the_report_names_beside_it(entries, report_lines, territory):
    text = normalised(" ".join(section(report_lines, territory)))
    checked = 0
    for entry in entries:
        if entry.territory != territory:
            continue
        for item in entry.facts.get("quotes", []):
            if not item.get("speaker"):
                continue
            words = normalised(item["text"]).rstrip(".")
            places = [m.start() for m in re.finditer(re.escape(words), text)]
            assert places, f"{entry.entry}: quote « {item['text']} » is not in the report's section"
            name = normalised(item["speaker"].split(",")[0])
            assert any(name in text[max(0, at - 150) : at + len(words) + 150] for at in places), (
                f"{entry.entry}: the report does not give « {item['text']} » to {name}"
            )
            checked += 1
    if territory in ("canohes", "le-vigan", "sicoval", "saint-hilaire-de-brethmas"):
        assert checked, "the report attributes quotes in this section"


@pytest.mark.parametrize("territory", SECTIONS)
def test_every_effect_label_is_one_the_report_gives(entries, report_lines, territory):
    items = bullets(subsection(section(report_lines, territory), "Les impacts positifs"))
    labelled = [normalised(item) for item in items if normalised(item).startswith("effet")]
    effects = of(entries, "effect_observed", territory)
    labels = [normalised(e.facts["label"]) for e in effects if e.facts.get("label")]
    assert len(labels) == len(labelled), f"{len(labelled)} labelled effects in the report, {len(labels)} here"
    for label in labels:
        assert any(item.startswith(f"effet {label}") for item in labelled), (
            f"no « Effet « {label} » » in the report"
        )
    assert len(effects) == len(items), "one effect per bullet of « Les impacts positifs »"


def test_no_step_the_report_words_as_a_plan_is_recorded_as_reached(entries, report_lines):
    plans = [
        normalised(match.group(0))
        for territory in SECTIONS
        for item in bullets(subsection(section(report_lines, territory), "Les impacts positifs"))
        for match in PLAN.finditer(item)
    ]
    assert plans, "the report announces steps (a presentation on 15 July, training from September)"
    for entry in of(entries, "milestone_reached"):
        description = normalised(entry.facts["description"])
        assert not PLAN.search(description), f"{entry.entry} is worded as a plan: {description}"
    expected = [str(e.facts.get("expected")) for e in of(entries, "milestone_announced")]
    for plan in plans:
        month = MONTHS.split("|").index(plan.split()[-1]) + 1
        assert any(f"-{month:02d}" in when for when in expected), f"« {plan} » is not recorded as announced"


def test_a_label_of_the_context_is_not_a_step_of_the_pilot(entries):
    for entry in of(entries, "milestone_reached"):
        assert "ville citoyenne" not in normalised(entry.facts["description"]), entry.entry


def test_an_ally_assignment_says_which_ally_had_done_the_diagnostic(entries):
    for entry in of(entries, "ally_assigned"):
        allies = [ally["name"] for ally in entry.facts["allies"]]
        named = entry.facts.get("diagnostic_by", [])
        if entry.facts.get("also_did_diagnostic") and len(allies) > 1:
            assert named, (
                f"{entry.entry}: several allies, and the history does not say which did the diagnostic"
            )
        started = of(entries, "diagnostic_started", entry.territory)
        for name in named:
            assert any(name in by for e in started for by in e.facts.get("conducted_by", [])), (
                entry.entry,
                name,
            )


def test_one_person_is_spelled_one_way(entries):
    names: dict[str, set[str]] = {}

    def collect(value: Any) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("name"), str):
                names.setdefault(folded(value["name"]), set()).add(value["name"])
            for item in value.values():
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    for entry in entries:
        collect(entry.facts)
    assert {k: v for k, v in names.items() if len(v) > 1} == {}


#: Typos and capitals of the report that the history corrects (with a reason) rather than repeats.
SOURCE_TYPOS = (
    r"\bà minima\b",
    r"\bPierre Cance\b",
    r"\b[Ll]e Maire\b",
    r"\bdu Maire\b",
    r"\bdu Président\b",
    r"Président de la Fabrique",
    r"Présidente",
    r"\bConseil Municipal\b",
    r"Directeur Général des Services",
    r"Directeur de la Transition",
    r"Personnes à Mobilité Réduite",
    r"\bpour des raison\b",
    r"\bfaces aux risques\b",
    r"New Européen",
)


def test_no_typo_of_the_report_is_repeated_in_the_corrected_history(entries):
    text = json.dumps([e.facts for e in entries], ensure_ascii=False)
    found = [pattern for pattern in SOURCE_TYPOS if re.search(pattern, text)]
    assert found == []


def test_every_source_names_places_of_the_report(store, report_lines):
    headings = folded(" ".join(report_lines))
    names = {folded(name) for heading in SECTIONS.values() for name in (heading,)} | {
        "barre des cevennes",
        "canohes",
        "frontonnais",
        "le vigan",
        "sicoval",
        "saint-hilaire-de-brethmas",
        "gruissan",
    }
    readmodel: TimelineReadModel = store.caught_up()
    for row in readmodel.rows(COHORT):
        source = row.facts.get("source")
        if row.type in ("cohort_opened",) and source is None:
            continue
        assert source and source.startswith("Rapport, "), f"{row.entry}: source « {source} »"
        for part in re.split(r"\s*[,;]\s*(?![^«]*»)", source.removeprefix("Rapport, ")):
            place = folded(re.sub(r"\s*\([^)]*\)$", "", part))
            assert place in headings or place in names, (
                f"{row.entry}: « {part} » is not a place of the report"
            )


def before_audit(text: str) -> str:
    head, mark, _ = text.partition(AUDIT_MARK)
    assert mark, "the audit block is marked"
    return head


def test_the_entries_written_before_the_audit_have_not_changed():
    parsed = yaml.safe_load(before_audit(OCCITANIE.read_text(encoding="utf-8")))
    canonical = json.dumps(parsed, sort_keys=True, ensure_ascii=False, default=str)
    assert hashlib.sha256(canonical.encode()).hexdigest() == BEFORE_AUDIT_SHA256, (
        "an entry stores already hold was edited: restore it and append a correction instead"
    )


def test_a_store_made_before_the_audit_takes_the_corrections_and_then_nothing_more(tmp_path):
    old = tmp_path / "before-audit.yaml"
    old.write_text(before_audit(OCCITANIE.read_text(encoding="utf-8")), encoding="utf-8")
    with open_store(parse_store(str(tmp_path / "store.sqlite"))) as opened:
        first = import_histories(opened.app, [old])
        second = import_histories(opened.app, [OCCITANIE])
        third = import_histories(opened.app, [OCCITANIE])
        assert len(second.unchanged) == len(first.appended)
        assert second.appended and {e.type for e in second.appended} <= {
            "entry_corrected",
            "entry_retracted",
            "milestone_announced",
            "source_declared",
        }
        assert third.appended == []
