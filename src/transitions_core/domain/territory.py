"""The Territory aggregate: one territory's path through a cohort, and its invariants."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from functools import singledispatch

from transitions_core.domain.aggregate import AggregateState, check_counts, check_record_keeping
from transitions_core.domain.cohort import Cohort, ensure_open
from transitions_core.domain.errors import (
    AlreadyRecorded,
    BudgetExceeded,
    DiagnosticianContradicted,
    DiagnosticianNotAnAlly,
    DiagnosticOutOfOrder,
    DomainError,
    PilotNoteOutOfOrder,
    StepAnnouncedTooLate,
    TerritoryHasDeclined,
    TerritoryHasLeft,
    TerritoryNotEngaged,
)
from transitions_core.domain.events import (
    AccompanimentBudgetExtended,
    AccompanimentDaysSpent,
    AllyAssigned,
    DiagnosticPreRestituted,
    DiagnosticRestituted,
    DiagnosticStarted,
    DomainEvent,
    EntryCorrected,
    EntryRetracted,
    FindingRecorded,
    InterviewsHeld,
    MilestoneAnnounced,
    PilotNoteWritten,
    SchemePresented,
    TerritoryApproached,
    TerritoryDeclined,
    TerritoryJoined,
    TerritoryLeft,
    TerritoryRegistered,
)
from transitions_core.domain.values import PilotNote


class Engagement(StrEnum):
    """Where the territory stands in recruitment."""

    REGISTERED = "registered"
    APPROACHED = "approached"
    PRESENTED = "presented"
    JOINED = "joined"
    DECLINED = "declined"
    #: Joined, then left the cohort.
    LEFT = "left"


class DiagnosticStage(StrEnum):
    """How far the sensitive diagnostic has gone."""

    NOT_STARTED = "not_started"
    STARTED = "started"
    PRE_RESTITUTED = "pre_restituted"
    RESTITUTED = "restituted"


#: Events that only an engaged territory can have.
RECRUITMENT_EVENTS = (
    TerritoryRegistered,
    TerritoryApproached,
    SchemePresented,
    TerritoryJoined,
    TerritoryDeclined,
)
RECORD_EVENTS = (EntryCorrected, EntryRetracted)
DEFAULT_PILOT_DAYS_BUDGET = 8.0


class Territory(AggregateState):
    """The state of a territory that its invariants need."""

    cohort_id: str
    slug: str
    name: str
    engagement: Engagement = Engagement.REGISTERED
    diagnostic: DiagnosticStage = DiagnosticStage.NOT_STARTED
    notes: tuple[PilotNote, ...] = ()
    days_spent: float = 0.0
    days_added: float = 0.0


def check_territory_event(territory: Territory | None, event: DomainEvent, cohort: Cohort) -> None:
    """Refuse a territory event that breaks an invariant of the territory or of its cohort."""
    check_counts(event)
    ensure_open(cohort, event)
    if isinstance(event, TerritoryRegistered):
        if territory is not None:
            raise AlreadyRecorded(f"Le territoire {territory.slug}", "Il ne s'enregistre qu'une fois.")
        return
    if territory is None:
        raise DomainError(
            "Ce territoire n'existe pas encore : enregistrez-le d'abord (territory_registered)."
        )
    if isinstance(event, RECORD_EVENTS):
        check_record_keeping(territory, event, f"l'historique du territoire {territory.name}")
        return
    if not isinstance(event, RECRUITMENT_EVENTS):
        _ensure_engaged(territory, event)
    _check_step(event, territory, cohort)


def check_territory_history(events: Iterable[DomainEvent], cohort: Cohort) -> Territory | None:
    """Check a territory's entries from the first, each as if it were new; the state they lead to.

    The entries were recorded while the cohort was open: its closing since does not count against them.
    """
    opened = cohort.model_copy(update={"closed": False}) if cohort.closed else cohort
    territory: Territory | None = None
    for event in events:
        check_territory_event(territory, event, opened)
        territory = evolve_territory(event, territory)
    return territory


def _ensure_engaged(territory: Territory, event: DomainEvent) -> None:
    if territory.engagement is Engagement.DECLINED:
        raise TerritoryHasDeclined(territory.name, event.type_name())
    if territory.engagement is Engagement.LEFT:
        raise TerritoryHasLeft(territory.name, event.type_name())
    if territory.engagement is not Engagement.JOINED:
        raise TerritoryNotEngaged(territory.name, event.type_name())


@singledispatch
def _check_step(event: DomainEvent, territory: Territory, cohort: Cohort) -> None:
    """Steps with no ordering rule of their own."""


@_check_step.register
def _(event: TerritoryJoined, territory: Territory, cohort: Cohort) -> None:
    if territory.engagement is Engagement.JOINED:
        raise AlreadyRecorded(f"L'engagement de {territory.name}")


@_check_step.register
def _(event: DiagnosticStarted, territory: Territory, cohort: Cohort) -> None:
    if territory.diagnostic is not DiagnosticStage.NOT_STARTED:
        raise AlreadyRecorded(f"Le début du diagnostic sensible de {territory.name}")


@_check_step.register(InterviewsHeld)
@_check_step.register(FindingRecorded)
def _(event: DomainEvent, territory: Territory, cohort: Cohort) -> None:
    if territory.diagnostic is DiagnosticStage.NOT_STARTED:
        raise DiagnosticOutOfOrder(territory.name, event.type_name(), "diagnostic_started")


@_check_step.register
def _(event: DiagnosticPreRestituted, territory: Territory, cohort: Cohort) -> None:
    if territory.diagnostic is not DiagnosticStage.STARTED:
        if territory.diagnostic is DiagnosticStage.NOT_STARTED:
            raise DiagnosticOutOfOrder(territory.name, event.type_name(), "diagnostic_started")
        raise AlreadyRecorded(f"La pré-restitution du diagnostic de {territory.name}")


@_check_step.register
def _(event: DiagnosticRestituted, territory: Territory, cohort: Cohort) -> None:
    if territory.diagnostic is DiagnosticStage.RESTITUTED:
        raise AlreadyRecorded(f"La restitution du diagnostic de {territory.name}")
    if territory.diagnostic is not DiagnosticStage.PRE_RESTITUTED:
        raise DiagnosticOutOfOrder(territory.name, event.type_name(), "diagnostic_pre_restituted")


@_check_step.register
def _(event: PilotNoteWritten, territory: Territory, cohort: Cohort) -> None:
    order = list(PilotNote)
    expected = order[len(territory.notes)] if len(territory.notes) < len(order) else None
    if event.kind in territory.notes:
        raise AlreadyRecorded(f"La note « {event.kind} » de {territory.name}")
    if event.kind is not expected:
        raise PilotNoteOutOfOrder(territory.name, event.kind, str(expected))


@_check_step.register
def _(event: AccompanimentDaysSpent, territory: Territory, cohort: Cohort) -> None:
    budget = pilot_days_budget(territory, cohort)
    if territory.days_spent + event.days > budget:
        raise BudgetExceeded(territory.name, territory.days_spent + event.days, budget)


@_check_step.register
def _(event: AllyAssigned, territory: Territory, cohort: Cohort) -> None:
    names = [ally.name for ally in event.allies]
    for name in event.diagnostic_by:
        if name not in names:
            raise DiagnosticianNotAnAlly(territory.name, name, names)
    if event.diagnostic_by and event.also_did_diagnostic is False:
        raise DiagnosticianContradicted(territory.name)


@_check_step.register
def _(event: MilestoneAnnounced, territory: Territory, cohort: Cohort) -> None:
    expected, announced = event.expected, event.occurred
    if expected and expected.latest and announced.earliest and expected.latest < announced.earliest:
        raise StepAnnouncedTooLate(territory.name, str(expected), str(announced))


def pilot_days_budget(territory: Territory, cohort: Cohort) -> float:
    """The territory's accompaniment budget in days, extensions included."""
    base = DEFAULT_PILOT_DAYS_BUDGET if cohort.pilot_days_budget is None else cohort.pilot_days_budget
    return base + territory.days_added


@singledispatch
def evolve_territory(event: DomainEvent, territory: Territory | None) -> Territory:
    """The territory after `event`."""
    assert territory is not None
    return territory.advanced(event)


@evolve_territory.register
def _(event: TerritoryRegistered, _: Territory | None) -> Territory:
    return Territory(
        id=event.originator_id,
        version=event.originator_version,
        created_on=event.timestamp,
        modified_on=event.timestamp,
        cohort_id=event.cohort,
        slug=event.slug,
        name=event.name,
    ).advanced(event)


_ENGAGEMENT_AFTER = {
    TerritoryApproached: Engagement.APPROACHED,
    SchemePresented: Engagement.PRESENTED,
    TerritoryJoined: Engagement.JOINED,
    TerritoryDeclined: Engagement.DECLINED,
    TerritoryLeft: Engagement.LEFT,
}


@evolve_territory.register(TerritoryApproached)
@evolve_territory.register(SchemePresented)
@evolve_territory.register(TerritoryJoined)
@evolve_territory.register(TerritoryDeclined)
@evolve_territory.register(TerritoryLeft)
def _(event: DomainEvent, territory: Territory | None) -> Territory:
    assert territory is not None
    after = _ENGAGEMENT_AFTER[type(event)]
    if territory.engagement is Engagement.JOINED and after not in (Engagement.DECLINED, Engagement.LEFT):
        after = Engagement.JOINED  # a late presentation record does not undo the commitment
    return territory.advanced(event, engagement=after)


_DIAGNOSTIC_AFTER = {
    DiagnosticStarted: DiagnosticStage.STARTED,
    DiagnosticPreRestituted: DiagnosticStage.PRE_RESTITUTED,
    DiagnosticRestituted: DiagnosticStage.RESTITUTED,
}


@evolve_territory.register(DiagnosticStarted)
@evolve_territory.register(DiagnosticPreRestituted)
@evolve_territory.register(DiagnosticRestituted)
def _(event: DomainEvent, territory: Territory | None) -> Territory:
    assert territory is not None
    return territory.advanced(event, diagnostic=_DIAGNOSTIC_AFTER[type(event)])


@evolve_territory.register
def _(event: PilotNoteWritten, territory: Territory | None) -> Territory:
    assert territory is not None
    return territory.advanced(event, notes=(*territory.notes, event.kind))


@evolve_territory.register
def _(event: AccompanimentDaysSpent, territory: Territory | None) -> Territory:
    assert territory is not None
    return territory.advanced(event, days_spent=territory.days_spent + event.days)


@evolve_territory.register
def _(event: AccompanimentBudgetExtended, territory: Territory | None) -> Territory:
    assert territory is not None
    return territory.advanced(event, days_added=territory.days_added + event.days)
