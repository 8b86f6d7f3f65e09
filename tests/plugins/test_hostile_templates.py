"""The hostile-template catalogue (tests/data/hostile-templates/), each run through the real command line
as a user's override: every one is refused with one French sentence naming the file, and none runs code
or hangs the process.

Each template's first line is a comment holding what the refusal must say.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from transitions_core.narrative.limits import SECONDS_VAR

CATALOGUE = Path(__file__).resolve().parents[1] / "data" / "hostile-templates"
HOSTILE = sorted(CATALOGUE.glob("*.j2"))
EXPECTED = re.compile(r"\{# (.+?) #\}")


def expected(template: Path) -> str:
    """The refusal the template's first line announces."""
    match = EXPECTED.match(template.read_text(encoding="utf-8"))
    assert match, f"{template.name} must start with {{# what the refusal says #}}"
    return match[1]


def test_the_catalogue_covers_every_kind_of_attack():
    names = {path.stem.split("-")[0] for path in HOSTILE}

    assert len(HOSTILE) >= 60
    assert {"attr", "pydantic", "format", "percent", "include", "extends", "import", "range"} <= names
    assert {"repeat", "wordwrap", "center", "doubling", "nested", "macro", "loop"} <= names


@pytest.mark.parametrize("template", HOSTILE, ids=[path.stem for path in HOSTILE])
def test_a_hostile_template_is_refused_with_one_french_sentence(template, tmp_path, transitions):
    override = tmp_path / "fiche" / "territory.fr.md.j2"
    override.parent.mkdir()
    override.write_text(template.read_text(encoding="utf-8"), encoding="utf-8")
    begin = time.monotonic()

    result = transitions(
        "replay",
        "les-aubiers",
        "--format",
        "fiche",
        "--narratives-dir",
        str(tmp_path),
        # A second for the endless ones; the others must be refused for what they are, even on a busy machine.
        env={SECONDS_VAR: "1" if "dépassé" in expected(template) else "30"},
    )

    assert time.monotonic() - begin < 20, "the sandbox let the template run far past its deadline"
    assert result.exit_code == 1, result.output
    message = result.stderr.strip().replace("\u202f", " ")  # numbers are grouped by narrow spaces
    assert message.startswith("Erreur : Modèle"), message
    assert expected(template).removeprefix("refus : ") in message
    assert str(override) in message
    assert expected(template).startswith("refus") == message.startswith("Erreur : Modèle refusé")
    assert "\n" not in message and message.endswith(".") and not message.endswith("..")
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_a_template_within_its_budget_still_renders(tmp_path, transitions):
    (tmp_path / "fiche").mkdir()
    (tmp_path / "fiche" / "territory.fr.md.j2").write_text(
        '{% for e in territory.entries %}{{ loop.index }}/{{ loop.length }} {{ e.type }} {{ e.facts.get("count", "") }}\n'
        "{% endfor %}{{ '{:,}'.format(territory.territory.population) }} {{ 'x' * 3 }} {{ 2 ** 10 }}\n",
        encoding="utf-8",
    )

    result = transitions(
        "replay",
        "les-aubiers",
        "--format",
        "fiche",
        "--narratives-dir",
        str(tmp_path),
        "--audience",
        "internal",
    )

    assert result.exit_code == 0, result.output
    first, *_, last = result.stdout.splitlines()
    assert re.fullmatch(r"1/\d+ territory_approached ", first)
    assert last == "1,200 xxx 1024"
