"""Histories built by hypothesis for the truthfulness tests, and an oracle that knows what each one holds.

A history is a cohort of one to four territories. Each territory takes a random prefix of the path
(approached, presented, then joined or declined or nothing; then the diagnostic, the pilot, effects…),
with dates drawn from partial dates of every precision, unknown ones included. The oracle answers what
the history holds, from the generated plan, without `narrative/status.py`: as of a date, is a step done,
later, undated or absent? The tests compare the narratives' claims with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import yaml
from hypothesis import strategies as st

from transitions_core.domain.dates import PartialDate

COHORT = "verite-2026"
#: Partial dates of every precision, in 2026-2027, and unknown.
DATES = (
    "2026-02-10",
    "2026-03",
    "2026-21",
    "2026-05-20",
    "2026-07/2026-09",
    "2026-09-15",
    "2026-10",
    "2026-23",
    "2026",
    "2026/2027",
    "2027-01",
    "2027-03-05",
    "XXXX",
)
AS_OF = (None, date(2026, 6, 30), date(2026, 10, 31), date(2026, 12, 31))
#: The steps of an engaged territory, in the order the aggregate accepts them.
ENGAGED_STEPS = (
    "diagnostic_started",
    "interviews_held",
    "diagnostic_pre_restituted",
    "diagnostic_restituted",
    "pilot_note_written",
    "pilot_project_chosen",
    "ally_assigned",
    "accompaniment_days_spent",
    "effect_observed",
    "limit_observed",
    "viewpoint_recorded",
)
FACTS = {
    "territory_approached": {"by": "region"},
    "scheme_presented": {},
    "territory_joined": {},
    "territory_declined": {"reason": "motif de refus"},
    "diagnostic_started": {"conducted_by": ["Équipe d'écoute"]},
    "interviews_held": {"count": 11},
    "diagnostic_pre_restituted": {"to": "le maire"},
    "diagnostic_restituted": {"public": True, "audience": "les habitants"},
    "pilot_note_written": {"kind": "intention"},
    "pilot_project_chosen": {"title": "Projet d'essai", "summary": "Un projet d'essai pour le territoire."},
    "ally_assigned": {"allies": [{"name": "Claire Alliée", "organisation": "Atelier des communs"}]},
    "accompaniment_days_spent": {"days": 2},
    "effect_observed": {"label": "confiance", "description": "La confiance grandit."},
    "limit_observed": {"description": "Le temps manque."},
    "viewpoint_recorded": {"side": "territory", "summary": "Un regard sur l'accompagnement."},
}


@dataclass
class TerritoryPlan:
    """One territory: its id, name, gender, and its dated steps in order."""

    id: str
    name: str
    gender: str
    steps: list[tuple[str, str]] = field(default_factory=list)

    def dates_of(self, kind: str) -> list[PartialDate]:
        """The dates of the territory's entries of a type."""
        return [PartialDate(d) for k, d in self.steps if k == kind]


@dataclass
class HistoryPlan:
    """A whole generated history, its options for viewing, and whether it declares and cites a source."""

    territories: list[TerritoryPlan]
    sessions: list[str]
    sourced: bool
    as_of: date | None
    period: tuple[date, date]

    def yaml(self) -> str:
        """The history file."""
        entries: list[dict[str, object]] = []
        cite = {"source": "Comptes rendus, réunion d'équipe"} if self.sourced else {}
        if self.sourced:
            entries.append(
                {
                    "date": "2027",
                    "type": "source_declared",
                    "title": "Comptes rendus de l'équipe",
                    "kind": "minutes",
                    "cited_as": "Comptes rendus",
                }
            )
        for number, when in enumerate(self.sessions, start=1):
            entries.append(
                {"date": when, "type": "webinar_held", "number": number, "theme": f"thème {number}", **cite}
            )
        for territory in self.territories:
            for kind, when in territory.steps:
                entries.append({"date": when, "type": kind, "territory": territory.id, **FACTS[kind], **cite})
        history = {
            "kind": "history",
            "cohort": {"id": COHORT, "name": "Cohorte de vérité", "region": "Bretagne", "opened": "2026-01"},
            "territories": [
                {"id": t.id, "name": t.name, "gender": t.gender, "kind": "commune", "department": "Morbihan"}
                for t in self.territories
            ],
            "entries": entries,
        }
        return yaml.safe_dump(history, allow_unicode=True, sort_keys=False)


@st.composite
def territory_plans(draw: st.DrawFn, index: int) -> TerritoryPlan:
    """A territory that takes a random prefix of the path."""
    name = draw(st.sampled_from(["Kerlann", "Penmarc'h", "Lanvénec", "Trévou", "Ploumanac'h"]))
    plan = TerritoryPlan(
        id=f"territoire-{index}", name=f"{name} {index}", gender=draw(st.sampled_from(["m", "f"]))
    )
    date_of = st.sampled_from(DATES)
    if draw(st.booleans()):
        plan.steps.append(("territory_approached", draw(date_of)))
    if draw(st.booleans()):
        plan.steps.append(("scheme_presented", draw(date_of)))
    decision = draw(st.sampled_from(["joined", "joined", "declined", "none"]))
    if decision == "declined":
        plan.steps.append(("territory_declined", draw(date_of)))
    if decision != "joined":
        return plan
    plan.steps.append(("territory_joined", draw(date_of)))
    depth = draw(st.integers(0, len(ENGAGED_STEPS)))
    for kind in ENGAGED_STEPS[:depth]:
        # The diagnostic's start and pre-restitution come before what follows them: never skipped.
        if kind in ("diagnostic_started", "diagnostic_pre_restituted", "diagnostic_restituted") or draw(
            st.booleans()
        ):
            plan.steps.append((kind, draw(date_of)))
    return plan


@st.composite
def history_plans(draw: st.DrawFn) -> HistoryPlan:
    """A cohort of one to four territories, some sessions, with or without a declared source."""
    count = draw(st.integers(1, 4))
    territories = [draw(territory_plans(i)) for i in range(1, count + 1)]
    sessions = draw(st.lists(st.sampled_from(DATES), max_size=3))
    start = draw(st.sampled_from([date(2026, 1, 1), date(2026, 7, 1), date(2026, 9, 1)]))
    end = draw(st.sampled_from([date(2026, 8, 31), date(2026, 12, 31), date(2027, 6, 30)]))
    return HistoryPlan(
        territories=territories,
        sessions=sessions,
        sourced=draw(st.booleans()),
        as_of=draw(st.sampled_from(AS_OF)),
        period=(min(start, end), max(start, end)),
    )


# ─── The oracle ───


def state(dates: list[PartialDate], as_of: date | None) -> str:
    """`done`, `later`, `undated` or `absent`: what the history holds of a step, as of a date."""
    if not dates:
        return "absent"
    if as_of is None:
        return "done"
    if any(d.latest is not None and d.latest <= as_of for d in dates):
        return "done"
    if all(d.earliest is not None and d.earliest > as_of for d in dates):
        return "later"
    return "undated"


def joined(plan: TerritoryPlan, as_of: date | None) -> bool:
    """Whether the territory had certainly joined by then."""
    return state(plan.dates_of("territory_joined"), as_of) == "done"


def quiet(plan: TerritoryPlan, start: date, end: date) -> bool:
    """Whether none of the territory's entries may fall within the period."""
    for _, when in plan.steps:
        d = PartialDate(when)
        if d.earliest is None or d.latest is None or (d.latest >= start and d.earliest <= end):
            return False
    return True
