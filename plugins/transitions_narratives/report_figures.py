"""The cohort in figures, line by line, in French or English: the report's first section, from `view.stats`."""

from __future__ import annotations

from transitions_core.narrative.views import CohortView
from transitions_core.text.french import count, join_list, number
from transitions_core.timeline.stats import CohortStats, Range
from transitions_core.timeline.stats_text import PRODUCTION_NAMES

NOTES = {
    "intention": ("note d'intention", "notes d'intention"),
    "framing": ("note de cadrage", "notes de cadrage"),
    "feasibility": ("note de faisabilité", "notes de faisabilité"),
}


def figures(view: CohortView, lang: str = "fr") -> list[tuple[str, str]]:
    """(label, sentence) pairs: recruitment, common core, diagnostics, pilots, effects, productions."""
    return _figures_en(view.stats) if lang == "en" else _figures_fr(view.stats)


def _some(n: float, singular: str, plural: str | None = None, feminine: bool = False) -> str:
    if n == 0:
        return f"{'aucune' if feminine else 'aucun'} {singular}"
    return count(n, singular, plural)


def _range_fr(r: Range) -> str:
    if r.low is not None and r.high is not None and r.high != r.low:
        return f"entre {number(r.low)} et {number(r.high)} participants"
    return count(r.low, "participant") if r.low is not None else ""


def _figures_fr(s: CohortStats) -> list[tuple[str, str]]:
    recruitment = (
        [count(s.presentation_events, "événement de présentation", "événements de présentation")]
        if s.presentation_events
        else []
    )
    recruitment.append(
        f"{count(s.approached, 'territoire approché', 'territoires approchés')}, "
        f"dont {count(s.presented, 'a reçu', 'ont reçu')} une présentation de la démarche"
    )
    joined = f"{_some(s.joined, 'territoire engagé', 'territoires engagés')} dans la cohorte"
    recruitment.append(joined + (f", {count(s.declined, 'refus', 'refus')}" if s.declined else ""))

    days = _some(s.in_person_days, "journée en présentiel", "journées en présentiel", feminine=True)
    if s.in_person_attendance.low is not None:
        days += f" ({_range_fr(s.in_person_attendance)})"
    webinars = _some(s.webinars, "webinaire")
    if s.webinars:
        details = [count(s.webinars_recorded, "enregistré", "enregistrés")]
        if s.webinar_attendance.low is not None:
            details.append(_range_fr(s.webinar_attendance))
        webinars += f" ({', '.join(details)})"
    forums = _some(s.forums, "forum des projets pilotes", "forums des projets pilotes")
    if s.forum_attendance:
        forums += f" (au moins {count(s.forum_attendance, 'participant')} au total)"

    diagnostics = [_some(s.diagnostics_started, "diagnostic engagé", "diagnostics engagés")]
    if s.diagnostics_started:
        diagnostics[0] += f", {count(s.diagnostics_restituted, 'restitué', 'restitués')}"
        if s.public_restitutions:
            diagnostics[0] += f", dont {number(s.public_restitutions)} en réunion publique"
    if s.interviews:
        diagnostics.append(count(s.interviews, "entretien"))
    if s.people_trained:
        diagnostics.append(
            f"{count(s.people_trained, 'personne formée', 'personnes formées')} au diagnostic sensible"
        )

    pilots = [_some(s.pilots_chosen, "projet retenu", "projets retenus")]
    if s.allies_assigned:
        pilots.append(
            f"{count(s.allies_assigned, 'accompagnement confié', 'accompagnements confiés')} à des alliés"
        )
    pilots += [count(n, *NOTES.get(kind, (kind, kind))) for kind, n in s.notes_written.items()]
    if s.milestones:
        pilots.append(count(s.milestones, "étape concrète franchie", "étapes concrètes franchies"))
    if s.milestones_announced:  # announced, not reached: not among the steps above
        pilots.append(count(s.milestones_announced, "étape annoncée", "étapes annoncées"))
    if s.days_spent:
        budget = f" sur un budget de {count(s.days_budget, 'jour')}" if s.days_budget else ""
        pilots.append(f"{count(s.days_spent, 'jour')} d'accompagnement consignés{budget}")
    elif s.days_budget:
        pilots.append(f"un budget de {count(s.days_budget, 'jour')} d'accompagnement")

    effects = _some(s.effects, "effet consigné", "effets consignés")
    labelled = sum(s.effects_by_label.values())
    labels = count(len(s.effects_by_label), "étiquette")
    if labelled and labelled < s.effects:  # some effects have no label in their source
        effects += f", dont {number(labelled)} sous {labels} et {number(s.effects - labelled)} sans étiquette"
    elif labelled:
        effects += f" sous {labels}"
    lines = [
        ("Recrutement", " ; ".join(recruitment)),
        ("Tronc commun", f"{days} ; {webinars} ; {forums}"),
        ("Diagnostics sensibles", " ; ".join(diagnostics)),
        ("Projets pilotes", " ; ".join(pilots)),
        (
            "Effets et limites",
            f"{effects} ; {_some(s.limits, 'limite relevée', 'limites relevées', feminine=True)}",
        ),
    ]
    if s.productions:
        made = [count(n, *PRODUCTION_NAMES.get(kind, (kind, kind))) for kind, n in s.productions.items()]
        lines.append(("Productions", join_list(made)))
    return [(label, text + ".") for label, text in lines]


def _n(n: float, noun: str, plural: str | None = None) -> str:
    return f"{n:g} {noun if n == 1 else plural or noun + 's'}"


def _range_en(r: Range) -> str:
    if r.low is not None and r.high is not None and r.high != r.low:
        return f"{r.low} to {r.high} participants"
    return _n(r.low, "participant") if r.low is not None else ""


def _figures_en(s: CohortStats) -> list[tuple[str, str]]:
    recruitment = f"{_n(s.approached, 'territory', 'territories')} approached, {s.presented} given a presentation; {s.joined} joined"
    if s.declined:
        recruitment += f", {s.declined} declined"
    core = [_n(s.in_person_days, "in-person day")]
    if s.in_person_attendance.low is not None:
        core[0] += f" ({_range_en(s.in_person_attendance)})"
    core.append(_n(s.webinars, "webinar") + (f" ({s.webinars_recorded} recorded)" if s.webinars else ""))
    core.append(_n(s.forums, "pilot-project forum"))
    diagnostics = f"{s.diagnostics_started} started, {s.diagnostics_restituted} presented back"
    if s.interviews:
        diagnostics += f"; {_n(s.interviews, 'interview')}"
    pilots = f"{_n(s.pilots_chosen, 'pilot project')} chosen; {_n(s.milestones, 'milestone')} reached"
    if s.milestones_announced:
        pilots += f"; {_n(s.milestones_announced, 'milestone')} announced"
    lines = [
        ("Recruitment", recruitment),
        ("Common core", "; ".join(core)),
        ("Sensitive diagnostics", diagnostics),
        ("Pilot projects", pilots),
        ("Effects and limits", f"{_n(s.effects, 'effect')} recorded; {_n(s.limits, 'limit')} noted"),
    ]
    if s.productions:
        made = [_n(n, kind.replace("_", " ")) for kind, n in s.productions.items()]
        lines.append(("Productions", ", ".join(made)))
    return [(label, text + ".") for label, text in lines]
