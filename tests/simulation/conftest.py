"""Fixtures of the simulation tests: the shipped scenarios and a small, fast one."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SCENARIOS
from transitions_core.simulation.scenario.loading import LoadedScenario, load_scenario

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
parameters:  # the rates of the model's first version: any would do for a test
  recruitment: {presentation_events: 5, present: 0.631578947368421, join: 0.6666666666666666}
  sessions: {people_in_person: 3.53, people_webinar: 4.33, turnout_spread: 0.2, forum_people: 1.56}
  diagnostic: {interviews_mean: 20.0, public_restitution: 0.125}
  pilot: {milestones_mean: 1.25}
  evaluation:
    effects_mean: 4.0
    limits_mean: 4.125
    effect_labels: {coopération: 2, transversalité: 1}
  delegation: {complete: 0.625}
  dropout: {monthly_hazard: 0.0045}
regions:
  - region: Occitanie
    territories:
      - {id: gruissan, name: Gruissan, kind: commune, population: 5068, seasonal_peak: 80000}
      - {id: barre, name: Barre-des-Cévennes, kind: commune, population: 200, delegation_complete: false}
    generate:
      - {generator: sampled, count: 6}
"""


#: The first line of what a test appends to SMALL.
AFTER_SMALL = SMALL.count("\n") + 1


def line_in(text: str, fragment: str) -> int:
    """The line (from 1) where `fragment` first appears in `text`."""
    return text[: text.index(fragment)].count("\n") + 1


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
