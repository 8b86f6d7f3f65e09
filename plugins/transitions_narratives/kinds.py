"""Groupings of event types read from what each event declares (its scope, its stage, whether it is told),
never listed by hand: `domain/event_names.py` keeps the declarations by name (a test keeps them equal to the
classes), so that a narrative groups events without building their classes."""

from __future__ import annotations

from functools import cache

# The declarations as names: a narrative needs them without building the ~60 event classes.
from transitions_core.domain.event_names import DECLARED


@cache
def of(scope: str | None = None, stage: str | None = None) -> tuple[str, ...]:
    """The told event types of a scope (`territory`, `cohort`) and a stage (`common_core`…), in catalogue order."""
    return tuple(
        name
        for name, its_scope, its_stage, told in DECLARED
        if told and scope in (None, its_scope) and stage in (None, its_stage)
    )


@cache
def untold() -> frozenset[str]:
    """The event types no narrative tells as a sentence: profiles and corrections (`DomainEvent.told`)."""
    return frozenset(name for name, _scope, _stage, told in DECLARED if not told)
