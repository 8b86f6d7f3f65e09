"""A local preview of a built site, bound to 127.0.0.1: never reachable from another machine."""

from __future__ import annotations

import functools
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from transitions_core.errors import TransitionsError

HOST = "127.0.0.1"


class _Handler(SimpleHTTPRequestHandler):
    """Static files, the site's 404 page for what is missing, and no log line per request."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A missing page gets the site's own 404 page when it has one."""
        page = Path(self.directory) / "404.html"
        if code == 404 and page.is_file():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the terminal shows the address, not every request."""


def make_server(folder: Path, port: int) -> ThreadingHTTPServer:
    """A server for `folder` on 127.0.0.1:`port` (0: any free port), or a clear error."""
    if not (folder / "index.html").is_file():
        raise TransitionsError(
            f"« {folder} » n'a pas de index.html : construisez d'abord le site avec `transitions site build`."
        )
    handler = functools.partial(_Handler, directory=str(folder))
    try:
        return ThreadingHTTPServer((HOST, port), handler)
    except OSError as error:
        raise TransitionsError(
            f"Impossible d'écouter sur {HOST}:{port} : {error.strerror}. Essayez un autre --port."
        ) from None


def serve(folder: Path, port: int, announce: Callable[[str], None]) -> None:
    """Serve until interrupted."""
    server = make_server(folder, port)
    announce(f"http://{HOST}:{server.server_address[1]}/")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
