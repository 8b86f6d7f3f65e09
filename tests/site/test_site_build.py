"""`transitions site build`: the pages a cohort's site holds, the same bytes on every build, links that work
from a folder, a search index that finds Montpellier's ressourcerie, French errors that write nothing."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.site.conftest import run

TERRITORIES = (
    "barre-des-cevennes",
    "canohes",
    "frontonnais",
    "gruissan",
    "le-vigan",
    "montpellier",
    "saint-hilaire-de-brethmas",
    "sicoval",
)


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_the_occitanie_site_has_every_page(occitanie_site):
    expected = {
        "index.html",
        "chronologie.html",
        "chiffres.html",
        "sources.html",
        "rapport.html",
        "recherche.html",
        "404.html",
        *(f"territoires/{t}.html" for t in TERRITORIES),
        *(f"journees/{d}.html" for d in ("2024-05-07", "2024-06-24", "2025-01-21")),
    }
    assert {p.relative_to(occitanie_site).as_posix() for p in pages(occitanie_site)} == expected
    assert (occitanie_site / "sitemap.xml").is_file()
    assert (occitanie_site / "search-index.js").is_file()
    assert not list(occitanie_site.rglob("*.json"))  # the replay JSON grows as territories squared


def test_every_page_has_a_language_a_title_landmarks_and_one_main_heading(occitanie_site):
    for page in pages(occitanie_site):
        html = page.read_text(encoding="utf-8")
        assert html.startswith('<!DOCTYPE html>\n<html lang="fr">'), page
        title = re.search(r"<title>(.+?)</title>", html)
        assert title and title[1].strip(), page
        for landmark in ("<header", "<nav", "<main", "<footer"):
            assert landmark in html, (page, landmark)
        assert len(re.findall(r"<h1[ >]", html)) == 1, page


def test_links_are_relative_and_lead_to_files_of_the_site(occitanie_site):
    for page in pages(occitanie_site):
        html = page.read_text(encoding="utf-8")
        for link in re.findall(r'(?:href|src)="([^"]+)"', html):
            if link.startswith(("#", "https://", "http://")):
                continue
            assert not link.startswith("/"), (page, link)
            target = (page.parent / link.split("#")[0].split("?")[0]).resolve()
            assert target.is_file(), (page, link)


def test_two_builds_are_byte_identical_and_a_stamp_dates_the_footer(bundled_store, tmp_path, occitanie_site):
    again = tmp_path / "again"
    assert run(bundled_store, "site", "build", "occitanie-2024", "--output", str(again)).exit_code == 0
    assert tree(again) == tree(occitanie_site)
    stamped = tmp_path / "stamped"
    assert (
        run(bundled_store, "site", "build", "occitanie-2024", "--output", str(stamped), "--stamp").exit_code
        == 0
    )
    assert "Publié le " in (stamped / "index.html").read_text(encoding="utf-8")
    assert "Publié le " not in (occitanie_site / "index.html").read_text(encoding="utf-8")


def test_a_base_url_makes_links_and_the_sitemap_absolute(bundled_store, tmp_path):
    output = tmp_path / "absolute"
    base = "https://exemple.org/cohorte/"
    result = run(
        bundled_store, "site", "build", "occitanie-2024", "--output", str(output), "--base-url", base
    )
    assert result.exit_code == 0, result.output
    html = (output / "territoires/gruissan.html").read_text(encoding="utf-8")
    assert f'href="{base}assets/site.css"' in html
    assert f'<link rel="canonical" href="{base}territoires/gruissan.html">' in html
    assert f"<loc>{base}territoires/gruissan.html</loc>" in (output / "sitemap.xml").read_text(
        encoding="utf-8"
    )


def test_the_search_index_finds_the_ressourcerie_on_the_montpellier_page(occitanie_site):
    script = (occitanie_site / "search-index.js").read_text(encoding="utf-8")
    records = json.loads(script.removeprefix("window.TRANSITIONS_SEARCH = ").rstrip().removesuffix(";"))
    found = [r["u"] for r in records if "ressourcerie" in r["x"].lower()]
    assert "territoires/montpellier.html" in found


def test_gruissan_timeline_has_one_item_per_entry_of_the_replay_json(bundled_store, occitanie_site):
    replay = run(bundled_store, "replay", "gruissan", "--format", "json", "--audience", "public")
    entries = json.loads(replay.stdout)["entries"]
    html = (occitanie_site / "territoires/gruissan.html").read_text(encoding="utf-8")
    assert len(re.findall(r'<li class="tl-item ', html)) == len(entries) == 37
    # Days are points, "2024/2025" is a wide uncertain span, July to September a span.
    assert html.count("tl-item tl-point") == sum(e["earliest"] == e["latest"] for e in entries)
    assert "tl-item tl-wide" in html and "tl-item tl-span" in html


def test_the_figures_are_svg_with_a_title_an_alt_text_and_a_table(occitanie_site):
    html = (occitanie_site / "chiffres.html").read_text(encoding="utf-8")
    figures = re.findall(r"<figure.*?</figure>", html, re.S)
    assert len(figures) >= 8
    for figure in figures:
        assert (
            '<svg role="img"' in figure and "<title " in figure and "<desc " in figure and "<table>" in figure
        )
    assert "territoires approchés" in html and ">19<" in html


def test_the_sources_page_lists_the_declared_report_and_the_cited_sources(occitanie_site):
    html = (occitanie_site / "sources.html").read_text(encoding="utf-8")
    assert "bilan de deux années" in html
    assert "Rapport, L&#39;accompagnement, Le tronc commun, Les webinaires" in html


def test_a_public_site_leaves_out_the_confidential_webinars(occitanie_site):
    text = "".join(p.read_text(encoding="utf-8") for p in occitanie_site.rglob("*") if p.is_file())
    assert "4 Fantastiques » répondent" not in text.replace("\u202f", " ").replace("\u00a0", " ")
    assert "raisons de confidentialité" not in text


def test_an_internal_site_says_so_on_every_page(bundled_store, tmp_path):
    output = tmp_path / "interne"
    result = run(
        bundled_store, "site", "build", "occitanie-2024", "--output", str(output), "--audience", "internal"
    )
    assert result.exit_code == 0, result.output
    for page in pages(output):
        assert 'class="banner"' in page.read_text(encoding="utf-8"), page
    assert "raisons de confidentialité" in (output / "chronologie.html").read_text(encoding="utf-8")


def test_an_english_site(bundled_store, tmp_path):
    output = tmp_path / "en"
    result = run(bundled_store, "site", "build", "occitanie-2024", "--output", str(output), "--lang", "en")
    assert result.exit_code == 0, result.output
    html = (output / "territoires/gruissan.html").read_text(encoding="utf-8")
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "Visual timeline" in html


def test_the_breton_example_shows_its_declined_territory(bretagne_site):
    names = {p.stem for p in (bretagne_site / "territoires").glob("*.html")}
    assert names == {"kerbrume", "lanvenec", "le-roz-vihan", "vilaine-brume"}


def test_two_cohorts_share_one_site_each_under_its_folder(bundled_store, tmp_path):
    output = tmp_path / "both"
    result = run(
        bundled_store, "site", "build", "occitanie-2024", "bretagne-imaginaire-2026", "--output", str(output)
    )
    assert result.exit_code == 0, result.output
    assert (output / "occitanie-2024/territoires/gruissan.html").is_file()
    assert (output / "bretagne-imaginaire-2026/territoires/lanvenec.html").is_file()
    home = (output / "index.html").read_text(encoding="utf-8")
    assert 'href="occitanie-2024/index.html"' in home and 'href="bretagne-imaginaire-2026/index.html"' in home


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
#: Elements whose end tag HTML lets a page leave out.
OPTIONAL_END = {"p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "option"}
#: SVG's own elements, written self-closing or not.
SVG = {"rect", "path", "circle", "line", "polyline"}


class Structure(HTMLParser):
    """Checks what a validator would: every element closed in order, no id given twice."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.ids: set[str] = set()
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id":
                if value in self.ids:
                    self.problems.append(f"id « {value} » twice")
                self.ids.add(value or "")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID and tag not in SVG:
            self.problems.append(f"<{tag} /> is not an HTML void element")

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack[-1] != tag and self.stack[-1] in OPTIONAL_END:
            self.stack.pop()
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else 'nothing'}>")
            return
        self.stack.pop()


@pytest.mark.parametrize("which", ["occitanie_site", "bretagne_site"])
def test_every_page_is_well_formed_with_unique_ids(request, which):
    site: Path = request.getfixturevalue(which)
    for page in pages(site):
        checker = Structure()
        checker.feed(page.read_text(encoding="utf-8"))
        checker.close()
        assert checker.problems == [] and checker.stack == [], (page, checker.problems[:3], checker.stack)


def test_as_of_keeps_only_what_had_certainly_happened(bundled_store, tmp_path):
    output = tmp_path / "juin"
    result = run(
        bundled_store, "site", "build", "occitanie-2024", "--output", str(output), "--as-of", "2024-06-30"
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.stem for p in (output / "journees").glob("*.html")) == ["2024-05-07", "2024-06-24"]
    assert "<p>État au 30 juin 2024\u202f: seuls les faits" in (output / "index.html").read_text(
        encoding="utf-8"
    )


def test_the_breton_home_says_which_territory_declined(bretagne_site):
    html = (bretagne_site / "index.html").read_text(encoding="utf-8")
    assert html.count("N&#39;a pas rejoint la cohorte.") == 1


def test_the_chronology_tells_every_entry_but_the_profiles(bundled_store, occitanie_site):
    from transitions_core.narrative.audience import Audience
    from transitions_core.narrative.build import cohort_view
    from transitions_core.store.locations import parse_store
    from transitions_core.store.opening import open_store
    from transitions_core.timeline.public import STRUCTURAL

    with open_store(parse_store(str(bundled_store))) as store:
        view = cohort_view(store.caught_up(), "occitanie-2024", audience=Audience.PUBLIC)
    told = [e for e in view.entries if e.type not in STRUCTURAL]
    html = (occitanie_site / "chronologie.html").read_text(encoding="utf-8")
    assert len(re.findall(r'<li class="tl-item ', html)) == len(told) == 224
    assert (
        "Fait de l&#39;étape" not in html
        and "Fait de l&#39;étape" not in (occitanie_site / "sources.html").read_text()
    )


def test_a_timeline_line_is_paired_with_the_entry_of_its_date():
    from transitions_core.domain.dates import PartialDate
    from transitions_core.site.timeline import sentences
    from transitions_core.timeline.view import TimelineEntry

    def entry(n: int, when: str) -> TimelineEntry:
        occurred = PartialDate(when)
        return TimelineEntry(
            position=n,
            entry=f"e{n}",
            type="webinar_held",
            scope="cohort",
            occurred=occurred,
            recorded="",
            facts={},
        )

    entries = [entry(1, "2024-05-07"), entry(2, "2024-06"), entry(3, "2024-06-24")]
    text = "Titre\n\n• 7 mai 2024 — un\n• 24 juin 2024 — trois\n"
    from transitions_core.text.french import date_short

    assert sentences(text, entries, date_short) == ["un", None, "trois"]
