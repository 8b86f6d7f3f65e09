"""Experiment designs: which points of the uncertainties' box to run, drawn by SALib from a seed."""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from transitions_core.errors import TransitionsError

Method = Literal["lhs", "sobol", "morris", "grid"]
METHODS: tuple[Method, ...] = ("lhs", "sobol", "morris", "grid")
#: Fewest base samples of a Sobol' design: its bootstrap intervals mean nothing below.
MIN_SOBOL_BASE = 8
#: Fewest Morris trajectories: μ* and σ need a few elementary effects per parameter.
MIN_MORRIS_TRAJECTORIES = 4
MORRIS_LEVELS = 4
SIDECAR_SUFFIX = ".design.json"
INSTALL = "pip install 'transitions-core[simulation]'"


@dataclass(frozen=True)
class Uncertainty:
    """A parameter of the scenario (a dotted path), the range it is swept over and how values spread in it."""

    path: str
    low: float
    high: float
    integer: bool = False
    distribution: str = "uniform"
    mode: float | None = None

    def value(self, unit: float) -> float | int:
        """The parameter's value at quantile `unit` ∈ [0, 1] of its distribution (rounded for a whole number)."""
        low, high = self.low, self.high
        if self.distribution == "loguniform":
            value = math.exp(math.log(low) + unit * (math.log(high) - math.log(low)))
        elif self.distribution == "triangular":
            mode = (low + high) / 2 if self.mode is None else self.mode
            split = (mode - low) / (high - low)
            if unit < split:
                value = low + math.sqrt(unit * (high - low) * (mode - low))
            else:
                value = high - math.sqrt((1 - unit) * (high - low) * (high - mode))
        else:
            value = low + unit * (high - low)
        return round(value) if self.integer else value


@dataclass(frozen=True)
class Design:
    """An experiment's points (one row per point, one column per uncertainty) and how they were drawn.

    `unit` holds the points in the unit cube, as SALib drew them; `matrix` the parameters' values there.
    """

    method: Method
    uncertainties: tuple[Uncertainty, ...]
    samples: int
    seed: int
    runs_per_point: int
    unit: list[list[float]] = field(repr=False)
    base: int = 0
    #: Every point on the same seed streams (common random numbers), rather than streams of its own.
    common_streams: bool = False

    @property
    def matrix(self) -> list[list[float]]:
        """The parameters' values at each point (whole numbers rounded)."""
        return [
            [float(u.value(x)) for u, x in zip(self.uncertainties, row, strict=True)] for row in self.unit
        ]

    @property
    def problem(self) -> dict[str, Any]:
        """The SALib problem: names and bounds."""
        return {
            "num_vars": len(self.uncertainties),
            "names": [u.path for u in self.uncertainties],
            "bounds": [[u.low, u.high] for u in self.uncertainties],
        }

    def points(self) -> list[dict[str, float | int]]:
        """The values of each point, by parameter path."""
        return [
            {u.path: u.value(x) for u, x in zip(self.uncertainties, row, strict=True)} for row in self.unit
        ]

    def describe(self) -> dict[str, Any]:
        """What the sidecar records: enough to analyse the results without the scenario."""
        return {
            "method": self.method,
            "samples": self.samples,
            "base": self.base,
            "points": len(self.unit),
            "seed": self.seed,
            "runs_per_point": self.runs_per_point,
            "common_streams": self.common_streams,
            "second_order": self.method == "sobol",
            "morris_levels": MORRIS_LEVELS if self.method == "morris" else None,
            "uncertainties": [asdict(u) for u in self.uncertainties],
        }


def require_salib() -> None:
    """Say how to install SALib when it is missing."""
    import importlib.util

    if importlib.util.find_spec("SALib") is None:
        raise TransitionsError(f"Les plans d'expérience ont besoin de SALib : {INSTALL}.")


def minimum_points(method: Method, dimensions: int) -> int:
    """The fewest points a design of this method can have, for this many uncertainties."""
    if method == "sobol":
        return MIN_SOBOL_BASE * (2 * dimensions + 2)
    if method == "morris":
        return MIN_MORRIS_TRAJECTORIES * (dimensions + 1)
    if method == "grid":
        return 1 << dimensions
    return 2


def too_small(method: Method, dimensions: int, samples: int) -> str | None:
    """A French sentence when `samples` points are too few for this method, else None."""
    least = minimum_points(method, dimensions)
    if samples >= least:
        return None
    d = dimensions
    why = {
        "sobol": f"{MIN_SOBOL_BASE}·(2·{d}+2) = {least} (N·(2D+2) points, avec N ≥ {MIN_SOBOL_BASE})",
        "morris": f"{MIN_MORRIS_TRAJECTORIES}·({d}+1) = {least} ({MIN_MORRIS_TRAJECTORIES} trajectoires de {d + 1} points)",
        "grid": f"2^{d} = {least} (deux niveaux par incertitude)",
        "lhs": f"{least}",
    }[method]
    plural = "incertitudes" if d > 1 else "incertitude"
    return (
        f"plan {method} trop petit : avec {d} {plural}, il faut au moins {why} ; "
        f"--samples {samples} n'en donne pas assez : passez --samples {least} ou plus."
    )


def make_design(
    method: Method,
    uncertainties: list[Uncertainty],
    samples: int,
    seed: int,
    runs_per_point: int = 1,
    common_streams: bool = False,
) -> Design:
    """Draw the design's points; `samples` is the number of points asked (a Sobol' or Morris design rounds
    it down to whole blocks, a grid to whole levels)."""
    import numpy as np

    require_salib()
    if not uncertainties:
        raise TransitionsError(
            "aucune incertitude à explorer : le scénario n'en déclare pas (« uncertainties: ») ; donnez-en avec --uncertain CHEMIN=BAS:HAUT "
            "(par exemple --uncertain rules.electoral_calendar.join_slope=0:4)."
        )
    d = len(uncertainties)
    # Drawn in the unit cube, then carried to each parameter's distribution by its quantile function.
    problem = {"num_vars": d, "names": [u.path for u in uncertainties], "bounds": [[0.0, 1.0]] * d}
    small = too_small(method, d, samples)
    if small:
        raise TransitionsError(small)
    base = 0
    if method == "sobol":
        from SALib.sample import sobol

        # The Sobol' sequence keeps its balance only for a power of two of base samples.
        base = 2 ** int(math.log2(samples // (2 * d + 2)))
        matrix = sobol.sample(problem, base, calc_second_order=True, seed=seed)
    elif method == "morris":
        from SALib.sample import morris

        base = samples // (d + 1)
        matrix = morris.sample(problem, base, num_levels=MORRIS_LEVELS, seed=seed)
    elif method == "lhs":
        from SALib.sample import latin

        matrix = latin.sample(problem, samples, seed=seed)
    else:
        import itertools

        base = math.floor(samples ** (1 / d) + 1e-9)
        matrix = np.array(list(itertools.product(np.linspace(0.0, 1.0, base), repeat=d)), dtype=float)
    rows = [[float(x) for x in row] for row in np.asarray(matrix, dtype=float)]
    return Design(method, tuple(uncertainties), samples, seed, runs_per_point, rows, base, common_streams)


def sidecar_of(results: Path) -> Path:
    """Where the design of a results file is written: beside it, `.design.json` added to its name."""
    return results.with_name(results.name + SIDECAR_SUFFIX)


def design_json(design: Design, extra: dict[str, Any]) -> str:
    """The sidecar's text: the design, the points and what produced them."""
    document = {**extra, **design.describe(), "unit": design.unit, "matrix": design.matrix}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def read_design(results: Path) -> dict[str, Any]:
    """The design recorded beside a results file, or a French error saying how to make one."""
    path = sidecar_of(results)
    if not path.exists():
        raise TransitionsError(
            f"{results} n'a pas de plan d'expérience ({path.name} manque à côté) : ces tirages ne viennent pas "
            "de `transitions experiment`. Faites-les avec `transitions experiment SCÉNARIO --design sobol "
            f"--samples N --out {results.name}` (morris pour --method morris)."
        )
    try:
        document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise TransitionsError(f"{path} : plan d'expérience illisible ({error}).") from None
    return document


def parse_uncertainty(text: str, integer: bool = False) -> Uncertainty:
    """`PATH=LOW:HIGH` as an uncertainty, or a French error."""
    path, sep, bounds = text.partition("=")
    low_text, colon, high_text = bounds.partition(":")
    try:
        if not (sep and colon and path.strip()):
            raise ValueError
        low, high = float(low_text.replace(",", ".")), float(high_text.replace(",", "."))
    except ValueError:
        raise TransitionsError(
            f"--uncertain « {text} » : la forme attendue est CHEMIN=BAS:HAUT, par exemple "
            "rules.electoral_calendar.join_slope=0:4."
        ) from None
    if not low < high:
        raise TransitionsError(
            f"--uncertain « {text} » : intervalle vide ; le bas ({low_text}) doit être inférieur au haut ({high_text})."
        )
    return Uncertainty(path.strip(), low, high, integer)
