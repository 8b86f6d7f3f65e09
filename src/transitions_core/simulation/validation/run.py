"""One validation, from a cohort in a store or a history file: the bands, and each figure's kind after a split."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from transitions_core.simulation.model.run import Models
from transitions_core.simulation.scenario.loading import LoadedScenario
from transitions_core.simulation.validation.check import Band, bands, predictive_rows
from transitions_core.simulation.validation.evidence import Evidence, read_evidence
from transitions_core.simulation.validation.posterior import Posterior
from transitions_core.timeline.readmodel import TimelineReadModel


@dataclass(frozen=True)
class Setup:
    """The scenario to check, the evidence it was calibrated on, the whole history's, and what it borrowed."""

    loaded: LoadedScenario
    evidence: Evidence
    whole: Evidence
    borrowed: dict[str, str]


def setup(readmodel: TimelineReadModel, cohort: str, split: date | None, models: Models) -> Setup:
    """Calibrate on the whole history, or on what had surely happened by `split`."""
    from transitions_core.simulation.calibration.calibrate import calibrate
    from transitions_core.simulation.scenario.loading import load_scenario
    from transitions_core.simulation.validation.split_run import split_scenario

    whole = read_evidence(readmodel, cohort)
    if split is None:
        loaded = load_scenario(calibrate(readmodel, cohort).text, models.rules, models.generators)
        return Setup(loaded, whole, whole, {})
    cut = split_scenario(readmodel, cohort, split, models)
    return Setup(cut.loaded, read_evidence(cut.readmodel, cohort), whole, cut.borrowed)


def kinds_of(found: list[Band], ready: Setup) -> dict[str, str]:
    """Each figure's kind against the split (none without one)."""
    from transitions_core.simulation.validation.split_run import figure_kind

    if ready.evidence is ready.whole:
        return {}
    return {
        b.column: figure_kind(b.column, ready.borrowed, ready.evidence.figures, b.observed) for b in found
    }


def validation_bands(
    cohort: str,
    history: Path | str,
    split: str | None,
    runs: int,
    seed: int,
    uncertain: bool,
    models: Models,
) -> tuple[list[Band], dict[str, str]]:
    """The recorded figures against the model, from a history file (imported in memory) or a store's address."""
    from transitions_core.history.importer import import_histories
    from transitions_core.store.locations import parse_store
    from transitions_core.store.opening import open_store

    source = Path(history)
    is_file = source.suffix in (".yaml", ".yml") and source.is_file()
    with open_store(parse_store("memory:" if is_file else str(history))) as store:
        if is_file:
            import_histories(store.app, [source])
        ready = setup(store.caught_up(), cohort, date.fromisoformat(split) if split else None, models)
    posterior = Posterior.of(ready.evidence) if uncertain else None
    found = bands(predictive_rows(ready.loaded, runs, seed, models, posterior), ready.whole.figures)
    return found, kinds_of(found, ready)
