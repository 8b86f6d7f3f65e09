"""Encryption at rest: the store's AES key, read from an environment variable, and the check that it fits.

Keys never travel on a command line: commands name the variable that holds one. The cipher is
built here and handed to the application, never through eventsourcing's own `CIPHER_KEY` lookup,
which would also read `TRANSITIONS_CIPHER_KEY` from the environment by itself (the application is
named "Transitions") and pick a cipher module the project does not install.
"""

from __future__ import annotations

import base64
import binascii
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import orjson

from transitions_core.errors import StoreError

if TYPE_CHECKING:
    from eventsourcing.persistence import ApplicationRecorder, Cipher

#: The variable that holds the key of the store given by --store / TRANSITIONS_STORE.
KEY_VAR = "TRANSITIONS_CIPHER_KEY"
#: AES-256: 32 random bytes, written in base64 (44 characters).
KEY_BYTES = 32
#: The sizes AES accepts, in bytes.
AES_SIZES = (16, 24, 32)
NEW_KEY_HINT = "générez-en une avec `transitions store new-key`"


@dataclass(frozen=True)
class StoreKey:
    """A store's cipher and the variable its key came from (the variable is what messages name)."""

    variable: str
    cipher: Cipher
    secret: bytes = field(repr=False)

    def same_as(self, other: StoreKey | None) -> bool:
        """Whether `other` is the same key (so ciphertext from one reads with the other)."""
        return other is not None and other.secret == self.secret

    def encrypt(self, data: bytes) -> bytes:
        """AES-GCM: a fresh nonce each time, then the tag, then the ciphertext."""
        return self.cipher.encrypt(data)

    def decrypt(self, data: bytes) -> bytes:
        """Undo `encrypt`; a wrong key or altered bytes raise ValueError."""
        return self.cipher.decrypt(data)


def new_key() -> str:
    """A fresh random key, base64-encoded as eventsourcing's AESCipher reads it."""
    return base64.b64encode(os.urandom(KEY_BYTES)).decode("ascii")


def key_from_env(variable: str = KEY_VAR, *, required: bool = False) -> StoreKey | None:
    """The key held by `variable`, or None when it is unset (an error if `required`)."""
    text = os.environ.get(variable, "").strip()
    if not text:
        if required:
            raise StoreError(f"La variable {variable} n'est pas définie : mettez-y la clé ({NEW_KEY_HINT}).")
        return None
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise StoreError(
            f"La variable {variable} ne contient pas une clé valide (base64 attendu) : {NEW_KEY_HINT}."
        ) from None
    if len(raw) not in AES_SIZES:
        raise StoreError(
            f"La clé de {variable} fait {len(raw)} octets ; une clé AES en fait 16, 24 ou 32 : {NEW_KEY_HINT}."
        )
    try:
        from eventsourcing.cryptography import AESCipher
        from eventsourcing.utils import Environment
    except ImportError:
        raise StoreError(
            f"{variable} est définie, mais le chiffrement demande le module cryptography : "
            "installez-le avec pip install 'transitions-core[crypto]'."
        ) from None
    return StoreKey(variable, AESCipher(Environment(env={AESCipher.CIPHER_KEY: text})), raw)


def check_key(
    recorder: ApplicationRecorder, key: StoreKey | None, where: str, variable: str = KEY_VAR
) -> None:
    """Refuse a store whose first event the key cannot read: wrong key, missing key, or key on a plain store.

    The first event says how the whole store is written, since every writer opens it through here.
    """
    first = recorder.select_notifications(start=None, limit=1)
    check_first_event(bytes(first[0].state) if first else None, key, where, variable)


def check_first_event(state: bytes | None, key: StoreKey | None, where: str, variable: str = KEY_VAR) -> None:
    """`check_key` on the stored state of the store's first event (None: the store is empty)."""
    if state is None:
        return  # an empty store takes whatever the first writer brings
    if key is not None:
        try:
            key.decrypt(state)
            return
        except ValueError:
            pass
        if _is_plain(state):
            raise StoreError(
                f"Le stockage {where} n'est pas chiffré, mais {key.variable} est définie : retirez-la "
                f"(unset {key.variable}), ou chiffrez le stockage par une copie "
                "(transitions store copy … --dest-key-env VARIABLE, voir docs/operations.md)."
            )
        raise StoreError(
            f"La clé de {key.variable} ne déchiffre pas le stockage {where} : ce n'est pas sa clé. "
            "Reprenez celle avec laquelle il a été chiffré (ou copié, après une rotation)."
        )
    if not _is_plain(state):
        raise StoreError(
            f"Le stockage {where} est chiffré : mettez sa clé dans la variable {variable} "
            "(sinon, son premier événement est illisible)."
        )


def _is_plain(state: bytes) -> bool:
    try:
        return isinstance(orjson.loads(state), dict)
    except orjson.JSONDecodeError:
        return False
