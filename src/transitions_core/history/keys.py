"""Entry keys and digests: how a re-import recognises an entry it has already stored."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from typing import Any

TERRITORY_SEPARATOR = "/"


def slugify(text: str, limit: int = 40) -> str:
    """Lowercase ASCII words joined by hyphens: `Prise de conscience` → `prise-de-conscience`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-")


def digest(fields: dict[str, Any]) -> str:
    """A short fingerprint of an entry's content, independent of key order."""
    canonical = json.dumps(fields, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def entry_key(territory: str | None, base: str) -> str:
    """Prefix a key with its territory, so a key alone says which aggregate holds the entry."""
    return f"{territory}{TERRITORY_SEPARATOR}{base}" if territory else base


def territory_of_key(key: str) -> str | None:
    """The territory a key belongs to, or None for a cohort-level entry."""
    head = key.split("@", 1)[0]
    if TERRITORY_SEPARATOR in head:
        return head.split(TERRITORY_SEPARATOR, 1)[0]
    return None
