"""Groupings of event types read from what each event declares (its scope, its stage, whether it is told),
never listed by hand: a new event type finds its place in the narratives from its own declaration."""

from __future__ import annotations

from functools import cache


@cache
def of(scope: str | None = None, stage: str | None = None) -> tuple[str, ...]:
    """The told event types of a scope (`territory`, `cohort`) and a stage (`common_core`…), in catalogue order."""
    from transitions_core.domain.events import CATALOGUE

    return tuple(
        event.type_name()
        for event in CATALOGUE
        if event.told
        and (scope is None or event.scope.value == scope)
        and (stage is None or (event.stage is not None and event.stage.value == stage))
    )


@cache
def untold() -> frozenset[str]:
    """The event types no narrative tells as a sentence: profiles and corrections (`DomainEvent.told`)."""
    from transitions_core.domain.events import CATALOGUE

    return frozenset(event.type_name() for event in CATALOGUE if not event.told)
