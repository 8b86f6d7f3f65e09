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
        about = "environ " if s.interviews_approximate else ""
        diagnostics.append(about + count(s.interviews, "entretien"))
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
        pilots.append(f"{count(s.days_spent, 'jour')} d'accompagnement comptés{budget}")
    elif s.days_budget:
        pilots.append(f"un budget de {count(s.days_budget, 'jour')} d'accompagnement")

    effects = _some(s.effects, "effet relevé", "effets relevés")
    labelled = sum(s.effects_by_label.values())
    labels = count(len(s.effects_by_label), "intitulé")
    if labelled and labelled < s.effects:  # some effects have no label in their source
        effects += f", dont {number(labelled)} sous {labels} et {number(s.effects - labelled)} sans intitulé"
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
    from transitions_core.text.english import count

    return count(n, noun, plural)


def _range_en(r: Range) -> str:
    if r.low is not None and r.high is not None and r.high != r.low:
        return f"{r.low} to {r.high} participants"
    return _n(r.low, "participant") if r.low is not None else ""


NOTES_EN = {"intention": "intention note", "framing": "framing note", "feasibility": "feasibility note"}
PRODUCTIONS_EN = {
    "poem": ("poem", "poems"),
    "video_portrait": ("video portrait", "video portraits"),
    "newsletter": ("newsletter", "newsletters"),
    "article_series": ("article series", "article series"),
    "day_synthesis": ("day summary", "day summaries"),
    "platform": ("platform", "platforms"),
    "report": ("report", "reports"),
}


def _figures_en(s: CohortStats) -> list[tuple[str, str]]:
    """The same figures as the French ones, line for line."""
    recruitment = [_n(s.presentation_events, "presentation event")] if s.presentation_events else []
    recruitment.append(
        f"{_n(s.approached, 'territory', 'territories')} approached, "
        f"{s.presented} of them given a presentation of the scheme"
    )
    joined = f"{_n(s.joined, 'territory', 'territories')} joined the cohort"
    recruitment.append(joined + (f", {_n(s.declined, 'refusal')}" if s.declined else ""))
    days = _n(s.in_person_days, "in-person day")
    if s.in_person_attendance.low is not None:
        days += f" ({_range_en(s.in_person_attendance)})"
    webinars = _n(s.webinars, "webinar")
    if s.webinars:
        details = [f"{s.webinars_recorded} recorded"]
        if s.webinar_attendance.low is not None:
            details.append(_range_en(s.webinar_attendance))
        webinars += f" ({', '.join(details)})"
    forums = _n(s.forums, "pilot-project forum")
    if s.forum_attendance:
        forums += f" (at least {_n(s.forum_attendance, 'participant')} in all)"
    diagnostics = [_n(s.diagnostics_started, "diagnostic") + " started"]
    if s.diagnostics_started:
        diagnostics[0] += f", {s.diagnostics_restituted} presented back"
        if s.public_restitutions:
            diagnostics[0] += f", {s.public_restitutions} of them at a public meeting"
    if s.interviews:
        diagnostics.append(("about " if s.interviews_approximate else "") + _n(s.interviews, "interview"))
    if s.people_trained:
        diagnostics.append(f"{_n(s.people_trained, 'person', 'people')} trained in the sensitive diagnostic")
    pilots = [_n(s.pilots_chosen, "project") + " chosen"]
    if s.allies_assigned:
        pilots.append(f"{_n(s.allies_assigned, 'accompaniment')} entrusted to allies")
    pilots += [_n(n, NOTES_EN.get(kind, kind)) for kind, n in s.notes_written.items()]
    if s.milestones:
        pilots.append(_n(s.milestones, "concrete step") + " taken")
    if s.milestones_announced:  # announced, not reached: not among the steps above
        pilots.append(_n(s.milestones_announced, "step") + " announced")
    if s.days_spent:
        budget = f" out of a budget of {_n(s.days_budget, 'day')}" if s.days_budget else ""
        pilots.append(f"{_n(s.days_spent, 'day')} of accompaniment recorded{budget}")
    elif s.days_budget:
        pilots.append(f"a budget of {_n(s.days_budget, 'day')} of accompaniment")
    effects = _n(s.effects, "effect") + " recorded"
    if s.effects:
        effects += f" under {_n(len(s.effects_by_label), 'label')}"
    lines = [
        ("Recruitment", "; ".join(recruitment)),
        ("Common core", f"{days}; {webinars}; {forums}"),
        ("Sensitive diagnostics", "; ".join(diagnostics)),
        ("Pilot projects", "; ".join(pilots)),
        ("Effects and limits", f"{effects}; {_n(s.limits, 'limit')} noted"),
    ]
    if s.productions:
        from transitions_core.text.english import join_list

        made = [_n(n, *PRODUCTIONS_EN.get(kind, (kind, kind))) for kind, n in s.productions.items()]
        lines.append(("Productions", join_list(made)))
    return [(label, text + ".") for label, text in lines]
