"""The site's full-text search: an index written page by page as a script, and searched in the browser.

Pagefind installs and runs here, but its runtime loads its index with `import()` and `fetch()`, which
browsers refuse on `file://` (measured with Chromium: "blocked by CORS policy"). A site sent as a
folder must search offline too, so the index is a plain script any page can load, and `search.js`
searches it: accents and case folded, every word of the query required.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import TracebackType
from typing import IO

INDEX_NAME = "search-index.js"
VARIABLE = "TRANSITIONS_SEARCH"


class SearchIndex:
    """Pages' titles and texts, appended to the index file as they are written (nothing kept in memory)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.count = 0
        self._file: IO[str] = path.open("w", encoding="utf-8", newline="\n")
        self._file.write(f"window.{VARIABLE} = [\n")

    def add(self, url: str, title: str, text: str) -> None:
        """Index one page: its address from the site's root, its title and what a reader sees of it."""
        record = json.dumps({"u": url, "t": title, "x": text}, ensure_ascii=False, separators=(",", ":"))
        self._file.write(("," if self.count else "") + record + "\n")
        self.count += 1

    def close(self) -> None:
        """End the script."""
        self._file.write("];\n")
        self._file.close()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if not self._file.closed:
            self.close()
