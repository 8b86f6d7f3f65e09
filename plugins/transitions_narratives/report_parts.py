"""What the report selects from a cohort view: its stages, pilots, diagnostics and the synthesis across territories."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from transitions_core.domain.values import FindingKind
from transitions_core.narrative.views import CohortView, TerritoryView
from transitions_core.text.filters import unstop
from transitions_core.timeline.view import Profile, TimelineEntry

#: The report's sections of the accompaniment, in its order: each gathers the cohort-level entries whose
#: event declares that stage (`DomainEvent.stage`). Cross findings are told in the synthesis instead.
SECTIONS: dict[str, str] = {
    "context": "context",
    "recruitment": "recruitment",
    "common_core": "common_core",
    "diagnostics": "diagnostic",
    "peers": "peers",
    "evaluation": "evaluation",
    "storytelling": "storytelling",
    "region": "region",
}
TOLD_ELSEWHERE = frozenset({"cross_finding_recorded"})


@cache
def stage_types() -> dict[str, tuple[str, ...]]:
    """Each section's cohort-level event types, from the stage each event declares.

    Read from `event_names`, which a test keeps equal to the event classes: building the ~60 classes
    was about a third of a report's process (issue 16).
    """
    from transitions_core.domain.event_names import COHORT_EVENTS_BY_STAGE

    return {
        section: tuple(name for name in COHORT_EVENTS_BY_STAGE.get(stage, ()) if name not in TOLD_ELSEWHERE)
        for section, stage in SECTIONS.items()
    }


FINDING_KINDS = tuple(kind.value for kind in FindingKind)


def stages(view: CohortView) -> dict[str, list[TimelineEntry]]:
    """The cohort-level entries of each stage of the accompaniment, in date order."""
    return {
        stage: [e for e in view.entries if e.scope == "cohort" and e.type in types]
        for stage, types in stage_types().items()
    }


def told_stages(view: CohortView) -> list[str]:
    """The stages a report has something to tell of: a stage with nothing in the history gets no section."""
    entries = stages(view)
    told = [key for key, found in entries.items() if found]
    if any(t.pilot is not None for t in view.territories):
        told.append("pilots")
    told.append("recruitment")  # its section names the territories, engaged or not
    if any(t.diagnostic.started for t in view.territories):
        told.append("diagnostics")
    return told


def joined(view: CohortView) -> list[Profile]:
    """The territories that joined the cohort."""
    return [t.territory for t in view.territories if _did(t, "territory_joined")]


def declined(view: CohortView) -> list[Profile]:
    """The territories that declined to join."""
    return [t.territory for t in view.territories if _did(t, "territory_declined")]


def _did(territory: TerritoryView, kind: str) -> bool:
    return any(e.type == kind and e.scope == "territory" for e in territory.entries)


def pilots(view: CohortView) -> list[TerritoryView]:
    """The territories that chose a pilot project."""
    return [t for t in view.territories if t.pilot is not None]


@dataclass
class Synthesis:
    """What recurs across the territories: shared findings, effects by label, limits."""

    cross_findings: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    territory_findings: dict[str, list[tuple[Profile, str]]] = field(default_factory=dict)
    effects: list[tuple[str, int, list[Profile]]] = field(default_factory=list)
    #: Effects whose source gives them no label.
    unlabelled: int = 0
    limits: list[tuple[str, list[str]]] = field(default_factory=list)

    @property
    def recurring_effects(self) -> list[tuple[str, int, list[Profile]]]:
        """Labels observed in at least two territories."""
        return [e for e in self.effects if e[1] > 1]

    @property
    def single_effects(self) -> list[str]:
        """Labels observed once."""
        return [label for label, n, _ in self.effects if n == 1]


def synthesis(view: CohortView) -> Synthesis:
    """Cross findings and territory findings by kind, effects by label (from the stats), limits by territory."""
    result = Synthesis()
    for entry in view.entries:
        if entry.type == "cross_finding_recorded":
            result.cross_findings.setdefault(entry.facts["kind"], []).append(entry.facts)
    for territory in view.territories:
        for finding in territory.diagnostic.findings:
            result.territory_findings.setdefault(finding["kind"], []).append(
                (territory.territory, finding["summary"])
            )
    result.cross_findings = {k: result.cross_findings[k] for k in FINDING_KINDS if k in result.cross_findings}
    result.territory_findings = {
        k: result.territory_findings[k] for k in FINDING_KINDS if k in result.territory_findings
    }
    where: dict[str, list[Profile]] = {}
    for territory in view.territories:
        # A territory's profile is its own (its id is unique in the cohort): compare labels, not profiles.
        for label in dict.fromkeys(effect.label.lower() for effect in territory.effects if effect.label):
            where.setdefault(label, []).append(territory.territory)
    result.effects = [(label, n, where.get(label, [])) for label, n in view.stats.effects_by_label.items()]
    result.unlabelled = view.stats.effects - sum(n for _, n, _ in result.effects)
    result.limits = [
        (t.territory.name, [first_sentence(limit.description) for limit in t.limits])
        for t in view.territories
        if t.limits
    ]
    return result


def diagnostic_summary(territory: TerritoryView, lang: str = "fr") -> str:
    """`diagnostic mené par X ; une quinzaine d'entretiens ; restitué`, `diagnostic restitué`: how far it went."""
    from transitions_narratives.wording import wording

    diagnostic = territory.diagnostic
    by = [territory.cohort.organisation(name) for name in diagnostic.conducted_by]
    return wording(lang).say("report.diagnostic", d=diagnostic, by=by)


def first_sentence(text: str) -> str:
    """The first sentence of a text, without its full stop: enough to recall a limit in a synthesis."""
    head = re.split(r"(?<=[a-zà-ÿ»)\"])\. (?=[A-ZÀ-Ý])", text.strip(), maxsplit=1)[0]
    return unstop(head)
