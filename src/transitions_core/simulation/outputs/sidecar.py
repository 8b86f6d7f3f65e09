"""The resolved parameters beside every output: what a row was computed from, defaults and rules included."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from transitions_core.files import atomic_path, reporting
from transitions_core.simulation.scenario.loading import LoadedScenario


def resolved(loaded: LoadedScenario, seed: int, runs: int, version: str) -> dict[str, Any]:
    """Every sweep point's validated scenario (parameters, rules, calendar, regions) with the run's names."""
    return {
        "scenario": loaded.scenario.id,
        "scenario_hash": loaded.digest,
        "version": version,
        "seed": seed,
        "runs": runs,
        "points": [
            {"point": point.index, "values": point.values, "scenario": point.scenario.model_dump(mode="json")}
            for point in loaded.points
        ],
    }


def sidecar_path(out: Path) -> Path:
    """Where the parameters of `out` go: `results.csv` → `results.csv.json`."""
    return out.with_name(out.name + ".json")


def write_sidecar(out: Path, loaded: LoadedScenario, seed: int, runs: int, version: str) -> Path:
    """Write the resolved parameters of `out` beside it, whole or not at all; return its path."""
    path = sidecar_path(out)
    text = json.dumps(resolved(loaded, seed, runs, version), ensure_ascii=False, indent=1) + "\n"
    with atomic_path(path) as partial, reporting(path):
        partial.write_text(text, encoding="utf-8")
    return path
