"""A history as its corrections and retractions tell it: what the rules see when they judge a correction.

A correction is accepted only if the corrected entry is a valid event as a whole, and if the aggregate's
history, told with the correction in place (and without the retracted entries), passes every rule that
a direct entry must pass. The rules for new entries then judge them against that corrected history.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError

from transitions_core.domain.events import DomainEvent, EntryCorrected, EntryRetracted


def corrected(target: DomainEvent, correction: EntryCorrected) -> DomainEvent:
    """The target entry as the correction says it should have been, validated as a whole (ValidationError if not)."""
    data: dict[str, Any] = {name: getattr(target, name) for name in type(target).model_fields}
    data.update(correction.changes)
    return type(target).model_validate(data)


def normalised_changes(fixed: DomainEvent, correction: EntryCorrected) -> dict[str, Any]:
    """The correction's new values as the corrected event holds them, in JSON types ("3" becomes 3.0 for days).

    What the file left out of a nested block stays out (a person's unknown category is not written null).
    """
    dumped = fixed.model_dump(mode="json", include=set(correction.changes), exclude_unset=True)
    return {name: dumped[name] for name in correction.changes}


def effective(events: Iterable[DomainEvent]) -> list[DomainEvent]:
    """The entries as the history now tells them, in recording order: corrected in place, retracted ones left out.

    A stored correction that the corrected entry cannot take (recorded before corrections were
    validated as a whole) is passed over, as if it had been refused.
    """
    kept: dict[str, DomainEvent] = {}
    for event in events:
        if isinstance(event, EntryCorrected):
            if event.target in kept:
                try:
                    kept[event.target] = corrected(kept[event.target], event)
                except ValidationError:
                    continue
        elif isinstance(event, EntryRetracted):
            kept.pop(event.target, None)
        else:
            kept[event.entry] = event
    return list(kept.values())


def find_entry(events: Iterable[DomainEvent], entry: str) -> DomainEvent | None:
    """The entry `entry` as the history now tells it (corrections applied), or None."""
    for event in effective(events):
        if event.entry == entry:
            return event
    return None
