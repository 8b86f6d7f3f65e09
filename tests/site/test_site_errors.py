"""Bad requests get one French sentence, exit 1, and leave nothing behind; a leak stops the publication."""

from __future__ import annotations

from pathlib import Path

from tests.site.conftest import run


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".partiel" in p.name or ".ancien" in p.name)


def test_an_unknown_cohort(bundled_store, tmp_path):
    result = run(bundled_store, "site", "build", "occitanie-2042", "--output", str(tmp_path / "s"))
    assert result.exit_code == 1
    assert result.stderr.startswith("Erreur : Cohorte « occitanie-2042 » introuvable.")
    assert not (tmp_path / "s").exists() and not leftovers(tmp_path)


def test_an_output_that_is_a_file(bundled_store, tmp_path):
    target = tmp_path / "site.html"
    target.write_text("x", encoding="utf-8")
    result = run(bundled_store, "site", "build", "occitanie-2024", "--output", str(target))
    assert result.exit_code == 1
    assert "est un fichier" in result.stderr and result.stderr.count("\n") == 1
    assert target.read_text(encoding="utf-8") == "x" and not leftovers(tmp_path)


def test_an_output_inside_a_file(bundled_store, tmp_path):
    (tmp_path / "f").write_text("x", encoding="utf-8")
    result = run(bundled_store, "site", "build", "occitanie-2024", "--output", str(tmp_path / "f" / "site"))
    assert result.exit_code == 1
    assert "n'existe pas ou n'est pas un dossier" in result.stderr


def test_a_folder_that_is_not_empty_needs_force(bundled_store, tmp_path):
    target = tmp_path / "site"
    target.mkdir()
    (target / "notes.txt").write_text("à garder", encoding="utf-8")
    result = run(bundled_store, "site", "build", "occitanie-2024", "--output", str(target))
    assert result.exit_code == 1
    assert "n'est pas vide : ajoutez --force" in result.stderr
    assert [p.name for p in target.iterdir()] == ["notes.txt"]
    result = run(bundled_store, "site", "build", "occitanie-2024", "--output", str(target), "--force")
    assert result.exit_code == 0, result.output
    assert not (target / "notes.txt").exists() and (target / "index.html").is_file()
    assert not leftovers(tmp_path)


def test_a_name_written_by_an_override_stops_a_public_site(bundled_store, tmp_path):
    # An override that prints a person the history records (the poet of the Occitanie days) on the home page.
    overrides = tmp_path / "mes-modeles" / "site"
    overrides.mkdir(parents=True)
    (overrides / "home.html.j2").write_text(
        '{% extends "builtin/site/home.html.j2" %}{% block main %}{{ super() }}<!-- Mathieu Gabard -->{% endblock %}',
        encoding="utf-8",
    )
    target = tmp_path / "site"
    result = run(
        bundled_store,
        "site",
        "build",
        "occitanie-2024",
        "--output",
        str(target),
        "--narratives-dir",
        str(overrides.parent),
    )
    assert result.exit_code == 1, result.output
    assert "Le site public montrerait, dans index.html, le nom « Mathieu Gabard »" in result.stderr
    assert not target.exists() and not leftovers(tmp_path)
    internal = run(
        bundled_store,
        "site",
        "build",
        "occitanie-2024",
        "--output",
        str(target),
        "--narratives-dir",
        str(overrides.parent),
        "--audience",
        "internal",
    )
    assert internal.exit_code == 0, internal.output


def test_a_resource_from_elsewhere_stops_the_build(bundled_store, tmp_path):
    overrides = tmp_path / "mes-modeles" / "site"
    overrides.mkdir(parents=True)
    (overrides / "page.html.j2").write_text("", encoding="utf-8")
    (overrides / "base.html.j2").write_text(
        '{% extends "builtin/site/base.html.j2" %}{% block scripts %}'
        '<script src="https://cdn.example.org/x.js"></script>{% endblock %}',
        encoding="utf-8",
    )
    result = run(
        bundled_store,
        "site",
        "build",
        "occitanie-2024",
        "--output",
        str(tmp_path / "s"),
        "--narratives-dir",
        str(overrides.parent),
        "--audience",
        "internal",
    )
    assert result.exit_code == 1
    assert "une ressource venue d'ailleurs (https://cdn.example.org/x.js)" in result.stderr


def test_help_is_in_french_with_examples():
    from click.testing import CliRunner

    from transitions_core.cli.main import cli

    result = CliRunner().invoke(cli, ["site", "build", "--help"])
    assert "Construire le site" in result.output and "Exemples" in result.output
    assert "transitions site build occitanie-2024 --output site/" in result.output


def test_the_leak_check_reads_big_files_by_blocks_and_misses_nothing_where_they_meet(tmp_path, monkeypatch):
    from transitions_core.site import leaks

    monkeypatch.setattr(leaks, "BLOCK", 64)
    check = leaks.LeakCheck(["Jeanne Exemple"], [leaks.normalise("Un différend entre deux associations")])
    for offset in range(0, 80, 7):
        page = tmp_path / f"p{offset}.html"
        page.write_text(
            "x" * offset + "<p>Jeanne Exemple</p>" + "y" * 100 + "un  différend entre deux associations.",
            encoding="utf-8",
        )
        assert check.check_file(page) == [
            "le nom « Jeanne Exemple »",
            "le texte confidentiel « un différend entre deux associations »",
        ], offset
    clean = tmp_path / "clean.html"
    clean.write_text("Jeanne Exemplaire " * 20, encoding="utf-8")
    assert check.check_file(clean) == []


def test_a_place_we_cannot_write(bundled_store, tmp_path, monkeypatch):
    # The tests run as root, who may write anywhere: the refusal is simulated where it is decided.
    from transitions_core.site import output

    monkeypatch.setattr(output.os, "access", lambda path, mode: False)
    result = run(bundled_store, "site", "build", "occitanie-2024", "--output", str(tmp_path / "s"))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Erreur : Impossible d'écrire dans « {tmp_path / 's'} » : choisissez un dossier où vous avez "
        "le droit d'écrire.\n"
    )
    assert not (tmp_path / "s").exists() and not leftovers(tmp_path)
