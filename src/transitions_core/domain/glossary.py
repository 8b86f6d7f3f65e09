"""The programme's French terms, mapped once to the identifiers the code uses.

`docs/glossary.md` shows this table; a test keeps the two in step.
"""

from __future__ import annotations

from typing import NamedTuple


class Term(NamedTuple):
    """A French term of the programme and the identifier it becomes in code and files."""

    french: str
    identifier: str
    meaning: str


GLOSSARY: tuple[Term, ...] = (
    Term("cohorte", "cohort", "a group of territories accompanied together in one region"),
    Term("territoire", "territory", "a commune or a grouping of communes (EPCI, métropole) in a cohort"),
    Term("délégation", "delegation", "the people a territory sends to the cohort"),
    Term("les 4 Fantastiques", "ActorCategory", "the four actor categories of a territory in transition"),
    Term("élus", "ActorCategory.ELECTED", "elected officials"),
    Term("agents des collectivités", "ActorCategory.STAFF", "local-government staff"),
    Term("agents de l'État territorial", "ActorCategory.STATE", "state agents in the territory"),
    Term(
        "acteurs socio-économiques", "ActorCategory.SOCIO_ECONOMIC", "businesses, associations, inhabitants"
    ),
    Term("appel à candidatures", "call_for_applications", "the call that opens recruitment"),
    Term("allié pivot", "PartnerRole.PIVOT_ALLY", "the regional organisation that co-runs the cohort"),
    Term(
        "allié (régional)", "PartnerRole.ALLY", "an organisation that accompanies a territory's pilot project"
    ),
    Term("tronc commun", "common core", "the collective days and webinars every delegation follows"),
    Term("journée en présentiel", "in_person_day_held", "a day of the common core, in person"),
    Term("webinaire", "webinar_held", "a two-hour online session of the common core"),
    Term("forum des projets pilotes", "pilot_forum_held", "optional online forum about the pilot projects"),
    Term("échanges entre pairs", "peer_exchange_held", "actors of one category meeting their peers"),
    Term(
        "diagnostic sensible",
        "sensitive diagnostic",
        "interview-based reading of how a territory carries its transition",
    ),
    Term("pré-restitution", "diagnostic_pre_restituted", "findings shown first to the head of the executive"),
    Term("restitution", "diagnostic_restituted", "findings shown to the people interviewed"),
    Term("point fort / atout", "FindingKind.STRENGTH", "a strength the diagnostic brings out"),
    Term("point de fragilité", "FindingKind.FRAGILITY", "a fragility"),
    Term("point de tension ou controverse", "FindingKind.TENSION", "a tension or controversy"),
    Term("opportunité", "FindingKind.OPPORTUNITY", "an opening"),
    Term("résistance", "FindingKind.RESISTANCE", "a brake to lift"),
    Term("projet pilote", "pilot project", "the concrete project each territory carries through the cohort"),
    Term("note d'intention", "PilotNote.INTENTION", "first note defining the pilot project"),
    Term("note de cadrage", "PilotNote.FRAMING", "second note: the framing"),
    Term("note de faisabilité", "PilotNote.FEASIBILITY", "third note: the feasibility"),
    Term("jours d'accompagnement", "accompaniment_days_spent", "the ally's days, 8 per territory by default"),
    Term("évaluateur embarqué", "PartnerRole.EVALUATOR", "the evaluator who follows the cohort from inside"),
    Term("journée d'évaluation", "evaluation_day_held", "the day that evaluates effects and limits"),
    Term("effet", "effect_observed", "an effect of the accompaniment, under a short label"),
    Term("limite", "limit_observed", "a limit of the accompaniment"),
    Term(
        "point de vue de l'allié / du territoire",
        "viewpoint_recorded",
        "each side's view of the accompaniment",
    ),
    Term("mise en récits", "storytelling", "poems, portraits, newsletters and articles that tell the story"),
    Term("média embarqué", "PartnerRole.MEDIA", "the journalist or media that follows the cohort"),
    Term("facilitation narrative", "PartnerRole.POET", "the poet who writes each in-person day"),
    Term("infolettre", "ProductionKind.NEWSLETTER", "a newsletter"),
    Term("accompagnement de la Région", "region_*", "the Region's own accompaniment as an institution"),
    Term("fiche action", "region_action_sheets_drafted", "an action sheet of a regional plan"),
)
