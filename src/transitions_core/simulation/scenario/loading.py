"""Read a scenario file: validate it with file:line errors, fill in every rule's parameters, expand the sweep."""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from transitions_core.history.errors import HistoryFileError
from transitions_core.history.validation import describe, line_of
from transitions_core.history.yaml_lines import LineDict, LineList, load_yaml, parse_yaml
from transitions_core.simulation.model.territories import GeneratorRegistry
from transitions_core.simulation.rules.base import RuleRegistry
from transitions_core.simulation.rules.plugin import default_generators, default_rules
from transitions_core.simulation.scenario import uncertain
from transitions_core.simulation.scenario.checks import check_generators, fail, full_rules, set_path
from transitions_core.simulation.scenario.sessions import TooManySessions, follow_dates
from transitions_core.simulation.scenario.spec import Scenario, measured_parameters


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
    """A fingerprint of everything that changes the results: comments do not change it, nor the order of a
    block's fields, but the order of a mapping does (a generator draws `kinds:` in their order)."""
    # Not sort_keys: a block's fields come in the model's order, a mapping's keys in the file's.
    document = follow_dates(scenario.model_dump(mode="json"))
    # Counts of sessions equal to the dated ones say nothing the dates do not, and the dose's headroom
    # changes nothing when the dated sessions are held (model/cohesion.py: the amount is 1).
    if not document["calendar"]["sessions"]:
        del document["calendar"]["sessions"]
        del document["parameters"]["cohesion"]["headroom"]
    canonical = json.dumps(document, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


#: The name a scenario given as text goes by in messages; its `extends` is read from the current folder.
TEXT_SOURCE = Path("<scénario>")


def load_scenario(
    source: Path | str, rules: RuleRegistry | None = None, generators: GeneratorRegistry | None = None
) -> LoadedScenario:
    """Load and check a scenario, from a file's path or from YAML text; every error names the line."""
    rules = rules or default_rules()
    generators = generators or default_generators()
    text = source if isinstance(source, str) and "\n" in source else None
    path = TEXT_SOURCE if text is not None else Path(source)
    raw = _with_base(path, load_yaml(path) if text is None else parse_yaml(text, path), ())
    try:
        scenario = read_scenario(raw, rules, generators)
        points = expand_sweep(scenario, raw, rules, generators)
    except HistoryFileError as error:
        raise error.located(path) from None
    return LoadedScenario(path, scenario, scenario_digest(scenario), points)


def _with_base(path: Path, raw: Any, seen: tuple[Path, ...]) -> Any:
    """The scenario merged onto the one it `extends`, if any: mappings merge, anything else replaces."""
    if not isinstance(raw, LineDict) or "extends" not in raw:
        return raw
    base_path = (path.parent / str(raw["extends"])).resolve()
    if base_path in seen or base_path == path.resolve():
        raise HistoryFileError("« extends » forme une boucle.", path=path, line=raw.line_of("extends"))
    if not base_path.exists():
        raise HistoryFileError(
            f"« extends » : {raw['extends']} introuvable (chemin relatif au fichier).",
            path=path,
            line=raw.line_of("extends"),
        )
    base = _with_base(base_path, load_yaml(base_path), (*seen, path.resolve()))
    if not isinstance(base, LineDict):
        raise HistoryFileError("le scénario étendu n'est pas un bloc de clés.", path=base_path, line=1)
    merged = _merge(base, raw)
    merged.pop("extends", None)
    return merged


def _merge(base: Any, child: Any) -> Any:
    """Mappings merge key by key; lists of mappings merge item by item (the child may add items)."""
    if isinstance(base, LineDict) and isinstance(child, LineDict):
        out = LineDict()
        out.line = child.line
        out.key_lines = {**base.key_lines, **child.key_lines}
        out.update(base)
        for key, value in child.items():
            out[key] = _merge(out[key], value) if key in out else value
        return out
    if (
        isinstance(base, LineList)
        and isinstance(child, LineList)
        and all(isinstance(i, LineDict) for i in child)
    ):
        items = LineList(_merge(b, c) for b, c in zip(base, child, strict=False))
        items.extend(child[len(base) :])
        items.extend(base[len(child) :])
        items.line = child.line
        items.item_lines = child.item_lines + base.item_lines[len(child) :]
        return items
    return child


def read_scenario(raw: Any, rules: RuleRegistry, generators: GeneratorRegistry) -> Scenario:
    """Validate a parsed scenario; the rules' parameters come back complete, defaults included."""
    if not isinstance(raw, LineDict):
        raise fail("un scénario commence par « kind: simulation ».", 1)
    if raw.get("kind") != "simulation":
        hint = (
            " (c'est un historique : utilisez `transitions import`)" if raw.get("kind") == "history" else ""
        )
        raise fail(f"« kind » doit valoir « simulation »{hint}.", raw.line_of("kind"))
    try:
        scenario = Scenario.model_validate(dict(raw))
    except ValidationError as error:
        raise _first_problem(error, raw) from None
    check_generators(scenario, raw, generators)
    scenario = scenario.model_copy(update={"rules": full_rules(scenario, raw, rules)})
    uncertain.check(scenario, raw, rules, generators)
    if not scenario.set:
        return scenario
    document = follow_dates(scenario.model_dump(mode="json"))
    line = raw.line_of("set")
    for path, value in scenario.set.items():
        set_path(document, path, value, line, "set")
    try:
        changed = Scenario.model_validate(document)
    except ValidationError as error:
        message, _ = describe(error, None, None)
        raise fail(f"set : {message}", line) from None
    check_generators(changed, LineDict(), generators)
    return changed.model_copy(update={"rules": full_rules(changed, LineDict(), rules)})


def _first_problem(error: ValidationError, raw: LineDict) -> HistoryFileError:
    """What is wrong first, then a value left unknown (null), then what is missing: the measured rates last."""
    details: list[dict[str, Any]] = [
        {k: v for k, v in e.items() if k in ("type", "loc", "input", "ctx")}
        for e in error.errors(include_url=False)
    ]
    for e in details:
        told = e.get("ctx", {}).get("error")
        if isinstance(told, TooManySessions):
            e["loc"] = (*e["loc"], told.kind)  # the line of the count itself, not of `sessions:`
    measured = [e for e in details if e["loc"][0] == "parameters" and e["type"] == "missing"]
    absent = [e for e in details if e["type"] == "missing" and e not in measured]
    unknown = [e for e in details if e["input"] is None and e["type"] != "missing"]
    wrong = [e for e in details if e not in measured + absent + unknown]
    if unknown and not wrong:
        loc = list(unknown[0]["loc"])
        return fail(
            f"« {'.'.join(map(str, loc))} » : valeur inconnue (null) ; `transitions calibrate` l'écrit ainsi "
            "quand l'historique ne permet pas de la mesurer : donnez-en une avant de simuler.",
            line_of(raw, loc),
        )
    if wrong or absent:
        first = [*wrong, *absent]
        ordered = ValidationError.from_exception_data(error.title, [*first, *unknown, *measured])  # type: ignore[list-item]
        top_level = len(first[0]["loc"]) == 1
        message, line = describe(ordered, raw, list(Scenario.model_fields) if top_level else None)
        return fail(message, line)
    missing = [
        path.removeprefix("parameters.")
        for e in measured
        for path in measured_parameters()
        if path == ".".join(map(str, e["loc"])) or path.startswith(".".join(map(str, e["loc"])) + ".")
    ]
    return fail(
        f"« parameters » : taux mesurés à indiquer : {', '.join(missing)} (aucun n'a de valeur par défaut ; "
        "`transitions calibrate COHORTE` les mesure dans un historique, et `extends: baseline-occitanie.yaml` "
        "reprend ceux de la cohorte Occitanie).",
        raw.line_of("parameters") or 1,
    )


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
        grid = node.get("grid") if isinstance(node, LineDict) else None
        line = grid.line_of(keys[0]) if isinstance(grid, LineDict) and keys else None
    else:
        combos = [dict(point) for point in sweep.points or []]
        points_node = node.get("points") if isinstance(node, LineDict) else None
        line = points_node.line if isinstance(points_node, LineList) else None
    base = sweep_base(scenario)
    return [sweep_point(base, index, values, line, rules, generators) for index, values in enumerate(combos)]


def sweep_base(scenario: Scenario) -> dict[str, Any]:
    """The JSON document every sweep point of `scenario` starts from (its swept values set on a copy)."""
    base = follow_dates(scenario.model_dump(mode="json"))
    base["sweep"] = None
    return base


def sweep_point(
    base: dict[str, Any],
    index: int,
    values: dict[str, Any],
    line: int | None,
    rules: RuleRegistry,
    generators: GeneratorRegistry,
) -> SweepPoint:
    """Sweep point `index`: `values` set on the base document, validated as a whole scenario."""
    document = copied_along(base, values)
    for path, value in values.items():
        set_path(document, path, value, line, "balayage")
    try:
        point = Scenario.model_validate(document)
    except ValidationError as error:
        message, _ = describe(error, None, None)
        raise fail(f"balayage, point {index + 1} ({_label(values)}) : {message}", line) from None
    check_generators(point, LineDict(), generators)
    point = point.model_copy(update={"rules": full_rules(point, LineDict(), rules)})
    return SweepPoint(index, values, point)


@dataclass(frozen=True)
class UncheckedPoint:
    """A sweep point validated where it runs (an experiment's, in the worker): its values and the base
    document they are set on, shared by every point."""

    index: int
    values: dict[str, Any]
    base: dict[str, Any]

    def checked(self, rules: RuleRegistry, generators: GeneratorRegistry) -> SweepPoint:
        """The point validated as a whole scenario, or the error `expand_sweep` gives for it."""
        return sweep_point(self.base, self.index, self.values, None, rules, generators)


def copied_along(document: dict[str, Any], paths: Iterable[str]) -> dict[str, Any]:
    """A copy of a JSON document in which `set_path` may set `paths` without touching `document`: only the
    blocks and lists along the paths are new, the rest is shared (validation only reads it)."""
    root = dict(document)
    fresh = {id(root)}
    for path in paths:
        nodes: list[Any] = [root]
        for part in path.split(".")[:-1]:
            below = []
            for node in nodes:
                if isinstance(node, list) and (part == "*" or (part.isdigit() and int(part) < len(node))):
                    keys: Iterable[Any] = range(len(node)) if part == "*" else [int(part)]
                elif isinstance(node, dict) and part in node:
                    keys = [part]
                else:
                    continue  # `set_path` says what is missing
                for key in keys:
                    child = node[key]
                    if isinstance(child, dict | list) and id(child) not in fresh:
                        child = node[key] = dict(child) if isinstance(child, dict) else list(child)
                        fresh.add(id(child))
                    below.append(child)
            nodes = below
    return root


def _label(values: dict[str, Any]) -> str:
    return ", ".join(f"{k} = {v}" for k, v in values.items())
