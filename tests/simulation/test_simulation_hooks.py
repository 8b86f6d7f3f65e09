"""The simulation hooks: a plugin's rule or generator, registered for one test, used where a scenario names it.

tests/plugins/test_hooks.py imports this module to check that every hook has a test, so it imports nothing
the simulation extra brings (numpy, SimPy) at module level.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pydantic import BaseModel

from tests.simulation.conftest import AFTER_SMALL, SMALL, line_in, write
from transitions_core import hookimpl
from transitions_core.history.errors import HistoryFileError
from transitions_core.simulation.model.territories import Candidate, TerritoryGenerator
from transitions_core.simulation.outputs.results import to_csv
from transitions_core.simulation.rules.base import Quantity, Rule, RuleParams, Situation, scaled
from transitions_core.simulation.scenario.loading import load_scenario
from transitions_core.simulation.scenario.spec import Positive, Spec


class PersuasionParams(RuleParams):
    """How much more readily a presented territory joins."""

    join: Positive = 1e6


class Persuasion:
    """A researcher's rule: the presentation convinces (almost) every territory."""

    name = "persuasion"
    params_model: type[BaseModel] = PersuasionParams

    def adjust(self, quantity: Quantity, value: float, situation: Situation, params: Any) -> float:
        return scaled(quantity, value, params.join) if quantity is Quantity.JOIN else value

    def limit(self, situation: Situation, params: Any) -> str | None:
        return None


class PersuasionPlugin:
    """The plugin that gives the rule, as an installed package's module would."""

    @hookimpl
    def simulation_rules(self) -> list[Rule]:
        return [Persuasion()]


class VillageParams(Spec):
    """How many people live in each village."""

    population: int = 150


class Villages:
    """A researcher's generator: identical mountain villages."""

    name = "villages"
    params_model: type[BaseModel] = VillageParams

    def generate(self, count: int, params: Any, region: str, rng: Any, first: int) -> list[Candidate]:
        return [
            Candidate(
                slug=f"village-{index}",
                name=f"Village {index}",
                article="",
                gender=None,
                kind="commune",
                department=None,
                region=region,
                population=params.population,
                seasonal_peak=None,
                staff_capacity="auto",
                political_backing="medium",
                delegation_complete=None,
                listed=False,
            )
            for index in range(first, first + count)
        ]


class VillagesPlugin:
    """The plugin that gives the generator."""

    @hookimpl
    def territory_generators(self) -> list[TerritoryGenerator]:
        return [Villages()]


@pytest.fixture
def simulation() -> None:
    """The simulation extra: these tests run the engine."""
    pytest.importorskip("numpy")
    pytest.importorskip("simpy")


def models_of(host: Any) -> Any:
    from transitions_core.simulation.rules.registry import simulation_models

    return simulation_models(host)


def test_a_plugin_rule_applies_where_a_scenario_names_it_and_changes_the_outcomes(
    simulation, register_plugin, tmp_path: Path
):
    from transitions_core.simulation.running.runner import run_sweep

    models = models_of(register_plugin("persuasion", PersuasionPlugin()))
    plain = load_scenario(write(tmp_path, SMALL, "plain.yaml"), models.rules, models.generators)
    named = load_scenario(
        write(tmp_path, SMALL + "rules:\n  persuasion: {}\n", "named.yaml"), models.rules, models.generators
    )

    without = run_sweep(plain, 20, 3, models=models)
    with_rule = run_sweep(named, 20, 3, models=models)

    # Installed but not named, the rule changes nothing: the same rows as without the plugin at all.
    assert to_csv(without) == to_csv(run_sweep(load_scenario(write(tmp_path, SMALL, "bare.yaml")), 20, 3))
    assert "persuasion" not in plain.scenario.rules and named.scenario.rules["persuasion"]["join"] == 1e6
    # Named, every presented territory joins; the same presentations (common random numbers).
    assert [row["presented"] for row in with_rule.rows] == [row["presented"] for row in without.rows]
    assert all(row["joined"] == row["presented"] for row in with_rule.rows)
    assert sum(row["joined"] for row in with_rule.rows) > sum(row["joined"] for row in without.rows) + 20


def test_a_plugin_generator_draws_the_candidates_a_scenario_asks_for(
    simulation, register_plugin, tmp_path: Path
):
    from transitions_core.simulation.running.runner import run_sweep

    models = models_of(register_plugin("villages", VillagesPlugin()))
    text = SMALL.replace(
        "{generator: sampled, count: 6}", "{generator: villages, count: 3, params: {population: 120}}"
    )
    loaded = load_scenario(write(tmp_path, text), models.rules, models.generators)

    rows = run_sweep(loaded, 4, 1, models=models).rows

    assert {row["approached"] for row in rows} == {5}  # the 2 listed territories, then 3 villages
    assert models.generators.names() == ["sampled", "villages"]
    assert models.generators.plugin_of("villages") == "villages"


def test_an_unknown_name_is_a_file_line_error_listing_the_known_ones_and_their_plugin(
    register_plugin, tmp_path: Path
):
    models = models_of(register_plugin("persuasion", PersuasionPlugin()))
    path = write(tmp_path, SMALL + "rules:\n  persuasio: {}\n")
    with pytest.raises(HistoryFileError) as caught:
        load_scenario(path, models.rules, models.generators)
    assert str(caught.value) == (
        f"{path}:{AFTER_SMALL + 1}: règle « persuasio » inconnue ; règles possibles : political_backing, electoral_calendar, "
        "staff_capacity, seasonal_load, delegation, persuasion (plugin persuasion)."
    )
    generator = write(tmp_path, SMALL.replace("generator: sampled", "generator: village"), "g.yaml")
    with pytest.raises(
        HistoryFileError,
        match=rf"g.yaml:{line_in(SMALL, 'generator: sampled')}: générateur « village » inconnu ; générateurs possibles : sampled\.",
    ):
        load_scenario(generator, models.rules, models.generators)


class Broken:
    """A plugin whose simulation hook raises."""

    @hookimpl
    def simulation_rules(self) -> list[Rule]:
        raise RuntimeError("règles introuvables")


class NotARule:
    """A plugin that returns something that is not a rule."""

    @hookimpl
    def simulation_rules(self) -> list[Rule]:
        return ["persuasion"]  # type: ignore[list-item]


def test_a_broken_plugin_keeps_the_others_and_is_named_when_a_rule_is_unknown(
    register_plugin, tmp_path: Path
):
    register_plugin("persuasion", PersuasionPlugin())
    register_plugin("cassé", Broken())
    host = register_plugin("pas-une-règle", NotARule())
    models = models_of(host)

    assert models.rules.names()[-1] == "persuasion"
    assert host.plugins["cassé"].status == "broken"
    assert "n'est pas une règle : il lui manque name (texte), params_model" in str(
        host.plugins["pas-une-règle"].error
    )
    path = write(tmp_path, SMALL + "rules:\n  cooperation: {}\n")
    with pytest.raises(
        HistoryFileError,
        match=r"plugins cassés \(voir `transitions plugins list`\) : cassé \(RuntimeError: règles introuvables\)",
    ):
        load_scenario(path, models.rules, models.generators)


class Impostor:
    """A plugin that gives a rule under a name already taken."""

    def __init__(self, name: str) -> None:
        self.rule = Persuasion()
        self.rule.name = name

    @hookimpl
    def simulation_rules(self) -> list[Rule]:
        return [self.rule]


def test_two_rules_of_the_same_name_keep_it_for_the_first_plugin_by_name(register_plugin):
    register_plugin("persuasion", PersuasionPlugin())
    host = register_plugin("copie", Impostor("persuasion"))

    models = models_of(host)

    assert models.rules.plugin_of("persuasion") == "copie"
    assert host.plugins["persuasion"].refused == [
        "La règle « persuasion » du plugin persuasion est ignorée : le plugin copie la fournit déjà ; "
        'renommez-la, ou donnez-lui l\'attribut replaces = ("persuasion",) pour remplacer celle du plugin copie.'
    ]


def test_a_plugin_cannot_take_a_built_in_name_by_accident(register_plugin):
    host = register_plugin("usurpateur", Impostor("political_backing"))

    models = models_of(host)

    assert models.rules.plugin_of("political_backing") == "transitions_core.simulation"
    assert "est ignorée : transitions_core la fournit déjà" in host.plugins["usurpateur"].refused[0]


def test_a_rule_that_declares_it_replaces_a_built_in_one_applies_in_its_place(register_plugin):
    impostor = Impostor("political_backing")
    impostor.rule.replaces = ("political_backing",)  # type: ignore[attr-defined]
    host = register_plugin("usurpateur", impostor)

    models = models_of(host)

    assert models.rules.get("political_backing") is impostor.rule
    assert models.rules.plugin_of("political_backing") == "usurpateur"
    assert models.rules.applies_by_default("political_backing")
    assert host.plugins["usurpateur"].replaces == [
        "remplace la règle « political_backing » de transitions_core"
    ]


def test_the_command_line_takes_its_rules_from_the_plugin_host_even_in_worker_processes(
    simulation, register_plugin, monkeypatch, tmp_path: Path
):
    from transitions_core.cli.main import cli

    host = register_plugin("persuasion", PersuasionPlugin())
    monkeypatch.setattr("transitions_core.plugins.load_host", lambda **_: host)
    path = write(tmp_path, SMALL + "rules:\n  persuasion: {join: 1.0e+6}\n")
    out = tmp_path / "tirages.csv"
    args = ["--store", "memory:", "simulate", str(path), "--runs", "4", "--workers", "2", "--out", str(out)]

    result = CliRunner().invoke(cli, args)

    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 4 and all(row["joined"] == row["presented"] for row in rows)
