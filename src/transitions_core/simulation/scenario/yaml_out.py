"""Write a scenario as YAML through PyYAML's emitter, with a comment on the lines whose value needs its source said.

Every key and value goes through the emitter, which quotes what YAML needs quoted (a label such as
`autonomie: forte`, a `#`, a line break): the file reads back as the document it was made from. The
comments are added afterwards, at the end of a line that ends with its key's value, or on a line of their
own above a value the emitter spread over several lines.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode


class _Flow(dict[str, Any]):
    """A mapping written on one line: `{date: 2024-05-07, place: Fronton}`."""


class _FlowList(list[Any]):
    """A list written on one line: `[14, 150]`."""


class _Dumper(yaml.SafeDumper):
    """The safe dumper, indenting a list under its key as the hand-written scenarios do."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        """Never indentless: `key:` then `  - item`."""
        super().increase_indent(flow, False)

    def ignore_aliases(self, data: Any) -> bool:
        """Write a date each time it is used, never as `&id001` and `*id001`."""
        return True


def _flow_mapping(dumper: yaml.SafeDumper, value: _Flow) -> Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", value, flow_style=True)


def _flow_list(dumper: yaml.SafeDumper, value: _FlowList) -> Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


_Dumper.add_representer(_Flow, _flow_mapping)
_Dumper.add_representer(_FlowList, _flow_list)


def dump(data: dict[str, Any], comments: dict[str, str]) -> str:
    """The YAML text of `data`; `comments` maps dotted paths (list items take their list's path) to a comment."""
    text: str = yaml.dump(
        _shaped(data),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=10**6,
    )
    return _commented(text, {path: " ".join(c.split()) for path, c in comments.items()})


def _shaped(value: Any) -> Any:
    """The document with its numbers rounded, and the layout of the scenario files marked."""
    value = _rounded(value)
    if isinstance(value, dict):
        return {k: _shaped(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        if value and all(isinstance(v, dict) for v in value):
            return [_item(v) for v in value]
        return _FlowList(_shaped(v) for v in value)
    return value


def _item(item: dict[str, Any]) -> dict[str, Any]:
    """A list item: on one line when it holds three plain values or fewer; what is unknown is left out."""
    flat = all(not isinstance(v, dict | list | tuple) for v in item.values()) and len(item) <= 3
    kept = {k: _shaped(v) for k, v in item.items() if v is not None}
    return _Flow(kept) if flat else kept


def _rounded(value: Any) -> Any:
    # Four decimals: enough for a rate, short enough to read.
    if isinstance(value, float):
        return round(value, 4)
    return value


def _commented(text: str, comments: dict[str, str]) -> str:
    lines = text.split("\n")
    at_end: dict[int, str] = {}
    above: dict[int, tuple[int, str]] = {}

    def walk(node: Node, path: str, in_flow: bool) -> None:
        if isinstance(node, MappingNode):
            for key, value in node.value:
                where = f"{path}.{key.value}" if path else str(key.value)
                if where in comments and not in_flow:
                    line = key.start_mark.line
                    block = isinstance(value, MappingNode | SequenceNode) and not value.flow_style
                    if block or value.end_mark.line == line:
                        at_end[line] = comments[where]
                    else:
                        above[line] = (key.start_mark.column, comments[where])
                walk(value, where, in_flow or bool(node.flow_style))
        elif isinstance(node, SequenceNode):
            for item in node.value:
                walk(item, path, in_flow or bool(node.flow_style))

    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is not None and not isinstance(root, ScalarNode):
        walk(root, "", False)
    out: list[str] = []
    for number, line in enumerate(lines):
        if number in above:
            column, comment = above[number]
            out.append(f"{' ' * column}# {comment}")
        out.append(f"{line}  # {at_end[number]}" if number in at_end else line)
    return "\n".join(out)
