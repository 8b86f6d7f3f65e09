"""What docs/plugins.md promises and no other test checks: its examples import only from the plugin API,
the postcard renderer works as shown, templates read records and mappings alike, Python filters get the
real objects, and the limits and the failure memory behave as documented."""

from __future__ import annotations

import ast
import re
from datetime import date
from pathlib import Path

import pytest

from transitions_core.domain.dates import PartialDate
from transitions_core.narrative.views import TerritoryView
from transitions_core.plugin_api import Format, Subject, hookimpl, render
from transitions_core.plugin_failures import recorded_failures, remember
from transitions_core.plugins import PluginInfo, load_host

DOCS = Path(__file__).resolve().parents[2] / "docs" / "plugins.md"
BLOCKS = re.findall(r"```python\n(.*?)```", DOCS.read_text(encoding="utf-8"), flags=re.DOTALL)


def code_blocks() -> list[str]:
    """The Python examples of docs/plugins.md that are code (the hook signatures are not)."""
    return [block for block in BLOCKS if not block.lstrip().startswith("def ") or "\n\n" in block.strip()]


def test_the_docs_examples_import_transitions_core_only_from_the_plugin_api():
    imported = []
    for block in code_blocks():
        for node in ast.walk(ast.parse(block)):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("transitions_core"):
                imported.append(node.module)
            elif isinstance(node, ast.Import):
                imported += [alias.name for alias in node.names if alias.name.startswith("transitions_core")]

    assert len(code_blocks()) >= 5
    assert imported and set(imported) == {"transitions_core.plugin_api"}


def test_every_name_the_docs_import_from_the_plugin_api_exists():
    import transitions_core.plugin_api as api

    for block in code_blocks():
        for node in ast.walk(ast.parse(block)):
            if isinstance(node, ast.ImportFrom) and node.module == "transitions_core.plugin_api":
                for alias in node.names:
                    assert getattr(api, alias.name) is not None


def test_the_postcard_renderer_of_the_docs_renders_as_shown(register_plugin, sample_territory_view):
    block = next(b for b in code_blocks() if "def postcard" in b)
    namespace: dict[str, object] = {}
    exec(compile(block, "docs/plugins.md", "exec"), namespace)

    class Postcard:
        @hookimpl
        def register_formats(self, register):
            register(namespace["POSTCARD"])

    host = register_plugin("postcard", Postcard())

    assert (
        render(host, "postcard", sample_territory_view, Subject.TERRITORY)
        == "Bons baisers des Aubiers\u202f!"
    )


class Probe:
    """A format whose template is given, and a filter that says what it receives."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @hookimpl
    def register_formats(self, register):
        register(
            Format(name="probe", description="Sonde.", subjects=(Subject.TERRITORY,), media_type="text/plain")
        )

    @hookimpl
    def template_dirs(self):
        return [self.folder]

    @hookimpl
    def template_filters(self):
        return {"probe_kind": lambda value: type(value).__name__, "probe_same": lambda value: value}


def probe(register_plugin, tmp_path, template: str, view) -> str:
    (tmp_path / "probe").mkdir(exist_ok=True)
    (tmp_path / "probe" / "territory.fr.txt.j2").write_text(template, encoding="utf-8")
    return render(register_plugin("probe", Probe(tmp_path)), "probe", view, Subject.TERRITORY)


def test_templates_read_records_and_mappings_both_ways(register_plugin, tmp_path, sample_territory_view):
    viewpoint = next(e for e in sample_territory_view.entries if e.type == "viewpoint_recorded")
    template = (
        "{% set ally = territory.pilot.allies[0] %}{{ ally.name }}|{{ ally['name'] }}|"
        "{% set fact = territory.entries|selectattr('type', 'equalto', 'viewpoint_recorded')|first %}"
        "{{ fact.facts.speakers[0].name }}|{{ fact['facts']['speakers'][0]['name'] }}"
    )

    assert probe(register_plugin, tmp_path, template, sample_territory_view) == (
        f"Camille Imaginaire|Camille Imaginaire|{viewpoint.facts['speakers'][0]['name']}|"
        f"{viewpoint.facts['speakers'][0]['name']}"
    )


def test_python_filters_get_the_real_objects_and_their_results_are_data(
    register_plugin, tmp_path, sample_territory_view
):
    template = (
        "{{ territory|probe_kind }} {{ territory.entries[0].occurred|probe_kind }} "
        "{{ territory.entries[0].facts|probe_kind }} {{ (territory|probe_same).territory.name }} "
        "{{ territory|probe_same|probe_kind }}"
    )

    assert isinstance(sample_territory_view, TerritoryView)
    assert isinstance(sample_territory_view.entries[0].occurred, PartialDate)
    assert probe(register_plugin, tmp_path, template, sample_territory_view) == (
        "TerritoryView PartialDate dict Les Aubiers TerritoryView"
    )


def test_a_partial_date_shows_its_documented_fields_to_templates(
    register_plugin, tmp_path, sample_territory_view
):
    template = (
        "{% set d = (territory.entries|selectattr('type', 'equalto', 'accompaniment_days_spent')|first).occurred %}"
        "{{ d.edtf }} {{ d.precision }} {{ d.earliest }} {{ d.latest }} {{ d.season }} {{ d.is_unknown }} "
        "{{ d.start.edtf }} {{ d.end.edtf }} {{ d|date_words }}"
    )

    assert probe(register_plugin, tmp_path, template, sample_territory_view) == (
        "2027-02/2027-04 interval 2027-02-01 2027-04-30 None False 2027-02 2027-04 entre février et avril 2027"
    )


def test_the_size_limit_comes_from_the_environment(monkeypatch, sample_territory_view):
    from transitions_core.narrative.template_errors import TemplateProblem

    monkeypatch.setenv("TRANSITIONS_RENDER_MAX_CHARS", "100")

    with pytest.raises(
        TemplateProblem, match=r"au-delà de la limite de 100 \(TRANSITIONS_RENDER_MAX_CHARS\)"
    ):
        render(load_host(), "fiche", sample_territory_view, Subject.TERRITORY)


def test_a_bad_limit_is_one_clear_sentence(monkeypatch, sample_territory_view):
    from transitions_core.errors import TransitionsError

    monkeypatch.setenv("TRANSITIONS_RENDER_SECONDS", "soixante")

    with pytest.raises(TransitionsError, match="s'écrivent en nombres"):
        render(load_host(), "fiche", sample_territory_view, Subject.TERRITORY)


def test_the_built_in_plugins_give_no_clash_and_replace_nothing():
    host = load_host()

    assert not host.clashes and not host.format_notes
    assert all(not info.refused and not info.replaces for info in host.plugins.values() if info.builtin)


def test_a_remembered_failure_is_forgotten_when_the_plugin_changes_version():
    old = PluginInfo(name="haiku", module="transitions_haiku", version="1.0")
    remember(old, "haiku", "RuntimeError: boom")

    assert recorded_failures({"haiku": old}) == {"haiku": "« haiku » a échoué : RuntimeError: boom"}
    assert (
        recorded_failures({"haiku": PluginInfo(name="haiku", module="transitions_haiku", version="1.1")})
        == {}
    )


def test_the_sample_as_of_accepts_a_date_or_its_iso_text():
    from transitions_core.plugin_api import sample_territory_view

    assert sample_territory_view(as_of="2027-01-31") == sample_territory_view(as_of=date(2027, 1, 31))
