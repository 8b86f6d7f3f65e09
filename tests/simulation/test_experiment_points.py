"""An experiment's points are validated where they run: the same rows, and the same error for a bad point."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.simulation.conftest import SMALL, write
from transitions_core.cli.main import cli
from transitions_core.history.errors import HistoryFileError
from transitions_core.history.yaml_lines import LineDict
from transitions_core.simulation.experiments.design import Uncertainty, make_design
from transitions_core.simulation.experiments.points import checked, experiment_sweep
from transitions_core.simulation.model.run import Models
from transitions_core.simulation.running.runner import Chunk, run_chunks
from transitions_core.simulation.scenario.loading import load_scenario
from transitions_core.simulation.scenario.spec import SweepSpec

pytest.importorskip("SALib")

#: Each bound is valid alone (the other stays at the scenario's 7 and 30), not every pair: 25 then 10 is not
#: a range of days.
CROSSING = [
    Uncertainty("parameters.recruitment.present_delay_days.0", 1.0, 29.0),
    Uncertainty("parameters.recruitment.present_delay_days.1", 8.0, 40.0),
]


def sweep_error(tmp_path: Path) -> tuple[str, int]:
    """What `expand_sweep` says of the design's points, validated all at once as a sweep (the former way)."""
    from transitions_core.simulation.scenario.loading import expand_sweep

    models = Models()
    loaded = load_scenario(write(tmp_path, SMALL), models.rules, models.generators)
    design = make_design("lhs", checked(loaded, CROSSING), 40, 17)
    scenario = loaded.scenario.model_copy(update={"sweep": SweepSpec(points=design.points())})
    with pytest.raises(HistoryFileError) as error:
        expand_sweep(scenario, LineDict(), models.rules, models.generators)
    return str(error.value), len(design.points())


@pytest.mark.parametrize("workers", [1, 2])
def test_a_point_that_is_no_scenario_gives_the_sweeps_error_and_writes_nothing(tmp_path: Path, workers: int):
    expected, points = sweep_error(tmp_path)
    # The first bad point is the 15th: the chunks before it are finished (and written to the partial file).
    assert "balayage, point 15 (" in expected and points == 40
    out = tmp_path / "x.csv"
    uncertain = [f"--uncertain={u.path}={u.low:g}:{u.high:g}" for u in CROSSING]
    args = ["--store", "memory:", "experiment", str(tmp_path / "scenario.yaml"), "--design", "lhs"]
    args += [
        "--samples",
        "40",
        "--seed",
        "17",
        "--runs-per-point",
        "10",
        "--workers",
        str(workers),
        *uncertain,
    ]
    args += ["--out", str(out)]

    result = CliRunner().invoke(cli, args)

    assert result.exit_code == 1, result.output
    assert f"Erreur : {expected}\n" in result.output  # the very sentence, not the error wrapped again
    assert "Traceback" not in result.output
    assert not out.exists() and not (tmp_path / "x.csv.design.json").exists()


def test_the_lazy_points_give_the_rows_of_the_points_validated_beforehand(tmp_path: Path):
    models = Models()
    loaded = load_scenario(write(tmp_path, SMALL), models.rules, models.generators)
    ranges = [
        Uncertainty("parameters.recruitment.join", 0.3, 0.9),
        Uncertainty("parameters.recruitment.presentation_events", 3.0, 8.0),
    ]
    design = make_design("lhs", checked(loaded, ranges), 12, 5, runs_per_point=2)
    points, sweep = experiment_sweep(loaded, design, models)
    work = list(sweep.work)
    validated = [
        Chunk(c.point.checked(models.rules, models.generators), c.context, c.runs, c.header)  # type: ignore[union-attr]
        for c in work
    ]
    assert [p.values for p in points.points] == design.points()
    assert run_chunks(work, models) == run_chunks(validated, models)
    assert all(
        isinstance(v.point.scenario.parameters.recruitment.presentation_events, int) for v in validated
    )
