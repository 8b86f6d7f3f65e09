"""`transitions calibrate`: derive the model's rates from a stored cohort and write them as a scenario.

What the history records is measured. What it does not record keeps an assumption stated for every
cohort (scenario.py's defaults, docs/simulation.md), or, for a rate no assumption stands for, is written
null as unknown: the file and the summary say which is which, and never borrow another cohort's figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from transitions_core.errors import TransitionsError
from transitions_core.history.keys import slugify
from transitions_core.narrative.audience import Audience, PublicView, reading_for
from transitions_core.simulation.calibration.factors import (
    ASSUMED,
    IRRELEVANT,
    MEASURED,
    UNKNOWN,
    Figures,
    Sources,
    measure_parameters,
    rule_factors,
)
from transitions_core.simulation.model.calendar import Calendar, add_months
from transitions_core.simulation.scenario.spec import CalendarSpec
from transitions_core.simulation.scenario.yaml_out import dump
from transitions_core.text.french import count, join_list, plural
from transitions_core.timeline.readmodel import TimelineReadModel
from transitions_core.timeline.stats import cohort_stats
from transitions_core.timeline.view import TimelineEntry, corrected_entries

#: How a territory's profile states its summer population (Gruissan: « de 5000 à 80000 habitants »).
SEASON = re.compile(r"de (\d[\d\s\u202f]*) à (\d[\d\s\u202f]*) habitants")
#: Assumed when the history dates no approach, or gives no year for the cohort's period.
RECRUITMENT_MONTHS, PROGRAMME_MONTHS = 8, 18
#: What each kind of comment means, for the file's header.
KINDS = {
    MEASURED: "mesurée",
    ASSUMED: "docs/simulation.md",
    UNKNOWN: "null : l'historique ne permet pas de la mesurer, à renseigner avant de simuler",
    IRRELEVANT: "sans effet sur ce calendrier",
}
#: The municipal mandate is the country's, not a cohort's: the history does not record it.
MANDATE_START = "calendrier national des municipales (second tour de 2020), non consigné dans l'historique"
ELECTIONS = (
    "calendrier national des municipales (premier tour de 2026), que le modèle répète tous les six ans"
)


def _dated(entries: list[TimelineEntry]) -> list[TimelineEntry]:
    return [e for e in entries if e.occurred.earliest is not None]


def _first_day(entry: TimelineEntry) -> date:
    assert entry.occurred.earliest is not None
    return entry.occurred.earliest


def _sessions(entries: list[TimelineEntry], kind: str) -> list[dict[str, Any]]:
    held = sorted((e for e in entries if e.type == kind), key=lambda e: e.facts.get("number") or 0)
    return [
        {"date": _first_day(e), "place": e.facts.get("place"), "theme": e.facts.get("theme")}
        for e in _dated(held)
    ]


def _seasonal_peak(description: str | None) -> int | None:
    match = SEASON.search(description or "")
    return int(re.sub(r"\D", "", match.group(2))) if match else None


@dataclass(frozen=True)
class Calibrated:
    """A calibrated scenario's text, and how each of its values is accounted for."""

    cohort: str
    text: str
    sources: Sources

    def summary(self) -> str:
        """What the calibration measured, assumed and could not know, for standard error."""
        measured, assumed = len(self.sources.of_kind(MEASURED)), len(self.sources.of_kind(ASSUMED))
        unknown = self.sources.of_kind(UNKNOWN)
        said = (
            f"{count(len(unknown), 'valeur inconnue', 'valeurs inconnues')}, à renseigner avant de simuler :"
            if unknown
            else "aucune valeur inconnue."
        )
        head = (
            f"Calibration de « {self.cohort} » : {count(measured, 'valeur mesurée', 'valeurs mesurées')} dans "
            f"l'historique, {count(assumed, 'hypothèse')} ({plural(assumed, 'commentée')} « hypothèse » dans "
            f"le fichier, voir docs/simulation.md), {said}"
        )
        return "\n".join([head, *(f"  {path} : {why}." for path, why in unknown.items())])


class Calibration:
    """The measured rates of one stored cohort, and the source of each value."""

    def __init__(self, readmodel: TimelineReadModel, cohort: str) -> None:
        self.readmodel = readmodel
        self.cohort = cohort
        self.stats = cohort_stats(readmodel, cohort)
        self.entries = corrected_entries(readmodel.rows(cohort, territory=None, cohort_level=True))
        self.sources = Sources()

    def of(self, kind: str) -> list[TimelineEntry]:
        """The cohort's entries of one type."""
        return [e for e in self.entries if e.type == kind]

    def calendar(self) -> dict[str, Any]:
        """Dates of the common core, the forums and the evaluation day, as recorded."""
        src = self.sources
        in_person = _sessions(self.entries, "in_person_day_held")
        webinars = [
            {k: v for k, v in s.items() if k != "place"} for s in _sessions(self.entries, "webinar_held")
        ]
        if not in_person:
            raise TransitionsError(
                f"« {self.cohort} » : aucune journée en présentiel n'est datée, et le modèle part du lancement "
                "(la première d'entre elles) : consignez-la avant de calibrer, ou écrivez le scénario à la main."
            )
        launch = src.measured("calendar.launch", in_person[0]["date"], "première journée en présentiel")
        starts = [
            _first_day(e)
            for e in _dated(self.of("territory_approached") + self.of("call_for_applications_presented"))
            if _first_day(e) < launch
        ]
        if starts:
            start = src.measured("calendar.recruitment_start", min(starts), "première approche datée")
        else:
            why = f"{RECRUITMENT_MONTHS} mois avant le lancement, aucune approche n'étant datée avant lui"
            start = src.assumed("calendar.recruitment_start", add_months(launch, -RECRUITMENT_MONTHS), why)
        opened = self.of("cohort_opened")[0]
        years = [int(y) for y in re.findall(r"\d{4}", str(opened.facts.get("period") or ""))]
        if years and date(max(years), 12, 31) > launch:
            end = src.measured("calendar.end", date(max(years), 12, 31), "fin de la période de la cohorte")
        else:
            why = f"{PROGRAMME_MONTHS} mois après le lancement, la période de la cohorte ne donnant pas d'année après lui"
            end = src.assumed("calendar.end", add_months(launch, PROGRAMME_MONTHS), why)
        mandate = CalendarSpec.model_fields
        elections = mandate["elections"].default
        later = (
            f" ; le lancement ({launch.isoformat()}) tombe dans un mandat suivant"
            if launch >= elections
            else ""
        )
        calendar: dict[str, Any] = {
            "recruitment_start": start,
            "launch": launch,
            "end": end,
            "shift_months": 0,
            "mandate_start": src.assumed(
                "calendar.mandate_start", mandate["mandate_start"].default, MANDATE_START
            ),
            "elections": src.assumed("calendar.elections", elections, ELECTIONS + later),
            "in_person_days": in_person,
            "webinars": webinars,
        }
        forums = self.of("pilot_forum_held")
        if forums and forums[0].occurred.earliest and forums[0].occurred.latest:
            window = forums[0].occurred
            count_ = sum(int(f.facts.get("count") or 1) for f in forums)
            calendar["forums"] = {"start": window.earliest, "end": window.latest, "count": count_}
        calendar["peer_exchanges"] = [_first_day(e) for e in _dated(self.of("peer_exchange_held"))]
        evaluation = _dated(self.of("evaluation_day_held"))
        if evaluation:
            calendar["evaluation_day"] = {
                "date": _first_day(evaluation[0]),
                "place": evaluation[0].facts.get("place"),
            }
        return calendar

    def of_territories(self, kind: str) -> list[tuple[str, TimelineEntry]]:
        """(territory, entry) for each territory entry of one type."""
        out: list[tuple[str, TimelineEntry]] = []
        for row in self.readmodel.aggregates(kind="territory", cohort=self.cohort):
            slug = row.territory or ""
            rows = self.readmodel.rows(self.cohort, slug, cohort_level=False)
            out.extend((slug, e) for e in corrected_entries(rows) if e.type == kind)
        return out

    def joined(self) -> set[str]:
        """The territories that joined the cohort."""
        return {slug for slug, _ in self.of_territories("territory_joined")}

    def dropped(self) -> int:
        """Territories that left the cohort after joining (older histories: declined after joining)."""
        joined = self.joined()
        late = sum(1 for slug, _ in self.of_territories("territory_declined") if slug in joined)
        return len(list(self.of_territories("territory_left"))) + late

    def territories(self) -> list[dict[str, Any]]:
        """The named territories approached or engaged, as listed candidates."""
        joined = self.joined()
        approached = {slug for slug, _ in self.of_territories("territory_approached")} | joined
        incomplete = {slug for slug, _ in self.of_territories("delegation_incomplete_noted")}
        out = []
        for slug, entry in self.of_territories("territory_registered"):
            if slug not in approached:
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
                    "population": f.get("population"),
                    "seasonal_peak": _seasonal_peak(f.get("description")),
                    "staff_capacity": "auto",
                    "political_backing": "medium",
                    "delegation_complete": (slug not in incomplete) if slug in joined else None,
                }
            )
        return out

    def sampled(self, listed: list[dict[str, Any]]) -> dict[str, Any] | None:
        """Distributions for the approached territories the history does not name, from the named ones."""
        kinds: dict[str, list[dict[str, Any]]] = {}
        for t in listed:
            if t["population"] is not None:
                kinds.setdefault(t["kind"], []).append(t)
        if not kinds:
            return None
        params: dict[str, Any] = {}
        for kind, members in kinds.items():
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

    def region(self, name: str, listed: list[dict[str, Any]]) -> dict[str, Any]:
        """The region's listed candidates and, for the unnamed approached ones, a `sampled` generator."""
        src = self.sources
        unknown = [t["id"] for t in listed if t["population"] is None]
        for slug in unknown:
            src.unknown(f"regions.territories.{slug}.population", "population non consignée")
        src.block(
            "regions.territories",
            "territoires nommés, approchés ou engagés ; portage et moyens non consignés (neutres)"
            + (f" ; population non consignée, à renseigner : {', '.join(unknown)}" if unknown else ""),
        )
        region: dict[str, Any] = {"region": name, "territories": listed}
        unnamed = max(self.stats.approached - len(listed), 0)
        if unnamed:
            shape = self.sampled(listed)
            approached = count(unnamed, "territoire approché non nommé", "territoires approchés non nommés")
            if shape is None:
                region["generate"] = src.unknown(
                    "regions.generate", f"{approached}, et aucune population connue pour les tirer"
                )
            else:
                region["generate"] = [{"generator": "sampled", "count": unnamed, "params": shape}]
                src.block("regions.generate", f"{approached}, tirés sur le modèle des territoires nommés")
        return region

    def scenario(self, scenario_id: str | None = None) -> dict[str, Any]:
        """The whole scenario document."""
        opened = self.of("cohort_opened")[0].facts
        calendar = self.calendar()
        spec = CalendarSpec.model_validate(calendar)
        launch, end = spec.launch, spec.end
        elapsed = Calendar.from_spec(spec).mandate_elapsed(launch)
        rules = {"electoral_calendar": {"reference_elapsed": elapsed}}
        self.sources.measured(
            "rules.electoral_calendar.reference_elapsed",
            elapsed,
            "position du lancement dans le mandat municipal (calendrier national, hypothèse)",
        )
        listed = self.territories()
        joined = self.joined()
        engaged = [t for t in listed if t["id"] in joined]
        factors = rule_factors(Calendar.from_spec(spec), engaged, opened["region"], rules)
        figures = Figures(
            stats=self.stats,
            incomplete=len({slug for slug, _ in self.of_territories("delegation_incomplete_noted")}),
            dropped=self.dropped(),
            evaluated=bool(self.of("evaluation_day_held") or self.stats.effects or self.stats.limits),
            declared_budget=opened.get("pilot_days_budget"),
            sessions={
                "in_person": len(spec.in_person_days),
                "webinar": len(spec.webinars),
                "forum": spec.forums.count if spec.forums else 0,
            },
            months=(end - launch).days / 30.44,
        )
        self.figures = figures
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
            "parameters": measure_parameters(figures, factors, self.sources),
            "rules": rules,
            "regions": [self.region(opened["region"], listed)],
            "history": self.history(figures),
        }

    def history(self, figures: Figures) -> dict[str, float]:
        """The recorded outcomes a plot marks, by measure; a figure the history does not record is left out."""
        s = figures.stats
        recorded = {
            "approached": s.approached,
            "presented": s.presented,
            "joined": s.joined,
            "dropped_out": figures.dropped,
            "diagnostics_restituted": s.diagnostics_restituted,
            "pilots_feasibility": s.notes_written.get("feasibility", 0),
            "days_used": s.days_spent,
            "milestones": s.milestones,
            "effects": s.effects,
            "limits": s.limits,
        }
        kept_at_zero = {"dropped_out"}  # none seen is a finding; no day recorded is not
        return {k: float(v) for k, v in recorded.items() if v or k in kept_at_zero}


def calibrate(
    readmodel: TimelineReadModel,
    cohort: str,
    scenario_id: str | None = None,
    audience: Audience = Audience.INTERNAL,
    uncertain: bool = False,
) -> Calibrated:
    """The scenario file text for a stored cohort, and the source of each value.

    For the public, the scenario is calibrated on the public history (no confidential entry), and names nobody.
    With `uncertain`, it ends with an `uncertainties:` block (calibration/uncertain.py), unless a value is unknown.
    """
    reading = reading_for(readmodel, cohort, audience)
    calibration = Calibration(reading.readmodel, cohort)
    document = calibration.scenario(scenario_id)
    sources = calibration.sources
    if uncertain and not sources.of_kind(UNKNOWN):
        from transitions_core.simulation.calibration.uncertain import uncertainties_block

        document["uncertainties"] = uncertainties_block(calibration.figures, document)
    kinds = [
        f"« {kind} » ({meaning})"
        for kind, meaning in KINDS.items()
        if kind in (MEASURED, ASSUMED) or sources.of_kind(kind)
    ]
    header = [
        f"# Scénario de simulation calibré sur l'historique « {cohort} » (transitions calibrate).",
        f"# Chaque valeur dit d'où elle vient : {join_list(kinds, 'ou')}.",
    ]
    if reading.names is not None:
        document = _public(document, reading.names)
        header.append(PUBLIC_HEADER)
    else:
        header += _internal_header(readmodel, cohort, calibration, document)
    text = "\n".join(header) + "\n" + dump(document, sources.comments())
    return Calibrated(cohort, text, sources)


PUBLIC_HEADER = "# Version publique : calibrée sans les entrées confidentielles, sans nom de personne (--audience public)."


def _internal_header(
    readmodel: TimelineReadModel, cohort: str, calibration: Calibration, document: dict[str, Any]
) -> list[str]:
    """What an internal scenario holds that a public one would not, said at its top (nothing if nothing)."""
    held = []
    if any(e.confidential for e in calibration.entries):
        held.append("des entrées confidentielles de l'historique (dates et thèmes de séances)")
    names = reading_for(readmodel, cohort, Audience.PUBLIC).names
    if names is not None and _public(document, names) != document:
        held.append("des noms de personnes")
    if not held:
        return []
    return [
        f"# Version interne : elle reprend {' et '.join(held)} ; ne la diffusez pas "
        "(--audience public en écrit une version diffusable)."
    ]


def _public(value: Any, names: PublicView, key: str = "") -> Any:
    """The document with every text in public: a person is their role or organisation, effect labels too."""
    if isinstance(value, dict):
        if key == "effect_labels":
            return names.tally(value)
        return {k: _public(v, names, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_public(v, names, key) for v in value]
    return names.text(value) if isinstance(value, str) else value
