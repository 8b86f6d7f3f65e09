"""Per-format renderers, media types, and what the command line says of a failing or broken plugin."""

from __future__ import annotations

import json

from tests.plugins.fakes import (
    FAILS_WHEN_FUSED,
    MEDIA,
    RAISES_ON_IMPORT,
    TWO_FORMATS_THEN_BROKEN,
    install_fake_plugin,
)
from transitions_core.plugins import load_host


def plugin_line(output: str, name: str) -> str:
    return next(line for line in output.splitlines() if line.startswith(f"{name} "))


def test_a_plugin_that_raised_while_rendering_shows_failing_until_it_renders_again(
    monkeypatch, tmp_path, transitions
):
    install_fake_plugin(monkeypatch, tmp_path, "fused", "transitions_test_fused", FAILS_WHEN_FUSED)

    failed = transitions("replay", "les-aubiers", "--format", "fused", env={"FUSE": "1"})
    listed = transitions("plugins", "list")
    as_json = {p["name"]: p for p in json.loads(transitions("plugins", "list", "--json").output)}
    fiche = transitions("replay", "les-aubiers", "--format", "fiche")
    rendered = transitions("replay", "les-aubiers", "--format", "fused")
    relisted = transitions("plugins", "list")

    assert failed.exit_code == 1
    assert (
        "Le plugin fused a échoué en produisant « fused » : RuntimeError: the fuse was lit" in failed.stderr
    )
    assert plugin_line(listed.stdout, "fused").endswith(
        "EN ÉCHEC : « fused » a échoué : RuntimeError: the fuse was lit"
    )
    assert as_json["fused"]["status"] == "failing"
    assert fiche.exit_code == 0  # the other formats never noticed
    assert rendered.exit_code == 0 and rendered.stdout == "calme"
    assert plugin_line(relisted.stdout, "fused").endswith("ok")


def test_in_one_process_the_host_marks_the_plugin_that_raised(monkeypatch, tmp_path, sample_territory_view):
    import pytest

    from transitions_core.narrative.formats import Subject
    from transitions_core.narrative.render import render
    from transitions_core.plugins import PluginError

    install_fake_plugin(monkeypatch, tmp_path, "fused", "transitions_test_fused2", FAILS_WHEN_FUSED)
    monkeypatch.setenv("FUSE", "1")
    host = load_host()

    with pytest.raises(PluginError):
        render(host, "fused", sample_territory_view, Subject.TERRITORY)

    assert host.plugins["fused"].status == "failing"
    assert host.plugins["fused"].error == "« fused » a échoué : RuntimeError: the fuse was lit"


def test_every_format_of_a_broken_plugin_is_reported_as_its_own(monkeypatch, tmp_path, transitions):
    install_fake_plugin(
        monkeypatch, tmp_path, "chronicler", "transitions_test_chronicler", TWO_FORMATS_THEN_BROKEN
    )

    first = transitions("replay", "les-aubiers", "--format", "haiku2")
    second = transitions("replay", "les-aubiers", "--format", "chronique")

    for result, name in ((first, "haiku2"), (second, "chronique")):
        assert result.exit_code == 1
        assert (
            f"Erreur : Le format « {name} » vient du plugin chronicler, qui est cassé : "
            "LookupError: the chronicle's dictionary is missing"
        ) in result.stderr
        assert "inconnu" not in result.stderr


def test_a_format_of_a_plugin_that_could_not_even_load_names_it(monkeypatch, tmp_path, transitions):
    install_fake_plugin(monkeypatch, tmp_path, "haiku", "transitions_test_unloadable", RAISES_ON_IMPORT)

    result = transitions("replay", "les-aubiers", "--format", "chronique")

    assert result.exit_code == 1
    assert "Format « chronique » inconnu. Le plugin haiku, cassé (ImportError: " in result.stderr
    assert "le fournit peut-être : voir `transitions plugins list`. Formats disponibles : " in result.stderr


def media_plugin(monkeypatch, tmp_path):
    install_fake_plugin(monkeypatch, tmp_path, "media", "transitions_test_media", MEDIA)
    folder = tmp_path / "media-templates"
    (folder / "dossier-presse").mkdir(parents=True)
    (folder / "agenda").mkdir()
    (folder / "dossier-presse" / "territory.fr.csv.j2").write_text(
        'nom;projet\n{{ territory.territory.name }};"{{ (territory.pilot.title if territory.pilot else "aucun : <rien>")|replace(\'"\', \'""\') }}"\n',
        encoding="utf-8",
    )
    (folder / "agenda" / "territory.fr.ics.j2").write_text(
        "BEGIN:VCALENDAR\nX-NOM:{{ territory.territory.name }} : agenda\nEND:VCALENDAR\n", encoding="utf-8"
    )


def test_csv_has_its_own_template_extension_and_no_french_typography(monkeypatch, tmp_path, transitions):
    media_plugin(monkeypatch, tmp_path)

    result = transitions("replay", "les-aubiers", "--format", "dossier-presse", "--audience", "internal")

    assert result.exit_code == 0, result.output
    assert result.stdout == 'nom;projet\nLes Aubiers;"aucun : <rien>"\n'  # no narrow space, no &lt;


def test_another_media_type_is_declared_with_its_extension(monkeypatch, tmp_path, transitions):
    media_plugin(monkeypatch, tmp_path)

    result = transitions("replay", "les-aubiers", "--format", "agenda", "--audience", "internal")
    formats = transitions("formats")

    assert result.exit_code == 0, result.output
    assert result.stdout == "BEGIN:VCALENDAR\nX-NOM:Les Aubiers : agenda\nEND:VCALENDAR\n"
    assert any(
        line.split()[:3] == ["agenda", "territory", "text/calendar"] for line in formats.stdout.splitlines()
    )


def test_an_unknown_media_type_is_refused_at_registration_and_the_rest_works(
    monkeypatch, tmp_path, transitions
):
    media_plugin(monkeypatch, tmp_path)

    host = load_host()
    formats = transitions("formats")
    listed = transitions("plugins", "list")

    assert "rtf" not in host.formats and "dossier-presse" in host.formats
    assert host.plugins["media"].status == "ok"
    message = (
        "Plugin media : le type « application/rtf » du format « rtf » est inconnu ; types connus : text/plain, "
        "text/markdown, text/html, application/json, text/csv ; pour un autre type, écrivez-le type/sous-type "
        'et donnez l\'extension de ses modèles (extension="ics").'
    )
    assert host.plugins["media"].refused == [message]
    assert message in formats.stderr
    assert message in listed.stdout


ENDLESS = """
from transitions_core.plugin_api import Format, Subject, hookimpl


def forever(view, options):
    while True:
        pass


@hookimpl
def register_formats(register):
    register(Format(name="endless", description="Never ends.", subjects=(Subject.TERRITORY,), renderer=forever))
"""


def test_a_python_renderer_that_never_ends_is_stopped_by_the_alarm(monkeypatch, tmp_path, transitions):
    import time

    install_fake_plugin(monkeypatch, tmp_path, "endless", "transitions_test_endless", ENDLESS)
    begin = time.monotonic()

    result = transitions(
        "replay", "les-aubiers", "--format", "endless", env={"TRANSITIONS_RENDER_SECONDS": "1"}
    )

    assert time.monotonic() - begin < 10
    assert result.exit_code == 1
    assert result.stderr == (
        "Erreur : Le plugin endless a été arrêté en produisant « endless » : le rendu a dépassé 1 seconde "
        "(boucle ou récursion sans fin ?) ; TRANSITIONS_RENDER_SECONDS relève la limite.\n"
    )
