"""Reference pages generated from the code (`make docs`); tests check the committed copies match."""

from __future__ import annotations

from pathlib import Path

from transitions_core.reference.english import events_markdown, glossary_markdown
from transitions_core.reference.french import evenements_markdown

__all__ = ["evenements_markdown", "events_markdown", "glossary_markdown", "main"]


def main(docs: Path = Path("docs")) -> None:
    """Write the generated pages into docs/."""
    (docs / "events.md").write_text(events_markdown() + "\n", encoding="utf-8")
    (docs / "evenements.md").write_text(evenements_markdown() + "\n", encoding="utf-8")
    (docs / "glossary.md").write_text(glossary_markdown(), encoding="utf-8")
