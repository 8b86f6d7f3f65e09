"""Calibration with parameter uncertainty, breakdowns, power, and validation out of sample."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from click.testing import CliRunner

from tests.conftest import OCCITANIE
from tests.simulation.conftest import BASELINE
from transitions_core.cli.main import cli
from transitions_core.history.importer import import_histories
from transitions_core.simulation.model.run import Models
from transitions_core.simulation.scenario.loading import load_scenario
from transitions_core.simulation.validation.check import bands, predictive_rows
from transitions_core.simulation.validation.evidence import Evidence, limit_rule, read_evidence
from transitions_core.simulation.validation.posterior import Posterior
from transitions_core.simulation.validation.power import Power, Setting
from transitions_core.simulation.validation.split import OccurredBy
from transitions_core.simulation.validation.split_run import figure_kind, split_scenario


@pytest.fixture(scope="module")
def occitanie(tmp_path_factory):
    from transitions_core.store.locations import parse_store
    from transitions_core.store.opening import open_store

    path = tmp_path_factory.mktemp("validation") / "store.sqlite"
    with open_store(parse_store(str(path))) as store:
        import_histories(store.app, [OCCITANIE])
        yield path, store.caught_up()


def test_the_evidence_holds_the_counts_the_rates_were_measured_from(occitanie):
    _, readmodel = occitanie
    evidence = read_evidence(readmodel, "occitanie-2024")
    assert evidence.rates["parameters.recruitment.join"] == (8, 12)
    assert evidence.rates["parameters.recruitment.present"] == (12, 19)
    assert sum(evidence.counts["parameters.evaluation.effects_mean"]) == 32
    assert len(evidence.counts["parameters.evaluation.limits_mean"]) == 8
    assert evidence.figures["limit[electoral_calendar]"] == 1  # Saint-Hilaire: « début ou à mi-mandat »


def test_a_limit_is_tied_to_a_rule_only_by_its_stated_cues():
    assert (
        limit_rule("Regret exprimé que la démarche n'ait pas eu lieu en début ou à mi-mandat.")
        == "electoral_calendar"
    )
    assert (
        limit_rule("Un contexte calendaire qui n'était pas le plus propice (haute saison).")
        == "seasonal_load"
    )
    assert limit_rule("Un parcours dont les débuts ont été compliqués.") is None


def test_the_bayesian_bootstrap_of_a_rate_is_its_beta_posterior():
    posterior = Posterior({"parameters.recruitment.join": (8, 12)}, {})
    rng = np.random.default_rng(5)
    draws = np.array([posterior.factors(rng)["parameters.recruitment.join"] * 8 / 12 for _ in range(4000)])
    # Beta(8, 4): mean 2/3, standard deviation sqrt(8·4 / (12²·13)) = 0.131.
    assert draws.mean() == pytest.approx(2 / 3, abs=0.01)
    assert draws.std() == pytest.approx(0.131, abs=0.01)


def test_a_rate_seen_at_zero_or_always_does_not_move():
    posterior = Posterior({"a": (0, 5), "b": (5, 5)}, {"c": [2, 2, 2]})
    assert posterior.factors(np.random.default_rng(1)) == {"a": 1.0, "b": 1.0, "c": pytest.approx(1.0)}


def test_parameter_uncertainty_widens_the_bands_and_rows_do_not_depend_on_workers(occitanie):
    _, readmodel = occitanie
    evidence = read_evidence(readmodel, "occitanie-2024")
    loaded, models = load_scenario(BASELINE), Models()
    fixed = predictive_rows(loaded, 60, 3, models)
    uncertain = predictive_rows(loaded, 60, 3, models, Posterior.of(evidence))
    shipped = predictive_rows(loaded, 60, 3, models, Posterior.of(evidence), workers=2)

    assert uncertain == shipped
    assert len({row["parameters.recruitment.join"] for row in uncertain}) == 60  # one draw per run
    spread = {b.column: b.high - b.low for b in bands(fixed, evidence.figures)}
    wider = {b.column: b.high - b.low for b in bands(uncertain, evidence.figures)}
    assert wider["effects"] > spread["effects"] and wider["limits"] > spread["limits"]


def test_the_joint_check_limits_false_alarms_and_the_naive_one_does_not():
    own = [0] * 60 + [1] * 20 + [2] * 10 + [5] * 6 + [9] * 4
    power = Power([Setting(0.4, 4.0, False, 3, 3), Setting(0.67, 4.4, True, 0, 0)], own, own)
    assert power.threshold(False) == 5  # 95 of the 100 own histories have 5 or fewer outside
    assert power.false_alarms(False, joint=False) == pytest.approx(0.4)
    assert power.false_alarms(False, joint=True) == pytest.approx(0.04)
    assert power.power(False, joint=False) == 1.0 and power.power(False, joint=True) == 0.0


def test_a_history_cut_at_a_day_keeps_only_what_had_surely_happened(occitanie):
    _, readmodel = occitanie
    cut = read_evidence(OccurredBy(readmodel, date(2024, 9, 30)), "occitanie-2024")
    assert cut.figures["joined"] == 8  # the recruitment was over
    assert cut.figures["diagnostics_restituted"] == 0  # dated « 2024/2025 »: not surely by then
    assert "parameters.evaluation.effects_mean" not in cut.counts


def test_the_split_scenario_says_what_it_borrowed_from_after_the_split(occitanie):
    _, readmodel = occitanie
    split = split_scenario(readmodel, "occitanie-2024", date(2024, 9, 30), Models())
    assert "parameters.evaluation.effects_mean" in split.borrowed
    assert "parameters.recruitment.join" not in split.borrowed
    assert figure_kind("effects", split.borrowed, {}, 32) == "emprunté"
    assert figure_kind("diagnostics_restituted", split.borrowed, {"diagnostics_restituted": 0}, 8) == "prédit"
    assert figure_kind("joined", split.borrowed, {"joined": 8}, 8) == "connu"
    assert figure_kind("dropped_out", split.borrowed, {"dropped_out": 0}, 0) == "prédit"


def test_validate_reports_coverage_in_french(occitanie):
    path, _ = occitanie
    result = CliRunner().invoke(
        cli, ["--store", str(path), "validate", "occitanie-2024", "--runs", "40", "--split", "2024-09-30"]
    )
    assert result.exit_code == 0, result.output
    assert (
        "modèle calibré sur ce qui s'était sûrement passé le 30 septembre 2024, 40 tirages" in result.output
    )
    assert "bootstrap bayésien des comptes relevés : present (12/19), join (8/12)" in result.output
    assert "Couverture : mesures principales : " in result.output
    assert "prédites hors échantillon : " in result.output


def test_validate_refuses_an_unknown_cohort(occitanie):
    path, _ = occitanie
    result = CliRunner().invoke(cli, ["--store", str(path), "validate", "nulle-part"])
    assert result.exit_code != 0
    assert "Traceback" not in result.output


def test_an_evidence_without_counts_adds_no_uncertainty():
    assert Posterior.of(Evidence({"joined": 3})).paths == []
