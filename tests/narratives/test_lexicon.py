"""Word lists are data, keyed by the domain's enums, once per language.

Given narratives/lexicon/LANG.yaml, every table keyed by an enum holds exactly that enum's members, in
every language the tool writes; the Python writers read their lists from there (no copy in code).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from transitions_core.domain import values
from transitions_narratives.lexicon import ENUMS, lexicon

LANGUAGES = ("fr", "en")
PLUGINS = Path(__file__).resolve().parents[2] / "plugins" / "transitions_narratives"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", sorted(ENUMS))
def test_each_table_holds_exactly_its_enums_members(lang, name):
    enum = getattr(values, ENUMS[name])
    assert set(lexicon(lang).get(name, {})) == {member.value for member in enum}, f"{lang}: {name}"


def test_every_table_of_a_language_is_declared():
    for lang in LANGUAGES:
        assert set(lexicon(lang)) - {"kinds"} <= set(ENUMS), lang


def test_the_writers_keep_no_copy_of_the_lists():
    """A word of a table, written as a literal in a plugin's code, would be a second copy that drifts."""
    for lang in LANGUAGES:
        for name in ("milestones", "roles", "source_kinds", "observers", "categories"):
            for word in lexicon(lang)[name].values():
                if len(word) < 8 or " " not in word:  # a single word may be a key of something else
                    continue
                for path in PLUGINS.glob("*.py"):
                    assert f'"{word}"' not in path.read_text(encoding="utf-8"), f"{word} in {path.name}"
