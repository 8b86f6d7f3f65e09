"""Read a scenario file: validate it with file:line errors, fill in every rule's parameters, expand the sweep."""

from __future__ import annotations

import hashlib
import itertools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from transitions_core.history.errors import HistoryFileError
from transitions_core.history.validation import describe
from transitions_core.history.yaml_lines import LineDict, LineList, load_yaml
from transitions_core.simulation.rules import RuleRegistry, default_rules
from transitions_core.simulation.scenario import Scenario
from transitions_core.simulation.territories import GeneratorRegistry, default_generators


@dataclass(frozen=True)
class SweepPoint:
    """One combination of swept values and the scenario it gives."""

    index: int
    values: dict[str, Any]
    scenario: Scenario


@dataclass(frozen=True)
class LoadedScenario:
    """A validated scenario, its fingerprint, and its sweep points (one when nothing is swept)."""

    path: Path
    scenario: Scenario
    digest: str
    points: list[SweepPoint]


def scenario_digest(scenario: Scenario) -> str:
    """A fingerprint of the scenario's meaning: comments and key order do not change it."""
    canonical = json.dumps(scenario.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def load_scenario(
    path: Path, rules: RuleRegistry | None = None, generators: GeneratorRegistry | None = None
) -> LoadedScenario:
    """Load and check a scenario file; every error names the file and the line."""
    rules = rules or default_rules()
    generators = generators or default_generators()
    raw = load_yaml(path)
    try:
        scenario = read_scenario(raw, rules, generators)
        points = expand_sweep(scenario, raw, rules, generators)
    except HistoryFileError as error:
        raise error.located(path) from None
    return LoadedScenario(path, scenario, scenario_digest(scenario), points)


def fail(message: str, line: int | None) -> HistoryFileError:
    """An error at a line of the file being read."""
    return HistoryFileError(message, line=line)


def read_scenario(raw: Any, rules: RuleRegistry, generators: GeneratorRegistry) -> Scenario:
    """Validate a parsed scenario; the rules' parameters come back complete, defaults included."""
    if not isinstance(raw, LineDict):
        raise fail("un scénario commence par « kind: simulation ».", 1)
    if raw.get("kind") != "simulation":
        hint = " (c'est un historique : utilisez `transitions import`)" if raw.get("kind") == "history" else ""
        raise fail(f"« kind » doit valoir « simulation »{hint}.", raw.line_of("kind"))
    try:
        scenario = Scenario.model_validate(dict(raw))
    except ValidationError as error:
        message, line = describe(error, raw, list(Scenario.model_fields))
        raise fail(message, line) from None
    _check_generators(scenario, raw, generators)
    return scenario.model_copy(update={"rules": _full_rules(scenario, raw, rules)})


def _full_rules(scenario: Scenario, raw: LineDict, registry: RuleRegistry) -> dict[str, dict[str, Any]]:
    block = raw.get("rules") if isinstance(raw.get("rules"), LineDict) else LineDict()
    out: dict[str, dict[str, Any]] = {}
    for name in scenario.rules:
        if registry.get(name) is None:
            known = ", ".join(registry.names())
            raise fail(f"règle « {name} » inconnue ; règles possibles : {known}.", _line(block, name, raw))
    for name in registry.names():
        rule = registry.get(name)
        assert rule is not None
        given = scenario.rules.get(name, {})
        try:
            params = rule.params_model.model_validate(given)
        except ValidationError as error:
            message, line = describe(error, block.get(name), list(rule.params_model.model_fields))
            raise fail(f"rules.{name} : {message}", line or _line(block, name, raw)) from None
        out[name] = params.model_dump(mode="json")
    return out


def _check_generators(scenario: Scenario, raw: LineDict, registry: GeneratorRegistry) -> None:
    for r_index, region in enumerate(scenario.regions):
        for g_index, spec in enumerate(region.generate):
            node = _node(raw, "regions", r_index, "generate", g_index)
            generator = registry.get(spec.generator)
            if generator is None:
                known = ", ".join(registry.names())
                line = node.line_of("generator") if isinstance(node, LineDict) else None
                raise fail(f"générateur « {spec.generator} » inconnu ; générateurs possibles : {known}.", line)
            try:
                generator.params_model.model_validate(spec.params)
            except ValidationError as error:
                params = node.get("params") if isinstance(node, LineDict) else None
                message, line = describe(error, params, list(generator.params_model.model_fields))
                raise fail(f"params du générateur « {spec.generator} » : {message}", line) from None


def expand_sweep(
    scenario: Scenario, raw: LineDict, rules: RuleRegistry, generators: GeneratorRegistry
) -> list[SweepPoint]:
    """The sweep's points, each validated as a whole scenario; no sweep gives one point."""
    sweep = scenario.sweep
    if sweep is None:
        return [SweepPoint(0, {}, scenario)]
    node = raw.get("sweep")
    if sweep.grid is not None:
        keys = list(sweep.grid)
        combos: list[dict[str, Any]] = [
            dict(zip(keys, values, strict=True)) for values in itertools.product(*sweep.grid.values())
        ]
        lines = [node.get("grid").line_of(k) if isinstance(node, LineDict) else None for k in keys]
        line = lines[0] if lines else None
    else:
        combos = [dict(point) for point in sweep.points or []]
        points_node = node.get("points") if isinstance(node, LineDict) else None
        line = points_node.line if isinstance(points_node, LineList) else None
    base = scenario.model_dump(mode="json")
    base["sweep"] = None
    out = []
    for index, values in enumerate(combos):
        document = json.loads(json.dumps(base))
        for path, value in values.items():
            _set(document, path, value, line)
        try:
            point = Scenario.model_validate(document)
        except ValidationError as error:
            message, _ = describe(error, None, None)
            raise fail(f"balayage, point {index + 1} ({_label(values)}) : {message}", line) from None
        _check_generators(point, LineDict(), generators)
        point = point.model_copy(update={"rules": _full_rules(point, LineDict(), rules)})
        out.append(SweepPoint(index, values, point))
    return out


def _set(document: dict[str, Any], path: str, value: Any, line: int | None) -> None:
    parts = path.split(".")
    node: Any = document
    for depth, part in enumerate(parts):
        last = depth == len(parts) - 1
        key: Any = int(part) if isinstance(node, list) and part.isdigit() else part
        present = (0 <= key < len(node)) if isinstance(node, list) else isinstance(node, dict) and key in node
        if not present:
            where = ".".join(parts[:depth]) or "la racine"
            known = ", ".join(str(k) for k in node) if isinstance(node, dict) else f"0 à {len(node) - 1}"
            raise fail(f"balayage : « {path} » n'existe pas (sous {where} : {known}).", line)
        if last:
            node[key] = value
        else:
            node = node[key]


def _label(values: dict[str, Any]) -> str:
    return ", ".join(f"{k} = {v}" for k, v in values.items())


def _node(raw: Any, *path: Any) -> Any:
    node = raw
    for part in path:
        if isinstance(node, LineDict) and isinstance(part, str):
            node = node.get(part)
        elif isinstance(node, LineList) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            return None
    return node


def _line(block: LineDict, name: str, raw: LineDict) -> int | None:
    return block.line_of(name) if name in block else raw.line_of("rules")
