"""One validation, from a cohort in a store or a history file: the bands, and each figure's kind after a split."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from transitions_core.simulation.model.run import Models
from transitions_core.simulation.validation.check import Band, bands, predictive_rows
from transitions_core.simulation.validation.evidence import read_evidence
from transitions_core.simulation.validation.posterior import Posterior


def validation_bands(
    cohort: str,
    history: Path | str,
    split: str | None,
    runs: int,
    seed: int,
    uncertain: bool,
    models: Models,
) -> tuple[list[Band], dict[str, str]]:
    """The recorded figures against the model calibrated on the whole history, or on what had happened by `split`."""
    from transitions_core.history.importer import import_histories
    from transitions_core.simulation.calibration.calibrate import calibrate
    from transitions_core.simulation.scenario.loading import load_scenario
    from transitions_core.simulation.validation.split_run import figure_kind, split_scenario
    from transitions_core.store.locations import parse_store
    from transitions_core.store.opening import open_store

    source = Path(history)
    is_file = source.suffix in (".yaml", ".yml") and source.is_file()
    with open_store(parse_store("memory:" if is_file else str(history))) as store:
        if is_file:
            import_histories(store.app, [source])
        readmodel = store.caught_up()
        whole = read_evidence(readmodel, cohort)
        kinds: dict[str, str] = {}
        if split is None:
            loaded = load_scenario(calibrate(readmodel, cohort).text, models.rules, models.generators)
            evidence, borrowed = whole, {}
        else:
            cut = split_scenario(readmodel, cohort, date.fromisoformat(split), models)
            loaded, borrowed = cut.loaded, cut.borrowed
            evidence = read_evidence(cut.readmodel, cohort)
    posterior = Posterior.of(evidence) if uncertain else None
    found = bands(predictive_rows(loaded, runs, seed, models, posterior), whole.figures)
    if split is not None:
        kinds = {b.column: figure_kind(b.column, borrowed, evidence.figures, b.observed) for b in found}
    return found, kinds
