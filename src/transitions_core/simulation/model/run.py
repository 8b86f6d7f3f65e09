"""One run of the model: the simulated histories of every region of a scenario, from its seed alone."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from transitions_core.domain.events import DomainEvent
from transitions_core.history.keys import slugify
from transitions_core.simulation.model.outcomes import OutcomeTally
from transitions_core.simulation.model.territories import GeneratorRegistry
from transitions_core.simulation.rules.base import RuleRegistry, RuleSet
from transitions_core.simulation.rules.plugin import default_generators, default_rules
from transitions_core.simulation.scenario.loading import LoadedScenario, SweepPoint
from transitions_core.simulation.scenario.spec import Scenario

if TYPE_CHECKING:
    from transitions_core.simulation.model.environment import ModelEnvironment


@dataclass(frozen=True)
class Models:
    """The behavioural rules and territory generators a run uses."""

    rules: RuleRegistry = field(default_factory=default_rules)
    generators: GeneratorRegistry = field(default_factory=default_generators)


@dataclass(frozen=True)
class RunContext:
    """Everything that names a run besides its scenario."""

    scenario_id: str
    title: str
    digest: str
    version: str
    seed: int
    point: int
    points: int
    values: dict[str, Any]

    @classmethod
    def of(
        cls, loaded: LoadedScenario, point: SweepPoint, seed: int, version: str | None = None
    ) -> RunContext:
        """The context of one sweep point of a loaded scenario, under this project version."""
        scenario = loaded.scenario
        return cls(
            scenario.id,
            scenario.title,
            loaded.digest,
            version or project_version(),
            seed,
            point.index,
            len(loaded.points),
            point.values,
        )


@dataclass(frozen=True)
class SimulatedCohort:
    """One region's simulated history in one run."""

    slug: str
    name: str
    events: list[DomainEvent]


def project_version() -> str:
    """The version of transitions_core that produced the results."""
    from transitions_core import __version__

    return __version__


def cohort_slug(context: RunContext, region: str, regions: int, run: int) -> str:
    """The id of a simulated cohort: it says simulation, scenario, point, region, seed and run."""
    point = f"-p{context.point}" if context.points > 1 else ""
    where = f"-{slugify(region)}" if regions > 1 else ""
    return f"sim-{context.scenario_id}{point}{where}-s{context.seed}-r{run}"


def simulate_run(
    scenario: Scenario,
    context: RunContext,
    run: int,
    models: Models,
    tally: OutcomeTally | None = None,
    kernel: Callable[[], ModelEnvironment] | None = None,
) -> list[SimulatedCohort]:
    """The simulated histories (one per region) of run `run`: a pure function of its arguments.

    The regions' cohorts live in one SimPy environment and compete for the programme's capacity
    (`SharedCapacity`); each draws from its own stream. With a `tally`, the steps are only counted there:
    no event is built and the cohorts come back empty.

    A counted run uses the lean kernel, a kept one SimPy (`kernel` chooses another): both pop the same
    events in the same order, so the draws, the rows and the histories are the same.
    """
    import numpy as np

    from transitions_core.simulation.model.engine import CohortIdentity, CohortModel
    from transitions_core.simulation.model.environment import ProgrammeEnvironment, SharedCapacity
    from transitions_core.simulation.model.kernel import LeanEnvironment

    rules = RuleSet.of(models.rules, scenario.rules)
    env = (kernel or (ProgrammeEnvironment if tally is None else LeanEnvironment))()
    capacity = SharedCapacity(env, scenario.parameters.capacity)
    cohorts = []
    for index, region in enumerate(scenario.regions):
        stream = np.random.SeedSequence(context.seed, spawn_key=(run, index))
        slug = cohort_slug(context, region.region, len(scenario.regions), run)
        point = f", point {context.point + 1}/{context.points}" if context.points > 1 else ""
        name = f"Simulation « {context.title} » : {region.region}, graine {context.seed}, tirage {run}{point}"
        provenance = (
            f"Histoire tirée par `transitions simulate`, pas l'historique réel : scénario {context.scenario_id} "
            f"(empreinte {context.digest}), version {context.version}, graine {context.seed}, tirage {run}"
            + (f", valeurs balayées : {context.values}" if context.values else "")
            + "."
        )
        identity = CohortIdentity(slug, name, provenance)
        model = CohortModel(
            scenario,
            region,
            identity,
            np.random.default_rng(stream),
            rules,
            models.generators,
            None if tally is None else tally.cohort(index),
            env,
            capacity,
        )
        model.start()
        cohorts.append((slug, name, model))
    if cohorts:
        env.run(until=cohorts[0][2].end_time)
    simulated = [SimulatedCohort(slug, name, model.close()) for slug, name, model in cohorts]
    env.close()
    return simulated


def limit_texts(models: Models) -> dict[str, str]:
    """Limit text → rule name, for the rules that say which limit they explain."""
    out = {}
    for name in models.rules.names():
        text = getattr(models.rules.get(name), "text", None)
        if isinstance(text, str):
            out[text] = name
    return out
