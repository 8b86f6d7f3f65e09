"""Encryption at rest, on SQLite and PostgreSQL: nothing personal in clear, the right key or a clear refusal, rotation."""

from __future__ import annotations

import base64
import itertools
from pathlib import Path

import pytest

from tests.conftest import BACKENDS, EXAMPLE, OCCITANIE
from tests.e2e.test_cli import invoke
from tests.stores import backend, raw_log
from transitions_core.store.encryption import KEY_VAR, new_key

#: Said by a mayor, in the Occitanie history, and his name: neither may sit in clear in an encrypted store.
QUOTE = b"les citoyens attendent que je"
NAME = b"Jean-Louis Chambon"


def stored_bytes(address: str) -> bytes:
    """Everything the store keeps: the SQLite file and its companions, or every row of the base."""
    if backend(address) == "sqlite":
        return b"".join(
            path.read_bytes() for path in sorted(Path(address).parent.glob(f"{Path(address).name}*"))
        )
    import psycopg

    chunks: list[bytes] = []
    with psycopg.connect(address) as db:
        tables = db.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchall()
        assert len(tables) >= 5, tables
        for (table,) in tables:
            for row in db.execute(f'SELECT * FROM "{table}"'):
                chunks += [v if isinstance(v, bytes) else str(v).encode() for v in row]
    return b"\n".join(chunks)


@pytest.fixture
def key(monkeypatch) -> str:
    """A fresh key in TRANSITIONS_CIPHER_KEY."""
    value = new_key()
    monkeypatch.setenv(KEY_VAR, value)
    return value


@pytest.fixture
def encrypted(store_address, key) -> str:
    """A store of each backend holding the Occitanie history, encrypted."""
    result = invoke(store_address, "import", str(OCCITANIE))
    assert result.exit_code == 0, result.output
    assert invoke(store_address, "territories").exit_code == 0  # the read model is filled too
    return store_address


def test_a_plain_store_holds_quotes_and_names_in_clear(store_address):
    assert invoke(store_address, "import", str(OCCITANIE)).exit_code == 0
    assert invoke(store_address, "territories").exit_code == 0
    content = stored_bytes(store_address)
    assert QUOTE in content
    assert NAME in content


def test_an_encrypted_store_holds_no_quote_and_no_name_in_clear(encrypted):
    content = stored_bytes(encrypted)
    assert QUOTE not in content
    assert NAME not in content
    assert b"Gruissan" in content  # territory names stay in clear in the read model, as documented


def test_an_encrypted_store_replays_and_checks_with_its_key(encrypted, new_store_address, monkeypatch):
    plain = new_store_address("sqlite")
    with monkeypatch.context() as unkeyed:
        unkeyed.delenv(KEY_VAR)
        invoke(plain, "import", str(OCCITANIE))
        expected = invoke(plain, "replay", "canohes").output
    replay = invoke(encrypted, "replay", "canohes")
    assert replay.exit_code == 0, replay.output
    assert replay.output == expected
    assert "tienne mes promesses" in replay.output
    check = invoke(encrypted, "store", "check")
    assert check.exit_code == 0, check.output
    assert "Tous les événements se décodent." in check.output


def test_importing_again_into_an_encrypted_store_appends_nothing(encrypted):
    again = invoke(encrypted, "import", str(OCCITANIE))
    assert again.exit_code == 0, again.output
    assert "0 entrée ajoutée, 284 déjà présentes." in again.output


def test_a_wrong_key_is_refused_and_writes_nothing(encrypted, monkeypatch):
    before = stored_bytes(encrypted)
    wrong = new_key()
    monkeypatch.setenv(KEY_VAR, wrong)
    for args in (("replay", "canohes"), ("import", str(EXAMPLE)), ("store", "check")):
        result = invoke(encrypted, *args)
        assert result.exit_code == 1
        assert f"La clé de {KEY_VAR} ne déchiffre pas le stockage" in result.output
        assert "ce n'est pas sa clé" in result.output
        assert wrong not in result.output
        assert "Traceback" not in result.output
    assert stored_bytes(encrypted) == before


def test_a_missing_key_on_an_encrypted_store_is_refused(encrypted, monkeypatch):
    monkeypatch.delenv(KEY_VAR)
    result = invoke(encrypted, "import", str(EXAMPLE))
    assert result.exit_code == 1
    assert "est chiffré : mettez sa clé dans la variable TRANSITIONS_CIPHER_KEY" in result.output
    assert result.output.count("\n") == 1


def test_a_key_on_a_plain_store_is_refused(store_address, monkeypatch):
    assert invoke(store_address, "import", str(EXAMPLE)).exit_code == 0
    monkeypatch.setenv(KEY_VAR, new_key())
    result = invoke(store_address, "replay", "les-aubiers")
    assert result.exit_code == 1
    assert f"n'est pas chiffré, mais {KEY_VAR} est définie : retirez-la" in result.output


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("pas une clé !", "ne contient pas une clé valide (base64 attendu)"),
        (base64.b64encode(b"trop court").decode(), "fait 10 octets ; une clé AES en fait 16, 24 ou 32"),
    ],
    ids=["not-base64", "wrong-size"],
)
def test_a_malformed_key_is_refused_before_anything_is_opened(tmp_path, monkeypatch, value, message):
    monkeypatch.setenv(KEY_VAR, value)
    path = tmp_path / "store.sqlite"
    result = invoke(path, "import", str(EXAMPLE))
    assert result.exit_code == 1
    assert message in result.output
    assert "transitions store new-key" in result.output
    assert not path.exists()


def test_new_key_writes_a_fresh_aes_256_key():
    first, second = invoke(None, "store", "new-key"), invoke(None, "store", "new-key")
    assert first.exit_code == 0
    keys = [result.stdout.strip() for result in (first, second)]
    assert keys[0] != keys[1]
    assert all(len(base64.b64decode(k, validate=True)) == 32 for k in keys)
    assert "Gardez-la en lieu sûr" in first.stderr


DIRECTIONS = list(itertools.product(BACKENDS, BACKENDS))


@pytest.mark.parametrize(("origin", "target"), DIRECTIONS, ids=[f"{a}-to-{b}" for a, b in DIRECTIONS])
def test_rotation_copies_into_a_store_readable_only_with_the_new_key(
    new_store_address, monkeypatch, key, origin, target
):
    source, destination = new_store_address(origin), new_store_address(target)
    assert invoke(source, "import", str(OCCITANIE)).exit_code == 0
    expected = invoke(source, "replay", "canohes").output
    fresh = new_key()
    monkeypatch.setenv("NOUVELLE_CLE", fresh)

    result = invoke(None, "store", "copy", source, destination, "--dest-key-env", "NOUVELLE_CLE")

    assert result.exit_code == 0, result.output
    assert "Destination chiffrée avec la clé de NOUVELLE_CLE" in result.output
    assert fresh not in result.output and key not in result.output
    assert QUOTE not in stored_bytes(destination)
    assert "ne déchiffre pas" in invoke(destination, "replay", "canohes").output  # the old key
    monkeypatch.setenv(KEY_VAR, fresh)
    assert invoke(destination, "replay", "canohes").output == expected
    assert invoke(destination, "store", "check").exit_code == 0


def test_copy_encrypts_a_plain_store_and_decrypts_it_back(new_store_address, monkeypatch):
    plain, encrypted, decrypted = (new_store_address(b) for b in ("sqlite", "postgresql", "sqlite"))
    assert invoke(plain, "import", str(OCCITANIE)).exit_code == 0
    monkeypatch.setenv("CLE", new_key())

    encrypting = invoke(None, "store", "copy", plain, encrypted, "--dest-key-env", "CLE")
    assert encrypting.exit_code == 0, encrypting.output
    assert QUOTE not in stored_bytes(encrypted)
    decrypting = invoke(
        None, "store", "copy", encrypted, decrypted, "--source-key-env", "CLE", "--dest-plain"
    )
    assert decrypting.exit_code == 0, decrypting.output
    assert "Destination en clair" in decrypting.output

    assert QUOTE in stored_bytes(decrypted)
    assert invoke(decrypted, "replay", "canohes").output == invoke(plain, "replay", "canohes").output


def test_copy_with_an_unset_key_variable_is_refused_and_creates_nothing(new_store_address, tmp_path):
    source, destination = new_store_address("sqlite"), str(tmp_path / "copie.sqlite")
    invoke(source, "import", str(EXAMPLE))
    result = invoke(None, "store", "copy", source, destination, "--dest-key-env", "CLE_OUBLIEE")
    assert result.exit_code == 1
    assert "La variable CLE_OUBLIEE n'est pas définie" in result.output
    assert not Path(destination).exists()


def test_the_library_takes_no_cipher_or_compressor_from_the_environment(tmp_path, monkeypatch):
    # eventsourcing would read these (and TRANSITIONS_CIPHER_KEY itself) to build a cipher of its own choosing.
    monkeypatch.setenv("CIPHER_KEY", new_key())
    monkeypatch.setenv("CIPHER_TOPIC", "eventsourcing.cipher:AESCipher")
    monkeypatch.setenv("COMPRESSOR_TOPIC", "eventsourcing.compressor:ZlibCompressor")
    path = tmp_path / "store.sqlite"
    result = invoke(path, "import", str(EXAMPLE))
    assert result.exit_code == 0, result.output
    assert all(
        state.startswith(b'{"') for *_, state in raw_log(str(path))
    )  # plain JSON, neither sealed nor packed


def test_copy_refuses_two_destination_keys():
    result = invoke(None, "store", "copy", "a.sqlite", "b.sqlite", "--dest-plain", "--dest-key-env", "CLE")
    assert result.exit_code == 2
    assert "--dest-plain et --dest-key-env s'excluent" in result.output
