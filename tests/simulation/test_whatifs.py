"""What-ifs against their baseline: paired differences under common random numbers, Monte Carlo errors,
`--until-ci`, and plots that mark the history."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import SCENARIOS
from tests.simulation.conftest import SMALL, write
from transitions_core.cli.main import cli
from transitions_core.simulation.outputs.comparison import MAIN, paired_differences, standard_error
from transitions_core.simulation.outputs.results import Distributions
from transitions_core.simulation.running.runner import run_sweep
from transitions_core.simulation.scenario.loading import load_scenario


@pytest.fixture
def run(store_path):
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli, ["--store", str(store_path), *args], catch_exceptions=False)

    return invoke


def distributions(path: Path, runs: int, seed: int) -> Distributions:
    found = Distributions(MAIN)
    found.add(run_sweep(load_scenario(path), runs, seed).rows)
    return found


def test_common_random_numbers_make_the_paired_interval_narrower_than_the_independent_one():
    whatif = distributions(SCENARIOS / "complete-delegations.yaml", 120, 1)
    baseline = distributions(SCENARIOS / "baseline-occitanie.yaml", 120, 1)
    other_seeds = distributions(SCENARIOS / "baseline-occitanie.yaml", 120, 2)
    paired = paired_differences(whatif, baseline)[0]["effects"]
    unpaired = paired_differences(whatif, other_seeds)[0]["effects"]
    assert paired.low < paired.mean < paired.high
    assert paired.error < 0.8 * unpaired.error, (paired, unpaired)  # measured: 0.80 against 1.21
    assert paired.error == pytest.approx(
        standard_error(
            [a - b for a, b in zip(whatif.points[0]["effects"], baseline.points[0]["effects"], strict=True)]
        )
    )


def test_a_what_if_is_compared_with_the_scenario_it_extends_and_never_called_the_baseline(run):
    result = run("simulate", str(SCENARIOS / "complete-delegations.yaml"), "--runs", "40")
    assert result.exit_code == 0, result.output
    assert "de base" not in result.output.lower()
    assert "Scénario complete-delegations (40 tirages)" in result.output
    assert "erreur MC" in result.output
    assert (
        "Écart au scénario de référence « baseline-occitanie » (mêmes graines, tirages appariés"
        in result.output
    )
    assert re.search(
        r"effets observés\s+[+−][\d,]+\s+\[[+−][\d,]+ ; [+−][\d,]+\]\s+erreur MC [\d,]+", result.output
    )
    alone = run("simulate", str(SCENARIOS / "complete-delegations.yaml"), "--runs", "5", "--against", "aucun")
    assert "Écart au scénario" not in alone.output


def test_until_ci_adds_runs_until_the_main_intervals_are_narrow_enough(run, tmp_path):
    scenario = write(tmp_path, SMALL)
    out = tmp_path / "r.csv"
    result = run("simulate", str(scenario), "--runs", "20", "--until-ci", "3", "--out", str(out))
    assert result.exit_code == 0, result.output
    taken = int(re.search(r"plus étroits que 3 : (\d+) tirages par point", result.output).group(1))
    assert taken > 20 and taken % 20 == 0
    rows = out.read_text(encoding="utf-8").splitlines()[1:]
    assert len(rows) == taken
    # The rounds give the rows a single run of that size gives.
    plain = tmp_path / "plain.csv"
    assert run("simulate", str(scenario), "--runs", str(taken), "--out", str(plain)).exit_code == 0
    assert plain.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")
    half = Distributions(MAIN)
    half.add(run_sweep(load_scenario(scenario), taken // 2, 1).rows)
    from transitions_core.simulation.outputs.comparison import widest_interval

    assert widest_interval(half) >= 3  # it stopped at the first round narrow enough


def test_the_baseline_plot_marks_the_historical_values(run, tmp_path, monkeypatch):
    pytest.importorskip("matplotlib")
    from transitions_core.simulation.outputs import plotting

    marked: dict[str, object] = {}
    real = plotting.draw

    def spy(*args, **kwargs):
        marked.update(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(plotting, "draw", spy)
    plot = tmp_path / "p.png"
    result = run("simulate", str(SCENARIOS / "baseline-occitanie.yaml"), "--runs", "4", "--plot", str(plot))
    assert result.exit_code == 0, result.output
    assert marked["history"] == load_scenario(SCENARIOS / "baseline-occitanie.yaml").scenario.history
    assert marked["history"]["effects"] == 32 and marked["history"]["joined"] == 8
    assert marked["history_label"] == "historique de la cohorte occitanie-2024"
    assert plot.read_bytes().startswith(b"\x89PNG")
    from PIL import Image

    described = json.loads(Image.open(plot).text["Description"])
    assert described["scenario"] == "baseline-occitanie" and described["runs"] == 4
    assert described["points"][0]["scenario"]["parameters"]["cohesion"]["reference"] == 0.73
