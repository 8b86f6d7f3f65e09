"""A `postgresql://user:password@host:port/base` address, read into eventsourcing and psycopg settings."""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

from transitions_core.errors import StoreError

DEFAULT_PORT = 5432
#: Seconds to wait for the server before saying it cannot be reached.
CONNECT_TIMEOUT = 10
#: Seconds an append waits for another writer's table lock before giving up.
LOCK_TIMEOUT = 30


@dataclass(frozen=True)
class PostgresAddress:
    """Where a PostgreSQL store is: server, base and role (the password is never printed)."""

    host: str
    port: int
    dbname: str
    user: str
    password: str = ""

    def describe(self) -> str:
        """The address without its password."""
        return f"postgresql://{self.user}@{self.host}:{self.port}/{self.dbname}"

    def env(self) -> dict[str, str]:
        """The settings of eventsourcing's PostgreSQL persistence."""
        return {
            "PERSISTENCE_MODULE": "eventsourcing.postgres",
            "POSTGRES_DBNAME": self.dbname,
            "POSTGRES_HOST": self.host,
            "POSTGRES_PORT": str(self.port),
            "POSTGRES_USER": self.user,
            "POSTGRES_PASSWORD": self.password,
            "POSTGRES_CONNECT_TIMEOUT": str(CONNECT_TIMEOUT),
            "POSTGRES_LOCK_TIMEOUT": str(LOCK_TIMEOUT),
            # One command, one thread: the library's default pool of five connections is wasted.
            "POSTGRES_POOL_SIZE": "1",
            "POSTGRES_MAX_OVERFLOW": "1",
        }

    def conninfo(self) -> str:
        """The libpq connection string of the same base, for psycopg."""
        from psycopg.conninfo import make_conninfo

        return make_conninfo(
            host=self.host,
            port=self.port,
            dbname=self.dbname,
            user=self.user,
            password=self.password,
            connect_timeout=CONNECT_TIMEOUT,
        )


def parse_postgres_url(url: str) -> PostgresAddress:
    """Read `postgresql://user[:password]@host[:port]/base`; libpq's PG* variables fill the gaps."""
    parts = urlsplit(url)
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    userinfo, _, hostport = parts.netloc.rpartition("@")
    user, _, password = userinfo.partition(":")
    host, port_text = _split_host(hostport)
    dbname = unquote(parts.path.lstrip("/"))
    if not dbname:
        raise StoreError(
            f"L'adresse {url} ne nomme pas de base : écrivez postgresql://utilisateur@hôte:port/base."
        )
    port_text = port_text or query.get("port") or os.environ.get("PGPORT") or str(DEFAULT_PORT)
    if not port_text.isdigit():
        raise StoreError(f"Le port « {port_text} » de l'adresse PostgreSQL n'est pas un nombre.")
    return PostgresAddress(
        host=unquote(host) or query.get("host") or os.environ.get("PGHOST") or "localhost",
        port=int(port_text),
        dbname=dbname,
        user=unquote(user) or query.get("user") or os.environ.get("PGUSER") or _login(),
        password=unquote(password) or query.get("password") or os.environ.get("PGPASSWORD", ""),
    )


def _split_host(hostport: str) -> tuple[str, str]:
    if hostport.startswith("["):  # an IPv6 address: [::1]:5432
        host, _, rest = hostport[1:].partition("]")
        return host, rest.removeprefix(":")
    host, colon, port = hostport.rpartition(":")
    return (host, port) if colon else (hostport, "")


def _login() -> str:
    """The system user's name, as libpq defaults to it (getpass is imported only when it is needed)."""
    import getpass

    return getpass.getuser()
