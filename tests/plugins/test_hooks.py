"""Each hook of hookspecs.py, exercised through a plugin registered for one test; and the two meta-tests
that keep the hook set, its documentation and its tests in step."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.simulation import test_simulation_hooks as simulation_hooks
from tests.site import test_site_parts as site_parts
from transitions_core import hookimpl, hookspecs
from transitions_core.narrative.formats import Format, RenderOptions, Subject
from transitions_core.narrative.render import render
from transitions_core.narrative.views import NarrativeView

DOCS = Path(__file__).resolve().parents[2] / "docs" / "plugins.md"
POSTCARD = Format(
    name="postcard", description="A postcard.", subjects=(Subject.TERRITORY,), media_type="text/plain"
)


class Postcard:
    """A plugin written as a class: its methods are the hooks."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder

    @hookimpl
    def register_formats(self, register: Callable[[Format], None]) -> None:
        register(POSTCARD)

    @hookimpl
    def template_dirs(self) -> list[Path]:
        return [self.folder] if self.folder else []

    @hookimpl
    def template_filters(self) -> dict[str, Callable[..., Any]]:
        return {"shout": lambda text: f"{text.upper()} !"}


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return folder


def test_register_formats_offers_a_format_owned_by_its_plugin(register_plugin):
    host = register_plugin("postcard", Postcard())

    assert host.format("postcard") == POSTCARD
    assert host.plugin_of("postcard") == "postcard"
    assert host.plugins["postcard"].formats == ["postcard"]
    assert "register_formats" in host.plugins["postcard"].hooks


def test_template_dirs_are_searched_between_the_user_folder_and_the_builtins(
    register_plugin, sample_territory_view, tmp_path
):
    plugin_dir = write(
        tmp_path / "plugin", "postcard/territory.fr.txt.j2", "Bons baisers de {{ territory.territory.name }}"
    )
    user_dir = write(tmp_path / "user", "postcard/territory.fr.txt.j2", "Le modèle de l'utilisateur")

    plain = register_plugin("postcard", Postcard(plugin_dir))
    overridden = register_plugin("postcard-again", object(), user_dir=user_dir)

    assert (
        render(plain, "postcard", sample_territory_view, Subject.TERRITORY) == "Bons baisers de Les Aubiers"
    )
    assert (
        render(overridden, "postcard", sample_territory_view, Subject.TERRITORY)
        == "Le modèle de l'utilisateur"
    )


def test_template_filters_reach_every_template(register_plugin, sample_territory_view, tmp_path):
    plugin_dir = write(tmp_path, "postcard/territory.fr.txt.j2", "{{ territory.territory.name|shout }}")
    host = register_plugin("postcard", Postcard(plugin_dir))

    assert render(host, "postcard", sample_territory_view, Subject.TERRITORY) == "LES AUBIERS\u202f!"


class Stamp:
    """A plugin that renders its own format in Python (the deprecated hook), and tries every other one."""

    @hookimpl
    def register_formats(self, register: Callable[[Format], None]) -> None:
        register(Format(name="stamp", description="A stamp.", subjects=(Subject.TERRITORY,)))

    @hookimpl
    def render_narrative(self, format: Format, view: NarrativeView, options: RenderOptions) -> str | None:
        return f"[{options.lang}] {format.name} of {view.kind}"


def test_render_narrative_renders_only_the_formats_its_plugin_registered(
    register_plugin, sample_territory_view, tmp_path
):
    plugin_dir = write(tmp_path, "postcard/territory.fr.txt.j2", "from the template")
    register_plugin("postcard", Postcard(plugin_dir))
    host = register_plugin("stamp", Stamp())

    assert render(host, "stamp", sample_territory_view, Subject.TERRITORY) == "[fr] stamp of territory"
    # Its answer for every format is never asked for another plugin's: the postcard keeps its template.
    assert render(host, "postcard", sample_territory_view, Subject.TERRITORY) == "from the template"
    assert render(host, "fiche", sample_territory_view, Subject.TERRITORY).startswith("# Les Aubiers")


class Sticker:
    """A plugin whose format names its Python renderer."""

    @hookimpl
    def register_formats(self, register: Callable[[Format], None]) -> None:
        register(
            Format(
                name="sticker",
                description="A sticker.",
                subjects=(Subject.TERRITORY,),
                media_type="text/plain",
                renderer=lambda view, options: f"{view.territory.name} : {options.audience}",
            )
        )


def test_a_format_renderer_gets_the_real_view_and_its_text_is_typeset(register_plugin, sample_territory_view):
    host = register_plugin("sticker", Sticker())

    assert render(host, "sticker", sample_territory_view, Subject.TERRITORY) == "Les Aubiers\u202f: internal"


#: Every hook, and the test above that exercises it.
HOOK_TESTS = {
    "register_formats": test_register_formats_offers_a_format_owned_by_its_plugin,
    "template_dirs": test_template_dirs_are_searched_between_the_user_folder_and_the_builtins,
    "template_filters": test_template_filters_reach_every_template,
    "render_narrative": test_render_narrative_renders_only_the_formats_its_plugin_registered,
    "simulation_rules": simulation_hooks.test_a_plugin_rule_applies_where_a_scenario_names_it_and_changes_the_outcomes,
    "territory_generators": simulation_hooks.test_a_plugin_generator_draws_the_candidates_a_scenario_asks_for,
    "site_parts": site_parts.test_a_third_party_format_and_its_parts_appear_on_the_site,
}


def hooks() -> dict[str, Callable[..., Any]]:
    """The hook specifications, by name."""
    return {
        name: function
        for name, function in inspect.getmembers(hookspecs, inspect.isfunction)
        if hasattr(function, "transitions_core_spec")
    }


def signature(function: Callable[..., Any]) -> str:
    """`def name(arg: Type) -> Return` as written in hookspecs.py (annotations are strings there)."""
    parameters = ", ".join(
        f"{p.name}: {p.annotation}" if p.annotation is not inspect.Parameter.empty else p.name
        for p in inspect.signature(function).parameters.values()
    )
    return f"def {function.__name__}({parameters}) -> {inspect.signature(function).return_annotation}"


def test_the_hook_set_is_the_documented_one():
    assert set(hooks()) == {
        "register_formats",
        "template_dirs",
        "template_filters",
        "render_narrative",
        "simulation_rules",
        "territory_generators",
        "site_parts",
    }


def test_every_hook_has_a_test():
    assert set(HOOK_TESTS) == set(hooks())
    assert all(test.__name__.startswith("test_") for test in HOOK_TESTS.values())


@pytest.mark.parametrize("name", sorted(hooks()))
def test_every_hook_is_documented_with_its_exact_signature(name):
    text = DOCS.read_text(encoding="utf-8")
    function = hooks()[name]

    assert signature(function) in text, f"docs/plugins.md lacks `{signature(function)}`"
    assert inspect.getdoc(function) in text, f"docs/plugins.md lacks the docstring of {name}"
