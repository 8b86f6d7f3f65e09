"""`transitions experiment`, `sensitivity` and `discover`: designs, indices and boxes, wired end to end."""

from __future__ import annotations

import json
import math
import os
import select
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from tests.simulation.conftest import SMALL, write
from transitions_core.cli.main import cli
from transitions_core.errors import TransitionsError
from transitions_core.simulation.experiments.design import Uncertainty, make_design, minimum_points
from transitions_core.simulation.experiments.prim import find_boxes
from transitions_core.simulation.experiments.sensitivity import analyse

pytest.importorskip("SALib")

UNCERTAIN = [
    "--uncertain",
    "parameters.recruitment.join=0.3:0.95",
    "--uncertain",
    "parameters.evaluation.effects_mean=2:7",
    "--uncertain",
    "parameters.recruitment.presentation_events=3:8",
]


def invoke(*args: str):
    return CliRunner().invoke(cli, ["--store", "memory:", *args])


def ishigami(matrix: list[list[float]]) -> list[float]:
    x = np.asarray(matrix)
    return list(np.sin(x[:, 0]) + 7 * np.sin(x[:, 1]) ** 2 + 0.1 * x[:, 2] ** 4 * np.sin(x[:, 0]))


def ishigami_design() -> dict:
    box = [Uncertainty(f"x{i}", -math.pi, math.pi) for i in (1, 2, 3)]
    design = make_design("sobol", box, 1024 * 8, seed=3)
    return {**design.describe(), "unit": design.unit, "matrix": design.matrix}


def test_sobol_indices_of_the_ishigami_function_are_its_known_values():
    design = ishigami_design()
    rows = [{"point": i, "y": y} for i, y in enumerate(ishigami(design["matrix"]))]

    (result,) = analyse(design, rows, ["y"], "sobol")

    found = {i.name: i.values for i in result.indices}
    # Analytic values for a = 7, b = 0.1 (Ishigami and Homma, 1990).
    for name, s1, st in [("x1", 0.3139, 0.5576), ("x2", 0.4424, 0.4424), ("x3", 0.0, 0.2437)]:
        assert found[name]["S1"] == pytest.approx(s1, abs=0.04)
        assert found[name]["ST"] == pytest.approx(st, abs=0.04)
        assert 0 < found[name]["ST_conf"] < 0.1


def test_the_ishigami_indices_fail_when_rows_are_not_matched_to_their_design_points():
    design = ishigami_design()
    values = ishigami(design["matrix"])
    shuffled = np.random.default_rng(0).permutation(len(values))
    rows = [{"point": int(i), "y": y} for i, y in zip(shuffled, values, strict=True)]

    (result,) = analyse(design, rows, ["y"], "sobol")

    assert {i.name: i.values for i in result.indices}["x2"]["S1"] < 0.2


def test_morris_ranks_the_parameters_of_a_linear_model_by_their_slopes():
    box = [Uncertainty(name, 0.0, 1.0) for name in ("steep", "gentle", "idle")]
    design = make_design("morris", box, 40, seed=2)
    x = np.asarray(design.matrix)
    rows = [{"point": i, "y": 10 * a + b} for i, (a, b, _) in enumerate(x)]

    (result,) = analyse({**design.describe(), "unit": design.unit}, rows, ["y"], "morris")

    mu = {i.name: i.values["mu_star"] for i in result.indices}
    assert mu["steep"] == pytest.approx(10) and mu["gentle"] == pytest.approx(1) and mu["idle"] == 0


@pytest.mark.parametrize(
    ("method", "dimensions", "least"), [("sobol", 3, 64), ("morris", 3, 16), ("grid", 3, 8), ("lhs", 3, 2)]
)
def test_a_design_too_small_for_its_method_names_the_minimum(method, dimensions, least):
    box = [Uncertainty(f"p{i}", 0.0, 1.0) for i in range(dimensions)]
    assert minimum_points(method, dimensions) == least
    make_design(method, box, least, seed=1)
    with pytest.raises(TransitionsError, match=f"--samples {least} ou plus"):
        make_design(method, box, least - 1, seed=1)


def test_prim_finds_a_planted_box_and_tells_its_coverage_and_density():
    rng = np.random.default_rng(3)
    x = rng.uniform(size=(2000, 4))
    x[:, 3] = rng.integers(3, 9, 2000)
    inside = (x[:, 0] >= 0.6) & (x[:, 1] <= 0.3)
    y = np.where(inside, rng.uniform(size=2000) < 0.9, rng.uniform(size=2000) < 0.05)

    found = find_boxes(x, y)

    box = found.boxes[0]
    assert box.restricted == (0, 1)
    assert box.lower[0] == pytest.approx(0.6, abs=0.03) and box.upper[1] == pytest.approx(0.3, abs=0.03)
    assert box.density > 0.8 and box.coverage > 0.6
    assert len(found.boxes) == 1  # the rest is noise: no second box reaches the threshold


def test_pasting_grows_back_a_box_that_peeling_cut_too_far():
    # Noise-free cases in x0 >= 0.5 and x1 <= 0.4; coarse peels (10 %) and a pure box wanted (0.99): the
    # peel that closes in on x1 cuts past 0.4 while x0 is still open, and only pasting takes it back.
    rng = np.random.default_rng(2)
    x = rng.uniform(size=(1000, 3))
    y = (x[:, 0] >= 0.5) & (x[:, 1] <= 0.4)

    peeled = find_boxes(x, y, boxes=1, threshold=0.99, alpha=0.1, paste_alpha=None).boxes[0]
    pasted = find_boxes(x, y, boxes=1, threshold=0.99, alpha=0.1).boxes[0]

    assert peeled.upper[1] < 0.38 and peeled.coverage < 0.9
    assert pasted.density == peeled.density == 1.0  # still pure: nothing beyond the planted box was pasted
    assert pasted.coverage > peeled.coverage + 0.08
    assert 0.39 < pasted.upper[1] <= 0.4 and 0.5 <= pasted.lower[0] <= peeled.lower[0]
    assert pasted.restricted == peeled.restricted == (0, 1)


def test_pasting_only_grows_a_box_and_never_lowers_its_density():
    grown = 0
    for seed in range(6):
        rng = np.random.default_rng(seed)
        x = rng.uniform(size=(600, 3))
        x[:, 2] = rng.integers(0, 5, 600)
        y = np.where(
            (x[:, 0] >= 0.4) & (x[:, 2] >= 2), rng.uniform(size=600) < 0.85, rng.uniform(size=600) < 0.1
        )
        for threshold in (0.7, 0.9):
            peeled = find_boxes(x, y, boxes=1, threshold=threshold, paste_alpha=None).boxes[0]
            pasted = find_boxes(x, y, boxes=1, threshold=threshold).boxes[0]
            assert pasted.density >= peeled.density and pasted.coverage >= peeled.coverage
            assert all(p <= q for p, q in zip(pasted.lower, peeled.lower, strict=True))
            assert all(p >= q for p, q in zip(pasted.upper, peeled.upper, strict=True))
            grown += pasted.coverage > peeled.coverage
    assert grown >= 2  # a whole value of x2 among them: pasted a value at a time


def test_prim_finds_nothing_where_nothing_happens():
    found = find_boxes(np.random.default_rng(1).uniform(size=(100, 2)), [False] * 100)
    assert found.boxes == [] and found.cases == 0


def test_an_experiment_is_byte_identical_on_one_or_two_workers_and_analysed_from_its_file(tmp_path: Path):
    scenario = write(tmp_path, SMALL)
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    # Common streams: the dice are held, so an index measures the parameter alone.
    common = [
        str(scenario),
        "--design",
        "sobol",
        "--samples",
        "96",
        "--seed",
        "5",
        "--common-streams",
        *UNCERTAIN[:4],
    ]
    first = invoke("experiment", *common, "--runs-per-point", "2", "--out", str(one))
    second = invoke("experiment", *common, "--runs-per-point", "2", "--workers", "2", "--out", str(two))

    assert first.exit_code == 0, first.output
    assert second.exit_code == 0, second.output
    assert one.read_bytes() == two.read_bytes()
    assert "96 points, 192 tirages sur 192" in first.output
    design = json.loads((tmp_path / "one.csv.design.json").read_text(encoding="utf-8"))
    assert design["method"] == "sobol" and len(design["matrix"]) == 96 and design["runs_per_point"] == 2
    assert (
        design["base_scenario"]["parameters"]["recruitment"]["min_cohort"] == 5
    )  # the resolved scenario, defaults in

    indices = invoke("sensitivity", str(one), "--json")
    assert indices.exit_code == 0, indices.output
    joined = json.loads(indices.output)["outcomes"]["joined"]
    # The joining rate drives the number engaged; the effects' mean cannot.
    assert joined["parameters.recruitment.join"]["ST"] > 0.5
    assert joined["parameters.evaluation.effects_mean"]["ST"] < 0.05

    told = invoke("sensitivity", str(one), "--plot", str(tmp_path / "indices.png"))
    assert told.exit_code == 0, told.output
    assert "Territoires engagés : surtout parameters.recruitment.join (ST " in told.output
    assert (tmp_path / "indices.png").stat().st_size > 10_000


def test_discover_tells_the_boxes_in_french(tmp_path: Path):
    scenario = write(tmp_path, SMALL)
    out = tmp_path / "lhs.csv"
    made = invoke(
        "experiment", str(scenario), "--design", "lhs", "--samples", "300", *UNCERTAIN, "--out", str(out)
    )
    assert made.exit_code == 0, made.output

    result = invoke("discover", str(out), "--where", "effects >= 12")

    assert result.exit_code == 0, result.output
    assert "« effects >= 12 » se réalise dans " in result.output
    assert "Région 1 : quand parameters." in result.output
    assert "(densité) ; la région réunit " in result.output and "(couverture)" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--uncertain", "parameters.recruitment.nope=0:1"],
            "« nope » n'existe pas sous parameters.recruitment",
        ),
        (["--uncertain", "parameters.recruitment.join=0.9:0.1"], "intervalle vide"),
        (["--uncertain", "parameters.recruitment.join=0.5:1.5"], "sort du domaine du paramètre"),
        (["--uncertain", "parameters.recruitment.join"], "la forme attendue est CHEMIN=BAS:HAUT"),
        (["--uncertain", "calendar.launch=0:1"], "n'est pas un nombre"),
        (
            ["--design", "sobol", "--samples", "10", "--uncertain", "parameters.recruitment.join=0.3:0.9"],
            "--samples 32 ou plus",
        ),
    ],
)
def test_bad_experiments_get_one_french_sentence_and_write_nothing(tmp_path: Path, args, message):
    scenario = write(tmp_path, SMALL)
    out = tmp_path / "x.csv"

    result = invoke("experiment", str(scenario), *args, "--out", str(out))

    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_sensitivity_on_results_without_a_design_says_how_to_make_them(tmp_path: Path):
    scenario = write(tmp_path, SMALL)
    out = tmp_path / "tirages.csv"
    assert invoke("simulate", str(scenario), "--runs", "3", "--out", str(out)).exit_code == 0

    result = invoke("sensitivity", str(out))

    assert result.exit_code == 1
    assert "n'a pas de plan d'expérience" in result.output
    assert "transitions experiment SCÉNARIO --design sobol" in result.output


def test_a_morris_analysis_of_a_sobol_design_is_refused(tmp_path: Path):
    scenario = write(tmp_path, SMALL)
    out = tmp_path / "s.csv"
    args = [
        str(scenario),
        "--design",
        "sobol",
        "--samples",
        "32",
        "--uncertain",
        "parameters.recruitment.join=0.3:0.9",
    ]
    assert invoke("experiment", *args, "--out", str(out)).exit_code == 0

    result = invoke("sensitivity", str(out), "--method", "morris")

    assert result.exit_code == 1
    assert "--design morris" in result.output


def test_values_follow_each_uncertainty_distribution():
    uniform = Uncertainty("p", 2.0, 6.0)
    logarithmic = Uncertainty("p", 1.0, 100.0, distribution="loguniform")
    peaked = Uncertainty("p", 0.0, 10.0, distribution="triangular", mode=2.0)
    whole = Uncertainty("p", 3.0, 8.0, integer=True)

    assert [uniform.value(u) for u in (0, 0.5, 1)] == [2.0, 4.0, 6.0]
    assert logarithmic.value(0.5) == pytest.approx(10.0)
    assert peaked.value(0.2) == pytest.approx(2.0) and peaked.value(0) == 0 and peaked.value(1) == 10
    assert whole.value(0.55) == 6 and isinstance(whole.value(0.55), int)


def test_without_uncertain_the_scenario_own_uncertainties_are_explored(tmp_path: Path):
    scenario = write(
        tmp_path,
        SMALL
        + "uncertainties:\n  parameters.recruitment.join: {low: 0.3, high: 0.9}\n"
        + "  parameters.evaluation.effects_mean: {low: 2, high: 8, distribution: triangular, mode: 4}\n",
    )
    out = tmp_path / "x.csv"

    result = invoke("experiment", str(scenario), "--design", "lhs", "--samples", "20", "--out", str(out))

    assert result.exit_code == 0, result.output
    design = json.loads((tmp_path / "x.csv.design.json").read_text(encoding="utf-8"))
    assert [u["path"] for u in design["uncertainties"]] == [
        "parameters.recruitment.join",
        "parameters.evaluation.effects_mean",
    ]
    assert design["uncertainties"][1]["distribution"] == "triangular"


def test_a_design_over_the_levers_sweeps_what_the_programme_controls(tmp_path: Path):
    from transitions_core.simulation.scenario.uncertain import DEFAULT_LEVERS

    scenario = write(
        tmp_path,
        SMALL + "uncertainties:\n  parameters.recruitment.join: {low: 0.3, high: 0.9}\n"
        "  parameters.pilot.days_budget: {low: 6, high: 10}\n",
    )

    def paths(over: str) -> list[str]:
        out = tmp_path / f"{over}.csv"
        result = invoke(
            "experiment",
            str(scenario),
            "--over",
            over,
            "--design",
            "lhs",
            "--samples",
            "8",
            "--out",
            str(out),
        )
        assert result.exit_code == 0, result.output
        design = json.loads((tmp_path / f"{over}.csv.design.json").read_text(encoding="utf-8"))
        return [u["path"] for u in design["uncertainties"]]

    assert paths("uncertainties") == ["parameters.recruitment.join", "parameters.pilot.days_budget"]
    assert paths("levers") == list(DEFAULT_LEVERS)
    # The days budget is a lever: in a design of both, it is swept as the programme's choice, once.
    assert paths("both") == ["parameters.recruitment.join", *DEFAULT_LEVERS]


def test_each_point_has_its_own_streams_unless_they_are_common(tmp_path: Path):
    from transitions_core.simulation import experiment

    scenario = write(tmp_path, SMALL)
    ranges = {"parameters.recruitment.join": (0.3, 0.9)}
    own = experiment(scenario, ranges, design="lhs", samples=3, seed=4, runs_per_point=2)
    common = experiment(
        scenario, ranges, design="lhs", samples=3, seed=4, runs_per_point=2, common_streams=True
    )

    assert list(own["run"]) == [0, 1, 2, 3, 4, 5]
    assert list(common["run"]) == [0, 1, 0, 1, 0, 1]
    assert own.attrs["design"]["common_streams"] is False and common.attrs["design"]["common_streams"] is True
    # The design is the same; only the dice differ.
    assert own.attrs["design"]["matrix"] == common.attrs["design"]["matrix"]


def test_an_experiment_on_dask_gives_the_serial_rows(tmp_path: Path):
    distributed = pytest.importorskip("distributed")
    from transitions_core.simulation import experiment
    from transitions_core.simulation.outputs.results import to_csv
    from transitions_core.simulation.running.runner import SweepResult

    scenario = write(tmp_path, SMALL)
    ranges = {"parameters.recruitment.join": (0.3, 0.9), "parameters.evaluation.effects_mean": (2.0, 6.0)}
    serial = experiment(scenario, ranges, design="morris", samples=12, seed=6, runs_per_point=2)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, protocol="tcp", dashboard_address=None
    ) as cluster:
        shipped = experiment(
            scenario,
            ranges,
            design="morris",
            samples=12,
            seed=6,
            runs_per_point=2,
            scheduler=cluster.scheduler_address,
        )

    def text(frame):
        return to_csv(SweepResult(list(frame.columns), frame.to_dict("records")))

    assert text(shipped) == text(serial)
    assert len(serial) == 24


@pytest.mark.skipif(sys.platform == "win32", reason="process groups and SIGINT are POSIX")
def test_ctrl_c_keeps_the_finished_points_and_the_design(tmp_path: Path):
    from tests.simulation.test_interrupt import transitions

    scenario = write(tmp_path, SMALL)
    out = tmp_path / "x.csv"
    command = [*transitions(), "--store", "memory:", "experiment", str(scenario), "--design", "lhs"]
    command += ["--samples", "20000", *UNCERTAIN[:2], "--workers", "2", "--out", str(out), "--progress"]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        assert process.stderr is not None
        ready, _, _ = select.select([process.stderr], [], [], 120)
        assert ready and process.stderr.readline().startswith("Tirages : ")
        os.killpg(process.pid, signal.SIGINT)
        stdout, stderr = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)

    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    kept = len(out.read_text(encoding="utf-8").splitlines()) - 1
    assert 0 < kept < 20000
    assert "sur 20000 gardé" in stderr and "tirage" in stdout and f"dans {out}." in stderr
    assert json.loads((tmp_path / "x.csv.design.json").read_text(encoding="utf-8"))["points"] == 20000


def test_a_column_of_an_experiment_does_not_copy_its_design(tmp_path: Path):
    from transitions_core.simulation import experiment

    frame = experiment(
        write(tmp_path, SMALL), {"parameters.recruitment.join": (0.3, 0.9)}, design="lhs", samples=4
    )
    column = frame["effects"]
    assert column.attrs["design"] is frame.attrs["design"]
    assert column.attrs["design"]["method"] == "lhs"
