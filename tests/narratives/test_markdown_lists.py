"""Two lists one after the other, with only a blank line between them, are one list to a Markdown reader.

The website, a mail client or a wiki then shows a pilot's support among its goals. Every golden file (each is
the byte-for-byte output of a built-in format) keeps a paragraph or a heading between two lists.
"""

from __future__ import annotations

from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"
MARKDOWN = sorted(GOLDEN.rglob("*.md"))


def merged_lists(text: str) -> list[int]:
    """The line numbers where a list starts right after another one, a blank line between them."""
    lines = text.split("\n")
    return [
        number + 1
        for number in range(2, len(lines))
        if lines[number].startswith("- ") and not lines[number - 1] and lines[number - 2].startswith("- ")
    ]


def test_the_check_finds_a_merged_list() -> None:
    assert merged_lists("Objectifs :\n\n- a ;\n- b.\n\n- **Accompagnement** : c\n") == [6]
    assert merged_lists("- a\n\nObjectifs :\n\n- b\n") == []


@pytest.mark.parametrize("path", MARKDOWN, ids=lambda p: str(p.relative_to(GOLDEN)))
def test_no_two_lists_run_together(path: Path) -> None:
    assert merged_lists(path.read_text(encoding="utf-8")) == []
