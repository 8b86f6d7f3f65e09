"""Validation out of sample: calibrate on what had certainly happened by a split day, simulate, compare.

What the cut history cannot measure (the evaluation's rates, when no evaluation had happened by then) is
taken from the whole history's calibration and said so: the figures that depend on it are not out of sample.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from transitions_core.simulation.calibration.calibrate import calibrate
from transitions_core.simulation.calibration.factors import UNKNOWN
from transitions_core.simulation.model.run import Models
from transitions_core.simulation.scenario.loading import LoadedScenario, load_scenario
from transitions_core.simulation.scenario.uncertain import with_values
from transitions_core.simulation.validation.split import OccurredBy
from transitions_core.timeline.readmodel import TimelineReadModel

#: What each figure needs beyond the recruitment, the timing rules and the calendar: the rates it reads.
NEEDS: dict[str, tuple[str, ...]] = {
    "interviews": ("parameters.diagnostic.interviews_mean",),
    "public_restitutions": ("parameters.diagnostic.public_restitution",),
    "milestones": ("parameters.pilot.milestones_mean",),
    "effects": ("parameters.evaluation.effects_mean", "parameters.evaluation.effect_labels"),
    "limits": ("parameters.evaluation.limits_mean",),
}
#: Figures the recruitment fixes, so often complete by the split: `connu` when they had their final value then.
RECRUITMENT = frozenset({"approached", "presented", "joined", "forum_attendance"})
#: Figures the model can only predict with the whole calendar (sessions after the split are not known then).
CALENDAR = frozenset(
    {
        "in_person_attendance_min",
        "in_person_attendance_max",
        "webinar_attendance_min",
        "webinar_attendance_max",
    }
)


@dataclass(frozen=True)
class SplitScenario:
    """The scenario calibrated by the split day, and what it had to borrow from the whole history."""

    loaded: LoadedScenario
    borrowed: dict[str, str]
    readmodel: TimelineReadModel


def split_scenario(readmodel: TimelineReadModel, cohort: str, day: date, models: Models) -> SplitScenario:
    """Calibrate on the history cut at `day`; unknown rates come from the whole history's calibration."""
    cut = OccurredBy(readmodel, day)
    early = calibrate(cut, cohort)
    borrowed = early.sources.of_kind(UNKNOWN)
    whole = load_scenario(calibrate(readmodel, cohort).text, models.rules, models.generators).scenario
    document = whole.model_dump(mode="json")
    filled = {path: _at(document, path) for path in borrowed}
    text = early.text
    loaded = load_scenario(_filled_text(text, filled), models.rules, models.generators)
    scenario = (
        with_values(loaded.scenario, filled, models.rules, models.generators) if filled else loaded.scenario
    )
    return SplitScenario(LoadedScenario(loaded.path, scenario, loaded.digest, loaded.points), borrowed, cut)


def _at(document: Any, path: str) -> Any:
    node = document
    for part in path.split("."):
        node = node[part]
    return node


def _filled_text(text: str, filled: dict[str, Any]) -> str:
    """The calibrated text with each unknown (null) value replaced by a placeholder the scenario accepts."""
    import yaml

    document = yaml.safe_load(text)
    for path, value in filled.items():
        node = document
        *parents, last = path.split(".")
        for part in parents:
            node = node[part]
        node[last] = value
    return str(yaml.safe_dump(document, allow_unicode=True, sort_keys=False))


def figure_kind(column: str, borrowed: dict[str, str], known: dict[str, float], observed: float) -> str:
    """How a figure stands against the split: `prédit`, `connu` (already at its final value by the day),
    `emprunté` (reads a rate taken after the split) or `calendrier` (needs sessions not yet dated)."""
    needs = NEEDS.get(column, ())
    if column.startswith("effect["):
        needs = ("parameters.evaluation.effect_labels",)
    if column.startswith("limit["):
        needs = ("parameters.evaluation.limits_mean",)
    if any(path in borrowed for path in needs):
        return "emprunté"
    if column in CALENDAR:
        return "calendrier"
    if column in RECRUITMENT and known.get(column) == observed:
        return "connu"
    return "prédit"
