"""One rule for every registry: the first holder keeps a name, a newcomer is refused that name only, and
an explicit `replaces` takes it on purpose, reported by `plugins list`."""

from __future__ import annotations

import json
from collections.abc import Callable

from tests.plugins.fakes import install_fake_plugin
from transitions_core.narrative.formats import Format, Subject
from transitions_core.plugin_api import Replacing, hookimpl, render
from transitions_core.registry import CORE, Registry

REPLACES_POEM = """
from pathlib import Path

from transitions_core.plugin_api import Format, Subject, hookimpl

POEM = Format(name="poem", description="Un autre poème.", subjects=(Subject.TERRITORY,), media_type="text/plain",
              replaces=("poem",), renderer=lambda view, options: f"Ô {view.territory.name}")


@hookimpl
def register_formats(register):
    register(POEM)
"""


def test_a_format_that_declares_it_replaces_a_builtin_takes_its_name(monkeypatch, tmp_path, transitions):
    install_fake_plugin(monkeypatch, tmp_path, "verses", "transitions_test_verses", REPLACES_POEM)

    poem = transitions("replay", "les-aubiers", "--format", "poem", "--audience", "internal")
    listed = transitions("plugins", "list")
    formats = {row["name"]: row for row in json.loads(transitions("formats", "--json").stdout)}

    assert poem.stdout == "Ô Les Aubiers"
    assert formats["poem"]["plugin"] == "verses" and formats["poem"]["replaces"] == ["poem"]
    assert "↳ remplace le format « poem » du plugin poem" in listed.stdout
    assert (
        "poem"
        not in next(line for line in listed.stdout.splitlines() if line.startswith("poem "))
        .split("formats :")[1]
        .split()[0:1]
    )


def test_two_replacements_of_one_name_clash_instead_of_depending_on_load_order(monkeypatch, tmp_path):
    from transitions_core.plugins import load_host

    install_fake_plugin(monkeypatch, tmp_path / "a", "verses", "transitions_test_verses_a", REPLACES_POEM)
    install_fake_plugin(
        monkeypatch, tmp_path / "b", "vers-libres", "transitions_test_verses_b", REPLACES_POEM
    )

    host = load_host()

    # Plugins come by name ("vers-libres" before "verses"); only the original can be replaced.
    assert host.plugin_of("poem") == "vers-libres"
    assert host.plugins["vers-libres"].refused == []
    assert (
        host.plugins["verses"]
        .refused[0]
        .startswith("Le format « poem » du plugin verses est ignoré : le plugin vers-libres le fournit déjà")
    )


class _Shout:
    """A plugin that replaces jinja's `upper` on purpose, and gives a filter of its own."""

    def __init__(self, folder):
        self.folder = folder

    @hookimpl
    def register_formats(self, register: Callable[[Format], None]) -> None:
        register(
            Format(name="shout", description="Crie.", subjects=(Subject.TERRITORY,), media_type="text/plain")
        )

    @hookimpl
    def template_dirs(self):
        return [self.folder]

    @hookimpl
    def template_filters(self):
        return {"upper": Replacing(lambda text: f"{str(text).upper()}!"), "shout_twice": lambda t: f"{t} {t}"}


def test_a_filter_replaces_a_jinja_filter_only_when_wrapped_in_replacing(
    register_plugin, sample_territory_view, tmp_path
):
    (tmp_path / "shout").mkdir()
    (tmp_path / "shout" / "territory.fr.txt.j2").write_text(
        "{{ territory.territory.name|upper|shout_twice }}"
    )
    host = register_plugin("shout", _Shout(tmp_path))

    assert (
        render(host, "shout", sample_territory_view, Subject.TERRITORY)
        == "LES AUBIERS\u202f! LES AUBIERS\u202f!"
    )
    assert host.plugins["shout"].replaces == ["remplace le filtre « upper » de jinja2"]


def test_the_registry_rule_is_generic_for_the_registries_to_come():
    pages: Registry[str] = Registry("la page", lambda name: f'déclarez replaces=("{name}",)', feminine=True)

    assert pages.offer("accueil", "core home", CORE)
    assert not pages.offer("accueil", "mine", "site-plus")
    assert pages.offer("accueil", "theirs", "site-pro", replaces=True)
    assert not pages.offer("accueil", "again", "site-zen", replaces=True)

    assert pages.items["accueil"] == "theirs" and pages.owner("accueil") == "site-pro"
    assert [c.newcomer for c in pages.clashes] == ["site-plus", "site-zen"]
    assert pages.clashes[0].message() == (
        "La page « accueil » du plugin site-plus est ignorée : transitions_core la fournit déjà ; renommez-la, "
        'ou déclarez replaces=("accueil",) pour remplacer celle de transitions_core.'
    )
    assert pages.replacements[0].message() == "remplace la page « accueil » de transitions_core"


TAKES_A_BUILTIN_RULE = """
from pydantic import BaseModel

from transitions_core.plugin_api import hookimpl


class Backing:
    name = "political_backing"
    params_model = BaseModel

    def adjust(self, quantity, value, situation, params):
        return value

    def limit(self, situation, params):
        return None


@hookimpl
def simulation_rules():
    return [Backing()]
"""


def test_plugins_list_shows_a_simulation_rule_refused_for_its_name(monkeypatch, tmp_path, transitions):
    install_fake_plugin(monkeypatch, tmp_path, "backing", "transitions_test_backing", TAKES_A_BUILTIN_RULE)

    listed = transitions("plugins", "list")

    assert listed.exit_code == 0, listed.output
    assert (
        "↳ La règle « political_backing » du plugin backing est ignorée : transitions_core la fournit déjà ; "
        'renommez-la, ou donnez-lui l\'attribut replaces = ("political_backing",) pour remplacer celle de '
        "transitions_core."
    ) in listed.stdout
