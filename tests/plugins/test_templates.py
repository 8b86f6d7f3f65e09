"""The user's template folder: it overrides a built-in, extends it with super(), and runs in the sandbox."""

from __future__ import annotations

import pytest

from transitions_core.narrative.environment import USER_DIR_VAR

EXTENDS_FICHE = """{% extends "builtin/fiche/territory.fr.md.j2" %}
{% block limits %}
{{ super() -}}
## Ce que la commune en dit

Une fiche enrichie sans toucher au dépôt.

{% endblock %}
"""


@pytest.fixture
def user_dir(tmp_path):
    (tmp_path / "fiche").mkdir()
    return tmp_path


def test_a_user_template_replaces_the_builtin_fiche(user_dir, transitions):
    (user_dir / "fiche" / "territory.fr.md.j2").write_text("Fiche maison : {{ territory.territory.name }}\n")

    result = transitions("replay", "les-aubiers", "--format", "fiche", "--narratives-dir", str(user_dir))

    assert result.exit_code == 0, result.output
    assert result.stdout == "Fiche maison\u202f: Les Aubiers\n"


def test_a_user_template_extends_the_builtin_with_super(user_dir, transitions):
    (user_dir / "fiche" / "territory.fr.md.j2").write_text(EXTENDS_FICHE)

    builtin = transitions("replay", "les-aubiers", "--format", "fiche").output
    extended = transitions("replay", "les-aubiers", "--format", "fiche", env={USER_DIR_VAR: str(user_dir)})

    assert extended.exit_code == 0, extended.output
    # The user's part comes after the built-in limits (none here: an empty part is left out), nothing else moves.
    added = "## Ce que la commune en dit\n\nUne fiche enrichie sans toucher au dépôt.\n\n"
    assert added in extended.output
    assert extended.output.replace(added, "", 1) == builtin


def test_other_templates_still_come_from_the_builtins(user_dir, transitions):
    (user_dir / "fiche" / "territory.fr.md.j2").write_text("Fiche maison\n")

    english = transitions(
        "replay", "les-aubiers", "--format", "fiche", "--lang", "en", "--narratives-dir", str(user_dir)
    )

    assert english.output.startswith("# Les Aubiers")


@pytest.mark.parametrize(
    "attack",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ territory.__class__.__init__.__globals__ }}",
        "{{ territory.entries.__len__() }}",
        "{% set x = territory.quotes|list %}{{ x.append(1) }}",
    ],
)
def test_a_user_template_cannot_reach_python_internals(user_dir, transitions, attack):
    (user_dir / "fiche" / "territory.fr.md.j2").write_text(attack)

    result = transitions("replay", "les-aubiers", "--format", "fiche", "--narratives-dir", str(user_dir))

    assert result.exit_code == 1
    assert "Erreur : Modèle refusé, " in result.output
    assert "Traceback" not in result.output


def test_a_typo_in_a_user_template_is_a_clear_error(user_dir, transitions):
    (user_dir / "fiche" / "territory.fr.md.j2").write_text("{{ territory.pilote.title }}")

    result = transitions("replay", "les-aubiers", "--format", "fiche", "--narratives-dir", str(user_dir))

    assert result.exit_code == 1
    assert (
        f"Erreur : Modèle {user_dir / 'fiche' / 'territory.fr.md.j2'}:1 : « pilote » n'est pas une donnée"
        in (result.output)
    )
    assert "pilot, productions" in result.output  # the data it may read instead
