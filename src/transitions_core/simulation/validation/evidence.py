"""What a stored cohort records, as the model's measures: the figures to check and the counts behind the rates.

Limits by rule: the history does not say which rule explains a recorded limit, so a limit is attributed to a
rule when its description holds one of the rule's cues (`LIMIT_CUES`, stated here and in docs/simulation.md).
That is a reading of the text, not a fact of the history; the check says so.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from transitions_core.export.flat import cohort_entries
from transitions_core.simulation.model.outcomes import effect_column, limit_column
from transitions_core.timeline.readmodel import TimelineReadModel
from transitions_core.timeline.stats import cohort_stats

#: Words that tie a recorded limit to a behavioural rule (lowercase, matched as whole-word prefixes).
LIMIT_CUES: dict[str, tuple[str, ...]] = {
    "political_backing": ("portage politique", "côté élus", "peu impliqués"),
    "electoral_calendar": ("mandat", "élection", "municipales"),
    "seasonal_load": ("haute saison", "saison touristique", "estival"),
    "staff_capacity": ("peu de moyens humains", "manque de moyens humains"),
    "delegation": ("constituer une délégation", "pas vraiment été constituée", "dans la délégation"),
}


def limit_rule(description: str) -> str | None:
    """The rule a recorded limit's description points to, by its cues (the first rule that matches), or None."""
    text = description.lower()
    for rule, cues in LIMIT_CUES.items():
        if any(re.search(rf"\b{re.escape(cue)}", text) for cue in cues):
            return rule
    return None


@dataclass(frozen=True)
class Evidence:
    """A cohort's recorded figures (by CSV column) and the counts the rates were measured from."""

    figures: dict[str, float]
    #: Rate path → (successes, trials): recruitment.present, recruitment.join, …
    rates: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: Mean path → one count per engaged territory: evaluation.effects_mean, …
    counts: dict[str, list[int]] = field(default_factory=dict)


def read_evidence(readmodel: TimelineReadModel, cohort: str) -> Evidence:
    """The figures and counts of a stored cohort (corrections applied)."""
    stats = cohort_stats(readmodel, cohort)
    entries = cohort_entries(readmodel, cohort)
    joined = sorted({t for t, e in entries if t and e.type == "territory_joined"})
    per: dict[str, Counter[str]] = {
        kind: Counter() for kind in ("effect_observed", "limit_observed", "milestone_reached")
    }
    by_rule: Counter[str] = Counter()
    for territory, entry in entries:
        if entry.type in per and territory:
            per[entry.type][territory] += 1
        if entry.type == "limit_observed":
            rule = limit_rule(str(entry.facts.get("description", "")))
            if rule:
                by_rule[rule] += 1
    figures: dict[str, float] = {
        "approached": stats.approached,
        "presented": stats.presented,
        "joined": stats.joined,
        "dropped_out": stats.dropped_out,
        "diagnostics_started": stats.diagnostics_started,
        "diagnostics_restituted": stats.diagnostics_restituted,
        "public_restitutions": stats.public_restitutions,
        "interviews": stats.interviews or 0,
        "pilots_chosen": stats.pilots_chosen,
        "allies_assigned": stats.allies_assigned,
        "milestones": stats.milestones,
        "effects": stats.effects,
        "limits": stats.limits,
        "in_person_attendance_min": stats.in_person_attendance.low or 0,
        "in_person_attendance_max": stats.in_person_attendance.high or 0,
        "webinar_attendance_min": stats.webinar_attendance.low or 0,
        "webinar_attendance_max": stats.webinar_attendance.high or 0,
        "forum_attendance": stats.forum_attendance or 0,
    }
    figures |= {effect_column(label): n for label, n in stats.effects_by_label.items()}
    figures |= {limit_column(rule): by_rule.get(rule, 0) for rule in LIMIT_CUES}
    rates = {
        "parameters.recruitment.present": (stats.presented, stats.approached),
        "parameters.recruitment.join": (stats.joined, stats.presented),
        "parameters.diagnostic.public_restitution": (stats.public_restitutions, stats.diagnostics_restituted),
    }
    counts = {
        "parameters.evaluation.effects_mean": [per["effect_observed"][t] for t in joined],
        "parameters.evaluation.limits_mean": [per["limit_observed"][t] for t in joined],
        "parameters.pilot.milestones_mean": [per["milestone_reached"][t] for t in joined],
    }
    return Evidence(
        figures,
        {path: rate for path, rate in rates.items() if rate[1] > 0},
        {path: values for path, values in counts.items() if values and sum(values) > 0},
    )
