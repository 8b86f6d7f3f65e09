"""The Occitanie and Breton sites in a real browser: the distribution's Chromium, driven by Playwright.

Every page loads from its folder (file://) with no console error and no failed request; every internal
link leads somewhere; Gruissan's timeline has one item per entry of its replay JSON; the search finds the
ressourcerie; axe-core finds no serious or critical violation; no page scrolls sideways at 375 px; the
keyboard reaches the content. Screenshots go to site-screenshots/ for a developer to look at.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT
from tests.site.conftest import run

REQUIRE_VAR = "TRANSITIONS_REQUIRE_BROWSER"
CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = ROOT / "site-screenshots"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium from the distribution; skipped without it, unless CI requires it."""
    missing = None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing = "Playwright is not installed (extra `browser`)"
    if missing is None and not Path(CHROMIUM).exists():
        missing = f"Chromium is not installed ({CHROMIUM}; apt-get install chromium)"
    if missing is not None:
        if os.environ.get(REQUIRE_VAR):
            pytest.fail(f"{missing}, and {REQUIRE_VAR}=1 requires it", pytrace=False)
        pytest.skip(f"{missing}: browser tests skipped")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


class Visit:
    """A page opened in the browser, with what went wrong while it loaded."""

    def __init__(self, browser: Any, width: int = 1280) -> None:
        self.page = browser.new_page(viewport={"width": width, "height": 900})
        self.problems: list[str] = []
        self.page.on(
            "console",
            lambda m: (
                self.problems.append(f"console {m.type}: {m.text}")
                if m.type in ("error", "warning")
                else None
            ),
        )
        self.page.on("pageerror", lambda e: self.problems.append(f"error: {e}"))
        self.page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url}"))

    def open(self, path: Path) -> Any:
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")
        return self.page


def every_page(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@pytest.mark.parametrize("which", ["occitanie_site", "bretagne_site"])
def test_every_page_loads_cleanly_and_every_internal_link_leads_somewhere(browser, request, which):
    site: Path = request.getfixturevalue(which)
    visit = Visit(browser)
    for path in every_page(site):
        page = visit.open(path)
        assert visit.problems == [], (path, visit.problems)
        links = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        for link in links:
            if not link.startswith("file://"):
                continue
            target, _, anchor = link.removeprefix("file://").partition("#")
            target = target.split("?")[0]
            assert Path(target).is_file(), (path, link)
            if anchor:
                html = Path(target).read_text(encoding="utf-8")
                assert f'id="{anchor}"' in html, (path, link)
    visit.page.close()


def test_gruissan_timeline_counts_the_replay_json_entries(browser, bundled_store, occitanie_site):
    replay = run(bundled_store, "replay", "gruissan", "--format", "json", "--audience", "public")
    entries = json.loads(replay.stdout)["entries"]
    visit = Visit(browser)
    page = visit.open(occitanie_site / "territoires/gruissan.html")
    assert page.locator("[data-timeline] .tl-item").count() == len(entries)
    # The filters work: leaving out the common core hides its items.
    common_core = page.locator('[data-timeline] .tl-item[data-stage="common_core"]').count()
    assert common_core > 0
    page.locator('input[data-filter="stage"][value="common_core"]').uncheck()
    assert page.locator("[data-timeline] .tl-item:visible").count() == len(entries) - common_core
    assert (
        page.locator("[data-count]").inner_text()
        == f"{len(entries) - common_core} faits affichés sur {len(entries)}"
    )
    visit.page.close()


def test_the_search_finds_the_ressourcerie_from_a_folder(browser, occitanie_site):
    visit = Visit(browser)
    page = visit.open(occitanie_site / "recherche.html")
    page.fill("#q", "ressourcerie")
    page.keyboard.press("Enter")
    results = page.locator("[data-search-results] a")
    results.first.wait_for()
    hrefs = results.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert "territoires/montpellier.html" in hrefs
    assert "pour « ressourcerie »" in page.locator("[data-search-status]").inner_text().replace(
        "\u202f", " "
    ).replace("\u00a0", " ")
    assert visit.problems == []
    visit.page.close()


@pytest.mark.parametrize("which", ["occitanie_site", "bretagne_site"])
def test_axe_finds_no_serious_or_critical_violation(browser, request, which):
    from axe_playwright_python.sync_playwright import Axe

    site: Path = request.getfixturevalue(which)
    axe = Axe()
    visit = Visit(browser)
    found = {}
    for path in every_page(site):
        visit.open(path)
        violations = axe.run(visit.page).response["violations"]
        serious = [
            f"{v['id']} ({v['impact']}): {v['help']}"
            for v in violations
            if v["impact"] in ("serious", "critical")
        ]
        if serious:
            found[path.relative_to(site).as_posix()] = serious
    assert found == {}
    visit.page.close()


def test_pages_fit_375_pixels_and_screenshots_are_taken(browser, occitanie_site):
    if SCREENSHOTS.exists():
        shutil.rmtree(SCREENSHOTS)
    SCREENSHOTS.mkdir()
    wide = {}
    for width in (1280, 375):
        visit = Visit(browser, width)
        for path in every_page(occitanie_site):
            page = visit.open(path)
            overflow = page.evaluate("document.documentElement.scrollWidth")
            if overflow > width:
                wide[(path.name, width)] = overflow
        for name in ("index.html", "territoires/gruissan.html", "chronologie.html"):
            page = visit.open(occitanie_site / name)
            shot = SCREENSHOTS / f"{name.replace('/', '-').removesuffix('.html')}-{width}.png"
            # The top of the page, at most 2,400 px: enough to judge, small enough to open.
            height = min(2400, page.evaluate("document.documentElement.scrollHeight"))
            visit.page.screenshot(
                path=str(shot), full_page=True, clip={"x": 0, "y": 0, "width": width, "height": height}
            )
        visit.page.close()
    assert wide == {}
    assert len(list(SCREENSHOTS.glob("*.png"))) == 6


def test_the_keyboard_reaches_the_content_first(browser, occitanie_site):
    visit = Visit(browser)
    page = visit.open(occitanie_site / "territoires/gruissan.html")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "A"
    visit.page.close()
