"""Given events / when an event / then accepted, or refused with a named domain error."""

from __future__ import annotations

import pytest

from tests.unit.given import Given
from transitions_core.domain.errors import (
    AlreadyRecorded,
    BudgetExceeded,
    CohortIsClosed,
    DiagnosticOutOfOrder,
    InvalidCorrection,
    NegativeCount,
    PilotNoteOutOfOrder,
    TerritoryHasDeclined,
    TerritoryHasLeft,
    TerritoryNotEngaged,
    UnknownEntry,
)
from transitions_core.domain.events import (
    AccompanimentBudgetExtended,
    AccompanimentDaysSpent,
    AllyAssigned,
    CohortClosed,
    DiagnosticPreRestituted,
    DiagnosticRestituted,
    DiagnosticStarted,
    EffectObserved,
    EntryCorrected,
    EntryRetracted,
    FindingRecorded,
    InPersonDayHeld,
    InterviewsHeld,
    PilotNoteWritten,
    PilotProjectChosen,
    SchemePresented,
    TerritoryApproached,
    TerritoryDeclined,
    TerritoryJoined,
    TerritoryLeft,
    TerritoryRegistered,
)
from transitions_core.domain.territory import DiagnosticStage, Engagement
from transitions_core.domain.values import Headcount, Person

PILOT = {"title": "Concertation mobilité", "summary": "Une grande concertation."}


@pytest.mark.parametrize(
    ("kind", "facts"),
    [
        (DiagnosticStarted, {}),
        (PilotProjectChosen, PILOT),
        (EffectObserved, {"label": "crédibilité", "description": "…"}),
        (AllyAssigned, {"allies": [Person(name="Elsa Bonal", organisation="Déjà-là")]}),
        (AccompanimentDaysSpent, {"days": 1}),
    ],
)
def test_accompaniment_needs_an_engaged_territory(kind, facts):
    given = Given().given(TerritoryApproached).given(SchemePresented)
    with pytest.raises(TerritoryNotEngaged, match="aucun engagement dans la cohorte"):
        given.when(kind, **facts)


def test_a_joined_territory_is_accompanied():
    given = Given().given(TerritoryApproached).joined()
    given.when(DiagnosticStarted, conducted_by=["AREC Occitanie"])
    assert given.territory.diagnostic is DiagnosticStage.STARTED


def test_a_declined_territory_gets_no_accompaniment():
    given = Given().given(TerritoryApproached).given(TerritoryDeclined, reason="calendrier")
    assert given.territory.engagement is Engagement.DECLINED
    with pytest.raises(TerritoryHasDeclined, match=r"refus de l.accompagnement"):
        given.when(PilotProjectChosen, **PILOT)


def test_a_territory_that_leaves_after_joining_gets_no_more_accompaniment():
    given = Given().joined().given(TerritoryDeclined, reason="fin de mandat")
    with pytest.raises(TerritoryHasDeclined):
        given.when(DiagnosticStarted)


def test_a_territory_that_left_gets_no_more_accompaniment_and_is_told_so():
    given = Given().joined().given(TerritoryLeft, reason="fin de mandat")
    assert given.territory.engagement is Engagement.LEFT
    with pytest.raises(TerritoryHasLeft, match="Le Vigan a quitté la cohorte : « diagnostic_started »"):
        given.when(DiagnosticStarted)


def test_only_a_territory_that_joined_can_leave():
    with pytest.raises(TerritoryNotEngaged):
        Given().given(TerritoryApproached).when(TerritoryLeft)


def test_a_territory_that_left_may_join_again():
    given = Given().joined().given(TerritoryLeft).given(TerritoryJoined)
    assert given.territory.engagement is Engagement.JOINED
    given.when(DiagnosticStarted, conducted_by=["AREC Occitanie"])


def test_joining_twice_is_refused():
    with pytest.raises(AlreadyRecorded):
        Given().joined().when(TerritoryJoined)


def test_a_late_presentation_record_does_not_undo_the_commitment():
    given = Given().joined().given(SchemePresented)
    assert given.territory.engagement is Engagement.JOINED


def test_registering_twice_is_refused():
    with pytest.raises(AlreadyRecorded):
        Given().when(TerritoryRegistered, cohort="c", slug="t", name="Le Vigan", kind="commune")


def test_diagnostic_steps_in_order_are_accepted():
    given = Given().joined().given(DiagnosticStarted).given(InterviewsHeld, count=12)
    given.given(DiagnosticPreRestituted).when(DiagnosticRestituted, public=True)
    assert given.territory.diagnostic is DiagnosticStage.RESTITUTED


@pytest.mark.parametrize(
    ("steps", "kind", "missing"),
    [
        ([], DiagnosticPreRestituted, "diagnostic_started"),
        ([], DiagnosticRestituted, "diagnostic_pre_restituted"),
        ([DiagnosticStarted], DiagnosticRestituted, "diagnostic_pre_restituted"),
        ([], InterviewsHeld, "diagnostic_started"),
    ],
)
def test_diagnostic_steps_out_of_order_are_refused(steps, kind, missing):
    given = Given().joined()
    for step in steps:
        given.given(step)
    with pytest.raises(DiagnosticOutOfOrder, match=missing):
        given.when(kind)


def test_a_finding_needs_a_started_diagnostic():
    with pytest.raises(DiagnosticOutOfOrder):
        Given().joined().when(FindingRecorded, kind="tension", summary="Tensions internes")


def test_a_second_restitution_is_refused():
    given = (
        Given().joined().given(DiagnosticStarted).given(DiagnosticPreRestituted).given(DiagnosticRestituted)
    )
    with pytest.raises(AlreadyRecorded):
        given.when(DiagnosticRestituted)


def test_pilot_notes_in_order_are_accepted():
    given = Given().joined()
    for kind in ("intention", "framing", "feasibility"):
        given.when(PilotNoteWritten, kind=kind)
    assert [str(n) for n in given.territory.notes] == ["intention", "framing", "feasibility"]


@pytest.mark.parametrize(
    ("written", "kind"),
    [([], "framing"), ([], "feasibility"), (["intention"], "feasibility")],
)
def test_pilot_notes_out_of_order_are_refused(written, kind):
    given = Given().joined()
    for note in written:
        given.given(PilotNoteWritten, kind=note)
    with pytest.raises(PilotNoteOutOfOrder, match=r"intention|framing"):
        given.when(PilotNoteWritten, kind=kind)


def test_a_note_written_twice_is_refused():
    with pytest.raises(AlreadyRecorded):
        Given().joined().given(PilotNoteWritten, kind="intention").when(PilotNoteWritten, kind="intention")


def test_days_within_the_budget_are_accepted():
    given = Given().joined().given(AccompanimentDaysSpent, days=5)
    given.when(AccompanimentDaysSpent, days=3)
    assert given.territory.days_spent == 8


def test_days_beyond_the_budget_are_refused():
    given = Given().joined().given(AccompanimentDaysSpent, days=6)
    with pytest.raises(BudgetExceeded, match="9 jours pour 8"):
        given.when(AccompanimentDaysSpent, days=3)


def test_an_extension_makes_room_for_more_days():
    given = Given().joined().given(AccompanimentDaysSpent, days=8)
    given.given(AccompanimentBudgetExtended, days=2, reason="forum supplémentaire")
    given.when(AccompanimentDaysSpent, days=2)
    assert given.territory.days_spent == 10


def test_the_cohort_sets_the_budget():
    given = Given(pilot_days_budget=4).joined()
    with pytest.raises(BudgetExceeded, match="pour 4"):
        given.when(AccompanimentDaysSpent, days=5)


def test_nothing_happens_in_a_closed_cohort():
    given = Given().joined().given(CohortClosed)
    with pytest.raises(CohortIsClosed):
        given.when(DiagnosticStarted)
    with pytest.raises(CohortIsClosed):
        given.when(InPersonDayHeld, number=4, place="Toulouse", theme="bilan")


def test_a_closed_cohort_can_still_be_corrected():
    given = Given().joined().given(EffectObserved, label="crédibilité", description="x", entry="effet")
    given.given(CohortClosed)
    given.when(EntryCorrected, target="effet", changes={"description": "y"}, reason="faute de frappe")


@pytest.mark.parametrize(
    ("kind", "facts", "field"),
    [
        (InterviewsHeld, {"count": -1}, "count"),
        (AccompanimentDaysSpent, {"days": -2}, "days"),
        (
            InPersonDayHeld,
            {"number": 1, "place": "Fronton", "theme": "x", "attendance": Headcount(low=-5)},
            "attendance.low",
        ),
    ],
)
def test_counts_are_never_negative(kind, facts, field):
    given = Given().joined().given(DiagnosticStarted)
    with pytest.raises(NegativeCount, match=field.replace(".", r"\.")):
        given.when(kind, **facts)


def test_a_correction_must_aim_at_a_held_entry():
    with pytest.raises(UnknownEntry):
        Given().joined().when(EntryCorrected, target="nowhere", changes={"label": "x"}, reason="?")


def test_a_correction_must_change_a_field_the_entry_has():
    given = Given().joined().given(EffectObserved, label="crédibilité", description="x", entry="effet")
    with pytest.raises(InvalidCorrection, match="colour"):
        given.when(EntryCorrected, target="effet", changes={"colour": "blue"}, reason="?")


def test_a_correction_cannot_make_a_count_negative():
    given = Given().joined().given(DiagnosticStarted).given(InterviewsHeld, count=10, entry="entretiens")
    with pytest.raises(NegativeCount):
        given.when(EntryCorrected, target="entretiens", changes={"count": -3}, reason="?")


def test_a_retracted_entry_cannot_be_corrected():
    given = Given().joined().given(EffectObserved, label="x", description="x", entry="effet")
    given.given(EntryRetracted, target="effet", reason="doublon")
    with pytest.raises(InvalidCorrection, match="retirée"):
        given.when(EntryCorrected, target="effet", changes={"label": "y"}, reason="?")
