"""Who an output is for, in a module of its own: the listings and `events` ask without importing the views."""

from __future__ import annotations

from enum import StrEnum


class Audience(StrEnum):
    """Who a narrative is for: the programme's team (the default) or anyone."""

    INTERNAL = "internal"
    PUBLIC = "public"
