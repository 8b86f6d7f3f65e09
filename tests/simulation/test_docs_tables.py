"""docs/simulation.md's tables are held to their sources: the parameters to scenario/parameters.py's defaults and the
calibrated baseline file, the five scenarios to the script that computes them."""

from __future__ import annotations

import importlib.util
import re
from fractions import Fraction
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT
from tests.simulation.conftest import BASELINE
from transitions_core.simulation.scenario.spec import Parameters, Spec, measured_parameters

DOC = ROOT / "docs" / "simulation.md"
FIGURE_SCRIPT = ROOT / "docs" / "figures" / "scenarios.py"


def section(title: str) -> str:
    text = DOC.read_text(encoding="utf-8")
    start = text.index(f"\n{title}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end]


def table_rows(text: str) -> list[list[str]]:
    """The cells of a Markdown table's body rows."""
    lines = [line for line in text.splitlines() if line.startswith("| ")]
    return [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in lines[1:]]


def parameter_paths(cell: str) -> list[str]:
    """`sessions.people_in_person`, `people_webinar` → the full paths (a short name is in the first's block)."""
    names = re.findall(r"`([^`]+)`", cell)
    first = names[0] if names[0].startswith(("calendar.", "rules.")) else f"parameters.{names[0]}"
    block = first.rpartition(".")[0]
    return [first, *(f"{block}.{name}" for name in names[1:])]


def documented(value: str) -> tuple[Any, int | None]:
    """A documented value and its decimals: `12/19 = 0.63`, `1/8`, `14-150`, `0.5-2`, `2026-03-15`."""
    value = value.rpartition(" = ")[2]
    if value in ("true", "false"):
        return value == "true", None
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return value, None
    if "/" in value:
        return Fraction(value), None
    if re.fullmatch(r"[\d.]+(-[\d.]+)+", value):
        return tuple(float(part) for part in value.split("-")), None
    decimals = len(value.partition(".")[2])
    return float(value), decimals


def at(document: dict[str, Any], path: str) -> Any:
    for key in path.split("."):
        document = document[key]
    return document


def leaves(model: type[Spec] = Parameters, prefix: str = "parameters") -> list[tuple[str, Any]]:
    """Every parameter's path and field."""
    out: list[tuple[str, Any]] = []
    for name, field in model.model_fields.items():
        if isinstance(field.annotation, type) and issubclass(field.annotation, Spec):
            out.extend(leaves(field.annotation, f"{prefix}.{name}"))
        else:
            out.append((f"{prefix}.{name}", field))
    return out


def test_the_parameter_table_gives_the_baseline_values_and_the_defaults():
    baseline = yaml.safe_load(BASELINE.read_text(encoding="utf-8"))
    fields = dict(leaves())
    seen: dict[str, str] = {}
    for cell, values, source in table_rows(section("### Parameters and their sources")):
        if "*" in cell:
            continue
        paths = parameter_paths(cell)
        kind = source.split(":")[0].split(" ")[0]
        assert kind in ("history", "assumption"), source
        if values.endswith(" labels"):
            assert len(at(baseline, paths[0])) == int(values.split()[0])
            seen[paths[0]] = kind
            continue
        given = values.split(", ")
        assert len(given) == len(paths), cell
        for path, text in zip(paths, given, strict=True):
            seen[path] = kind
            actual = at(baseline, path)
            expected, decimals = documented(text)
            if isinstance(expected, bool):
                assert actual is expected, path
            elif isinstance(expected, str):
                assert str(actual) == expected, path
            elif isinstance(expected, tuple):
                assert tuple(actual) == expected, path
            elif decimals is None:
                assert actual == pytest.approx(float(expected), abs=5e-5), path
            else:
                assert round(actual, decimals) == expected, path
            field = fields.get(path)
            if kind == "assumption" and field is not None:
                assert not field.is_required(), f"{path}: an assumption has its default"
                default = field.get_default(call_default_factory=True)
                assert (list(default) if isinstance(default, tuple) else default) == actual, path
    assert set(fields) <= set(seen), f"parameters missing from the table: {sorted(set(fields) - set(seen))}"
    assert {p for p in measured_parameters() if seen[p] != "history"} == set(), "a measured rate is history"


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("docs_figure_scenarios", FIGURE_SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def scenario_table() -> list[str]:
    lines = section("## The five scenarios").splitlines()
    return [line for line in lines if line.startswith("|")]


def test_the_figure_script_draws_and_prints_the_table_of_the_docs(tmp_path: Path, capsys):
    script = load_script()
    text = script.main(["--runs", "2", "--workers", "1", "--out", str(tmp_path)])
    printed = text.splitlines()
    docs = scenario_table()
    assert printed[:2] == docs[:2], "same columns"
    assert [row.split(" | ")[0] for row in printed] == [row.split(" | ")[0] for row in docs], "same rows"
    assert (tmp_path / "scenarios.png").read_bytes().startswith(b"\x89PNG")
    assert text in capsys.readouterr().out


def test_the_docs_give_the_script_s_figures_for_the_baseline(tmp_path: Path):
    """The full 300 runs of one scenario: its row is the docs' row, number for number."""
    text = load_script().main(
        ["--runs", "300", "--workers", "1", "--out", str(tmp_path), "baseline-occitanie"]
    )
    row = text.splitlines()[2]
    assert row.startswith("| baseline-occitanie |")
    assert row in scenario_table()
