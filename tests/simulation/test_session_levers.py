"""The numbers of sessions as a lever: which dated sessions are held, what is added, that the default
changes nothing, that a bad count is one French error at its line, and that attendance and cohesion follow."""

from __future__ import annotations

import itertools
import statistics
from datetime import date
from pathlib import Path

import pytest

from tests.simulation.conftest import BASELINE
from transitions_core.domain.events import (
    DomainEvent,
    InPersonDayHeld,
    PeerExchangeHeld,
    TerritoryJoined,
    TerritoryLeft,
    TerritoryRegistered,
    WebinarHeld,
)
from transitions_core.history.errors import HistoryFileError
from transitions_core.simulation.model.calendar import Calendar
from transitions_core.simulation.model.run import Models, RunContext, simulate_run
from transitions_core.simulation.running.runner import run_sweep
from transitions_core.simulation.scenario.loading import LoadedScenario, SweepPoint, load_scenario
from transitions_core.simulation.scenario.sessions import (
    ADDED_THEME,
    Session,
    TooManySessions,
    held,
    held_days,
    kept_indices,
)
from transitions_core.simulation.scenario.spec import Scenario
from transitions_core.simulation.scenario.uncertain import DEFAULT_LEVERS, with_values

LOADED = load_scenario(BASELINE)
MODELS = Models()
WINDOW = (date(2024, 5, 7), date(2025, 1, 21))


def sessions(*days: str) -> list[Session]:
    return [Session(date=date.fromisoformat(d), place=f"lieu {d}", theme=f"thème {d}") for d in days]


def with_counts(**counts: int) -> Scenario:
    return with_values(LOADED.scenario, {f"calendar.sessions.{k}": v for k, v in counts.items()})


def scenario_with(tmp_path: Path, block: str) -> Path:
    path = tmp_path / "s.yaml"
    path.write_text(
        f"kind: simulation\nextends: {BASELINE}\nid: essai\ntitle: Essai\n{block}", encoding="utf-8"
    )
    return path


# Which sessions are held


def test_fewer_sessions_keep_the_first_then_spread_evenly_to_the_last():
    assert kept_indices(6, 0) == []
    assert kept_indices(6, 1) == [0]
    assert kept_indices(6, 2) == [0, 5]
    assert kept_indices(6, 3) == [0, 3, 5]
    assert kept_indices(3, 2) == [0, 2]
    dated = sessions("2024-05-07", "2024-06-24", "2025-01-21")
    assert held(dated, 2, WINDOW) == [dated[0], dated[2]]


def test_more_sessions_keep_every_dated_one_and_add_unknown_ones_in_the_longest_stretches():
    dated = sessions("2024-05-07", "2024-06-24", "2025-01-21")
    out = held(dated, 6, WINDOW)
    assert [s for s in out if s in dated] == dated
    added = [s for s in out if s not in dated]
    assert len(added) == 3
    # The report dates none of them: no place, and a theme that says it is unknown.
    assert all(s.place is None and s.theme == ADDED_THEME for s in added)
    # All three fall in the long stretch from June to January, which they cut into even parts.
    assert all(date(2024, 6, 24) < s.date < date(2025, 1, 21) for s in added)
    days = [s.date for s in out]
    assert days == sorted(days) and len(set(days)) == len(days)
    gaps = [(b - a).days for a, b in itertools.pairwise(days[2:])]
    assert max(gaps) - min(gaps) <= 1


def test_a_kind_dated_once_gets_its_extra_sessions_over_the_common_core():
    assert held_days([date(2024, 5, 7)], 1, WINDOW) == [date(2024, 5, 7)]
    four = held_days([date(2024, 5, 7)], 4, WINDOW)
    assert four[0] == date(2024, 5, 7) and len(set(four)) == 4
    assert all(WINDOW[0] <= d < WINDOW[1] for d in four)
    assert held_days([], 1, WINDOW) == [date(2024, 9, 14)]  # the middle of the common core


def test_more_sessions_than_days_is_refused():
    with pytest.raises(TooManySessions) as caught:
        held_days([date(2024, 5, 7), date(2024, 5, 10)], 5, WINDOW)
    assert caught.value.most == 4


# The default changes nothing


def test_counts_default_to_the_dated_sessions_and_leave_the_fingerprint_alone(tmp_path):
    counts = LOADED.scenario.calendar.sessions
    assert (counts.in_person, counts.webinars, counts.peer_exchanges) == (3, 6, 1)
    spec = LOADED.scenario.calendar
    calendar = Calendar.from_spec(spec)
    assert list(calendar.in_person_days) == spec.in_person_days
    assert list(calendar.webinars) == spec.webinars
    assert list(calendar.peer_exchanges) == spec.peer_exchanges
    # Stating the dated counts is stating nothing: same fingerprint, same histories.
    stated = load_scenario(
        scenario_with(tmp_path, "calendar:\n  sessions: {in_person: 3, webinars: 6, peer_exchanges: 1}\n")
    )
    (tmp_path / "plain").mkdir()
    unstated = load_scenario(scenario_with(tmp_path / "plain", ""))
    assert stated.digest == unstated.digest
    assert events(stated.scenario, 2) == events(unstated.scenario, 2)
    moved = load_scenario(scenario_with(tmp_path, "calendar:\n  sessions: {in_person: 2}\n"))
    assert moved.digest != unstated.digest


def test_a_count_equal_to_the_dated_ones_follows_the_dates_when_set_replaces_them(tmp_path):
    loaded = load_scenario(
        scenario_with(tmp_path, "set:\n  calendar.webinars: [{date: 2024-06-01}, {date: 2024-07-01}]\n")
    )
    assert loaded.scenario.calendar.sessions.webinars == 2
    assert len(Calendar.from_spec(loaded.scenario.calendar).webinars) == 2


def test_the_numbers_of_sessions_are_default_levers_of_whole_numbers():
    from transitions_core.simulation.scenario.uncertain import levers

    found = {lever.path: lever for lever in levers(LOADED.scenario)}
    for kind in ("in_person", "webinars", "peer_exchanges"):
        lever = found[f"calendar.sessions.{kind}"]
        assert lever.integer and lever.low == 0 and lever.description
    assert set(found) == set(DEFAULT_LEVERS)
    assert with_counts(in_person=2.4).calendar.sessions.in_person == 2  # type: ignore[arg-type]


# Bad counts


@pytest.mark.parametrize(
    ("block", "line", "message"),
    [
        (
            "calendar:\n  sessions:\n    in_person: -1\n",
            7,
            "« calendar.sessions.in_person » : doit être supérieur",
        ),
        (
            "calendar:\n  sessions:\n    webinars: deux\n",
            7,
            "« calendar.sessions.webinars » : doit être un nombre entier",
        ),
        ("calendar:\n  sessions:\n    forums: 2\n", 7, "« calendar.sessions.forums » : champ inconnu"),
        (
            "calendar:\n  sessions:\n    webinars: 400\n",
            7,
            "« calendar.sessions.webinars » : 400 webinaires ne tiennent pas entre le 28 mai 2024 et le "
            "5 novembre 2024, à raison d'une par jour au plus (162 au plus) ; réduisez ce nombre.",
        ),
        (
            "levers:\n  calendar.sessions.in_person: {values: [-1, 3]}\n",
            6,
            "la valeur -1 sort du domaine du paramètre",
        ),
        ("levers:\n  calendar.sessions.webinars: {low: 0, high: 400}\n", 6, "400 webinaires ne tiennent pas"),
    ],
)
def test_a_bad_count_is_one_french_error_at_its_line(tmp_path, block, line, message):
    with pytest.raises(HistoryFileError) as caught:
        load_scenario(scenario_with(tmp_path, block))
    assert caught.value.line == line
    assert message in caught.value.message


# What the lever moves


def rows(scenario: Scenario, runs: int, seed: int) -> list[dict[str, object]]:
    point = [SweepPoint(0, {}, scenario)]
    return list(run_sweep(LoadedScenario(BASELINE, scenario, LOADED.digest, point), runs, seed).rows)


def events(scenario: Scenario, runs: int) -> list[list[DomainEvent]]:
    context = RunContext(scenario.id, scenario.title, "test", "test", 11, 0, 1, {})
    return [c.events for run in range(runs) for c in simulate_run(scenario, context, run, MODELS)]


def delegations(scenario: Scenario, runs: int = 40) -> tuple[float, float]:
    """In-person days attended, and cohesion (the weighted share of the sessions held that it came to), by
    delegation that stayed to the end, on average."""
    days_attended, shares = [], []
    for cohort in events(scenario, runs):
        slug = {e.originator_id: e.slug for e in cohort if isinstance(e, TerritoryRegistered)}
        joined = {slug[e.originator_id] for e in cohort if isinstance(e, TerritoryJoined)}
        stayed = joined - {slug[e.originator_id] for e in cohort if isinstance(e, TerritoryLeft)}
        held = [
            (
                2.0 if isinstance(e, PeerExchangeHeld) else 1.0,
                isinstance(e, InPersonDayHeld),
                set(e.territories),
            )
            for e in cohort
            if isinstance(e, InPersonDayHeld | WebinarHeld | PeerExchangeHeld)
        ]
        offered = sum(weight for weight, _, _ in held)
        for territory in stayed:
            days_attended.append(sum(1 for _, day, came in held if day and territory in came))
            shares.append(sum(w for w, _, came in held if territory in came) / offered)
    return statistics.fmean(days_attended), statistics.fmean(shares)


def test_more_in_person_days_bring_more_days_attended_and_none_leaves_no_attendance():
    none, dated, double = (delegations(with_counts(in_person=n))[0] for n in (0, 3, 6))
    assert none == 0 < dated < double
    assert all(row["in_person_attendance_max"] == 0 for row in rows(with_counts(in_person=0), 10, 1))


def test_the_share_attended_follows_which_sessions_are_held_and_effects_follow_their_amount():
    # The share of the sessions a delegation came to: in-person days are better attended than webinars
    # (0.85 against 0.75), so holding fewer webinars raises it and fewer days lowers it.
    _, baseline = delegations(LOADED.scenario)
    _, without_webinars = delegations(with_counts(webinars=0))
    _, without_days = delegations(with_counts(in_person=0))
    assert without_days < baseline < without_webinars

    def effects(scenario: Scenario) -> float:
        return statistics.fmean(row["effects"] for row in rows(scenario, 150, 7))

    # Cohesion is that share times the dose of common core (test_cohesion_dose.py): the amount prevails.
    assert effects(with_counts(webinars=0)) + 5 < effects(with_counts(webinars=12))
