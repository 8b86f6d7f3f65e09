"""What every reading of a scenario checks: rules' and generators' parameters, and dotted paths into it."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from transitions_core.history.errors import HistoryFileError
from transitions_core.history.validation import describe
from transitions_core.history.yaml_lines import LineDict, LineList
from transitions_core.simulation.model.territories import GeneratorRegistry
from transitions_core.simulation.rules.base import RuleRegistry
from transitions_core.simulation.scenario.spec import Scenario


def fail(message: str, line: int | None) -> HistoryFileError:
    """An error at a line of the file being read."""
    return HistoryFileError(message, line=line)


def full_rules(scenario: Scenario, raw: LineDict, registry: RuleRegistry) -> dict[str, dict[str, Any]]:
    """Every applying rule's parameters, validated, defaults filled in; an unknown rule is an error."""
    given_block = raw.get("rules")
    block = given_block if isinstance(given_block, LineDict) else LineDict()
    out: dict[str, dict[str, Any]] = {}
    for name in scenario.rules:
        if registry.get(name) is None:
            known = registry.known()
            raise fail(
                f"règle « {name} » inconnue ; règles possibles : {known}.", rule_line(block, name, raw)
            )
    for name in registry.names():
        if name not in scenario.rules and not registry.applies_by_default(name):
            continue  # a plugin's rule applies only where a scenario names it
        rule = registry.get(name)
        assert rule is not None
        given = scenario.rules.get(name, {})
        try:
            params = rule.params_model.model_validate(given)
        except ValidationError as error:
            message, line = describe(error, block.get(name), list(rule.params_model.model_fields))
            raise fail(f"rules.{name} : {message}", line or rule_line(block, name, raw)) from None
        out[name] = params.model_dump(mode="json")
    return out


def check_generators(scenario: Scenario, raw: LineDict, registry: GeneratorRegistry) -> None:
    """Refuse an unknown generator or bad generator parameters, at their line."""
    for r_index, region in enumerate(scenario.regions):
        for g_index, spec in enumerate(region.generate):
            node = node_at(raw, "regions", r_index, "generate", g_index)
            generator = registry.get(spec.generator)
            if generator is None:
                known = registry.known()
                line = node.line_of("generator") if isinstance(node, LineDict) else None
                raise fail(
                    f"générateur « {spec.generator} » inconnu ; générateurs possibles : {known}.", line
                )
            try:
                generator.params_model.model_validate(spec.params)
            except ValidationError as error:
                params = node.get("params") if isinstance(node, LineDict) else None
                message, line = describe(error, params, list(generator.params_model.model_fields))
                raise fail(f"params du générateur « {spec.generator} » : {message}", line) from None


def set_path(node: Any, path: str, value: Any, line: int | None, what: str, done: str = "") -> None:
    """Set `value` at a dotted path; `*` stands for every item of a list, a missing last key is added.

    Adding a key is safe: the document is validated again, and every block refuses unknown keys.
    """
    head, _, rest = path.partition(".")
    here = f"{done}.{head}".lstrip(".")
    if isinstance(node, list) and (head == "*" or head.isdigit()):
        indices = range(len(node)) if head == "*" else [int(head)]
        if any(not 0 <= index < len(node) for index in indices):
            raise fail(f"{what} : « {path} » : pas d'élément {head} sous {done} (0 à {len(node) - 1}).", line)
        for index in indices:
            if rest:
                set_path(node[index], rest, value, line, what, here)
            else:
                node[index] = value
        return
    if not isinstance(node, dict) or (rest and head not in node):
        known = ", ".join(map(str, node)) if isinstance(node, dict) else "une valeur, pas un bloc"
        raise fail(f"{what} : « {here} » n'existe pas ({done or 'racine'} : {known}).", line)
    if rest:
        set_path(node[head], rest, value, line, what, here)
    else:
        node[head] = value


def node_at(raw: Any, *path: Any) -> Any:
    """The node of the parsed file at `path` (keys and indices), or None."""
    node = raw
    for part in path:
        if isinstance(node, LineDict) and isinstance(part, str):
            node = node.get(part)
        elif isinstance(node, LineList) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            return None
    return node


def rule_line(block: LineDict, name: str, raw: LineDict) -> int | None:
    """The line of a rule's block, or of `rules:` when the file does not name it."""
    return block.line_of(name) if name in block else raw.line_of("rules")
