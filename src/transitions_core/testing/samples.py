"""Small, valid sample views for plugin authors' tests, built without a store.

Everything here is imaginary: "Les Aubiers" is a commune of the "Val imaginaire" cohort. Each entry's
facts go through the domain event that would have recorded them, so they have exactly the shape a
real history gives. A test that needs a variant copies a view: `view.model_copy(update={...})`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from itertools import count
from typing import Any
from uuid import UUID

from transitions_core.domain.dates import PartialDate
from transitions_core.domain.events import EVENT_TYPES
from transitions_core.narrative.views import (
    CohortView,
    DayView,
    DiagnosticView,
    EffectView,
    LimitView,
    PersonView,
    PilotView,
    QuoteView,
    TerritoryView,
    ViewpointView,
)
from transitions_core.timeline.stats import CohortStats, Range
from transitions_core.timeline.view import CohortProfile, Profile, TimelineEntry

COHORT = "val-imaginaire-2026"
TERRITORY = "les-aubiers"
RECORDED = datetime(2027, 6, 30, 12, 0, tzinfo=UTC)
ALLY = PersonView(name="Camille Imaginaire", role="alliée", organisation="Atelier des possibles")
MAYOR = PersonView(name="Jean Exemple", role="maire", organisation="Mairie des Aubiers")


def sample_cohort_profile() -> CohortProfile:
    """The imaginary cohort."""
    return CohortProfile(
        id=COHORT,
        name="Cohorte du Val imaginaire 2026-2027",
        region="Région imaginaire",
        period="2026/2027",
        pilot_days_budget=8,
    )


def sample_territory_profile() -> Profile:
    """Les Aubiers: a commune whose name takes the plural article (« des Aubiers », « aux Aubiers »)."""
    return Profile(
        cohort=COHORT,
        id=TERRITORY,
        name="Les Aubiers",
        article="les",
        gender="m",
        kind="commune",
        department="Département imaginaire",
        region="Région imaginaire",
        population=1200,
        area_km2=18.5,
        communes=1,
        description="Une commune rurale au bord d'une rivière, qui a vu fermer son dernier commerce en 2025.",
    )


def _entries(territory: str | None, *items: tuple[str, str, dict[str, Any]]) -> tuple[TimelineEntry, ...]:
    """Timeline entries whose facts were validated by the domain event of their type."""
    positions = count(1 if territory is None else 100)
    entries = []
    for event_type, occurred, facts in items:
        position = next(positions)
        name = f"{territory or COHORT}/{event_type}@{occurred}#1"
        event = EVENT_TYPES[event_type].model_validate(
            {
                "originator_id": UUID(int=position),
                "originator_version": position,
                "timestamp": RECORDED,
                "occurred": occurred,
                "entry": name,
                **facts,
            }
        )
        payload = event.payload()
        for bookkeeping in ("occurred", "source", "note"):
            payload.pop(bookkeeping, None)
        entries.append(
            TimelineEntry(
                position=position,
                entry=name,
                type=event_type,
                scope="cohort" if territory is None else "territory",
                territory=territory,
                occurred=PartialDate(occurred),
                recorded=RECORDED.isoformat(),
                facts=payload,
                source=facts.get("source"),
            )
        )
    return tuple(entries)


def _first_day() -> TimelineEntry:
    return _entries(
        None,
        (
            "in_person_day_held",
            "2026-05-12",
            {
                "number": 1,
                "place": "Les Aubiers",
                "theme": "lancement de la cohorte",
                "territories": [TERRITORY],
                "attendance": {"low": 25, "high": 30},
                "activities": ["une balade le long de la rivière", "un atelier de cartographie sensible"],
                "feedback": [{"text": "On s'est parlé comme jamais.", "speaker": "une habitante"}],
            },
        ),
    )[0]


def _poem() -> TimelineEntry:
    return _entries(
        None,
        (
            "production_published",
            "2026-05-12",
            {
                "kind": "poem",
                "title": "La rivière et nous",
                "author": "Poète imaginaire",
                "in_person_day": 1,
            },
        ),
    )[0]


def sample_territory_view(as_of: date | None = None) -> TerritoryView:
    """Les Aubiers at the end of the accompaniment: a diagnostic, a pilot, effects, limits, quotes, viewpoints."""
    effect_quote = QuoteView(
        text="Pour la première fois, les élus et les habitants ont préparé le conseil ensemble.",
        speaker="Jean Exemple",
        context="participation",
    )
    limit_quote = QuoteView(
        text="Trois jours d'accompagnement, c'est court pour changer des habitudes.",
        speaker="Camille Imaginaire",
        context="limite",
    )
    ally_quote = QuoteView(
        text="Le village avait déjà toutes les réponses ; il fallait les mettre autour d'une table.",
        speaker="Camille Imaginaire",
        context="point de vue ally",
    )
    territory_quote = QuoteView(
        text="On repart avec une méthode, pas seulement avec un projet.",
        speaker="Jean Exemple",
        context="point de vue territory",
    )
    own = _entries(
        TERRITORY,
        ("territory_joined", "2026-03-20", {}),
        ("diagnostic_started", "2026-23", {"conducted_by": ["Atelier des possibles"]}),
        ("interviews_held", "2026-23", {"count": 12}),
        ("diagnostic_pre_restituted", "2026-11", {"to": "le maire"}),
        ("diagnostic_restituted", "2026-12-03", {"public": True}),
        (
            "pilot_project_chosen",
            "2027-01",
            {
                "title": "Une épicerie associative dans l'ancienne gare",
                "summary": "Rouvrir un commerce de proximité, tenu par les habitants, dans un bâtiment communal vide.",
                "goals": ["Réunir les futurs bénévoles", "Trouver un modèle économique durable"],
            },
        ),
        ("pilot_note_written", "2027-01", {"kind": "intention"}),
        ("ally_assigned", "2027-01", {"allies": [ALLY.model_dump()], "also_did_diagnostic": True}),
        ("pilot_note_written", "2027-02", {"kind": "framing"}),
        ("accompaniment_days_spent", "2027-02/2027-04", {"days": 3}),
        (
            "milestone_reached",
            "2027-04-15",
            {
                "kind": "decision_taken",
                "description": "Le conseil municipal a voté le prêt du bâtiment.",
            },
        ),
        (
            "effect_observed",
            "2027-05",
            {
                "label": "participation",
                "description": "Des habitants qui ne venaient jamais aux réunions portent désormais le projet.",
                "observed_by": "territory",
                "quotes": [{"text": effect_quote.text, "speaker": effect_quote.speaker}],
            },
        ),
        (
            "limit_observed",
            "2027-05",
            {
                "description": "Le temps d'accompagnement a manqué pour former les bénévoles à la gestion.",
                "quotes": [{"text": limit_quote.text, "speaker": limit_quote.speaker}],
            },
        ),
    )
    entries = sorted((_first_day(), *own), key=TimelineEntry.sort_key)
    return TerritoryView(
        cohort=sample_cohort_profile(),
        territory=sample_territory_profile(),
        as_of=as_of,
        entries=tuple(entries),
        diagnostic=DiagnosticView(
            conducted_by=("Atelier des possibles",),
            started=True,
            interviews=12,
            pre_restituted=True,
            restituted=True,
            public=True,
        ),
        pilot=PilotView(
            title="Une épicerie associative dans l'ancienne gare",
            summary="Rouvrir un commerce de proximité, tenu par les habitants, dans un bâtiment communal vide.",
            goals=("Réunir les futurs bénévoles", "Trouver un modèle économique durable"),
            allies=(ALLY,),
            ally_also_did_diagnostic=True,
            notes=("intention", "framing"),
            days_spent=3,
            milestones=(
                {
                    "kind": "decision_taken",
                    "description": "Le conseil municipal a voté le prêt du bâtiment.",
                    "occurred": "2027-04-15",
                },
            ),
        ),
        effects=(
            EffectView(
                label="participation",
                description="Des habitants qui ne venaient jamais aux réunions portent désormais le projet.",
                observed_by="territory",
                quotes=(effect_quote,),
            ),
        ),
        limits=(
            LimitView(
                description="Le temps d'accompagnement a manqué pour former les bénévoles à la gestion.",
                quotes=(limit_quote,),
            ),
        ),
        ally_view=ViewpointView(
            side="ally",
            speakers=(ALLY,),
            summary="Un territoire prêt à agir, à qui il manquait un lieu pour se retrouver.",
            quotes=(ally_quote,),
        ),
        territory_view=ViewpointView(
            side="territory",
            speakers=(MAYOR,),
            summary="La commune a appris à décider avec ses habitants.",
            quotes=(territory_quote,),
        ),
        quotes=(effect_quote, limit_quote),
        sessions=tuple(e for e in entries if e.type == "in_person_day_held"),
    )


def sample_stats() -> CohortStats:
    """The figures of the imaginary cohort."""
    return CohortStats(
        cohort=COHORT,
        name="Cohorte du Val imaginaire 2026-2027",
        presentation_events=1,
        approached=2,
        presented=1,
        joined=1,
        declined=1,
        in_person_days=1,
        in_person_attendance=Range(low=25, high=30),
        webinars=0,
        webinars_recorded=0,
        webinar_attendance=Range(),
        forums=0,
        forum_attendance=None,
        peer_exchanges=0,
        diagnostics_started=1,
        diagnostics_restituted=1,
        public_restitutions=1,
        interviews=12,
        interviews_by_territory=1,
        people_trained=None,
        pilots_chosen=1,
        notes_written={"intention": 1, "framing": 1},
        allies_assigned=1,
        days_spent=3,
        days_budget=8,
        milestones=1,
        effects=1,
        effects_by_label={"participation": 1},
        limits=1,
        productions={"poem": 1},
    )


def sample_cohort_view() -> CohortView:
    """The imaginary cohort, with Les Aubiers as its one territory."""
    territory = sample_territory_view()
    day, poem = _first_day(), _poem()
    own = [e for e in territory.entries if e.scope == "territory"]
    return CohortView(
        cohort=sample_cohort_profile(),
        stats=sample_stats(),
        territories=(territory,),
        entries=tuple(sorted([day, poem, *own], key=TimelineEntry.sort_key)),
    )


def sample_day_view() -> DayView:
    """The first in-person day of the imaginary cohort, held at Les Aubiers, with its poem."""
    return DayView(
        cohort=sample_cohort_profile(),
        day=_first_day(),
        poems=(_poem(),),
        territories=(sample_territory_profile(),),
    )
