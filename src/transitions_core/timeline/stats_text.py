"""A cohort's figures as French text."""

from __future__ import annotations

from transitions_core.text.french import count, nbsp_punct, number, quote
from transitions_core.timeline.stats import CohortStats, Range

NOTE_NAMES = {"intention": "d'intention", "framing": "de cadrage", "feasibility": "de faisabilité"}
PRODUCTION_NAMES = {
    "poem": ("poème", "poèmes"),
    "video_portrait": ("portrait vidéo", "portraits vidéo"),
    "newsletter": ("infolettre", "infolettres"),
    "article_series": ("série d'articles", "séries d'articles"),
    "day_synthesis": ("synthèse de journée", "synthèses de journée"),
    "platform": ("plateforme", "plateformes"),
    "report": ("rapport", "rapports"),
}


def render_stats(s: CohortStats) -> str:
    """The figures, one topic per block."""
    lines = [f"{s.name} ({s.cohort})", ""]
    lines.append("Recrutement")
    if s.presentation_events:
        lines.append(
            f"  {count(s.presentation_events, 'événement')} de présentation avec appel à candidatures"
        )
    lines.append(
        f"  {count(s.approached, 'territoire approché', 'territoires approchés')} → "
        f"{count(s.presented, 'présentation', 'présentations')} → "
        f"{count(s.joined, 'territoire engagé', 'territoires engagés')}"
    )
    if s.declined:
        lines.append(f"  {count(s.declined, 'refus', 'refus')}")
    if s.dropped_out:
        lines.append(f"  {count(s.dropped_out, 'départ en cours de route', 'départs en cours de route')}")
    lines += ["", "Tronc commun"]
    lines.append(
        f"  {count(s.in_person_days, 'journée', 'journées')} en présentiel{_range(s.in_person_attendance)}"
    )
    recorded = _recorded(s) if s.webinars else ""
    lines.append(f"  {count(s.webinars, 'webinaire')}{recorded}{_range(s.webinar_attendance)}")
    forum_people = (
        f" (environ {number(s.forum_attendance)} participants au total)" if s.forum_attendance else ""
    )
    lines.append(f"  {count(s.forums, 'forum')} des projets pilotes{forum_people}")
    lines.append(
        f"  {count(s.peer_exchanges, 'temps', 'temps')} d'échanges entre pairs enregistré{'s' if s.peer_exchanges > 1 else ''}"
    )
    lines += ["", "Diagnostics sensibles"]
    if s.people_trained is not None:
        lines.append(f"  {count(s.people_trained, 'personne formée', 'personnes formées')}")
    lines.append(
        f"  {count(s.diagnostics_started, 'diagnostic engagé', 'diagnostics engagés')}, "
        f"{count(s.diagnostics_restituted, 'restitué', 'restitués')} "
        f"(dont {s.public_restitutions} en réunion publique)"
    )
    interviews = (
        ("environ " if s.interviews_approximate else "") + count(s.interviews, "entretien")
        if s.interviews is not None
        else "nombre d'entretiens inconnu"
    )
    detail = (
        f" ({number(s.interviews_by_territory)} détaillés par territoire)"
        if s.interviews_by_territory
        else ""
    )
    lines.append(f"  {interviews}{detail}")
    lines += ["", "Projets pilotes"]
    lines.append(
        f"  {count(s.pilots_chosen, 'projet retenu', 'projets retenus')} ; "
        f"allié désigné pour {count(s.allies_assigned, 'territoire')}"
    )
    for kind, name in NOTE_NAMES.items():
        if s.notes_written.get(kind):
            lines.append(f"  {count(s.notes_written[kind], 'note', 'notes')} {name}")
    budget = f" sur {number(s.days_budget)} prévus" if s.days_budget is not None else ""
    lines.append(
        f"  {count(s.days_spent, 'jour', 'jours')} d'accompagnement enregistré{'s' if s.days_spent > 1 else ''}{budget}"
    )
    lines.append(f"  {count(s.milestones, 'étape concrète', 'étapes concrètes')}")
    if s.milestones_announced:
        announced = count(s.milestones_announced, "étape annoncée", "étapes annoncées")
        lines.append(
            f"  {announced}, pas encore {'franchie' if s.milestones_announced == 1 else 'franchies'}"
        )
    lines += ["", "Évaluation"]
    lines.append(
        f"  {count(s.effects, 'effet observé', 'effets observés')}, {count(s.limits, 'limite', 'limites')}"
    )
    for label, n in s.effects_by_label.items():
        lines.append(f"    {quote(label)} : {n}")
    unlabelled = s.effects - sum(s.effects_by_label.values())
    if unlabelled:
        lines.append(f"    sans intitulé : {unlabelled}")
    if s.productions:
        lines += ["", "Mise en récits"]
        for kind, n in sorted(s.productions.items()):
            singular, plural = PRODUCTION_NAMES.get(kind, (kind, kind))
            lines.append(f"  {count(n, singular, plural)}")
    return nbsp_punct("\n".join(lines)) + "\n"


def _range(r: Range) -> str:
    if r.low is None:
        return ""
    if r.high is None or r.high == r.low:
        return f", {number(r.low)} participants"
    return f", de {number(r.low)} à {number(r.high)} participants"


def _recorded(s: CohortStats) -> str:
    """`, dont 2 enregistrés` — only what the history states about the recordings."""
    if s.webinars_recorded is None:
        return ""
    unknown = (
        f" ({count(s.webinars_recording_unknown, 'sans information sur son enregistrement', 'sans information sur leur enregistrement')})"
        if s.webinars_recording_unknown
        else ""
    )
    return f", dont {s.webinars_recorded} enregistré{'s' if s.webinars_recorded > 1 else ''}{unknown}"
