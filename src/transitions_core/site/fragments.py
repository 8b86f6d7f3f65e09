"""Narrative text as HTML fragments: Markdown through markdown-it, plain text as paragraphs, HTML's body."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from markupsafe import Markup, escape

_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.S | re.I)


@lru_cache(maxsize=1)
def _parser() -> Any:
    from markdown_it import MarkdownIt

    # Raw HTML in a narrative is shown as text: the templates already write `<` as `&lt;`.
    return MarkdownIt("commonmark", {"html": False})


def markdown_html(text: str, shift: int = 2) -> Markup:
    """Markdown as HTML, its headings moved `shift` levels down (a `#` under the page's `h2` becomes `h3`)."""
    parser = _parser()
    tokens = parser.parse(text)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1]) + shift)}"
    return Markup(parser.renderer.render(tokens, parser.options, {}))


def plain_html(text: str) -> Markup:
    """Plain text as paragraphs, its line breaks kept."""
    blocks = [block for block in re.split(r"\n\s*\n", text.strip()) if block.strip()]
    return Markup("\n").join(
        Markup("<p>{}</p>").format(Markup("<br>\n").join(escape(line) for line in block.splitlines()))
        for block in blocks
    )


def html_body(page: str) -> Markup:
    """The content of a whole HTML page's body (a standalone page becomes a part of the site's)."""
    found = _BODY.search(page)
    return Markup(found[1] if found else page)


def as_html(text: str, media_type: str, shift: int = 2) -> Markup:
    """A narrative's text, whatever its media type, as an HTML fragment."""
    if media_type == "text/markdown":
        return markdown_html(text, shift)
    if media_type == "text/html":
        return html_body(text)
    return plain_html(text)


_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def visible_text(html: str) -> str:
    """What a reader sees of an HTML fragment, on one line: tags out, entities decoded, spaces plain."""
    import html as html_module

    return _SPACE.sub(" ", html_module.unescape(_TAG.sub(" ", html))).strip()
