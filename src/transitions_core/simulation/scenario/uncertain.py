"""A scenario's uncertainties and levers, as experiments read them.

    from transitions_core.simulation.scenario.uncertain import uncertainties, levers, with_values

    for u in uncertainties(loaded.scenario):     # Uncertainty(path, low, high, distribution, mode, …)
        ...
    point = with_values(loaded.scenario, {"parameters.recruitment.join": 0.5})   # a validated Scenario

`uncertainties:` in a scenario file lists them (`transitions calibrate --uncertain` writes them); a file
without it gets one per assumption that states a range (`assumed(…)` in spec.py, and the built-in rules'
parameters). `levers:` lists what the programme controls; a file without it gets `DEFAULT_LEVERS`.
Every path, range and domain is checked when the file is loaded (`check`), with the line of the key.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from transitions_core.history.validation import describe
from transitions_core.history.yaml_lines import LineDict
from transitions_core.simulation.model.territories import GeneratorRegistry
from transitions_core.simulation.rules.base import RuleRegistry
from transitions_core.simulation.scenario.checks import check_generators, fail, full_rules, set_path
from transitions_core.simulation.scenario.sessions import follow_dates
from transitions_core.simulation.scenario.spec import LeverSpec, Parameters, Scenario, Spec


@dataclass(frozen=True)
class Uncertainty:
    """One uncertain parameter: its dotted path and the distribution of its plausible values."""

    path: str
    low: float
    high: float
    distribution: str = "uniform"
    mode: float | None = None
    #: Whether the parameter holds whole numbers (a sampled value is rounded).
    integer: bool = False
    #: Where the range comes from: the file's `uncertainties:`, or an assumption's stated range.
    source: str = ""


@dataclass(frozen=True)
class Lever:
    """One setting the programme controls: a range (`low`, `high`) or the `values` to try."""

    path: str
    low: float | None
    high: float | None
    values: tuple[float, ...] | None
    integer: bool = False
    description: str = ""


#: What the programme controls, when a scenario names no lever.
DEFAULT_LEVERS: dict[str, LeverSpec] = {
    "parameters.pilot.days_budget": LeverSpec(
        low=4, high=16, description="jours d'accompagnement par territoire"
    ),
    "calendar.shift_months": LeverSpec(
        low=-48, high=0, description="lancement décalé dans le mandat municipal (mois)"
    ),
    "parameters.capacity.allies": LeverSpec(low=2, high=16, description="alliés disponibles à la fois"),
    "parameters.capacity.diagnosticians": LeverSpec(
        low=2, high=16, description="équipes de diagnostic disponibles à la fois"
    ),
    "parameters.delegation.complete": LeverSpec(
        low=0.3,
        high=1.0,
        description="soutien à la constitution des délégations : part des délégations complètes",
    ),
    # The numbers of sessions of the common core, from none to twice the Occitanie cohort's 3 in-person
    # days and 6 webinars, and to 4 peer exchanges (one is dated, but the report tells of « plusieurs
    # temps entre pairs » at the first two days and at some webinars, l. 306); scenario/sessions.py says
    # which sessions are held.
    "calendar.sessions.in_person": LeverSpec(
        low=0, high=6, description="journées en présentiel du tronc commun"
    ),
    "calendar.sessions.webinars": LeverSpec(low=0, high=12, description="webinaires du tronc commun"),
    "calendar.sessions.peer_exchanges": LeverSpec(low=0, high=4, description="temps d'échanges entre pairs"),
}


def uncertainties(scenario: Scenario, rules: RuleRegistry | None = None) -> list[Uncertainty]:
    """The scenario's uncertainties in file order; without `uncertainties:`, every assumption's range."""
    document = scenario.model_dump(mode="json")
    if scenario.uncertainties:
        return [
            Uncertainty(
                path,
                spec.low,
                spec.high,
                spec.distribution,
                spec.mode,
                _is_integer(document, path),
                spec.source or "scénario",
            )
            for path, spec in scenario.uncertainties.items()
        ]
    return [
        Uncertainty(path, low, high, integer=_is_integer(document, path), source=why)
        for path, (low, high, why) in assumed_ranges(scenario, rules).items()
    ]


def levers(scenario: Scenario) -> list[Lever]:
    """The scenario's levers in file order; without `levers:`, `DEFAULT_LEVERS`."""
    document = scenario.model_dump(mode="json")
    stated = scenario.levers or DEFAULT_LEVERS
    return [
        Lever(
            path,
            spec.low,
            spec.high,
            tuple(spec.values) if spec.values is not None else None,
            _is_integer(document, path),
            spec.description or "",
        )
        for path, spec in stated.items()
    ]


def assumed_ranges(
    scenario: Scenario, rules: RuleRegistry | None = None
) -> dict[str, tuple[float, float, str]]:
    """Path → (low, high, why) of every assumption that states a range, parameters then rules."""
    out = dict(_ranges(Parameters, "parameters"))
    if rules is None:
        from transitions_core.simulation.rules.plugin import default_rules

        rules = default_rules()
    for name in rules.names():
        rule = rules.get(name)
        applies = name in scenario.rules or rules.applies_by_default(name)
        if rule is not None and applies and scenario.rules.get(name, {}).get("enabled", True):
            out.update(_ranges(rule.params_model, f"rules.{name}"))
    return out


def _ranges(model: type[BaseModel], prefix: str) -> dict[str, tuple[float, float, str]]:
    out: dict[str, tuple[float, float, str]] = {}
    for name, field in model.model_fields.items():
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, Spec):
            out.update(_ranges(annotation, f"{prefix}.{name}"))
            continue
        extra = field.json_schema_extra
        levels = extra.get("level_ranges") if isinstance(extra, dict) else None
        if isinstance(levels, dict):
            why = str(extra.get("why", "hypothèse")) if isinstance(extra, dict) else ""
            for level, ends in levels.items():
                if isinstance(ends, list) and len(ends) == 2:
                    out[f"{prefix}.{name}.{level}"] = (float(str(ends[0])), float(str(ends[1])), why)
        bounds = extra.get("range") if isinstance(extra, dict) else None
        if isinstance(bounds, list) and len(bounds) == 2:
            low, high = (float(str(end)) for end in bounds)
            out[f"{prefix}.{name}"] = (
                low,
                high,
                str(extra.get("why", "hypothèse")) if isinstance(extra, dict) else "",
            )
    return out


def with_values(
    scenario: Scenario,
    values: Mapping[str, Any],
    rules: RuleRegistry | None = None,
    generators: GeneratorRegistry | None = None,
    line: int | None = None,
    what: str = "valeurs",
) -> Scenario:
    """The scenario with `values` set at their dotted paths, validated whole (rules' defaults filled in).

    A whole-number parameter takes the nearest whole number. A path that does not exist or a value out
    of the parameter's domain is a `HistoryFileError` at `line`.
    """
    from transitions_core.simulation.rules.plugin import default_generators, default_rules

    rules = rules or default_rules()
    generators = generators or default_generators()
    dumped = scenario.model_dump(mode="json")
    document = follow_dates(json.loads(json.dumps(dumped)))
    document["sweep"] = None
    for path, value in values.items():
        whole = _is_integer(dumped, path) if isinstance(value, float) else False
        set_path(document, path, round(value) if whole else value, line, what)
    try:
        changed = Scenario.model_validate(document)
    except ValidationError as error:
        message, _ = describe(error, None, None)
        raise fail(f"{what} : {message}", line) from None
    check_generators(changed, LineDict(), generators)
    return changed.model_copy(update={"rules": full_rules(changed, LineDict(), rules)})


def check(scenario: Scenario, raw: Any, rules: RuleRegistry, generators: GeneratorRegistry) -> None:
    """Refuse an uncertainty or a lever on a path that is not a number, or whose range leaves its domain."""
    stated: list[tuple[str, str, Any]] = [
        ("uncertainties", path, spec) for path, spec in scenario.uncertainties.items()
    ] + [("levers", path, spec) for path, spec in scenario.levers.items()]
    document = scenario.model_dump(mode="json")
    for block, path, spec in stated:
        node = raw.get(block) if isinstance(raw, LineDict) else None
        line = node.line_of(path) if isinstance(node, LineDict) else None
        what = f"{block} : « {path} »"
        if path.split(".", 1)[0] in ("uncertainties", "levers", "sweep", "set"):
            raise fail(f"{what} : un chemin désigne un paramètre du modèle, pas ce bloc.", line)
        current = _value_at(document, path, line, what)
        if isinstance(current, bool) or not isinstance(current, int | float):
            shown = json.dumps(current, ensure_ascii=False)[:60]
            raise fail(f"{what} : ce paramètre vaut {shown}, pas un nombre : il ne peut pas varier.", line)
        ends = [spec.low, spec.high] if getattr(spec, "values", None) is None else list(spec.values)
        for end in ends:
            try:
                with_values(scenario, {path: end}, rules, generators, line, what)
            except Exception as error:
                message = str(getattr(error, "message", error)).removeprefix(f"{what} : ")
                raise fail(
                    f"{what} : la valeur {end:g} sort du domaine du paramètre ({message.rstrip('.')}).", line
                ) from None


def _value_at(document: Any, path: str, line: int | None, what: str) -> Any:
    node = document
    done = ""
    for part in path.split("."):
        if isinstance(node, list) and (part == "*" or part.isdigit()):
            index = 0 if part == "*" else int(part)
            if not 0 <= index < len(node):
                raise fail(f"{what} : pas d'élément {part} sous {done or 'racine'}.", line)
            node = node[index]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            known = ", ".join(map(str, node)) if isinstance(node, dict) else "une valeur, pas un bloc"
            raise fail(f"{what} : « {part} » n'existe pas sous {done or 'la racine'} ({known}).", line)
        done = f"{done}.{part}".lstrip(".")
    return node


def _is_integer(document: Any, path: str) -> bool:
    try:
        value = _value_at(document, path, None, "")
    except Exception:
        return False
    return isinstance(value, int) and not isinstance(value, bool)
