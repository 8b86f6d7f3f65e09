"""What the narratives say and in what order, in no language.

A plan turns a view into messages: a key of the wording files and the facts that fill its slots, and
which of its equal phrasings to use. `wording.py` says them in a language. Nothing here knows a word of
French or English, so that every language tells the same facts in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Say:
    """One message: a wording key, its slots, and the phrasing to use among its variants."""

    key: str
    slots: dict[str, Any] = field(default_factory=dict)
    choice: int = 0


@dataclass(frozen=True)
class Stanza:
    """Messages told together (a stanza, a paragraph), and how much the text needs them (0 = always kept)."""

    says: tuple[Say, ...]
    rank: int = 0


#: Plans already made, by the identity of the view they were made for (dropped with the view).
_made: dict[tuple[int, str], Any] = {}


def remembered(view: object, name: str, make: Any) -> Any:
    """`make(view)`, made once per view object: a template asks for each part of one plan in turn."""
    import weakref

    key = (id(view), name)
    if key not in _made:
        _made[key] = make(view)
        weakref.finalize(view, _made.pop, key, None)
    return _made[key]
