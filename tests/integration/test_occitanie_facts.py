"""The Occitanie history holds the report's facts: import it into a real SQLite store and read them back."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from transitions_core.domain.dates import PartialDate
from transitions_core.history.importer import import_histories
from transitions_core.store.locations import parse_store
from transitions_core.store.opening import Store, open_store
from transitions_core.timeline.readmodel import TimelineReadModel
from transitions_core.timeline.stats import CohortStats, cohort_stats
from transitions_core.timeline.view import TimelineEntry, corrected_entries, territory_timeline

HISTORY = Path(__file__).resolve().parents[2] / "scenarios" / "occitanie-2024.yaml"
COHORT = "occitanie-2024"
TERRITORIES = (
    "barre-des-cevennes",
    "canohes",
    "frontonnais",
    "le-vigan",
    "montpellier",
    "saint-hilaire-de-brethmas",
    "gruissan",
    "sicoval",
)
#: The report is a 2025 document: nothing in it can have started after this day.
REPORT_HORIZON = date(2025, 12, 31)

#: (territory or None for the cohort, event type, field path, expected value).
#: "profile" reads the territory's profile and "stats" the cohort's figures. A field path walks dicts and
#: lists ("allies.name"); a fact holds when some entry of that type has the expected value at that path
#: (or among the values there, when the path ends on a list).
FACTS: list[tuple[str | None, str, str, Any]] = [
    # Territory profiles
    ("gruissan", "profile", "population", 5068),
    ("gruissan", "profile", "area_km2", 43.65),
    ("gruissan", "profile", "department", "Aude"),
    ("sicoval", "profile", "communes", 36),
    ("sicoval", "profile", "article", "le"),
    ("sicoval", "profile", "kind", "communauté d'agglomération"),
    ("sicoval", "profile", "population", 83758),
    ("le-vigan", "profile", "name", "Le Vigan"),
    ("le-vigan", "profile", "article", "le"),
    ("le-vigan", "profile", "population", 7010),
    ("frontonnais", "profile", "name", "Communauté de communes du Frontonnais"),
    ("frontonnais", "profile", "article", "la"),
    ("frontonnais", "profile", "communes", 10),
    ("montpellier", "profile", "name", "Montpellier Méditerranée Métropole"),
    ("montpellier", "profile", "population", 516000),
    ("montpellier", "profile", "communes", 31),
    ("barre-des-cevennes", "profile", "name", "Barre-des-Cévennes"),
    ("barre-des-cevennes", "profile", "population", 200),
    ("barre-des-cevennes", "profile", "department", "Lozère"),
    ("canohes", "profile", "area_km2", 8.56),
    ("canohes", "profile", "department", "Pyrénées-Orientales"),
    ("saint-hilaire-de-brethmas", "profile", "population", 4643),
    ("saint-hilaire-de-brethmas", "profile", "region", "Occitanie"),
    # Recruitment and the common core, as the cohort's figures
    (None, "stats", "presentation_events", 5),
    (None, "stats", "approached", 19),
    (None, "stats", "presented", 12),
    (None, "stats", "joined", 8),
    (None, "stats", "declined", 0),
    (None, "stats", "in_person_days", 3),
    (None, "stats", "webinars", 6),
    (None, "stats", "webinars_recorded", 4),
    (None, "stats", "forums", 4),
    (None, "stats", "forum_attendance", 50),
    (None, "stats", "interviews", 160),
    (None, "stats", "people_trained", 20),
    (None, "stats", "diagnostics_started", 8),
    (None, "stats", "diagnostics_restituted", 8),
    (None, "stats", "public_restitutions", 1),
    (None, "stats", "pilots_chosen", 8),
    (None, "stats", "allies_assigned", 8),
    (None, "stats", "days_spent", 0),
    (None, "stats", "days_budget", 64),
    (None, "unnamed_territories_approached", "count", 11),
    (None, "unnamed_territories_approached", "presented", 4),
    (None, "unnamed_territories_approached", "by", "region"),
    (None, "call_for_applications_presented", "count", 5),
    (None, "in_person_day_held", "place", "Fronton"),
    (None, "in_person_day_held", "place", "Toulouse"),
    (None, "in_person_day_held", "place", "Montpellier"),
    (None, "in_person_day_held", "attendance.high", 45),
    (None, "in_person_day_held", "activities", "Journée #2 Le jeu de l'oie coopératif"),
    (None, "in_person_day_held", "feedback.text", "content des échanges avec les autres participants"),
    (None, "webinar_held", "not_recorded_because", "pour des raisons de confidentialité"),
    (None, "webinar_held", "recordings", "Webinaire #1 Le retour d'expérience de la Ville de Malaunay"),
    (None, "webinar_held", "duration_hours", 2),
    (None, "pilot_forum_held", "format", "en visio, facultatif, sans ordre du jour"),
    (None, "pilot_forum_held", "attendance.cumulative", True),
    (None, "peer_exchange_held", "categories", "state"),
    # Set-up, diagnostics, evaluation, storytelling, the Region
    (None, "partner_joined", "organisation", "AREC Occitanie"),
    (None, "partner_joined", "roles", "pivot_ally"),
    (None, "partner_joined", "diagnostics", 4),
    (None, "partner_joined", "organisation", "Solagro"),
    (None, "partner_joined", "organisation", "Sans Transition!"),
    (None, "partner_joined", "roles", "evaluator"),
    (None, "partner_joined", "roles", "poet"),
    (None, "diagnosticians_trained", "allies_and_region_agents", 13),
    (None, "diagnostics_tallied", "diagnostics", 8),
    (None, "diagnostics_tallied", "feedback.text", "sentis écoutés"),
    (None, "cross_finding_recorded", "title", "Attentes citoyennes vs. capacités d'action"),
    (None, "context_noted", "title", "Assemblée des Territoires (ADT) du 19 mars 2024"),
    (None, "evaluation_day_held", "in_person_day", 3),
    (None, "evaluation_report_expected", "due", "2025-23"),
    (None, "evaluation_interviews_held", "by", "Quadrant Conseil"),
    (None, "production_published", "author", "Mathieu Gabard"),
    (None, "production_published", "number", 3),
    (None, "production_published", "kind", "platform"),
    (None, "regional_event_co_organised", "place", "Saint-Hilaire-de-Brethmas"),
    (None, "region_intent_note_sent", "occurred", "2024-06"),
    (None, "region_action_sheets_drafted", "plan", "Plan Habitat Durable"),
    (None, "region_actions_not_carried_out", "reasons", "la réorganisation des services"),
    # Each territory's path
    ("canohes", "diagnostic_restituted", "public", True),
    ("frontonnais", "interviews_held", "count", 15),
    ("frontonnais", "interviews_held", "approximate", True),
    ("frontonnais", "diagnostic_started", "conducted_by", "Florence Chemille (AREC Occitanie)"),
    ("montpellier", "diagnostic_started", "conducted_by", "Florence Busnot (Tierre de confiance)"),
    (
        "saint-hilaire-de-brethmas",
        "diagnostic_started",
        "conducted_by",
        "Sylvain Pambour (Territoires et citoyens Occitanie)",
    ),
    ("gruissan", "diagnostic_started", "conducted_by", []),
    ("le-vigan", "ally_assigned", "allies.name", "Elsa Bonal"),
    ("le-vigan", "ally_assigned", "also_did_diagnostic", False),
    ("barre-des-cevennes", "ally_assigned", "allies.name", "Elsa Bonal"),
    ("gruissan", "ally_assigned", "allies.organisation", "Pôles en pomme"),
    ("sicoval", "ally_assigned", "allies.name", "Anastasia Roth"),
    ("canohes", "ally_assigned", "allies.name", "Claude Exposito"),
    ("montpellier", "ally_assigned", "also_did_diagnostic", True),
    ("saint-hilaire-de-brethmas", "ally_assigned", "also_did_diagnostic", True),
    ("saint-hilaire-de-brethmas", "viewpoint_recorded", "expressed", False),
    ("saint-hilaire-de-brethmas", "delegation_incomplete_noted", "missing", "state"),
    ("saint-hilaire-de-brethmas", "finding_recorded", "kind", "tension"),
    ("barre-des-cevennes", "milestone_reached", "kind", "plan_voted"),
    ("barre-des-cevennes", "effect_observed", "label", "dialogue démocratique"),
    ("barre-des-cevennes", "viewpoint_recorded", "speakers.name", "Sylvain Lhuillier"),
    ("canohes", "milestone_reached", "kind", "decision_taken"),
    ("canohes", "viewpoint_recorded", "quotes.speaker", "Jean-Louis Chambon, maire"),
    ("gruissan", "milestone_reached", "kind", "seminar"),
    ("gruissan", "effect_observed", "label", "regard extérieur révélateur"),
    ("montpellier", "milestone_announced", "kind", "presentation"),
    ("montpellier", "milestone_announced", "expected", "[2024-07-15,2025-07-15]"),
    ("montpellier", "milestone_announced", "kind", "training"),
    ("montpellier", "milestone_announced", "expected", "[2024-09,2025-09]"),
    ("montpellier", "effect_observed", "label", None),
    ("canohes", "effect_observed", "label", None),
    ("frontonnais", "ally_assigned", "diagnostic_by", "Florence Chemille"),
    ("sicoval", "ally_assigned", "allies.name", "Pierre Cancé"),
    (
        "sicoval",
        "viewpoint_recorded",
        "quotes.speaker",
        "Rémi Dutard, directeur de la transition écologique et des mobilités",
    ),
    ("le-vigan", "viewpoint_recorded", "quotes.speaker", "Joël Bouis, directeur général des services"),
    ("barre-des-cevennes", "viewpoint_recorded", "speakers.role", "agent du PETR Sud-Lozère"),
    (None, "stats", "milestones", 7),
    (None, "stats", "milestones_announced", 2),
    (None, "stats", "effects", 32),
    ("montpellier", "pilot_project_chosen", "title", "Structurer la filière réemploi du BTP"),
    ("le-vigan", "delegation_member_named", "member.name", "Joël Bouis"),
    ("sicoval", "delegation_member_named", "member.name", "Rémi Dutard"),
    ("sicoval", "effect_observed", "label", "outillage et réplicabilité méthodologique"),
    ("frontonnais", "effect_observed", "label", "crédibilité"),
    ("frontonnais", "limit_observed", "observed_by", "territory"),
    (
        "le-vigan",
        "production_published",
        "title",
        "La Commune du Vigan : la coopération au service de l'éducation (et vice versa).",
    ),
    ("gruissan", "production_published", "occurred", "2024-05-07"),
    ("gruissan", "webinar_held", "number", 5),
]

#: What the history held before its audit against the report, and must no longer say (same form as FACTS).
ABSENT: list[tuple[str | None, str, str, Any]] = [
    # A view the report does not sign has no speaker; a quote keeps its own.
    ("canohes", "viewpoint_recorded", "speakers.name", "Jean-Louis Chambon"),
    ("le-vigan", "viewpoint_recorded", "speakers.name", "Elsa Lewin"),
    ("le-vigan", "viewpoint_recorded", "speakers.name", "Joël Bouis"),
    ("sicoval", "viewpoint_recorded", "speakers.name", "Rémi Dutard"),
    # A priority of the Plan Climat is not somebody's words.
    ("sicoval", "viewpoint_recorded", "quotes.text", "Gouvernance partagée et coopération territoriale"),
    # Announced, not reached; context, not a step.
    ("montpellier", "milestone_reached", "kind", "presentation"),
    ("montpellier", "milestone_reached", "kind", "training"),
    ("gruissan", "milestone_reached", "kind", "label_obtained"),
    # Labels the report does not give.
    ("canohes", "effect_observed", "label", "met en confiance"),
    ("montpellier", "effect_observed", "label", "se confronter à d'autres cultures / manières de faire"),
    # One spelling per person.
    (None, "partner_joined", "people.name", "Pierre Cance"),
    ("sicoval", "ally_assigned", "allies.name", "Pierre Cance"),
]

#: How many entries of each type the report gives (territory events summed over the eight territories).
COUNTS = {
    "in_person_day_held": 3,
    "webinar_held": 6,
    "pilot_forum_held": 1,
    "territory_approached": 8,
    "scheme_presented": 8,
    "territory_joined": 8,
    "diagnostic_started": 8,
    "diagnostic_pre_restituted": 8,
    "diagnostic_restituted": 8,
    "pilot_project_chosen": 8,
    "ally_assigned": 8,
    "milestone_reached": 7,
    "milestone_announced": 2,
    "viewpoint_recorded": 15,
    "effect_observed": 32,
    "limit_observed": 33,
    "cross_finding_recorded": 9,
    "delegation_incomplete_noted": 3,
    "accompaniment_days_spent": 0,
    "pilot_note_written": 0,
    "territory_declined": 0,
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("occitanie") / "store.sqlite"
    with open_store(parse_store(str(path))) as opened:
        report = import_histories(opened.app, [HISTORY])
        assert report.appended and not report.unchanged
        yield opened


@pytest.fixture(scope="module")
def readmodel(store: Store) -> TimelineReadModel:
    return store.caught_up()


def values_at(node: Any, path: list[str]) -> list[Any]:
    """Every value found at `path`, walking through lists."""
    if isinstance(node, list):
        return [value for item in node for value in values_at(item, path)]
    if not path:
        return [node]
    if not isinstance(node, dict) or path[0] not in node:
        return []
    return values_at(node[path[0]], path[1:])


def holds(facts: dict[str, Any], field: str, expected: Any) -> bool:
    found = values_at(facts, field.split("."))
    if expected == [] and found == []:
        return True  # an empty list flattens to nothing
    return any(value == expected for value in found)


def entries_of(readmodel: TimelineReadModel, territory: str | None) -> list[TimelineEntry]:
    if territory is None:
        return corrected_entries(readmodel.rows(COHORT, territory=None))
    return territory_timeline(readmodel, COHORT, territory)[1]


@pytest.mark.parametrize(("territory", "kind", "field", "expected"), FACTS)
def test_the_report_fact_is_in_the_store(
    readmodel: TimelineReadModel, territory: str | None, kind: str, field: str, expected: Any
) -> None:
    if kind == "profile":
        assert territory is not None
        profile = territory_timeline(readmodel, COHORT, territory)[0]
        assert getattr(profile, field) == expected
        return
    if kind == "stats":
        stats: CohortStats = cohort_stats(readmodel, COHORT)
        assert getattr(stats, field) == expected
        return
    candidates = [e for e in entries_of(readmodel, territory) if e.type == kind]
    assert candidates, f"no {kind} for {territory or 'the cohort'}"
    if field == "occurred":
        assert any(str(e.occurred) == expected for e in candidates)
    else:
        assert any(holds(e.facts, field, expected) for e in candidates), [e.facts for e in candidates]


@pytest.mark.parametrize(("territory", "kind", "field", "wrong"), ABSENT)
def test_what_the_report_does_not_say_is_not_in_the_store(
    readmodel: TimelineReadModel, territory: str | None, kind: str, field: str, wrong: Any
) -> None:
    candidates = [e for e in entries_of(readmodel, territory) if e.type == kind]
    assert not any(holds(e.facts, field, wrong) for e in candidates), [e.entry for e in candidates]


def test_the_fact_table_is_long_enough() -> None:
    assert len(FACTS) >= 40


def test_every_territory_joined_and_went_through_its_diagnostic(readmodel: TimelineReadModel) -> None:
    for territory in TERRITORIES:
        types = [e.type for e in territory_timeline(readmodel, COHORT, territory)[1]]
        for kind in ("territory_approached", "scheme_presented", "territory_joined", "diagnostic_restituted"):
            assert kind in types, (territory, kind)


def test_entries_per_type_match_the_report(readmodel: TimelineReadModel) -> None:
    every = corrected_entries(readmodel.rows(COHORT))
    for kind, expected in COUNTS.items():
        assert sum(1 for e in every if e.type == kind) == expected, kind


def test_webinars_five_and_six_were_not_recorded(readmodel: TimelineReadModel) -> None:
    webinars = {e.facts["number"]: e for e in entries_of(readmodel, None) if e.type == "webinar_held"}
    assert sorted(webinars) == [1, 2, 3, 4, 5, 6]
    for number in (5, 6):
        assert webinars[number].facts["recorded"] is False
        assert webinars[number].facts["recordings"] == []
    for number in (1, 2, 3, 4):
        assert webinars[number].facts["recorded"] is True and webinars[number].facts["recordings"]
    assert [str(webinars[n].occurred) for n in sorted(webinars)] == [
        "2024-05-28",
        "2024-06-11",
        "2024-09-17",
        "2024-10-01",
        "2024-10-15",
        "2024-11-05",
    ]


def test_poems_are_dated_on_their_day(readmodel: TimelineReadModel) -> None:
    poems = [
        e
        for e in entries_of(readmodel, None)
        if e.type == "production_published" and e.facts["kind"] == "poem"
    ]
    assert {e.facts["in_person_day"]: str(e.occurred) for e in poems} == {
        1: "2024-05-07",
        2: "2024-06-24",
        3: "2025-01-21",
    }


def test_portraits_name_the_territory_they_portray(readmodel: TimelineReadModel) -> None:
    portraits = [
        e
        for e in entries_of(readmodel, None)
        if e.type == "production_published" and e.facts["kind"] == "video_portrait"
    ]
    assert sorted(t for e in portraits for t in e.facts["about"]) == [
        "frontonnais",
        "le-vigan",
        "montpellier",
        "sicoval",
    ]
    assert {e.facts["author"] for e in portraits} == {"Sans Transition!"}


def test_nothing_is_dated_after_the_report_could_know(readmodel: TimelineReadModel) -> None:
    for entry in corrected_entries(readmodel.rows(COHORT)):
        occurred = PartialDate(str(entry.occurred))
        if occurred.earliest is not None:
            assert occurred.earliest <= REPORT_HORIZON, (entry.entry, str(occurred))


def test_a_second_import_appends_nothing(store: Store, readmodel: TimelineReadModel) -> None:
    before = readmodel.position()
    report = import_histories(store.app, [HISTORY])
    assert report.appended == []
    assert len(report.unchanged) > 200
    assert store.caught_up().position() == before


def test_a_second_import_from_a_reopened_store_appends_nothing(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    with open_store(parse_store(str(path))) as first:
        appended = len(import_histories(first.app, [HISTORY]).appended)
    with open_store(parse_store(str(path)), create=False) as again:
        report = import_histories(again.app, [HISTORY])
        assert report.appended == []
        assert len(report.unchanged) == appended
