"""Writing pages: each is rendered in the site's layout, written at once, indexed for search and the sitemap.

Links are relative from each page (the site works from a folder), or absolute under `--base-url`.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup

from transitions_core.site.fragments import visible_text
from transitions_core.site.search import SearchIndex
from transitions_core.site.templates import render

_MAIN = ("<main", "</main>")


@dataclass
class Layout:
    """What every page shares: the words, the banner, the stamp, the cut-off date."""

    words: dict[str, Any]
    lang: str
    internal: bool
    stamp: str | None
    as_of: str | None
    base_url: str | None


@dataclass
class SiteWriter:
    """Renders and writes pages under `root`; remembers only their addresses (for the sitemap)."""

    root: Path
    environment: Any
    layout: Layout
    index: SearchIndex
    addresses: list[str] = field(default_factory=list)

    def href(self, here: str, target: str) -> str:
        """The link from the page at `here` to `target` (both from the site's root; `#…` kept)."""
        path, hash_, anchor = target.partition("#")
        if self.layout.base_url:
            link = self.layout.base_url.rstrip("/") + "/" + path
        else:
            link = posixpath.relpath(path, posixpath.dirname(here) or ".") if path else ""
        return link + hash_ + anchor

    def links(self, here: str, targets: dict[str, str]) -> dict[str, str]:
        """`href` for several targets at once, by name."""
        return {name: self.href(here, target) for name, target in targets.items()}

    def page(
        self,
        path: str,
        template: str,
        title: str,
        nav: Sequence[tuple[str, str]],
        context: dict[str, Any],
        searchable: bool = True,
        listed: bool = True,
    ) -> None:
        """Render one page (its template extends the site's layout), write it, index it."""
        words = self.layout.words
        site_nav = [
            {"label": label, "href": self.href(path, target), "current": target == path}
            for label, target in nav
        ]
        html = render(
            self.environment,
            template,
            w=words,
            lang=self.layout.lang,
            title=title,
            site_title=context.pop("site_title", words["site"]),
            nav=site_nav,
            internal=self.layout.internal,
            stamp=self.layout.stamp,
            as_of=self.layout.as_of,
            assets=self.links(
                path, {"css": "assets/site.css", "js": "assets/site.js", "search": "recherche.html"}
            ),
            home=self.href(path, context.pop("home", "index.html")),
            canonical=self.href(path, path) if self.layout.base_url else None,
            **context,
        )
        self.write(path, html)
        if listed:
            self.addresses.append(path)
        if searchable:
            start, end = html.find(_MAIN[0]), html.rfind(_MAIN[1])
            self.index.add(path, title, visible_text(html[start:end]) if start >= 0 else visible_text(html))

    def write(self, path: str, text: str) -> None:
        """Write a file of the site (a page, a style sheet, data)."""
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")

    def sitemap(self) -> None:
        """`sitemap.xml`: every listed page, with absolute addresses under --base-url, else relative ones."""
        lines = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
        ]
        for path in sorted(self.addresses):
            address = self.href("sitemap.xml", path)
            lines.append(f"  <url><loc>{Markup.escape(address)}</loc></url>")
        lines.append("</urlset>")
        self.write("sitemap.xml", "\n".join(lines) + "\n")
