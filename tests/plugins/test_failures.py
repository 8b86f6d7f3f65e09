"""Broken plugins, format collisions, allow- and block-lists: the host and the CLI keep working and say why."""

from __future__ import annotations

import json

import pytest

from tests.plugins.fakes import (
    RAISES_FOR_EVERY_FORMAT,
    RAISES_IN_TEMPLATE_HOOKS,
    RAISES_ON_IMPORT,
    RAISES_ON_REGISTER,
    RAISES_ON_RENDER,
    claims,
    install_fake_plugin,
)
from transitions_core import hookimpl
from transitions_core.plugins import DISABLE_VAR, LOAD_VAR, load_host

BUILTINS = {"timeline", "json", "fiche"}


@pytest.fixture
def broken_plugins(monkeypatch, tmp_path):
    """Three installed plugins: one fails on import, one when it registers, one when it renders."""
    install_fake_plugin(
        monkeypatch, tmp_path / "a", "haiku", "transitions_test_unimportable", RAISES_ON_IMPORT
    )
    install_fake_plugin(
        monkeypatch, tmp_path / "b", "silent", "transitions_test_unregistrable", RAISES_ON_REGISTER
    )
    install_fake_plugin(
        monkeypatch, tmp_path / "c", "explosive", "transitions_test_explosive", RAISES_ON_RENDER
    )


def test_broken_plugins_show_as_broken_with_their_error(broken_plugins, transitions):
    result = transitions("plugins", "list")

    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line for line in result.output.splitlines()}
    assert "CASSÉ : ImportError: the haiku engine needs a module that is not installed" in lines["haiku"]
    assert "CASSÉ : ValueError: no format today" in lines["silent"]
    assert lines["explosive"].rstrip().endswith("ok")
    assert all(lines[name].rstrip().endswith("ok") for name in BUILTINS)


def test_plugins_list_as_json_gives_status_version_formats_and_hooks(broken_plugins, transitions):
    result = transitions("plugins", "list", "--json")

    plugins = {p["name"]: p for p in json.loads(result.output)}
    assert plugins["haiku"]["status"] == "broken"
    assert plugins["haiku"]["version"] == "9.9"
    assert plugins["explosive"] | {"module": None} == {
        "name": "explosive",
        "module": None,
        "version": "9.9",
        "status": "ok",
        "error": None,
        "formats": ["explosive"],
        "hooks": ["register_formats", "render_narrative"],
        "builtin": False,
        "refused": [],
        "replaces": [],
    }
    assert plugins["fiche"]["builtin"] is True


def test_the_other_formats_keep_working(broken_plugins, transitions):
    formats = transitions("formats")
    fiche = transitions("replay", "les-aubiers", "--format", "fiche")

    assert formats.exit_code == 0
    assert {line.split()[0] for line in formats.output.splitlines()} >= BUILTINS | {"explosive"}
    assert fiche.exit_code == 0, fiche.output
    assert fiche.output.startswith("# Les Aubiers")


def test_rendering_with_a_plugin_that_failed_to_import_names_the_plugin(broken_plugins, transitions):
    result = transitions("replay", "les-aubiers", "--format", "haiku")

    assert result.exit_code == 1
    assert "Erreur : Le format « haiku » vient du plugin haiku, qui est cassé : ImportError" in result.output
    assert "Traceback" not in result.output


def test_rendering_with_a_plugin_that_raises_names_the_plugin(broken_plugins, transitions):
    result = transitions("replay", "les-aubiers", "--format", "explosive")

    assert result.exit_code == 1
    assert (
        "Erreur : Le plugin explosive a échoué en produisant « explosive » : RuntimeError: the fuse was lit"
        in result.output
    )
    assert "Traceback" not in result.output


def test_two_plugins_claiming_one_format_keep_it_for_the_first_and_the_cli_working(
    monkeypatch, tmp_path, transitions
):
    install_fake_plugin(monkeypatch, tmp_path / "a", "alpha", "transitions_test_alpha", claims("twin"))
    install_fake_plugin(monkeypatch, tmp_path / "b", "beta", "transitions_test_beta", claims("twin"))

    host = load_host()
    formats = transitions("formats")
    listed = transitions("plugins", "list")
    timeline = transitions("replay", "les-aubiers")

    assert host.plugin_of("twin") == "alpha"
    assert host.plugins["beta"].formats == []
    assert host.plugins["beta"].status == "ok"
    refused = "Le format « twin » du plugin beta est ignoré : le plugin alpha le fournit déjà"
    assert host.plugins["beta"].refused == [
        f'{refused} ; renommez-le, ou déclarez replaces=("twin",) dans son Format pour remplacer celui du plugin alpha.'
    ]
    assert formats.exit_code == 0 and listed.exit_code == 0 and timeline.exit_code == 0
    assert refused in formats.stderr
    assert refused in listed.stdout


def test_a_plugin_claiming_a_builtin_format_is_refused_that_name_only(monkeypatch, tmp_path, transitions):
    install_fake_plugin(monkeypatch, tmp_path, "my-fiche", "transitions_test_fiche", claims("fiche"))

    host = load_host()
    fiche = transitions("replay", "les-aubiers", "--format", "fiche")

    assert host.plugin_of("fiche") == "fiche"
    assert (
        "Le format « fiche » du plugin my-fiche est ignoré : le plugin fiche le fournit déjà"
        in (host.plugins["my-fiche"].refused[0])
    )
    assert fiche.exit_code == 0 and fiche.stdout.startswith("# Les Aubiers")


def test_the_allow_list_loads_only_the_named_plugins(monkeypatch, broken_plugins):
    monkeypatch.setenv(LOAD_VAR, "fiche, explosive")

    host = load_host()

    assert set(host.plugins) == {"fiche", "explosive"}
    assert set(host.formats) == {"fiche", "explosive"}


def test_the_block_list_leaves_the_named_plugins_out(monkeypatch, broken_plugins, transitions):
    monkeypatch.setenv(DISABLE_VAR, "haiku,silent")

    host = load_host()
    listed = transitions("plugins", "list", env={DISABLE_VAR: "haiku,silent"})

    assert {"haiku", "silent"}.isdisjoint(host.plugins)
    assert all(p.status == "ok" for p in host.plugins.values())
    assert "CASSÉ" not in listed.output
    assert "explosive" in listed.output


def test_a_blocked_twin_resolves_a_collision(monkeypatch, tmp_path):
    install_fake_plugin(monkeypatch, tmp_path / "a", "alpha", "transitions_test_alpha2", claims("twin"))
    install_fake_plugin(monkeypatch, tmp_path / "b", "beta", "transitions_test_beta2", claims("twin"))
    monkeypatch.setenv(DISABLE_VAR, "beta")

    assert load_host().plugin_of("twin") == "alpha"


def test_a_plugin_whose_template_hooks_raise_is_broken_and_the_others_work(
    monkeypatch, tmp_path, transitions
):
    install_fake_plugin(monkeypatch, tmp_path, "leaky", "transitions_test_leaky", RAISES_IN_TEMPLATE_HOOKS)

    host = load_host()
    fiche = transitions("replay", "les-aubiers", "--format", "fiche")
    leaky = transitions("replay", "les-aubiers", "--format", "leaky")

    assert host.plugins["leaky"].status == "broken"
    assert host.plugins["leaky"].error == "KeyError: 'shout'"
    assert "leaky" not in host.formats
    assert fiche.exit_code == 0, fiche.output
    assert "Erreur : Le format « leaky » vient du plugin leaky, qui est cassé : KeyError" in leaky.output


def test_a_careless_render_narrative_never_runs_for_another_plugins_format(
    monkeypatch, tmp_path, transitions
):
    install_fake_plugin(
        monkeypatch, tmp_path, "careless", "transitions_test_careless", RAISES_FOR_EVERY_FORMAT
    )

    results = [transitions("replay", "les-aubiers", "--format", f) for f in ("fiche", "article", "timeline")]
    listed = transitions("plugins", "list")

    assert [r.exit_code for r in results] == [0, 0, 0], results[0].output
    assert next(line for line in listed.stdout.splitlines() if line.startswith("careless")).endswith("ok")


class _Filters:
    """A plugin that only contributes template filters."""

    def __init__(self, filters: dict) -> None:
        self.filters = filters

    @hookimpl
    def template_filters(self) -> dict:
        return self.filters


def test_two_plugins_giving_one_filter_name_keep_it_for_the_first(register_plugin):
    register_plugin("loud", _Filters({"shout": str.upper}))
    host = register_plugin("louder", _Filters({"shout": str.lower}))

    assert host.templates is not None and host.templates.filters["shout"] is str.upper
    assert host.plugins["louder"].refused == [
        "Le filtre « shout » du plugin louder est ignoré : le plugin loud le fournit déjà ; renommez-le, "
        'ou donnez-le comme {"shout": Replacing(fonction)} pour remplacer celui du plugin loud.'
    ]


@pytest.mark.parametrize(("name", "holder"), [("de", "transitions_core"), ("upper", "jinja2")])
def test_a_plugin_cannot_replace_a_core_or_jinja_filter_by_accident(register_plugin, name, holder):
    host = register_plugin("grammarian", _Filters({name: lambda place: f"de {place}"}))

    assert host.templates is not None and name not in host.templates.filters
    assert (
        f"Le filtre « {name} » du plugin grammarian est ignoré : {holder} le fournit déjà"
        in (host.plugins["grammarian"].refused[0])
    )
