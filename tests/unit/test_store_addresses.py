"""Reading `--store` addresses: PostgreSQL URLs into the library's settings, never printing a password."""

from __future__ import annotations

import pytest

from transitions_core.errors import StoreError
from transitions_core.store.locations import parse_store


def test_a_postgresql_url_becomes_the_library_settings(monkeypatch):
    monkeypatch.delenv("PGPASSWORD", raising=False)
    location = parse_store("postgresql://coord:s%40cret@db.example:6543/histoire")
    env = location.env()
    assert env["PERSISTENCE_MODULE"] == "eventsourcing.postgres"
    assert (env["POSTGRES_HOST"], env["POSTGRES_PORT"], env["POSTGRES_DBNAME"]) == (
        "db.example",
        "6543",
        "histoire",
    )
    assert (env["POSTGRES_USER"], env["POSTGRES_PASSWORD"]) == ("coord", "s@cret")
    assert location.describe() == "PostgreSQL : postgresql://coord@db.example:6543/histoire"


def test_what_the_url_leaves_out_comes_from_libpq_variables(monkeypatch):
    monkeypatch.setenv("PGUSER", "equipe")
    monkeypatch.setenv("PGPASSWORD", "depuis-env")
    monkeypatch.delenv("PGPORT", raising=False)
    address = parse_store("postgres://serveur/base").postgres
    assert address is not None
    assert (address.user, address.password, address.host, address.port) == (
        "equipe",
        "depuis-env",
        "serveur",
        5432,
    )


def test_an_ipv6_host_keeps_its_port():
    address = parse_store("postgresql://u@[::1]:5433/b").postgres
    assert address is not None
    assert (address.host, address.port) == ("::1", 5433)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("postgresql://u@hote:5432/", "ne nomme pas de base"),
        ("postgresql://u@hote:cinq/b", "n'est pas un nombre"),
    ],
)
def test_an_incomplete_url_is_refused_clearly(url, message):
    with pytest.raises(StoreError, match=message):
        parse_store(url)
