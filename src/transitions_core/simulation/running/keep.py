"""Store simulated histories as cohorts of their own, so that replay, stats and narratives read them."""

from __future__ import annotations

from transitions_core.simulation.model.run import Models, RunContext, project_version, simulate_run
from transitions_core.simulation.scenario.loading import LoadedScenario
from transitions_core.store.application import TransitionsApplication


def keep_histories(
    app: TransitionsApplication,
    loaded: LoadedScenario,
    runs: int,
    seed: int,
    keep: int,
    models: Models | None = None,
) -> tuple[list[str], list[str]]:
    """Store the first `keep` runs (point by point, then run by run); returns (stored, already there).

    A run is simulated again here rather than shipped back from a worker: it is a pure function of
    its seed, so the stored history is exactly the one the CSV row describes.
    """
    models = models or Models()
    version = project_version()
    stored: list[str] = []
    present: list[str] = []
    wanted = [(point, run) for point in loaded.points for run in range(runs)][:keep]
    for point, run in wanted:
        context = RunContext.of(loaded, point, seed, version)
        for cohort in simulate_run(point.scenario, context, run, models):
            if app.cohort(cohort.slug) is not None:
                present.append(cohort.slug)
                continue
            app.append(cohort.events)
            stored.append(cohort.slug)
    return stored, present
