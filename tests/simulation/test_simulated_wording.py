"""What a simulated history writes in words reads as French, and claims nothing the model does not hold.

Given cohorts kept from the simulator, then: a pilot's title says « du Territoire simulé 04 », not « de
Territoire simulé 04 »; a refusal's reason is a clause that follows a colon (lowercase); the diagnosticians'
team is registered with its article and gender, so the texts say « l'Équipe … est venue »; a day the
calendar gives no place has none (the model does not know it), instead of the words « lieu non précisé ».
"""

from __future__ import annotations

from pathlib import Path

from tests.simulation.conftest import SMALL, write
from transitions_core.domain.events import (
    DomainEvent,
    InPersonDayHeld,
    OrganisationRegistered,
    PilotProjectChosen,
    TerritoryDeclined,
    TerritoryRegistered,
)
from transitions_core.simulation.model.run import Models, RunContext, simulate_run
from transitions_core.simulation.scenario.loading import load_scenario
from transitions_core.text.french import de_

#: Two extra in-person days: the calendar gives them no place.
MORE_DAYS = SMALL.replace("calendar:\n", "calendar:\n  sessions: {in_person: 4}\n", 1)


def histories(tmp_path: Path, text: str, runs: int = 8) -> list[DomainEvent]:
    loaded = load_scenario(write(tmp_path, text))
    scenario = loaded.scenario
    context = RunContext(scenario.id, scenario.title, loaded.digest, "test", 4, 0, 1, {})
    return [
        e for run in range(runs) for c in simulate_run(scenario, context, run, Models()) for e in c.events
    ]


def test_pilot_titles_take_the_territory_with_its_article(tmp_path: Path) -> None:
    events = histories(tmp_path, SMALL)
    profiles = {e.originator_id: e for e in events if isinstance(e, TerritoryRegistered)}
    titles = [(profiles[e.originator_id], e.title) for e in events if isinstance(e, PilotProjectChosen)]
    assert titles, "no pilot chosen: the test would prove nothing"
    assert any(p.article for p, _ in titles), "no territory with an article chose a pilot"
    for profile, title in titles:
        assert title == f"Projet pilote simulé {de_(profile.name, profile.article)}", title
        assert " de Le " not in title and " de Territoire" not in title


def test_reasons_follow_a_colon_and_the_team_is_registered(tmp_path: Path) -> None:
    events = histories(tmp_path, SMALL)
    reasons = [e.reason for e in events if isinstance(e, TerritoryDeclined) and e.reason]
    assert reasons and all(r[0].islower() and not r.endswith(".") for r in reasons), reasons
    teams = [e for e in events if isinstance(e, OrganisationRegistered)]
    assert teams and {(t.name, t.article, t.gender) for t in teams} == {
        ("Équipe de diagnostic simulée", "l'", "f")
    }


def test_a_day_the_calendar_does_not_place_has_no_place(tmp_path: Path) -> None:
    days = [e for e in histories(tmp_path, MORE_DAYS, runs=1) if isinstance(e, InPersonDayHeld)]
    assert len(days) == 4
    assert [d.place for d in days].count(None) == 2, [d.place for d in days]
    assert {d.place for d in days} - {None} == {"Fronton", "Montpellier"}
