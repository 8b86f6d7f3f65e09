"""A throwaway PostgreSQL server for the tests, started from the binaries installed on the machine."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

#: Set to 1 (CI does) to turn "PostgreSQL is not installed" from a skip into a failure.
REQUIRE_VAR = "TRANSITIONS_REQUIRE_POSTGRES"
#: Where to find initdb and pg_ctl, if not in the usual Debian place.
BIN_VAR = "TRANSITIONS_POSTGRES_BIN"
SUPERUSER = "postgres"


def find_binaries() -> Path | None:
    """The folder holding initdb and pg_ctl, or None if PostgreSQL is not installed."""
    if os.environ.get(BIN_VAR):  # only there: also how to see the skip on a machine that has PostgreSQL
        candidates = [Path(os.environ[BIN_VAR])]
    else:
        candidates = [Path("/usr/lib/postgresql/15/bin")]
        candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    return None


def required() -> bool:
    """Whether a missing PostgreSQL must fail the run rather than skip."""
    return os.environ.get(REQUIRE_VAR, "") not in ("", "0")


def free_port() -> int:
    """A localhost port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class PostgresServer:
    """A running server: trust authentication on localhost only, data in a temporary folder."""

    binaries: Path
    root: Path
    port: int

    @property
    def data(self) -> Path:
        return self.root / "data"

    def url(self, database: str) -> str:
        """The store address of a database on this server."""
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def _command(self, *args: str) -> list[str]:
        # initdb refuses to run as root: run the server as an unprivileged user then.
        prefix = ["runuser", "-u", "nobody", "--"] if os.geteuid() == 0 else []
        return [*prefix, *args]

    def start(self) -> None:
        """initdb, then start and wait until it accepts connections."""
        if os.geteuid() == 0:
            shutil.chown(self.root, "nobody")
        subprocess.run(
            self._command(
                str(self.binaries / "initdb"),
                "-D",
                str(self.data),
                "-U",
                SUPERUSER,
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C",
                "--no-sync",
            ),
            check=True,
            capture_output=True,
        )
        # Durability is the server's business, not the tests': the tests kill clients, never the server.
        options = (
            f"-c port={self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='{self.root}' "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        subprocess.run(
            self._command(
                str(self.binaries / "pg_ctl"),
                "-D",
                str(self.data),
                "-o",
                options,
                "-l",
                str(self.root / "server.log"),
                "-w",
                "-t",
                "60",
                "start",
            ),
            check=True,
            capture_output=True,
        )

    def stop(self) -> None:
        """Stop the server and remove its files."""
        subprocess.run(
            self._command(str(self.binaries / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"),
            check=False,
            capture_output=True,
        )
        shutil.rmtree(self.root, ignore_errors=True)

    def log_tail(self) -> str:
        """The end of the server's log, to explain a failure."""
        log = self.root / "server.log"
        return log.read_text(errors="replace")[-2000:] if log.exists() else ""


def start_server(binaries: Path) -> PostgresServer:
    """A fresh server on a free port (tried a few times, since the port may be taken meanwhile)."""
    last: subprocess.CalledProcessError | None = None
    for _ in range(3):
        root = Path(tempfile.mkdtemp(prefix="transitions-pg-"))
        root.chmod(0o755)
        server = PostgresServer(binaries, root, free_port())
        try:
            server.start()
        except subprocess.CalledProcessError as error:
            last = error
            server.stop()
            continue
        return server
    assert last is not None
    raise RuntimeError(f"PostgreSQL did not start: {last.stderr!r} {last.stdout!r}")
