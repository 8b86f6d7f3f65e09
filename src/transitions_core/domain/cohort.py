"""The Cohort aggregate: a group of territories accompanied together in one region."""

from __future__ import annotations

from collections.abc import Iterable
from functools import singledispatch

from transitions_core.domain.aggregate import AggregateState, check_counts, check_record_keeping
from transitions_core.domain.errors import AlreadyRecorded, CohortIsClosed, DomainError
from transitions_core.domain.events import (
    CohortClosed,
    CohortOpened,
    DomainEvent,
    EntryCorrected,
    EntryRetracted,
    SourceDeclared,
)


class Cohort(AggregateState):
    """The state of a cohort that its invariants need."""

    slug: str
    name: str
    region: str
    pilot_days_budget: float | None = None
    closed: bool = False


def check_cohort_event(cohort: Cohort | None, event: DomainEvent) -> None:
    """Refuse a cohort-level event that the cohort's state makes impossible."""
    check_counts(event)
    if isinstance(event, CohortOpened):
        if cohort is not None:
            raise AlreadyRecorded(f"La cohorte {cohort.slug}", "Une cohorte ne s'ouvre qu'une fois.")
        return
    if cohort is None:
        raise DomainError("La cohorte n'existe pas encore : enregistrez d'abord cohort_opened.")
    ensure_open(cohort, event)
    check_record_keeping(cohort, event, f"la cohorte {cohort.slug}")


def check_cohort_history(events: Iterable[DomainEvent]) -> Cohort | None:
    """Check a cohort's own entries from the first, each as if it were new; the state they lead to."""
    cohort: Cohort | None = None
    for event in events:
        check_cohort_event(cohort, event)
        cohort = evolve_cohort(event, cohort)
    return cohort


def ensure_open(cohort: Cohort, event: DomainEvent) -> None:
    """Nothing happens in a closed cohort, though its record can still be corrected and sourced."""
    if cohort.closed and not isinstance(event, EntryCorrected | EntryRetracted | SourceDeclared):
        raise CohortIsClosed(cohort.slug, event.type_name())


@singledispatch
def evolve_cohort(event: DomainEvent, cohort: Cohort | None) -> Cohort:
    """The cohort after `event`."""
    assert cohort is not None
    return cohort.advanced(event)


@evolve_cohort.register
def _(event: CohortOpened, _: Cohort | None) -> Cohort:
    return Cohort(
        id=event.originator_id,
        version=event.originator_version,
        created_on=event.timestamp,
        modified_on=event.timestamp,
        slug=event.slug,
        name=event.name,
        region=event.region,
        pilot_days_budget=event.pilot_days_budget,
    ).advanced(event)


@evolve_cohort.register
def _(event: CohortClosed, cohort: Cohort | None) -> Cohort:
    assert cohort is not None
    return cohort.advanced(event, closed=True)
