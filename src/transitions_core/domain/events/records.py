"""Corrections of the record: history is append-only, so a mistake is fixed by a later event."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from transitions_core.domain.events.base import DomainEvent


class EntryCorrected(DomainEvent):
    """Some facts of an earlier entry were wrong; `changes` gives their right values."""

    told = False

    target: str
    changes: dict[str, Any] = Field(default_factory=dict)
    reason: str


class EntryRetracted(DomainEvent):
    """An earlier entry should never have been recorded."""

    told = False

    target: str
    reason: str
