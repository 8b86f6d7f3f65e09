"""How the calibration accounts for its values (measured, assumed, unknown) and turns recorded figures into
reference rates through the rules' factors."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from transitions_core.simulation.model.calendar import Calendar
from transitions_core.simulation.scenario.spec import Parameters, Sessions, Spec, assumption
from transitions_core.text.french import count, plural
from transitions_core.timeline.stats import CohortStats

Z90 = 1.645
#: The four ways a calibrated value is accounted for, as its comment in the scenario file begins.
MEASURED, ASSUMED, UNKNOWN, IRRELEVANT = "historique", "hypothèse", "inconnu", "sans objet"


@dataclass
class Sources:
    """Where each value of a calibrated scenario comes from, by dotted path: its comment in the file."""

    kinds: dict[str, str] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    #: Comments on blocks (the listed territories, the generator), which are not values.
    blocks: dict[str, str] = field(default_factory=dict)

    def measured(self, path: str, value: Any, how: str) -> Any:
        """A value read from the history; `how` says from which figures."""
        return self._note(path, MEASURED, how, value)

    def assumed(self, path: str, value: Any, why: str) -> Any:
        """A value the history does not give, assumed for every cohort (docs/simulation.md)."""
        return self._note(path, ASSUMED, why, value)

    def unknown(self, path: str, why: str) -> Any:
        """A value the history cannot give and no assumption stands for: None (written null), to fill in."""
        return self._note(path, UNKNOWN, why, None)

    def irrelevant(self, path: str, why: str) -> float:
        """A value that changes nothing for this calendar (no session of its kind): written 0."""
        return float(self._note(path, IRRELEVANT, why, 0.0))

    def block(self, path: str, comment: str) -> None:
        """A comment on a block of the file, from the history."""
        self.blocks[path] = f"{MEASURED} : {comment}"

    def comments(self) -> dict[str, str]:
        """Each path's end-of-line comment."""
        fill = {UNKNOWN: " ; à renseigner avant de simuler"}
        values = {
            path: f"{kind} : {self.texts[path]}{fill.get(kind, '')}" for path, kind in self.kinds.items()
        }
        return {**self.blocks, **values}

    def of_kind(self, kind: str) -> dict[str, str]:
        """The paths of one kind, with their comment's text."""
        return {path: self.texts[path] for path, k in self.kinds.items() if k == kind}

    def _note(self, path: str, kind: str, text: str, value: Any) -> Any:
        self.kinds[path], self.texts[path] = kind, text
        return value


def turnout_spread(low: int | None, high: int | None) -> float | None:
    """The spread of the session turnout that makes the reported range its 90 % interval (None without one)."""
    if not low or not high or high <= low:
        return None
    return math.log(high / low) / (2 * Z90)


def rule_factors(
    calendar: Calendar, listed: list[dict[str, Any]], region: str, rules: dict[str, dict[str, Any]]
) -> dict[str, float]:
    """How much the rules change attendance, effects and limits on average over the recorded territories.

    The history's figures come from territories the rules do not treat as neutral (an incomplete
    delegation, a seaside town in summer): dividing by these factors gives the reference rates that,
    put back through the same rules, reproduce the recorded totals. Territories whose population is
    unknown are left out of the mean.
    """
    from transitions_core.simulation.model.territories import Candidate
    from transitions_core.simulation.rules.base import Quantity, RuleSet, Situation
    from transitions_core.simulation.rules.plugin import default_rules
    from transitions_core.simulation.scenario.spec import TerritoryProfile

    attend_in_person = assumption(Sessions, "attend_in_person")
    attend_webinar = assumption(Sessions, "attend_webinar")
    ruleset = RuleSet(default_rules(), rules)
    candidates = [
        (Candidate.from_profile(TerritoryProfile.model_validate(t), region), t)
        for t in listed
        if t["population"] is not None
    ]
    if not candidates:
        return {"in_person": attend_in_person, "webinar": attend_webinar, "effects": 1.0, "limits": 1.0}

    def mean(quantity: Quantity, value: float, days: list[date]) -> float:
        total = sum(
            ruleset.adjust(quantity, value, Situation(c, day, calendar, t["delegation_complete"]))
            for c, t in candidates
            for day in days
        )
        return total / (len(candidates) * max(len(days), 1))

    end = [calendar.end]
    return {
        "in_person": mean(
            Quantity.ATTEND, attend_in_person, [s.date for s in calendar.in_person_days] or end
        ),
        "webinar": mean(Quantity.ATTEND, attend_webinar, [s.date for s in calendar.webinars] or end),
        "effects": mean(Quantity.EFFECTS, 1.0, end),
        "limits": mean(Quantity.LIMITS, 1.0, end),
    }


@dataclass(frozen=True)
class Figures:
    """What the calibration read in the history, beyond `transitions stats`' figures."""

    stats: CohortStats
    incomplete: int
    dropped: int
    evaluated: bool
    declared_budget: float | None
    #: The sessions of each kind in the calibrated calendar: `in_person`, `webinar`, `forum`.
    sessions: dict[str, int]
    months: float


DELAYS = "la calibration ne mesure pas les délais entre les étapes"
DURATIONS = "la calibration ne mesure pas ces durées"
PRESENCE = "présence par délégation non consignée"
#: Why each parameter that keeps its assumed value does, by its path under `parameters`.
ASSUMED_BECAUSE = {
    "recruitment.min_cohort": "taille minimale d'une cohorte",
    "sessions.in_person_organisers": "les organisateurs de la cohorte Occitanie (équipe, allié pivot, évaluateur, poète)",
    "sessions.webinar_organisers": "les organisateurs de la cohorte Occitanie",
    "sessions.attend_in_person": PRESENCE,
    "sessions.attend_webinar": PRESENCE,
    "diagnostic.start_delay_days": DELAYS,
    "diagnostic.interviews_per_week": DELAYS,
    "diagnostic.pre_restitution_days": DELAYS,
    "diagnostic.restitution_days": DELAYS,
    "pilot.choice_delay_days": DURATIONS,
    "pilot.note_work_days": DURATIONS,
    "pilot.ally_delay_days": DURATIONS,
    "pilot.days_budget": "budget par défaut du programme, la cohorte n'en déclare pas",
    "pilot.days_used_share": "aucun jour d'accompagnement n'est consigné",
    "pilot.session_days": DURATIONS,
    "evaluation.unrestituted_effects": "part des effets quand le diagnostic n'est pas restitué, non mesurée",
    "recruitment.channel_weights": "l'appel d'abord, puis les propositions de la Région et des alliés",
    "recruitment.present_delay_days": DELAYS,
    "recruitment.decide_delay_days": DELAYS,
    "sessions.webinar_hours": "durée d'un webinaire, non consignée",
    "pilot.days_used_spread": "aucun jour d'accompagnement n'est consigné",
    "pilot.ally_gap_days": DURATIONS,
    "pilot.unfinished_milestones": "part des étapes atteintes sans note de faisabilité, non mesurée",
    "pilot.work_step_days": "pas de lecture du rythme de travail, assez fin pour une saison",
    "evaluation.on_evaluation_day": "l'évaluation a lieu le jour d'évaluation du calendrier",
    "delegation.formed_within_days": DELAYS,
}


def _because(model: type[Spec], name: str, key: str) -> str:
    """Why a parameter is assumed: the field's own reason where it states one, else the table's."""
    extra = model.model_fields[name].json_schema_extra
    why = extra.get("why") if isinstance(extra, dict) else None
    return ASSUMED_BECAUSE.get(key) or (str(why).removeprefix("hypothèse : ") if why else "hypothèse")


def measure_parameters(f: Figures, factors: dict[str, float], sources: Sources) -> dict[str, Any]:
    """The `parameters:` block, in the model's order: measured where the history allows, else the stated
    assumption, else unknown. `factors` are the rules' mean multipliers over the engaged territories."""
    found = _Rates(f, factors, sources).measured()
    out: dict[str, Any] = {}
    for block, field_ in Parameters.model_fields.items():
        model = field_.annotation
        assert isinstance(model, type) and issubclass(model, Spec)
        values = out[block] = {}
        for name in model.model_fields:
            path = f"parameters.{block}.{name}"
            if path in found:
                values[name] = found[path]
            else:
                values[name] = sources.assumed(
                    path, assumption(model, name), _because(model, name, f"{block}.{name}")
                )
    return out


class _Rates:
    """The measured parameters, each with its source noted, by path."""

    def __init__(self, f: Figures, factors: dict[str, float], sources: Sources) -> None:
        self.f, self.s, self.factors, self.src = f, f.stats, factors, sources
        self.engaged = count(f.stats.joined, "territoire engagé", "territoires engagés")
        self.found: dict[str, Any] = {}

    def measured(self) -> dict[str, Any]:
        """Every parameter the history measures, or shows unknown or irrelevant."""
        self.recruitment()
        self.sessions()
        self.diagnostic()
        self.pilot()
        self.evaluation()
        return self.found

    def put(self, name: str, value: Any, how: str) -> None:
        self.found[f"parameters.{name}"] = self.src.measured(f"parameters.{name}", value, how)

    def unknown(self, name: str, why: str) -> None:
        self.found[f"parameters.{name}"] = self.src.unknown(f"parameters.{name}", why)

    def irrelevant(self, name: str, why: str) -> None:
        self.found[f"parameters.{name}"] = self.src.irrelevant(f"parameters.{name}", why)

    def recruitment(self) -> None:
        s = self.s
        events = s.presentation_events
        collective = count(events, "présentation collective", "présentations collectives")
        self.put("recruitment.presentation_events", events, f"{collective} {plural(events, 'consignée')}")
        presented = count(s.presented, "présentation")
        if s.approached:
            approached = count(s.approached, "approché")
            self.put("recruitment.present", s.presented / s.approached, f"{presented} / {approached}")
        else:
            self.unknown("recruitment.present", "aucun territoire approché n'est consigné")
        if s.presented:
            self.put("recruitment.join", s.joined / s.presented, f"{self.engaged} / {presented}")
        else:
            self.unknown("recruitment.join", "aucune présentation du dispositif n'est consignée")

    def sessions(self) -> None:
        s, held = self.s, self.f.sessions
        for kind, attendance, sessions in (
            ("in_person", s.in_person_attendance, "journées en présentiel"),
            ("webinar", s.webinar_attendance, "webinaires"),
        ):
            name = f"sessions.people_{kind}"
            if not held[kind]:
                self.irrelevant(name, f"le calendrier n'a pas de {sessions} datés")
            elif attendance.low is None or attendance.high is None:
                self.unknown(name, f"aucune présence aux {sessions} n'est consignée")
            elif not s.joined:
                self.unknown(name, "aucun territoire engagé n'est consigné")
            else:
                middle = (attendance.low + attendance.high) / 2
                value = max(middle - assumption(Sessions, f"{kind}_organisers"), 1) / (
                    s.joined * self.factors[kind]
                )
                how = f"{attendance.low} à {attendance.high} présents, moins les organisateurs, par délégation venue"
                self.put(name, value, how)
        self.spread()
        if not held["forum"]:
            self.irrelevant("sessions.forum_people", "aucun forum daté dans le calendrier")
        elif not s.forum_attendance or not s.joined:
            self.unknown("sessions.forum_people", "aucune participation aux forums n'est consignée")
        else:
            how = f"{count(s.forum_attendance, 'participant')} cumulés, {count(s.forums, 'forum')}"
            self.put("sessions.forum_people", s.forum_attendance / max(s.forums, 1) / s.joined, how)

    def spread(self) -> None:
        s = self.s
        for where, attendance in (
            ("webinaire", s.webinar_attendance),
            ("présentiel", s.in_person_attendance),
        ):
            value = turnout_spread(attendance.low, attendance.high)
            if value is not None:
                how = f"présences de {attendance.low} à {attendance.high} ({where}) lues comme un intervalle à 90 %"
                return self.put("sessions.turnout_spread", value, how)
        if not self.f.sessions["in_person"] and not self.f.sessions["webinar"]:
            return self.irrelevant("sessions.turnout_spread", "aucune séance datée dans le calendrier")
        self.unknown(
            "sessions.turnout_spread", "aucune fourchette de présence (bas et haut distincts) n'est consignée"
        )

    def diagnostic(self) -> None:
        s = self.s
        if s.diagnostics_started and s.interviews:
            how = f"{count(s.interviews, 'entretien')} / {count(s.diagnostics_started, 'diagnostic')}"
            self.put("diagnostic.interviews_mean", s.interviews / s.diagnostics_started, how)
        else:
            why = (
                "aucun entretien n'est compté" if s.diagnostics_started else "aucun diagnostic n'est consigné"
            )
            self.unknown("diagnostic.interviews_mean", why)
        if s.diagnostics_restituted:
            public = count(s.public_restitutions, "restitution publique", "restitutions publiques")
            how = f"{public} / {count(s.diagnostics_restituted, 'restitution')}"
            self.put("diagnostic.public_restitution", s.public_restitutions / s.diagnostics_restituted, how)
        else:
            self.unknown("diagnostic.public_restitution", "aucune restitution n'est consignée")

    def pilot(self) -> None:
        s, f = self.s, self.f
        if s.joined and s.days_budget:
            self.put("pilot.days_budget", s.days_budget / s.joined, "budget de la cohorte par territoire")
        elif f.declared_budget is not None:
            self.put("pilot.days_budget", f.declared_budget, "budget déclaré par la cohorte")
        if s.days_spent and s.days_budget:
            how = f"{count(s.days_spent, 'jour')} {plural(s.days_spent, 'consigné')} / {count(s.days_budget, 'jour')} de budget"
            self.put("pilot.days_used_share", s.days_spent / s.days_budget, how)
        self.evaluated("pilot.milestones_mean", s.milestones, count(s.milestones, "étape"), 1.0)

    def evaluation(self) -> None:
        s = self.s
        self.evaluated(
            "evaluation.effects_mean", s.effects, count(s.effects, "effet"), self.factors["effects"]
        )
        self.evaluated("evaluation.limits_mean", s.limits, count(s.limits, "limite"), self.factors["limits"])
        if self.f.evaluated:
            self.put("evaluation.effect_labels", dict(s.effects_by_label), "effets par intitulé")
        else:
            self.unknown("evaluation.effect_labels", "aucune évaluation n'est consignée")
        if not s.joined:
            self.unknown("delegation.complete", "aucun territoire engagé n'est consigné")
            self.unknown("dropout.monthly_hazard", "aucun territoire engagé n'est consigné")
            return
        incomplete = count(self.f.incomplete, "délégation incomplète", "délégations incomplètes")
        self.put("delegation.complete", 1 - self.f.incomplete / s.joined, f"{incomplete} / {self.engaged}")
        months, dropped = self.f.months, self.f.dropped
        how = f"{count(dropped, 'abandon')}, +0,5 (aucun n'est pas « jamais »), sur {self.engaged} et {months:.0f} mois"
        self.put("dropout.monthly_hazard", (dropped + 0.5) / (s.joined * max(months, 1)), how)

    def evaluated(self, name: str, total: int, how: str, factor: float) -> None:
        """A count per engaged territory that the evaluation gives: unknown until one is recorded."""
        if not self.f.evaluated:
            return self.unknown(name, f"aucune évaluation n'est consignée ({how} à ce jour)")
        if not self.s.joined:
            return self.unknown(name, "aucun territoire engagé n'est consigné")
        rules = ", ramené à un territoire de référence par les règles" if factor != 1.0 else ""
        self.put(name, total / self.s.joined / factor, f"{how} / {self.engaged}{rules}")
