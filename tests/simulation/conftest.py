"""Fixtures of the simulation tests: the shipped scenarios and a small, fast one."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SCENARIOS
from transitions_core.simulation.loading import LoadedScenario, load_scenario

BASELINE = SCENARIOS / "baseline-occitanie.yaml"
SIMULATIONS = sorted(
    p for p in SCENARIOS.glob("*.yaml") if "kind: simulation" in p.read_text(encoding="utf-8")
)

SMALL = """\
kind: simulation
id: petite
title: Petite cohorte d'essai
calendar:
  recruitment_start: 2023-09-01
  launch: 2024-05-07
  end: 2025-06-30
  in_person_days:
    - {date: 2024-05-07, place: Fronton}
    - {date: 2025-01-21, place: Montpellier}
  webinars:
    - {date: 2024-06-11, theme: les 4 fondamentaux}
    - {date: 2024-09-17}
  forums: {start: 2024-07-01, end: 2024-09-30, count: 2}
  peer_exchanges: [2024-05-07]
  evaluation_day: {date: 2025-01-21, place: Montpellier}
parameters:
  evaluation:
    effect_labels: {coopération: 2, transversalité: 1}
regions:
  - region: Occitanie
    territories:
      - {id: gruissan, name: Gruissan, kind: commune, population: 5068, seasonal_peak: 80000}
      - {id: barre, name: Barre-des-Cévennes, kind: commune, population: 200, delegation_complete: false}
    generate:
      - {generator: sampled, count: 6}
"""


def write(tmp_path: Path, text: str, name: str = "scenario.yaml") -> Path:
    """A scenario file in the test's folder."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def small(tmp_path: Path) -> LoadedScenario:
    """The small scenario, loaded."""
    return load_scenario(write(tmp_path, SMALL))


@pytest.fixture(scope="session")
def baseline() -> LoadedScenario:
    """The calibrated Occitanie baseline, loaded."""
    return load_scenario(BASELINE)
