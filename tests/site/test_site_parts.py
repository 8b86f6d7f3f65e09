"""Plugins on the site: a third-party format that narrates a territory gets its own section with no core
change, and the `site_parts` hook adds sections and pages; the timeline's stages follow the domain."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from transitions_core import hookimpl
from transitions_core.domain.dates import PartialDate
from transitions_core.narrative.audience import Audience
from transitions_core.narrative.formats import Format, Subject
from transitions_core.plugin_api import SitePage, SiteSection
from transitions_core.plugins import load_host
from transitions_core.site.build import SiteOptions, build_site
from transitions_core.site.stages import STAGE_OF, stage_of
from transitions_core.site.timeline import kind_of
from transitions_core.store.locations import parse_store
from transitions_core.store.opening import open_store


def haiku_plugin(templates: Path) -> Any:
    """A third-party plugin: a format narrating territories, a section on each territory page, and a page."""
    (templates / "haiku").mkdir(parents=True)
    (templates / "haiku" / "territory.fr.md.j2").write_text(
        "Matin {{ territory.territory|a }}\nle vent sur la lagune\n", encoding="utf-8"
    )
    (templates / "haiku_site").mkdir()
    (templates / "haiku_site" / "section.html.j2").write_text(
        "<p>Section du haïku pour {{ view.territory.name }}.</p>", encoding="utf-8"
    )
    (templates / "haiku_site" / "page.html.j2").write_text(
        "<p>{{ view.territories|length }} territoires en haïku.</p>", encoding="utf-8"
    )

    @hookimpl
    def register_formats(register: Callable[[Format], None]) -> None:
        register(Format(name="haiku", description="Un haïku : trois lignes.", subjects=(Subject.TERRITORY,)))

    @hookimpl
    def template_dirs() -> list[Path]:
        return [templates]

    @hookimpl
    def site_parts(register: Callable[[Any], None]) -> None:
        register(
            SiteSection(name="haiku-notes", title="Notes du haïku", template="haiku_site/section.html.j2")
        )
        register(SitePage(name="haikus", title="Tous les haïkus", template="haiku_site/page.html.j2"))
        register(SitePage(name="fiche", title="Un nom réservé", template="haiku_site/page.html.j2"))

    return SimpleNamespace(
        register_formats=register_formats, template_dirs=template_dirs, site_parts=site_parts
    )


def test_a_third_party_format_and_its_parts_appear_on_the_site(bundled_store, tmp_path):
    host = load_host(extra=[("haiku", haiku_plugin(tmp_path / "templates"))])
    output = tmp_path / "site"
    with open_store(parse_store(str(bundled_store))) as store:
        report = build_site(store.caught_up(), ["occitanie-2024"], SiteOptions(output=output), host)
    page = (output / "territoires/gruissan.html").read_text(encoding="utf-8")
    assert '<section class="narrative narrative-haiku" id="haiku"' in page
    assert '<h2 id="haiku-titre">Un haïku</h2>' in page
    assert "Matin à Gruissan" in page
    assert "Section du haïku pour Gruissan." in page
    assert "8 territoires en haïku." in (output / "pages/haikus.html").read_text(encoding="utf-8")
    assert 'href="../pages/haikus.html"' in page
    assert report.warnings == [
        "La partie du site « fiche » du plugin haiku est ignorée : transitions_core la fournit déjà ; "
        'renommez-la, ou déclarez replaces=("fiche",) pour remplacer celle de transitions_core.'
    ]


def test_a_plugin_format_without_the_site_language_is_left_out_and_said(bundled_store, tmp_path):
    host = load_host(extra=[("haiku", haiku_plugin(tmp_path / "templates"))])
    options = SiteOptions(output=tmp_path / "site", lang="en", audience=Audience.PUBLIC)
    with open_store(parse_store(str(bundled_store))) as store:
        report = build_site(store.caught_up(), ["occitanie-2024"], options, host)
    assert any(w.startswith("Le format « haiku » est laissé hors du site") for w in report.warnings)
    assert 'narrative-haiku"' not in (tmp_path / "site/territoires/gruissan.html").read_text(encoding="utf-8")


def test_stages_follow_the_domain_grouping_of_events():
    from transitions_core.domain.events import CATALOGUE

    outside = {"setup", "sources", "region", "records"}
    for event in CATALOGUE:
        module = event.__module__.rsplit(".", 1)[1]
        expected = "context" if module in outside else module
        assert stage_of(event.type_name()) == expected, event.type_name()
    assert set(STAGE_OF.values()) <= {
        "recruitment",
        "common_core",
        "diagnostic",
        "pilot",
        "evaluation",
        "storytelling",
    }


def test_partial_dates_are_points_spans_wide_spans_or_unknown():
    assert kind_of(PartialDate("2024-05-07")) == "point"
    assert kind_of(PartialDate("2024-09")) == "span"
    assert kind_of(PartialDate("2024-07/2024-09")) == "span"
    assert kind_of(PartialDate("2025-23")) == "span"  # autumn 2025
    assert kind_of(PartialDate("2024/2025")) == "wide"
    assert kind_of(PartialDate("2024")) == "wide"
    assert kind_of(PartialDate("XXXX")) == "unknown"


def test_serve_answers_on_the_loopback_only_with_the_site_404(occitanie_site):
    import threading
    import urllib.error
    import urllib.request

    from transitions_core.site.serve import make_server

    server = make_server(occitanie_site, 0)
    assert server.server_address[0] == "127.0.0.1"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        with urllib.request.urlopen(base + "territoires/gruissan.html", timeout=5) as answer:
            assert b"Gruissan" in answer.read()
        try:
            urllib.request.urlopen(base + "nulle-part.html", timeout=5)
        except urllib.error.HTTPError as error:
            assert error.code == 404 and "Page introuvable" in error.read().decode()
        else:
            raise AssertionError("a missing page must answer 404")
    finally:
        server.shutdown()
        server.server_close()
