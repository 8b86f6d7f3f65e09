"""`transitions calibrate`: derive the model's rates from a stored cohort and write them as a scenario.

What the history records is measured; what it does not (notes, days, attendance per delegation, staff
capacity, political backing) keeps a stated assumption, and the file says which is which.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from transitions_core.history.keys import slugify
from transitions_core.simulation.calendar import Calendar, add_months
from transitions_core.simulation.calibration_factors import (
    ATTEND_IN_PERSON,
    ATTEND_WEBINAR,
    IN_PERSON_ORGANISERS,
    WEBINAR_ORGANISERS,
    rule_factors,
    turnout_spread,
)
from transitions_core.simulation.scenario import CalendarSpec, Parameters
from transitions_core.simulation.yaml_out import dump
from transitions_core.timeline.readmodel import TimelineReadModel
from transitions_core.timeline.stats import cohort_stats
from transitions_core.timeline.view import TimelineEntry, corrected_entries

#: How a territory's profile states its summer population (Gruissan: « de 5000 à 80000 habitants »).
SEASON = re.compile(r"de (\d[\d\s\u202f]*) à (\d[\d\s\u202f]*) habitants")


def _first_day(entry: TimelineEntry) -> date:
    assert entry.occurred.earliest is not None
    return entry.occurred.earliest


def _sessions(entries: list[TimelineEntry], kind: str) -> list[dict[str, Any]]:
    held = sorted((e for e in entries if e.type == kind), key=lambda e: e.facts.get("number") or 0)
    return [
        {"date": _first_day(e), "place": e.facts.get("place"), "theme": e.facts.get("theme")}
        for e in held
        if not e.occurred.is_unknown
    ]


def _seasonal_peak(description: str | None) -> int | None:
    match = SEASON.search(description or "")
    return int(re.sub(r"\D", "", match.group(2))) if match else None


class Calibration:
    """The measured rates of one stored cohort, and the comments that say where each comes from."""

    def __init__(self, readmodel: TimelineReadModel, cohort: str) -> None:
        self.readmodel = readmodel
        self.cohort = cohort
        self.stats = cohort_stats(readmodel, cohort)
        self.entries = corrected_entries(readmodel.rows(cohort, territory=None, cohort_level=True))
        self.comments: dict[str, str] = {}

    def note(self, path: str, comment: str) -> None:
        """Attach the source of a value."""
        self.comments[path] = comment

    def of(self, kind: str) -> list[TimelineEntry]:
        """The cohort's entries of one type."""
        return [e for e in self.entries if e.type == kind]

    def calendar(self) -> dict[str, Any]:
        """Dates of the common core, the forums and the evaluation day, as recorded."""
        in_person = _sessions(self.entries, "in_person_day_held")
        launch = in_person[0]["date"] if in_person else date(2024, 5, 7)
        starts = [
            _first_day(e)
            for e in self.of("territory_approached") + self.of("call_for_applications_presented")
        ]
        opened = self.of("cohort_opened")[0]
        years = [int(y) for y in re.findall(r"\d{4}", str(opened.facts.get("period") or ""))]
        end = date(max(years), 12, 31) if years else add_months(launch, 18)
        calendar: dict[str, Any] = {
            "recruitment_start": min(starts) if starts else add_months(launch, -8),
            "launch": launch,
            "end": end,
            "shift_months": 0,
            "mandate_start": CalendarSpec.model_fields["mandate_start"].default,
            "elections": CalendarSpec.model_fields["elections"].default,
            "in_person_days": in_person,
            "webinars": [
                {k: v for k, v in s.items() if k != "place"} for s in _sessions(self.entries, "webinar_held")
            ],
        }
        self.note("calendar.recruitment_start", "historique : première approche datée")
        self.note("calendar.launch", "historique : première journée en présentiel")
        self.note("calendar.end", "historique : fin de la période de la cohorte")
        self.note("calendar.mandate_start", "hypothèse : second tour des municipales 2020")
        self.note("calendar.elections", "rapport : élections municipales de mars 2026")
        forums = self.of("pilot_forum_held")
        if forums and not forums[0].occurred.is_unknown:
            window = forums[0].occurred
            assert window.earliest and window.latest
            count = sum(int(f.facts.get("count") or 1) for f in forums)
            calendar["forums"] = {"start": window.earliest, "end": window.latest, "count": count}
        calendar["peer_exchanges"] = [
            _first_day(e) for e in self.of("peer_exchange_held") if not e.occurred.is_unknown
        ]
        evaluation = [e for e in self.of("evaluation_day_held") if not e.occurred.is_unknown]
        if evaluation:
            calendar["evaluation_day"] = {
                "date": _first_day(evaluation[0]),
                "place": evaluation[0].facts.get("place"),
            }
        return calendar

    def parameters(self, months: float, factors: dict[str, float]) -> dict[str, Any]:
        """The rates, measured where the history allows; `factors` are the rules' mean multipliers."""
        s = self.stats
        joined = max(s.joined, 1)
        defaults = Parameters()
        incomplete = len(self.of_territories("delegation_incomplete_noted"))
        dropped = self.dropped()
        in_mid = ((s.in_person_attendance.low or 0) + (s.in_person_attendance.high or 0)) / 2
        web_mid = ((s.webinar_attendance.low or 0) + (s.webinar_attendance.high or 0)) / 2
        restituted = max(s.diagnostics_restituted, 1)
        budget = s.days_budget or 0
        params: dict[str, Any] = {
            "recruitment": {
                "presentation_events": s.presentation_events,
                "present": s.presented / max(s.approached, 1),
                "join": s.joined / max(s.presented, 1),
                "min_cohort": defaults.recruitment.min_cohort,
            },
            "sessions": {
                "in_person_organisers": IN_PERSON_ORGANISERS,
                "webinar_organisers": WEBINAR_ORGANISERS,
                "attend_in_person": ATTEND_IN_PERSON,
                "attend_webinar": ATTEND_WEBINAR,
                "people_in_person": max(in_mid - IN_PERSON_ORGANISERS, 1) / (joined * factors["in_person"]),
                "people_webinar": max(web_mid - WEBINAR_ORGANISERS, 1) / (joined * factors["webinar"]),
                "turnout_spread": turnout_spread(s.webinar_attendance.low, s.webinar_attendance.high),
                "forum_people": (s.forum_attendance or 0) / max(s.forums, 1) / joined,
            },
            "diagnostic": {
                **defaults.diagnostic.model_dump(mode="json"),
                "interviews_mean": (s.interviews or 0) / max(s.diagnostics_started, 1),
                "public_restitution": s.public_restitutions / restituted,
            },
            "pilot": {
                **defaults.pilot.model_dump(mode="json"),
                "days_budget": (budget / joined) if budget else defaults.pilot.days_budget,
                "days_used_share": s.days_spent / budget
                if s.days_spent and budget
                else defaults.pilot.days_used_share,
                "milestones_mean": s.milestones / joined,
            },
            "evaluation": {
                "effects_mean": s.effects / joined / factors["effects"],
                "limits_mean": s.limits / joined / factors["limits"],
                "unrestituted_effects": defaults.evaluation.unrestituted_effects,
                "effect_labels": dict(s.effects_by_label),
            },
            "delegation": {"complete": 1 - incomplete / joined},
            "dropout": {"monthly_hazard": (dropped + 0.5) / (joined * max(months, 1))},
        }
        n = f"{s.joined} territoires engagés"
        self.note(
            "parameters.recruitment.present",
            f"historique : {s.presented} présentations / {s.approached} approchés",
        )
        self.note("parameters.recruitment.join", f"historique : {n} / {s.presented} présentations")
        self.note("parameters.recruitment.min_cohort", "hypothèse : taille minimale d'une cohorte")
        self.note(
            "parameters.sessions.in_person_organisers", "hypothèse : équipe, allié pivot, évaluateur, poète"
        )
        self.note("parameters.sessions.webinar_organisers", "hypothèse")
        self.note("parameters.sessions.attend_in_person", "hypothèse")
        self.note("parameters.sessions.attend_webinar", "hypothèse")
        self.note(
            "parameters.sessions.people_in_person",
            f"historique : {s.in_person_attendance.low} à {s.in_person_attendance.high} présents, par délégation venue",
        )
        self.note(
            "parameters.sessions.people_webinar",
            f"historique : {s.webinar_attendance.low} à {s.webinar_attendance.high} présents, par délégation venue",
        )
        self.note("parameters.sessions.turnout_spread", "historique : écart des présences en webinaire")
        self.note(
            "parameters.sessions.forum_people",
            f"historique : {s.forum_attendance} participants cumulés, {s.forums} forums",
        )
        self.note(
            "parameters.diagnostic.interviews_mean",
            f"historique : {s.interviews} entretiens / {s.diagnostics_started} diagnostics",
        )
        self.note(
            "parameters.diagnostic.public_restitution",
            f"historique : {s.public_restitutions} restitution(s) publique(s)",
        )
        for key in ("start_delay_days", "interviews_per_week", "pre_restitution_days", "restitution_days"):
            self.note(f"parameters.diagnostic.{key}", "hypothèse : l'historique ne date pas les étapes")
        recorded = "historique" if s.days_spent else "hypothèse : aucun jour consigné dans l'historique"
        self.note("parameters.pilot.days_used_share", recorded)
        notes = "historique" if s.notes_written else "hypothèse : aucune note consignée dans l'historique"
        self.note("parameters.pilot.note_work_days", notes)
        self.note("parameters.pilot.days_budget", "historique : budget par territoire")
        self.note("parameters.pilot.milestones_mean", f"historique : {s.milestones} étapes / {n}")
        rules = "ramené à un territoire de référence par les règles"
        self.note("parameters.evaluation.effects_mean", f"historique : {s.effects} effets / {n}, {rules}")
        self.note("parameters.evaluation.limits_mean", f"historique : {s.limits} limites / {n}, {rules}")
        self.note("parameters.evaluation.effect_labels", "historique : effets par intitulé")
        self.note(
            "parameters.delegation.complete", f"historique : {incomplete} délégations incomplètes / {n}"
        )
        self.note(
            "parameters.dropout.monthly_hazard",
            f"historique : {dropped} abandon(s), +0,5 (aucun n'est pas « jamais »)",
        )
        return params

    def of_territories(self, kind: str) -> list[tuple[str, TimelineEntry]]:
        """(territory, entry) for each territory entry of one type."""
        out: list[tuple[str, TimelineEntry]] = []
        for row in self.readmodel.aggregates(kind="territory", cohort=self.cohort):
            slug = row.territory or ""
            rows = self.readmodel.rows(self.cohort, slug, cohort_level=False)
            out.extend((slug, e) for e in corrected_entries(rows) if e.type == kind)
        return out

    def dropped(self) -> int:
        """Territories that declined after joining."""
        joined = {slug for slug, _ in self.of_territories("territory_joined")}
        return sum(1 for slug, _ in self.of_territories("territory_declined") if slug in joined)

    def territories(self) -> list[dict[str, Any]]:
        """The engaged territories' profiles, as listed candidates."""
        joined = {slug for slug, _ in self.of_territories("territory_joined")}
        incomplete = {slug for slug, _ in self.of_territories("delegation_incomplete_noted")}
        out = []
        for slug, entry in self.of_territories("territory_registered"):
            if slug not in joined:
                continue
            f = entry.facts
            out.append(
                {
                    "id": slug,
                    "name": f["name"],
                    "article": f.get("article") or "",
                    "gender": f.get("gender"),
                    "kind": f["kind"],
                    "department": f.get("department"),
                    "population": f.get("population") or 1000,
                    "seasonal_peak": _seasonal_peak(f.get("description")),
                    "staff_capacity": "auto",
                    "political_backing": "medium",
                    "delegation_complete": slug not in incomplete,
                }
            )
        return out

    def sampled(self, listed: list[dict[str, Any]]) -> dict[str, Any]:
        """Distributions for the approached territories the history does not name, from the named ones."""
        kinds: dict[str, dict[str, Any]] = {}
        for t in listed:
            kinds.setdefault(t["kind"], {"members": []})["members"].append(t)
        params: dict[str, Any] = {}
        for kind, spec in kinds.items():
            members = spec["members"]
            sizes = [m["population"] for m in members]
            low, high = (min(sizes), max(sizes)) if len(sizes) > 1 else (sizes[0] // 2, sizes[0] * 2)
            seasonal = [m for m in members if m["seasonal_peak"]]
            ratios = [m["seasonal_peak"] / m["population"] for m in seasonal]
            params[kind] = {
                "weight": len(members),
                "population": [max(low, 1), high],
                "seasonal_share": len(seasonal) / len(members),
                "seasonal_ratio": [min(ratios), max(ratios)] if ratios else [4.0, 16.0],
            }
        return {"kinds": params, "delegation_complete": None}

    def scenario(self, scenario_id: str | None = None) -> dict[str, Any]:
        """The whole scenario document."""
        opened = self.of("cohort_opened")[0].facts
        calendar = self.calendar()
        launch, end = calendar["launch"], calendar["end"]
        months = (end - launch).days / 30.44
        listed = self.territories()
        unnamed = max(self.stats.approached - len(listed), 0)
        region: dict[str, Any] = {"region": opened["region"], "territories": listed}
        if unnamed:
            region["generate"] = [{"generator": "sampled", "count": unnamed, "params": self.sampled(listed)}]
            self.note("regions.generate", f"historique : {unnamed} territoires approchés non nommés")
        spec = CalendarSpec.model_validate(calendar)
        elapsed = Calendar.from_spec(spec).mandate_elapsed(spec.launch)
        rules = {"electoral_calendar": {"reference_elapsed": elapsed}}
        factors = rule_factors(Calendar.from_spec(spec), listed, opened["region"], rules)
        self.note(
            "rules.electoral_calendar.reference_elapsed", "historique : position du lancement dans le mandat"
        )
        self.note(
            "regions.territories",
            "historique : territoires engagés ; portage et moyens non consignés (neutres)",
        )
        return {
            "kind": "simulation",
            "id": scenario_id or f"baseline-{slugify(opened['region'])}",
            "title": f"{opened['name']} : calibration sur l'historique",
            "description": (
                f"Écrit par `transitions calibrate {self.cohort}` : les taux mesurés dans l'historique, "
                "les hypothèses pour le reste (docs/simulation.md)."
            ),
            "calibrated_from": self.cohort,
            "calendar": calendar,
            "parameters": self.parameters(months, factors),
            "rules": rules,
            "regions": [region],
        }


def calibrate(readmodel: TimelineReadModel, cohort: str, scenario_id: str | None = None) -> str:
    """The scenario file text for a stored cohort."""
    calibration = Calibration(readmodel, cohort)
    document = calibration.scenario(scenario_id)
    header = [
        f"# Scénario de simulation calibré sur l'historique « {cohort} » (transitions calibrate).",
        "# Chaque valeur dit d'où elle vient : « historique » (mesurée) ou « hypothèse » (docs/simulation.md).",
    ]
    return "\n".join([*header, *dump(document, calibration.comments)]) + "\n"
