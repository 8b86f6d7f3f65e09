"""Random command sequences on one cohort, through the real application: the invariants hold, replay agrees."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, cast
from uuid import UUID

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    multiple,
    precondition,
    rule,
    run_state_machine_as_test,
)
from pydantic import ValidationError

from transitions_core.domain import errors
from transitions_core.domain.cohort import check_cohort_event
from transitions_core.domain.events import (
    AccompanimentBudgetExtended,
    AccompanimentDaysSpent,
    CohortClosed,
    CohortOpened,
    DiagnosticPreRestituted,
    DiagnosticRestituted,
    DiagnosticStarted,
    DomainEvent,
    EffectObserved,
    EntryCorrected,
    EntryRetracted,
    InterviewsHeld,
    PilotNoteWritten,
    SchemePresented,
    TerritoryApproached,
    TerritoryDeclined,
    TerritoryJoined,
    TerritoryRegistered,
)
from transitions_core.domain.identity import cohort_id, territory_id
from transitions_core.domain.territory import (
    RECORD_EVENTS,
    RECRUITMENT_EVENTS,
    DiagnosticStage,
    Engagement,
    Territory,
    check_territory_event,
    pilot_days_budget,
)
from transitions_core.domain.values import PilotNote
from transitions_core.store import application
from transitions_core.store.application import TransitionsApplication
from transitions_core.store.snapshots import Snapshot, project

COHORT = "ouest-2024"
SLUGS = ("gatine", "bocage", "marais")
RECORDED_AT = datetime(2025, 1, 15, 9, 30, tzinfo=UTC)
DEFAULT_BUDGET = 8.0
SMALL_INTERVAL = 3
#: Commands tried before the cohort may close, so that most runs get somewhere first.
CLOSING_AFTER = 30
DIAGNOSTIC_STEPS = (DiagnosticStarted, DiagnosticPreRestituted, DiagnosticRestituted)
NOTES = tuple(PilotNote)

dates = st.sampled_from(["2024-05-07", "2024-09", "2024", "2025-23", "2024-09~", "2024-07/2024-09", "XXXX"])
slugs = st.sampled_from(SLUGS)
days = st.one_of(st.sampled_from([0.5, 1.0, 2.0, 3.5, 8.0, 8.5]), st.floats(-3, 12, allow_nan=False))

#: What the runs went through, to check afterwards that the interesting paths were taken.
SEEN: dict[str, int] = {}

Expected = type[errors.DomainError] | None


@dataclass
class TerritoryModel:
    """The test's own, plain idea of a territory."""

    engagement: str = "registered"
    diagnostic: int = 0  # how many of DIAGNOSTIC_STEPS are done
    notes: int = 0  # how many of NOTES are written, in order
    spent: float = 0.0
    added: float = 0.0
    version: int = 0
    entries: dict[str, bool] = field(default_factory=dict)  # entry key -> retracted
    kinds: dict[str, str] = field(default_factory=dict)  # entry key -> event type


@dataclass
class Loaded:
    """One territory as the store gives it back."""

    slug: str
    id: UUID
    state: Territory
    events: list[DomainEvent]
    snapshots: list[Snapshot]


class TerritoryHistories(RuleBasedStateMachine):
    """Drives one cohort and a few territories with the commands the importer would send."""

    territories = Bundle("territories")

    def __init__(self) -> None:
        super().__init__()
        self.app = TransitionsApplication(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
        self.model: dict[str, TerritoryModel] = {}
        self.budget: float | None = None
        self.closed = False
        self.counter = 0
        self._loaded: tuple[int, list[Loaded]] = (-1, [])

    def teardown(self) -> None:
        self.app.close()

    # Building, checking and appending events, as the importer does.

    def next_entry(self) -> str:
        self.counter += 1
        return f"e{self.counter}"

    def build(self, slug: str, event_type: type[DomainEvent], occurred: str, /, **facts: Any) -> DomainEvent:
        state = self.app.territory(COHORT, slug)
        return event_type.model_validate(
            {
                **facts,
                "originator_id": territory_id(COHORT, slug),
                "originator_version": (state.version if state else 0) + 1,
                "timestamp": RECORDED_AT,
                "entry": self.next_entry(),
                "occurred": occurred,
            }
        )

    def send(self, slug: str, event: DomainEvent, expected: Expected) -> bool:
        """Check and append `event`: the domain must accept or refuse it as the model predicts."""
        cohort = self.app.cohort(COHORT)
        assert cohort is not None
        try:
            check_territory_event(self.app.territory(COHORT, slug), event, cohort)
        except errors.DomainError as error:
            assert type(error) is expected, f"{event.type_name()} refused with {error!r}, expected {expected}"
            SEEN[f"refused {event.type_name()}: {type(error).__name__}"] = 1
            return False
        assert expected is None, f"{event.type_name()} accepted, expected {expected.__name__}"
        self.app.append([event])
        model = self.model.setdefault(slug, TerritoryModel())
        model.version += 1
        model.entries[event.entry] = False
        model.kinds[event.entry] = event.type_name()
        SEEN[f"accepted {event.type_name()}"] = 1
        return True

    # The model's predictions.

    def refusal(self, slug: str, event_type: type[DomainEvent]) -> Expected:
        """The refusals every step shares: closed cohort, unknown territory, territory not engaged."""
        if self.closed and event_type not in RECORD_EVENTS:
            return errors.CohortIsClosed
        if event_type is TerritoryRegistered:
            return errors.AlreadyRecorded if slug in self.model else None
        if slug not in self.model:
            return errors.DomainError
        if event_type in RECORD_EVENTS or event_type in RECRUITMENT_EVENTS:
            return None
        if self.model[slug].engagement == "declined":
            return errors.TerritoryHasDeclined
        if self.model[slug].engagement != "joined":
            return errors.TerritoryNotEngaged
        return None

    def budget_of(self, model: TerritoryModel) -> float:
        return (DEFAULT_BUDGET if self.budget is None else self.budget) + model.added

    def target(
        self, slug: str, pick: int, made_up: bool, event_type: type[DomainEvent]
    ) -> tuple[str, Expected]:
        """An entry for a correction or retraction to aim at, and the refusal to expect."""
        expected = self.refusal(slug, event_type)
        if made_up or slug not in self.model:
            return "no-such-entry", expected or errors.UnknownEntry
        keys = sorted(self.model[slug].entries)
        target = keys[pick % len(keys)]
        retracted = self.model[slug].entries[target]
        kind = self.model[slug].kinds[target]
        if expected is None and (retracted or kind in ("entry_corrected", "entry_retracted")):
            expected = (
                errors.InvalidCorrection
            )  # neither a retracted entry nor a record entry can be aimed at
        elif expected is None and kind == "territory_registered" and event_type is EntryRetracted:
            expected = errors.StructureNotRetractable
        return target, expected

    # Rules.

    @initialize(
        target=territories,
        budget=st.none() | st.sampled_from([0.0, 2.0, 8.0, 12.5]),
        first=st.sets(slugs, min_size=1),
        joining=st.sets(slugs),
        occurred=dates,
    )
    def open_cohort(self, budget: float | None, first: set[str], joining: set[str], occurred: str) -> Any:
        event = CohortOpened(
            originator_id=cohort_id(COHORT),
            originator_version=1,
            timestamp=RECORDED_AT,
            occurred="2024-03",
            entry=self.next_entry(),
            slug=COHORT,
            name="Ouest 2024",
            region="Nouvelle-Aquitaine",
            pilot_days_budget=budget,
        )
        check_cohort_event(None, event)
        self.app.append([event])
        self.budget = budget
        registered = [slug for slug in sorted(first) if self.register(slug, occurred)]
        for slug in sorted(joining & first):  # most runs should get to the accompaniment
            self.join(slug, occurred)
        return multiple(*registered)

    @rule(target=territories, slug=slugs, occurred=dates)
    def register_territory(self, slug: str, occurred: str) -> Any:
        return multiple(slug) if self.register(slug, occurred) else multiple()

    def register(self, slug: str, occurred: str) -> bool:
        facts = {"cohort": COHORT, "slug": slug, "name": slug.title(), "kind": "epci"}
        event = self.build(slug, TerritoryRegistered, occurred, **facts)
        return self.send(slug, event, self.refusal(slug, TerritoryRegistered))

    def recruit(self, slug: str, step: type[DomainEvent], occurred: str) -> None:
        expected = self.refusal(slug, step)
        if expected is None and step is TerritoryJoined and self.model[slug].engagement == "joined":
            expected = errors.AlreadyRecorded
        if self.send(slug, self.build(slug, step, occurred), expected):
            model = self.model[slug]
            if step is TerritoryJoined:
                model.engagement = "joined"
            elif step is TerritoryDeclined:
                model.engagement = "declined"
            elif model.engagement != "joined":  # a late record of an earlier step keeps the commitment
                model.engagement = "approached" if step is TerritoryApproached else "presented"

    @rule(slug=territories, occurred=dates)
    def approach(self, slug: str, occurred: str) -> None:
        self.recruit(slug, TerritoryApproached, occurred)

    @rule(slug=territories, occurred=dates)
    def present_the_scheme(self, slug: str, occurred: str) -> None:
        self.recruit(slug, SchemePresented, occurred)

    @rule(slug=territories, occurred=dates)
    def join(self, slug: str, occurred: str) -> None:
        self.recruit(slug, TerritoryJoined, occurred)

    @rule(slug=territories, occurred=dates)
    def decline(self, slug: str, occurred: str) -> None:
        self.recruit(slug, TerritoryDeclined, occurred)

    def diagnostic_step(self, slug: str, step: int, occurred: str) -> None:
        step_type = DIAGNOSTIC_STEPS[step]
        expected = self.refusal(slug, step_type)
        if expected is None and self.model[slug].diagnostic > step:
            expected = errors.AlreadyRecorded
        elif expected is None and self.model[slug].diagnostic < step:
            expected = errors.DiagnosticOutOfOrder
        if self.send(slug, self.build(slug, step_type, occurred), expected):
            self.model[slug].diagnostic = step + 1

    @rule(slug=territories, occurred=dates)
    def start_diagnostic(self, slug: str, occurred: str) -> None:
        self.diagnostic_step(slug, 0, occurred)

    @rule(slug=territories, occurred=dates)
    def pre_restitute(self, slug: str, occurred: str) -> None:
        self.diagnostic_step(slug, 1, occurred)

    @rule(slug=territories, occurred=dates)
    def restitute(self, slug: str, occurred: str) -> None:
        self.diagnostic_step(slug, 2, occurred)

    @rule(slug=territories, occurred=dates)
    def take_the_next_diagnostic_step(self, slug: str, occurred: str) -> None:
        self.diagnostic_step(slug, min(self.model[slug].diagnostic, len(DIAGNOSTIC_STEPS) - 1), occurred)

    @rule(slug=territories, count=st.none() | st.integers(-3, 40), occurred=dates)
    def hold_interviews(self, slug: str, count: int | None, occurred: str) -> None:
        expected = self.refusal(slug, InterviewsHeld)
        if count is not None and count < 0:
            expected = errors.NegativeCount  # counts are checked first, even in a closed cohort
        elif expected is None and self.model[slug].diagnostic == 0:
            expected = errors.DiagnosticOutOfOrder
        self.send(slug, self.build(slug, InterviewsHeld, occurred, count=count), expected)

    @rule(slug=territories, kind=st.sampled_from(NOTES), occurred=dates)
    def write_pilot_note(self, slug: str, kind: PilotNote, occurred: str) -> None:
        expected = self.refusal(slug, PilotNoteWritten)
        if expected is None and NOTES.index(kind) < self.model[slug].notes:
            expected = errors.AlreadyRecorded
        elif expected is None and NOTES.index(kind) > self.model[slug].notes:
            expected = errors.PilotNoteOutOfOrder
        if self.send(slug, self.build(slug, PilotNoteWritten, occurred, kind=kind), expected):
            self.model[slug].notes += 1

    @rule(slug=territories, occurred=dates)
    def write_the_next_pilot_note(self, slug: str, occurred: str) -> None:
        self.write_pilot_note(slug, NOTES[min(self.model[slug].notes, len(NOTES) - 1)], occurred)

    @rule(slug=territories, spent=days, occurred=dates)
    def spend_days(self, slug: str, spent: float, occurred: str) -> None:
        expected = self.refusal(slug, AccompanimentDaysSpent)
        if spent < 0:
            expected = errors.NegativeCount
        elif expected is None and self.model[slug].spent + spent > self.budget_of(self.model[slug]):
            expected = errors.BudgetExceeded
        if self.send(slug, self.build(slug, AccompanimentDaysSpent, occurred, days=spent), expected):
            self.model[slug].spent += spent

    @rule(slug=territories, beyond=st.sampled_from([-0.5, 0.0, 0.5]), occurred=dates)
    def spend_up_to_the_limit(self, slug: str, beyond: float, occurred: str) -> None:
        model = self.model[slug]
        self.spend_days(slug, max(0.0, self.budget_of(model) - model.spent + beyond), occurred)

    @rule(slug=territories, extra=days, occurred=dates)
    def extend_budget(self, slug: str, extra: float, occurred: str) -> None:
        expected = errors.NegativeCount if extra < 0 else self.refusal(slug, AccompanimentBudgetExtended)
        if self.send(slug, self.build(slug, AccompanimentBudgetExtended, occurred, days=extra), expected):
            self.model[slug].added += extra

    @rule(slug=slugs, label=st.sampled_from(["coopération", "élus mobilisés"]), occurred=dates)
    def observe_effect(self, slug: str, label: str, occurred: str) -> None:
        event = self.build(slug, EffectObserved, occurred, label=label, description="Un effet observé.")
        self.send(slug, event, self.refusal(slug, EffectObserved))

    @rule(slug=slugs, pick=st.integers(0, 200), made_up=st.booleans(), occurred=dates)
    def retract_entry(self, slug: str, pick: int, made_up: bool, occurred: str) -> None:
        target, expected = self.target(slug, pick, made_up, EntryRetracted)
        event = self.build(slug, EntryRetracted, occurred, target=target, reason="Saisie en double.")
        if self.send(slug, event, expected):
            self.model[slug].entries[target] = True

    @rule(
        slug=slugs,
        pick=st.integers(0, 200),
        made_up=st.booleans(),
        changes=st.sampled_from([{"note": "Date vérifiée."}, {}, {"no_such_fact": 1}]),
        occurred=dates,
    )
    def correct_entry(
        self, slug: str, pick: int, made_up: bool, changes: dict[str, Any], occurred: str
    ) -> None:
        target, expected = self.target(slug, pick, made_up, EntryCorrected)
        if expected is None and "note" not in changes:
            expected = errors.InvalidCorrection
        event = self.build(slug, EntryCorrected, occurred, target=target, changes=changes, reason="Relu.")
        self.send(slug, event, expected)

    @precondition(lambda self: self.counter > CLOSING_AFTER)
    @rule(occurred=dates)
    def close_cohort(self, occurred: str) -> None:
        cohort = self.app.cohort(COHORT)
        assert cohort is not None
        event = CohortClosed(
            originator_id=cohort_id(COHORT),
            originator_version=cohort.version + 1,
            timestamp=RECORDED_AT,
            occurred=occurred,
            entry=self.next_entry(),
        )
        try:
            check_cohort_event(cohort, event)
        except errors.CohortIsClosed:
            assert self.closed
            return
        assert not self.closed
        self.app.append([event])
        self.closed = True
        SEEN["cohort closed"] = 1

    # Invariants.

    def loaded(self) -> list[Loaded]:
        """Every territory as stored, read again only when the store has changed."""
        position = self.app.last_position()
        if self._loaded[0] != position:
            found = []
            for slug in self.model:
                aggregate_id = territory_id(COHORT, slug)
                state = self.app.territory(COHORT, slug)
                assert state is not None
                events = self.app.stored_events(aggregate_id)
                assert self.app.snapshots is not None
                snapshots = [cast(Snapshot, s) for s in self.app.snapshots.get(aggregate_id)]
                found.append(Loaded(slug, aggregate_id, state, events, snapshots))
            self._loaded = (position, found)
        return self._loaded[1]

    @invariant()
    def the_live_state_is_the_replay_and_the_model(self) -> None:
        for territory in self.loaded():
            model, state = self.model[territory.slug], territory.state
            assert state == project(None, territory.events)
            assert state.version == model.version
            assert state.engagement == Engagement(model.engagement)
            assert state.diagnostic == list(DiagnosticStage)[model.diagnostic]
            assert state.notes == NOTES[: model.notes]
            assert (state.days_spent, state.days_added) == (model.spent, model.added)
            assert {key: record.retracted for key, record in state.entries.items()} == model.entries

    @invariant()
    def days_stay_within_budget(self) -> None:
        cohort = self.app.cohort(COHORT)
        assert cohort is not None
        for territory in self.loaded():
            assert 0 <= territory.state.days_spent <= pilot_days_budget(territory.state, cohort)

    @invariant()
    def diagnostic_steps_and_notes_are_stored_in_order(self) -> None:
        for territory in self.loaded():
            events = territory.events
            assert isinstance(events[0], TerritoryRegistered)
            assert [e.originator_version for e in events] == list(range(1, len(events) + 1))
            steps = [type(e) for e in events if isinstance(e, DIAGNOSTIC_STEPS)]
            assert steps == list(DIAGNOSTIC_STEPS[: len(steps)])
            notes = [e.kind for e in events if isinstance(e, PilotNoteWritten)]
            assert notes == list(NOTES[: len(notes)])
            interviews = [i for i, e in enumerate(events) if isinstance(e, InterviewsHeld)]
            started = [i for i, e in enumerate(events) if isinstance(e, DiagnosticStarted)]
            assert not interviews or started[0] < interviews[0]

    @invariant()
    def accompaniment_is_stored_only_while_joined(self) -> None:
        for territory in self.loaded():
            joined = False
            for event in territory.events:
                if isinstance(event, TerritoryJoined | TerritoryDeclined):
                    joined = isinstance(event, TerritoryJoined)
                elif not isinstance(event, RECRUITMENT_EVENTS + RECORD_EVENTS):
                    assert joined, f"{event.type_name()} stored while {territory.slug} was not engaged"

    @invariant()
    def only_corrections_are_stored_after_closing(self) -> None:
        closed = False
        for _, event in self.app.follow(0):
            assert not closed or isinstance(event, RECORD_EVENTS), f"{event.type_name()} after cohort_closed"
            closed = closed or isinstance(event, CohortClosed)
        assert closed == self.closed

    @invariant()
    def a_snapshot_is_taken_every_interval(self) -> None:
        for territory in self.loaded():
            taken = [s.originator_version for s in territory.snapshots]
            assert taken == list(range(SMALL_INTERVAL, territory.state.version + 1, SMALL_INTERVAL))
            SEEN["snapshots"] = max(SEEN.get("snapshots", 0), len(taken))


def test_random_histories_keep_the_invariants(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(application, "SNAPSHOT_INTERVAL", SMALL_INTERVAL)
    SEEN.clear()

    paths = (
        "accepted accompaniment_days_spent",
        "refused accompaniment_days_spent: BudgetExceeded",
        "accepted diagnostic_restituted",
        "accepted entry_retracted",
        "cohort closed",
    )
    # A batch of random runs now and then misses a long path (a restitution takes four accepted steps in
    # order): up to three batches, every one checking the invariants, until each path has been taken.
    for _batch in range(3):
        run_state_machine_as_test(
            TerritoryHistories,
            settings=settings(max_examples=80, stateful_step_count=50, deadline=None),
        )
        if SEEN.get("snapshots", 0) >= 3 and all(path in SEEN for path in paths):
            break

    assert SEEN.get("snapshots", 0) >= 3
    for path in paths:
        assert path in SEEN, f"no run went through {path}"


def test_the_real_interval_snapshots_a_long_history() -> None:
    app = TransitionsApplication(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    slug = SLUGS[0]
    aggregate_id = territory_id(COHORT, slug)
    facts: dict[str, Any] = {"timestamp": RECORDED_AT, "occurred": "2024", "originator_id": aggregate_id}
    app.append(
        [
            TerritoryRegistered(
                **facts, originator_version=1, entry="r", cohort=COHORT, slug=slug, name="Gâtine", kind="epci"
            ),
            TerritoryJoined(**facts, originator_version=2, entry="j"),
        ]
    )
    last = 2 * application.SNAPSHOT_INTERVAL + 5
    for version in range(3, last + 1):
        app.append(
            [AccompanimentBudgetExtended(**facts, originator_version=version, entry=f"b{version}", days=1)]
        )

    assert app.snapshots is not None
    taken = [s.originator_version for s in app.snapshots.get(aggregate_id)]
    state = app.territory(COHORT, slug)

    assert taken == [application.SNAPSHOT_INTERVAL, 2 * application.SNAPSHOT_INTERVAL]
    assert state is not None and state.version == last and state.days_added == last - 2
    assert state == project(None, app.stored_events(aggregate_id))
    app.close()


@pytest.mark.parametrize("event_type", [AccompanimentDaysSpent, AccompanimentBudgetExtended])
@pytest.mark.parametrize("value", [float("nan"), float("inf")], ids=["nan", "inf"])
def test_a_day_count_that_is_not_a_number_never_reaches_the_store(
    event_type: type[DomainEvent], value: float
) -> None:
    # NaN passes every comparison with the budget, and JSON turns it into null: the store could not read it back.
    machine = TerritoryHistories()
    try:
        machine.open_cohort(None, {SLUGS[0]}, {SLUGS[0]}, "2024")
        cohort = machine.app.cohort(COHORT)
        assert cohort is not None

        with pytest.raises((ValidationError, errors.DomainError)):
            event = machine.build(SLUGS[0], event_type, "2024", days=value)
            check_territory_event(machine.app.territory(COHORT, SLUGS[0]), event, cohort)
    finally:
        machine.teardown()
