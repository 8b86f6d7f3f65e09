"""Write a scenario as YAML with a comment on the lines whose value needs its source said."""

from __future__ import annotations

from datetime import date
from typing import Any

import yaml


def scalar(value: Any) -> str:
    """One YAML scalar (or a flow list of scalars), quoted only when YAML needs it."""
    value = _rounded(value)
    if isinstance(value, date):
        return value.isoformat()
    text: str = yaml.safe_dump([value], default_flow_style=True, allow_unicode=True, width=10**6).strip()
    return text[1:-1]


def _rounded(value: Any) -> Any:
    # Four decimals: enough for a rate, short enough to read.
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, list | tuple):
        return [_rounded(v) for v in value]
    return value


def _flow(item: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{k}: {scalar(v)}" for k, v in item.items() if v is not None) + "}"


def dump(data: dict[str, Any], comments: dict[str, str], indent: int = 0, path: str = "") -> list[str]:
    """Lines of a block mapping; `comments` maps dotted paths to an end-of-line comment."""
    lines: list[str] = []
    pad = " " * indent
    for key, value in data.items():
        where = f"{path}.{key}" if path else key
        note = f"  # {comments[where]}" if where in comments else ""
        if isinstance(value, dict) and value:
            lines.append(f"{pad}{key}:{note}")
            lines.extend(dump(value, comments, indent + 2, where))
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            lines.append(f"{pad}{key}:{note}")
            for item in value:
                if all(not isinstance(v, dict | list) for v in item.values()) and len(item) <= 3:
                    lines.append(f"{pad}  - {_flow(item)}")
                    continue
                body = dump({k: v for k, v in item.items() if v is not None}, comments, indent + 4, where)
                lines.append(f"{pad}  - {body[0].lstrip()}")
                lines.extend(body[1:])
        else:
            lines.append(f"{pad}{key}: {scalar(value)}{note}")
    return lines
