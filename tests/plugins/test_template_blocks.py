"""Every built-in template exposes its parts as blocks, so an override changes one part and keeps the rest.

Given a user template that extends a built-in and replaces only its `title` block, when the format renders,
then the new title shows and the rest of the built-in text is still there.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
from jinja2 import nodes

from transitions_core.narrative.environment import builtin_dir

#: Each built-in Markdown template (the HTML ones and the period wrappers include these), and its parts.
BLOCKS = {
    "article/territory.fr.md.j2": {
        "title",
        "standfirst",
        "path",
        "pilot",
        "changes",
        "voices",
        "hard",
        "outside",
    },
    "article/territory.en.md.j2": {
        "title",
        "standfirst",
        "path",
        "pilot",
        "changes",
        "voices",
        "hard",
        "outside",
    },
    "fiche/territory.fr.md.j2": {"title", "territory", "pilot", "effects", "limits", "viewpoints", "outside"},
    "fiche/territory.en.md.j2": {"title", "territory", "pilot", "effects", "limits", "viewpoints", "outside"},
    "poem/territory.fr.md.j2": {"title", "stanzas", "signature"},
    "poem/territory.en.md.j2": {"title", "stanzas", "signature"},
    "poem/day.fr.md.j2": {"title", "stanzas", "signature"},
    "poem/day.en.md.j2": {"title", "stanzas", "signature"},
    # The newsletter's French and English templates extend this one, for every language.
    "newsletter/issue.md.j2": {"title", "news", "territories", "upcoming", "footer"},
    "report/cohort.fr.md.j2": {"title", "contents", "figures", "stages", "territories", "synthesis"},
    "report/cohort.en.md.j2": {"title", "contents", "figures", "stages", "territories", "synthesis"},
}


def blocks_of(template: str) -> set[str]:
    source = (builtin_dir() / template).read_text(encoding="utf-8")
    return {block.name for block in jinja2.Environment().parse(source).find_all(nodes.Block)}


@pytest.mark.parametrize("template", sorted(BLOCKS))
def test_each_part_of_a_builtin_template_is_a_block(template):
    assert BLOCKS[template] <= blocks_of(template)


@pytest.mark.parametrize(
    ("folder", "args"),
    [
        ("poem", ["replay", "les-aubiers", "--format", "poem"]),
        ("article", ["replay", "les-aubiers", "--format", "article"]),
        ("fiche", ["replay", "les-aubiers", "--format", "fiche"]),
        ("report", ["cohort", "val-imaginaire-2026", "--format", "report"]),
        ("newsletter", ["cohort", "val-imaginaire-2026", "--format", "newsletter"]),
    ],
)
def test_an_override_replaces_the_title_and_keeps_the_rest(tmp_path: Path, transitions, folder, args):
    name = {"report": "cohort.fr.md.j2", "newsletter": "digest.fr.md.j2"}.get(folder, "territory.fr.md.j2")
    (tmp_path / folder).mkdir()
    (tmp_path / folder / name).write_text(
        f'{{% extends "builtin/{folder}/{name}" %}}{{% block title %}}# Un autre titre\n{{% endblock %}}',
        encoding="utf-8",
    )
    builtin = transitions(*args).stdout
    changed = transitions(*args, "--narratives-dir", str(tmp_path)).stdout
    assert changed.startswith("# Un autre titre\n")
    assert changed.splitlines()[1:] and builtin.splitlines()[-1] == changed.splitlines()[-1]
