"""The validation told in French: each figure against its band, the coverage, the power."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from transitions_core.simulation.model.outcomes import MEASURES
from transitions_core.simulation.outputs.results import french_number
from transitions_core.simulation.validation.check import Band, is_breakdown
from transitions_core.simulation.validation.power import Power
from transitions_core.text.french import count

KINDS = {
    "prédit": "prédites hors échantillon",
    "connu": "déjà à leur valeur finale à la date",
    "emprunté": "lisant un taux mesuré après la date (pris dans tout l'historique)",
    "calendrier": "dépendant de séances pas encore datées à la date",
}


def name(column: str) -> str:
    """A figure's French name."""
    if column.startswith("effect["):
        return f"effets « {column[7:-1]} »"
    if column.startswith("limit["):
        return f"limites de la règle {column[6:-1]}"
    return MEASURES.get(column, column)


def percent(share: float) -> str:
    """`47 %`."""
    return f"{round(share * 100)}\u202f%"


def band_lines(found: Sequence[Band], kinds: Mapping[str, str] | None = None) -> list[str]:
    """One line per figure: recorded value, band, and whether it lies inside."""
    width = max((len(name(b.column)) for b in found), default=10)
    head = f"  {'mesure':<{width}}  {'relevé':>7}  {'5 %':>7}  {'95 %':>7}  "
    lines = [head + ("dans la bande" + ("  statut" if kinds else ""))]
    for b in found:
        verdict = (
            "oui" if b.inside else f"non (P ≤ relevé : {percent(b.below)}, P ≥ relevé : {percent(b.above)})"
        )
        tail = f"  {kinds[b.column]}" if kinds else ""
        lines.append(
            f"  {name(b.column):<{width}}  {french_number(b.observed, 0):>7}  {french_number(b.low):>7}  "
            f"{french_number(b.high):>7}  {verdict}{tail}"
        )
    return lines


def coverage(found: Sequence[Band]) -> str:
    """How many figures lie inside their band, main figures and breakdowns apart."""
    parts = []
    for label, chosen in (
        ("mesures principales", [b for b in found if not is_breakdown(b.column)]),
        (
            "ventilations (effets par intitulé, limites par règle)",
            [b for b in found if is_breakdown(b.column)],
        ),
    ):
        if chosen:
            inside = sum(b.inside for b in chosen)
            parts.append(
                f"{label} : {inside} sur {len(chosen)} dans leur bande à 90 % ({percent(inside / len(chosen))})"
            )
    return "Couverture : " + " ; ".join(parts) + "."


def power_lines(power: Power) -> list[str]:
    """The power and false alarms of both checks, with and without the breakdowns."""
    wrong = sum(not s.right for s in power.settings)
    lines = [
        f"Puissance du contrôle, sur {count(wrong, 'modèle faux', 'modèles faux')} (taux d'engagement de 0,42 à 0,95, "
        f"effets moyens ×0,59 à ×1,54) et {count(len(power.own_main), 'histoire tirée', 'histoires tirées')} "
        "du modèle calibré :"
    ]
    for right in (s for s in power.settings if s.right):
        lines.append(
            f"  le modèle calibré face à l'historique : {count(right.outside_main, 'mesure principale', 'mesures principales')} "
            f"et {count(right.outside_all, 'mesure', 'mesures')} en tout hors de leur bande"
        )
    for breakdowns in (False, True):
        what = "avec les ventilations" if breakdowns else "mesures principales"
        lines.append(
            f"  {what}, chaque mesure dans sa bande : rejette {percent(power.power(breakdowns, False))} des modèles "
            f"faux et {percent(power.false_alarms(breakdowns, False))} des histoires du modèle juste"
        )
        lines.append(
            f"  {what}, contrôle conjoint (plus de {power.threshold(breakdowns)} mesures hors bande) : rejette "
            f"{percent(power.power(breakdowns, True))} des modèles faux et "
            f"{percent(power.false_alarms(breakdowns, True))} des histoires du modèle juste"
        )
    return lines
