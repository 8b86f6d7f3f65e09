"""The lifecycle of `scenarios/baseline-occitanie.yaml` written as a Mesa 3 model, as a modeller would.

One agent per candidate territory, one step per week from the start of recruitment to the end of the
programme, a DataCollector read by `mesa.batch_run`. It shares with transitions_core only what makes the
comparison fair: the scenario's calibrated rates and calendar, the candidates (listed and sampled) and
the behavioural rules (`RuleSet.adjust`). The engine, the weekly granularity and the bookkeeping are
Mesa's. Needs the `bench` extra (`pip install '.[bench]'`).

Run it in its own process: `import mesa` switches the process's multiprocessing start method to spawn.

    python -m benchmarks.peers.mesa_lifecycle --runs 200 --json
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import time
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import mesa

from transitions_core.simulation.calendar import Calendar
from transitions_core.simulation.loading import load_scenario
from transitions_core.simulation.rules import Quantity, RuleSet, Situation, default_rules, with_odds
from transitions_core.simulation.scenario import Scenario
from transitions_core.simulation.territories import Candidate, candidates, default_generators

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = ROOT / "scenarios" / "baseline-occitanie.yaml"
WEEK = 7
MONTH = 30.44
#: The outcome measures both simulators report, to compare their means.
MEASURES = (
    "approached",
    "presented",
    "joined",
    "declined",
    "dropped_out",
    "delegations_incomplete",
    "diagnostics_restituted",
    "interviews",
    "pilots_feasibility",
    "days_used",
    "milestones",
    "effects",
    "limits",
    "forum_attendance",
)


@lru_cache(maxsize=4)
def scenario_of(path: str) -> tuple[Scenario, Calendar, RuleSet]:
    """Load once per process: a modeller reads the scenario file once, not once per run."""
    scenario = load_scenario(Path(path)).scenario
    return scenario, Calendar.of(scenario.calendar), RuleSet(default_rules(), scenario.rules)


class TerritoryAgent(mesa.Agent):
    """A candidate territory: recruited or not, then its diagnostic, pilot, ally, drop-out, evaluation."""

    def __init__(self, model: LifecycleModel, candidate: Candidate) -> None:
        super().__init__(model)
        self.c = candidate
        launch_week = model.week_of(model.cal.launch)
        self.approach_week = int(model.rng.uniform(0, max(launch_week - 9, 1)))
        self.state = "waiting"  # waiting, presented, declined, engaged, dropped
        self.delegation_complete: bool | None = None
        self.delegation_week = 0
        self.diagnostic = "not started"  # not started, interviews, pre-restitution, restitution, restituted
        self.diagnostic_week = 0
        self.interviews = 0
        self.diagnostic_work = 0.0
        self.pilot_week = 0
        self.notes = -1  # -1: no pilot yet; 0-3 notes written
        self.note_work = 0.0
        self.ally_week: int | None = None
        self.ally_target = 0.0
        self.ally_work = 0.0
        self.days = 0.0

    def situation(self) -> Situation:
        return Situation(self.c, self.model.day, self.model.cal, self.delegation_complete)

    def step(self) -> None:
        m = self.model
        week = m.week
        if self.state == "waiting" and week == self.approach_week:
            m.approached += 1
            if m.rng.random() < m.rules.adjust(Quantity.PRESENT, m.p.recruitment.present, self.situation()):
                self.state = "presented"
                m.presented += 1
        elif self.state == "presented" and week == m.launch_week:
            at_launch = Situation(self.c, m.cal.launch, m.cal)
            if m.rng.random() < m.rules.adjust(Quantity.JOIN, m.p.recruitment.join, at_launch):
                self.engage()
            else:
                self.state = "declined"
                m.declined += 1
        elif self.state == "engaged" and week > m.launch_week:
            self.live(week)

    def engage(self) -> None:
        m, rng = self.model, self.model.rng
        self.state = "engaged"
        m.joined += 1
        now = m.launch_week
        self.delegation_week = now + int(rng.uniform(2, 9))
        self.diagnostic_week = now + round(rng.uniform(*m.p.diagnostic.start_delay_days) / WEEK)
        self.pilot_week = now + round(rng.uniform(*m.p.pilot.choice_delay_days) / WEEK)

    def live(self, week: int) -> None:
        m, rng = self.model, self.model.rng
        situation = self.situation()
        hazard = m.rules.adjust(Quantity.DROPOUT, m.p.dropout.monthly_hazard, situation)
        if rng.random() < 1 - (1 - hazard) ** (WEEK / MONTH):
            self.state = "dropped"
            m.dropped_out += 1
            return
        if week == self.delegation_week:
            complete = self.c.delegation_complete
            if complete is None:
                complete = bool(rng.random() < m.p.delegation.complete)
            self.delegation_complete = complete
            m.delegations_incomplete += not complete
        pace = WEEK * max(m.rules.adjust(Quantity.PROGRESS, 1.0, situation), 1e-3)
        self.diagnose(week, pace)
        self.pilot(week, pace)
        self.accompany(week, pace)

    def diagnose(self, week: int, pace: float) -> None:
        m, rng, d = self.model, self.model.rng, self.model.p.diagnostic
        if self.diagnostic == "not started":
            if week >= self.diagnostic_week:
                self.diagnostic = "interviews"
                self.interviews = max(1, int(rng.poisson(d.interviews_mean)))
                self.diagnostic_work = self.interviews / max(d.interviews_per_week, 1e-3) * WEEK
            return
        if self.diagnostic == "restituted":
            return
        self.diagnostic_work -= pace
        if self.diagnostic_work > 0:
            return
        if self.diagnostic == "interviews":
            m.interviews += self.interviews
            self.diagnostic = "pre-restitution"
            self.diagnostic_work = rng.uniform(*d.pre_restitution_days)
        elif self.diagnostic == "pre-restitution":
            self.diagnostic = "restitution"
            self.diagnostic_work = rng.uniform(*d.restitution_days)
        else:
            self.diagnostic = "restituted"
            m.diagnostics_restituted += 1
            m.public_restitutions += bool(rng.random() < d.public_restitution)

    def pilot(self, week: int, pace: float) -> None:
        m, rng, p = self.model, self.model.rng, self.model.p.pilot
        if self.notes < 0:
            if week >= self.pilot_week:
                self.notes = 0
                self.note_work = rng.exponential(p.note_work_days)
            return
        if self.notes >= 3:
            return
        self.note_work -= pace
        if self.note_work > 0:
            return
        self.notes += 1
        if self.notes == 1:
            self.ally_week = week + round(rng.uniform(*p.ally_delay_days) / WEEK)
        if self.notes == 3:
            m.pilots_feasibility += 1
        else:
            self.note_work = rng.exponential(p.note_work_days)

    def accompany(self, week: int, pace: float) -> None:
        rng, p = self.model.rng, self.model.p.pilot
        if self.ally_week is None or week < self.ally_week:
            return
        if week == self.ally_week:
            self.ally_target = min(p.days_budget, p.days_budget * p.days_used_share * rng.uniform(0.75, 1.25))
            self.ally_work = rng.uniform(14, 42)
            return
        if self.days >= self.ally_target - 1e-9:
            return
        self.ally_work -= pace
        if self.ally_work > 0:
            return
        days = min(round(rng.uniform(*p.session_days) * 2) / 2 or 0.5, p.days_budget - self.days)
        self.days += days
        self.model.days_used += days
        self.ally_work = rng.uniform(14, 42)

    def evaluate(self) -> None:
        m, rng, e = self.model, self.model.rng, self.model.p.evaluation
        situation = self.situation()
        effects = m.rules.adjust(Quantity.EFFECTS, e.effects_mean, situation)
        restituted = self.diagnostic == "restituted"
        m.effects += int(rng.poisson(effects * (1 if restituted else e.unrestituted_effects)))
        texts = len(m.rules.limits(situation)) + 6  # the rules' explanations, then six generic limits
        m.limits += min(int(rng.poisson(m.rules.adjust(Quantity.LIMITS, e.limits_mean, situation))), texts)
        m.milestones += int(rng.poisson(m.p.pilot.milestones_mean * (1 if self.notes >= 3 else 0.5)))


class LifecycleModel(mesa.Model):
    """One cohort, one step a week, from the start of recruitment to the end of the programme."""

    def __init__(self, seed: int = 0, scenario: str = str(SCENARIO)) -> None:
        super().__init__(rng=seed)
        self.scenario, self.cal, self.rules = scenario_of(scenario)
        self.p = self.scenario.parameters
        self.launch_week = self.week_of(self.cal.launch)
        self.last_week = self.week_of(self.cal.end)
        self.sessions = self.agenda()
        for name in (*MEASURES, "public_restitutions", "in_person_max", "webinar_max"):
            setattr(self, name, 0)
        self.day = self.cal.start
        self.week = 0
        for region in self.scenario.regions:
            for candidate in candidates(region, default_generators(), self.rng):
                TerritoryAgent(self, candidate)
        self.datacollector = mesa.DataCollector(
            model_reporters={name: name for name in (*MEASURES, "in_person_max", "webinar_max")}
        )

    def week_of(self, day: date) -> int:
        return (day - self.cal.start).days // WEEK

    def agenda(self) -> dict[int, list[str]]:
        """The common core's sessions, by week."""
        out: dict[int, list[str]] = {}
        dated = [(s.date, "in person") for s in self.cal.in_person_days]
        dated += [(s.date, "webinar") for s in self.cal.webinars]
        dated += [(d, "in person") for d in self.cal.peer_exchanges]
        if self.cal.forums:
            first, last, count = self.cal.forums
            span = (last - first).days
            dated += [(first + timedelta(days=(i + 0.5) * span / count), "forum") for i in range(count)]
        for day, kind in dated:
            out.setdefault(self.week_of(day), []).append(kind)
        return out

    def step(self) -> None:
        week = self.week = self.steps - 1  # Mesa counts the step being run from 1
        self.day = self.cal.start + timedelta(days=week * WEEK)
        self.agents.shuffle_do("step")
        for kind in self.sessions.get(week, []):
            self.hold(kind)
        if week >= self.last_week:
            for agent in self.agents:
                if agent.state == "engaged":
                    agent.evaluate()
            self.running = False
        self.datacollector.collect(self)

    def hold(self, kind: str) -> None:
        present = [a for a in self.agents if a.state == "engaged"]
        s = self.p.sessions
        if kind == "forum":
            self.forum_attendance += sum(int(self.rng.poisson(s.forum_people)) for _ in present)
            return
        in_person = kind == "in person"
        base = s.attend_in_person if in_person else s.attend_webinar
        people = s.people_in_person if in_person else s.people_webinar
        probability = with_odds(base, math.exp(self.rng.normal(0, s.turnout_spread)))
        total = s.in_person_organisers if in_person else s.webinar_organisers
        for agent in present:
            if self.rng.random() < self.rules.adjust(Quantity.ATTEND, probability, agent.situation()):
                total += 1 + int(self.rng.poisson(max(people - 1, 0)))
        if in_person:
            self.in_person_max = max(self.in_person_max, total)
        else:
            self.webinar_max = max(self.webinar_max, total)


def sweep(runs: int, seed: int = 1, processes: int = 1) -> tuple[float, list[dict[str, Any]]]:
    """`runs` runs through `batch_run`, one distinct seed each (its `iterations` would repeat one seed)."""
    scenario_of(str(SCENARIO))
    begin = time.perf_counter()
    rows = mesa.batch_run(
        LifecycleModel,
        parameters={"seed": range(seed * 1_000_000, seed * 1_000_000 + runs)},
        number_processes=processes,
        iterations=1,
        max_steps=1000,
        display_progress=False,
    )
    return time.perf_counter() - begin, rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="one JSON line: seconds and mean of each measure")
    args = parser.parse_args(argv)
    seconds, rows = sweep(args.runs, args.seed)
    means = {name: statistics.fmean(row[name] for row in rows) for name in MEASURES}
    if args.json:
        print(json.dumps({"runs": len(rows), "seconds": seconds, "means": means}))
    else:
        print(f"{len(rows)} runs in {seconds:.2f} s ({len(rows) / seconds:.1f} runs/s)")
        for name, value in means.items():
            print(f"{name:>24} {value:8.2f}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
