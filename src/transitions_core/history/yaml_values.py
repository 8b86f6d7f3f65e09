"""The values a YAML file is read into: mappings and lists that remember the lines they were written on."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

#: The key lines of a mapping whose keys are all on its own line (`{name: a}`): shared, and read-only.
SAME_LINE: Mapping[str, int] = MappingProxyType({})


class LineDict(dict[str, Any]):
    """A mapping from a YAML file that knows the line of itself and of each key (1-based).

    `key_lines` holds only the keys written on another line than the mapping's own: a file of many
    one-line blocks then keeps no dictionary of lines beside each (about a third of their memory).
    """

    __slots__ = ("key_lines", "line")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.line = 0
        self.key_lines: Mapping[str, int] = SAME_LINE

    def line_of(self, key: str) -> int:
        """The line where `key` is written, or the mapping's own line."""
        return self.key_lines.get(key, self.line)


class LineList(list[Any]):
    """A sequence from a YAML file that knows the line of each item (1-based)."""

    __slots__ = ("item_lines", "line")

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.line = 0
        self.item_lines: list[int] = []
