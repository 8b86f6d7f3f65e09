"""Candidate territories of a run: listed ones, and generators (objects in a registry) that draw more."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from pydantic import BaseModel, Field

from transitions_core.simulation.model.draws import choice, cumulative, uniform
from transitions_core.simulation.model.named import NamedRegistry
from transitions_core.simulation.scenario.spec import (
    Backing,
    Capacity,
    Positive,
    Probability,
    RegionSpec,
    Spec,
    TerritoryProfile,
)

if TYPE_CHECKING:
    import numpy as np


@dataclass(frozen=True)
class Candidate:
    """A territory the programme may approach in one run, with the attributes the rules read."""

    slug: str
    name: str
    article: str
    gender: str | None
    kind: str
    department: str | None
    region: str
    population: int
    seasonal_peak: int | None
    staff_capacity: Capacity
    political_backing: Backing
    delegation_complete: bool | None
    listed: bool

    @classmethod
    def from_profile(cls, profile: TerritoryProfile, region: str) -> Candidate:
        """A listed territory, as the scenario describes it."""
        return cls(
            slug=profile.id,
            name=profile.name,
            article=profile.article,
            gender=profile.gender,
            kind=profile.kind,
            department=profile.department,
            region=region,
            population=profile.population,
            seasonal_peak=profile.seasonal_peak,
            staff_capacity=profile.staff_capacity,
            political_backing=profile.political_backing,
            delegation_complete=profile.delegation_complete,
            listed=True,
        )


class TerritoryGenerator(Protocol):
    """Draws candidate territories; `params_model` validates its `params:` block in a scenario."""

    name: str
    params_model: type[BaseModel]

    def generate(
        self, count: int, params: Any, region: str, rng: np.random.Generator, first: int
    ) -> list[Candidate]:
        """`count` candidates for `region`, numbered from `first`."""
        ...


class KindSpec(Spec):
    """One kind of territory in a sampled composition."""

    weight: Positive = 1.0
    population: tuple[int, int] = Field(default=(200, 10000))
    seasonal_share: Probability = 0.0
    seasonal_ratio: tuple[Positive, Positive] = (4.0, 16.0)


def _default_kinds() -> dict[str, KindSpec]:
    # The Occitanie mix: 5 communes of 8 (one of them a seaside town), then one of each grouping.
    return {
        "commune": KindSpec(weight=5, population=(200, 10000), seasonal_share=0.2),
        "communauté de communes": KindSpec(weight=1, population=(10000, 60000)),
        "communauté d'agglomération": KindSpec(weight=1, population=(50000, 250000)),
        "métropole": KindSpec(weight=1, population=(250000, 520000)),
    }


class SampledParams(Spec):
    """Distributions the `sampled` generator draws from."""

    kinds: dict[str, KindSpec] = Field(default_factory=_default_kinds, min_length=1)
    political_backing: dict[Backing, Positive] = Field(default_factory=lambda: {"medium": 1.0})  # type: ignore[arg-type]
    staff_capacity: dict[Capacity, Positive] = Field(default_factory=lambda: {"auto": 1.0})  # type: ignore[arg-type]
    delegation_complete: Probability | None = None


class _Picker:
    """Draws a key by weight as numpy's `rng.choice(len(keys), p=...)` does, without its 20-30 µs of
    argument checks; the weights are normalised once, not once per draw."""

    def __init__(self, weights: dict[Any, float]) -> None:
        self.keys = list(weights)
        total = sum(weights.values())
        self.cdf = cumulative([weights[k] / total for k in self.keys]) if total > 0 else None

    def __call__(self, rng: np.random.Generator) -> Any:
        return self.keys[choice(rng, self.cdf)] if self.cdf is not None else self.keys[0]


class SampledGenerator:
    """Unnamed candidates drawn from kind, size, backing and capacity distributions."""

    name = "sampled"
    params_model: type[BaseModel] = SampledParams

    def generate(
        self, count: int, params: Any, region: str, rng: np.random.Generator, first: int
    ) -> list[Candidate]:
        """`count` candidates named « Territoire simulé NN »."""
        import math

        spec: SampledParams = params
        pick_kind = _Picker({k: v.weight for k, v in spec.kinds.items()})
        pick_capacity = _Picker(dict(spec.staff_capacity))
        pick_backing = _Picker(dict(spec.political_backing))
        out = []
        for index in range(first, first + count):
            kind = pick_kind(rng)
            shape = spec.kinds[kind]
            low, high = shape.population
            # Sizes span three orders of magnitude: log-uniform keeps small communes frequent.
            population = round(math.exp(uniform(rng, math.log(max(low, 1)), math.log(max(high, low, 1)))))
            seasonal = rng.random() < shape.seasonal_share
            peak = round(population * rng.uniform(*shape.seasonal_ratio)) if seasonal else None
            complete = (
                rng.random() < spec.delegation_complete if spec.delegation_complete is not None else None
            )
            out.append(
                Candidate(
                    slug=f"territoire-simule-{index:02d}",
                    name=f"Territoire simulé {index:02d}",
                    article="le",
                    gender="m",
                    kind=kind,
                    department=None,
                    region=region,
                    population=population,
                    seasonal_peak=peak,
                    staff_capacity=pick_capacity(rng),
                    political_backing=pick_backing(rng),
                    delegation_complete=complete,
                    listed=False,
                )
            )
        return out


class GeneratorRegistry(NamedRegistry[TerritoryGenerator]):
    """Territory generators by name; a scenario names the one it uses, so a plugin's changes nothing else."""

    noun = "un générateur de territoires"
    definite = "le générateur de territoires"


def candidates(
    region: RegionSpec, generators: GeneratorRegistry, rng: np.random.Generator
) -> list[Candidate]:
    """Every candidate of a region for one run: the listed ones first, then each generator's."""
    out = [Candidate.from_profile(profile, region.region) for profile in region.territories]
    for spec in region.generate:
        generator = generators.get(spec.generator)
        assert generator is not None, "checked when the scenario was loaded"
        params = _validated(generator, spec.params)
        out.extend(generator.generate(spec.count, params, region.region, rng, len(out) + 1))
    return out


#: Generator parameters by the `params:` block they were read from: every run of a scenario shares them.
_PARAMS: dict[int, tuple[type[BaseModel], dict[str, Any], BaseModel]] = {}


def _validated(generator: TerritoryGenerator, params: dict[str, Any]) -> BaseModel:
    """`generator.params_model.model_validate(params)`, once per scenario rather than once per run."""
    known = _PARAMS.get(id(params))
    if known is None or known[0] is not generator.params_model or known[1] is not params:
        if len(_PARAMS) > 64:
            _PARAMS.clear()
        model = generator.params_model
        known = _PARAMS[id(params)] = (model, params, model.model_validate(params))
    return known[2]
