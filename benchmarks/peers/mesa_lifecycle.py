"""The lifecycle of `scenarios/baseline-occitanie.yaml` written as a Mesa 3 model, as a modeller would.

One agent per candidate territory, one step per week (or, with `--tick day`, per day) from the start of
recruitment to the end of the programme, a DataCollector collected every step and read by
`mesa.batch_run`. It shares with transitions_core only what makes the comparison fair: the scenario's
calibrated rates and calendar, the candidates (listed and sampled) and the behavioural rules. The
engine, the granularity and the bookkeeping are Mesa's. Needs the `bench` extra (`pip install '.[bench]'`).

The rules are asked as our engine asks them: each engaged territory's pace and drop-out hazard
through its `TerritoryRules` (worked out once per stretch of days where the rules' answers hold), the
rest through `RuleSet.adjust`. `--ask-every-time` asks `RuleSet.adjust` every step instead, as before
`TerritoryRules` existed: the same answers, to measure what the tabulation is worth to Mesa too.

The programme's capacity is the model's too: diagnosticians and allies are counted slots every region's
territories queue for (first come, first served), the team's days a monthly refilled stock each pilot note
draws on; the pilot is framed once the diagnostic is restituted; the delegation's cohesion (the weighted
share of sessions attended, times the dose of common core offered against the dated sessions) scales
effects and limits at the evaluation, held on the calendar's evaluation day.

`--tick week` (the default) is the light peer: 157 weekly steps that only count. `--tick day` is the same
model at our model's granularity, one step a day over the same span (1,099 steps): every rate is converted
to a step exactly as the weekly one is (the drop-out monthly hazard to a day, the pace of work per day,
the delays in days rounded to whole steps), so sessions fall on their own day and work moves at each day's
pace, as in ours. Everything else, including collecting the DataCollector every step, is the same code.

Run it in its own process: `import mesa` switches the process's multiprocessing start method to spawn.

    python -m benchmarks.peers.mesa_lifecycle --runs 200 --json [--ask-every-time] [--tick day]
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

from transitions_core.simulation.model.calendar import Calendar
from transitions_core.simulation.model.cohesion import IN_PERSON, PEER_EXCHANGE, WEBINAR, cohesion
from transitions_core.simulation.model.territories import Candidate, candidates
from transitions_core.simulation.rules.base import Quantity, RuleSet, Situation, TerritoryRules, with_odds
from transitions_core.simulation.rules.plugin import default_generators, default_rules
from transitions_core.simulation.scenario.loading import load_scenario
from transitions_core.simulation.scenario.spec import Scenario

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = ROOT / "scenarios" / "baseline-occitanie.yaml"
WEEK = 7
#: Days per Mesa step, by `--tick`.
TICKS = {"week": WEEK, "day": 1}
#: Ask `RuleSet.adjust` every step instead of the territory's tabulated rules (`--ask-every-time`).
ASK_EVERY_TIME = False
MONTH = 30.44
#: The kinds of the common core's sessions, by their code in the calendar's reference programme.
KINDS = {IN_PERSON: "in person", WEBINAR: "webinar", PEER_EXCHANGE: "peers"}
CODES = {name: code for code, name in KINDS.items()}
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
        self.rules: TerritoryRules | None = (
            None if ASK_EVERY_TIME else model.rules.territory(candidate, model.cal)
        )
        # Approached in the first steps of recruitment, up to 9 weeks before the launch.
        self.approach_step = int(model.rng.uniform(0, max(model.launch_step - 9 * WEEK // model.span, 1)))
        self.state = "waiting"  # waiting, presented, declined, engaged, dropped
        self.delegation_complete: bool | None = None
        self.delegation_step = 0
        self.diagnostic = "not started"  # not started, interviews, pre-restitution, restitution, restituted
        self.diagnostic_step = 0
        self.interviews = 0
        self.diagnostic_work = 0.0
        self.pilot_step = 0
        self.notes = -1  # -1: no pilot yet; 0-3 notes written
        self.note_work = 0.0
        self.ally_step: int | None = None
        self.ally_target = 0.0
        self.ally_work = 0.0
        self.days = 0.0
        self.holds: set[str] = set()  # the programme's slots held: "diagnostician", "ally"
        self.offered = 0.0
        self.attended = 0.0
        self.planned = 0.0  # the dated sessions held or not while engaged: the reference dose
        self.note_done = False  # the note's work is done; waiting for the team's days

    def situation(self) -> Situation:
        return Situation(self.c, self.model.day, self.model.cal, self.delegation_complete)

    def step(self) -> None:
        m = self.model
        now = m.now
        if self.state == "waiting" and now == self.approach_step:
            m.approached += 1
            if m.rng.random() < m.rules.adjust(Quantity.PRESENT, m.p.recruitment.present, self.situation()):
                self.state = "presented"
                m.presented += 1
        elif self.state == "presented" and now == m.launch_step:
            at_launch = Situation(self.c, m.cal.launch, m.cal)
            if m.rng.random() < m.rules.adjust(Quantity.JOIN, m.p.recruitment.join, at_launch):
                self.engage()
            else:
                self.state = "declined"
                m.declined += 1
        elif self.state == "engaged" and now > m.launch_step:
            self.live(now)

    def engage(self) -> None:
        m, rng = self.model, self.model.rng
        self.state = "engaged"
        m.joined += 1
        now, span = m.launch_step, m.span
        self.delegation_step = now + round(rng.uniform(*m.p.delegation.formed_within_days) / span)
        self.diagnostic_step = now + round(rng.uniform(*m.p.diagnostic.start_delay_days) / span)
        self.pilot_step = 10**9  # framed once the diagnostic is restituted

    def take(self, what: str) -> bool:
        """A diagnostician or an ally, if one is free (and this territory is first in line for it)."""
        if what in self.holds:
            return True
        m = self.model
        line = m.waiting[what]
        if self not in line:
            line.append(self)
        if m.free[what] > 0 and line[0] is self:
            line.pop(0)
            m.free[what] -= 1
            self.holds.add(what)
            return True
        return False

    def release(self, what: str) -> None:
        if what in self.holds:
            self.holds.discard(what)
            self.model.free[what] += 1

    def leave(self) -> None:
        self.state = "dropped"
        for what in list(self.holds):
            self.release(what)
        for line in self.model.waiting.values():
            if self in line:
                line.remove(self)

    def live(self, now: int) -> None:
        m, rng, span = self.model, self.model.rng, self.model.span
        rules, known, time = self.rules, self.delegation_complete, float(now * span)  # as the step starts
        if rules is None:
            situation = self.situation()
            hazard = m.rules.adjust(Quantity.DROPOUT, m.p.dropout.monthly_hazard, situation)
        else:
            hazard = rules.adjust(Quantity.DROPOUT, m.p.dropout.monthly_hazard, time, known)
        if rng.random() < 1 - (1 - hazard) ** (span / MONTH):
            self.leave()
            m.dropped_out += 1
            return
        if now == self.delegation_step:
            complete = self.c.delegation_complete
            if complete is None:
                complete = bool(rng.random() < m.p.delegation.complete)
            self.delegation_complete = complete
            m.delegations_incomplete += not complete
        if rules is None:
            pace = span * max(m.rules.adjust(Quantity.PROGRESS, 1.0, situation), 1e-3)
        else:
            pace = span * max(rules.adjust(Quantity.PROGRESS, 1.0, time, known), 1e-3)
        self.diagnose(now, pace)
        self.pilot(now, pace)
        self.accompany(now, pace)

    def diagnose(self, now: int, pace: float) -> None:
        m, rng, d = self.model, self.model.rng, self.model.p.diagnostic
        if self.diagnostic == "not started":
            if now >= self.diagnostic_step and self.take("diagnostician"):
                self.diagnostic = "interviews"
                self.interviews = max(1, int(rng.poisson(d.interviews_mean)))
                self.diagnostic_work = self.interviews / max(d.interviews_per_week, 1e-3) * WEEK  # days
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
            self.release("diagnostician")
            m.diagnostics_restituted += 1
            m.public_restitutions += bool(rng.random() < d.public_restitution)
            self.pilot_step = now + round(rng.uniform(*m.p.pilot.choice_delay_days) / m.span)

    def pilot(self, now: int, pace: float) -> None:
        m, rng, p = self.model, self.model.rng, self.model.p.pilot
        if self.notes < 0:
            if now >= self.pilot_step:
                self.notes = 0
                self.note_work = rng.exponential(p.note_work_days)
            return
        if self.notes >= 3:
            return
        if not self.note_done:
            self.note_work -= pace
            if self.note_work > 0:
                return
            self.note_done = True
        need = m.p.capacity.team_days_per_note
        if need > 0:
            if m.team_days < need:
                return
            m.team_days -= need
        self.note_done = False
        self.notes += 1
        if self.notes == 1:
            self.ally_step = now + round(rng.uniform(*p.ally_delay_days) / m.span)
        if self.notes == 3:
            m.pilots_feasibility += 1
        else:
            self.note_work = rng.exponential(p.note_work_days)

    def accompany(self, now: int, pace: float) -> None:
        rng, p = self.model.rng, self.model.p.pilot
        if self.ally_step is None or now < self.ally_step:
            return
        if self.ally_target == 0.0:
            if not self.take("ally"):
                return
            spread = p.days_used_spread
            self.ally_target = min(
                p.days_budget, p.days_budget * p.days_used_share * rng.uniform(1 - spread, 1 + spread)
            )
            self.ally_work = rng.uniform(*p.ally_gap_days)
            return
        if self.days >= self.ally_target - 1e-9:
            self.release("ally")
            return
        self.ally_work -= pace
        if self.ally_work > 0:
            return
        days = min(round(rng.uniform(*p.session_days) * 2) / 2 or 0.5, p.days_budget - self.days)
        self.days += days
        self.model.days_used += days
        self.ally_work = rng.uniform(*p.ally_gap_days)

    def evaluate(self) -> None:
        m, rng, e, c = self.model, self.model.rng, self.model.p.evaluation, self.model.p.cohesion
        situation = self.situation()
        gap = cohesion(self.attended, self.offered, self.planned, c.reference, c.headroom) - c.reference
        effects = m.rules.adjust(Quantity.EFFECTS, e.effects_mean, situation) * math.exp(c.effects * gap)
        restituted = self.diagnostic == "restituted"
        m.effects += int(rng.poisson(effects * (1 if restituted else e.unrestituted_effects)))
        texts = len(m.rules.limits(situation)) + 6  # the rules' explanations, then six generic limits
        limits = m.rules.adjust(Quantity.LIMITS, e.limits_mean, situation) * math.exp(-c.limits * gap)
        m.limits += min(int(rng.poisson(limits)), texts)

    def close(self) -> None:
        """On the last day, the pilot's milestones."""
        m = self.model
        pace = 1 if self.notes >= 3 else m.p.pilot.unfinished_milestones
        m.milestones += int(m.rng.poisson(m.p.pilot.milestones_mean * pace))


class LifecycleModel(mesa.Model):
    """One cohort, one step a week (`tick="day"`: a day), from the start of recruitment to the end."""

    def __init__(self, seed: int = 0, scenario: str = str(SCENARIO), tick: str = "week") -> None:
        super().__init__(rng=seed)
        self.scenario, self.cal, self.rules = scenario_of(scenario)
        self.p = self.scenario.parameters
        self.span = TICKS[tick]  # days per step
        self.launch_step = self.step_of(self.cal.launch)
        self.last_step = self.step_of(self.cal.end)
        evaluation = self.cal.evaluation_day
        self.evaluation_step = self.last_step
        if (
            evaluation
            and self.p.evaluation.on_evaluation_day
            and self.cal.launch < evaluation.date < self.cal.end
        ):
            self.evaluation_step = self.step_of(evaluation.date)
        capacity = self.p.capacity
        self.free = {"diagnostician": capacity.diagnosticians, "ally": capacity.allies}
        self.waiting: dict[str, list[TerritoryAgent]] = {"diagnostician": [], "ally": []}
        self.team_days = capacity.team_days_per_month
        self.next_refill = MONTH
        self.sessions = self.agenda()
        for name in (*MEASURES, "public_restitutions", "in_person_max", "webinar_max"):
            setattr(self, name, 0)
        self.day = self.cal.start
        self.now = 0  # the step being run, from 0
        for region in self.scenario.regions:
            for candidate in candidates(region, default_generators(), self.rng):
                TerritoryAgent(self, candidate)
        self.datacollector = mesa.DataCollector(
            model_reporters={name: name for name in (*MEASURES, "in_person_max", "webinar_max")}
        )

    def step_of(self, day: date) -> int:
        return (day - self.cal.start).days // self.span

    def agenda(self) -> dict[int, list[tuple[str, date]]]:
        """The common core's sessions, by step: each one's kind and day."""
        out: dict[int, list[tuple[str, date]]] = {}
        dated = [(s.date, "in person") for s in self.cal.in_person_days]
        dated += [(s.date, "webinar") for s in self.cal.webinars]
        dated += [(d, "peers") for d in self.cal.peer_exchanges]
        # The dated sessions the programme does not hold still count in each delegation's planned dose.
        dated += [(d, f"planned {KINDS[kind]}") for d, kind in self.cal.reference.unheld]
        if self.cal.forums:
            first, last, count = self.cal.forums
            span = (last - first).days
            dated += [(first + timedelta(days=(i + 0.5) * span / count), "forum") for i in range(count)]
        for day, kind in dated:
            out.setdefault(self.step_of(day), []).append((kind, day))
        return out

    def step(self) -> None:
        now = self.now = self.steps - 1  # Mesa counts the step being run from 1
        self.day = self.cal.start + timedelta(days=now * self.span)
        while (now + 1) * self.span >= self.next_refill:  # the team's days, refilled monthly
            monthly = self.p.capacity.team_days_per_month
            self.team_days = min(
                self.team_days + monthly, max(3 * monthly, self.p.capacity.team_days_per_note)
            )
            self.next_refill += MONTH
        self.agents.shuffle_do("step")
        for kind, day in self.sessions.get(now, []):
            self.hold(kind, day)
        if now == self.evaluation_step:
            for agent in self.agents:
                if agent.state == "engaged":
                    agent.evaluate()
        if now >= self.last_step:
            for agent in self.agents:
                if agent.state == "engaged":
                    agent.close()
            self.running = False
        self.datacollector.collect(self)

    def hold(self, kind: str, day: date) -> None:
        present = [a for a in self.agents if a.state == "engaged"]
        s = self.p.sessions
        if kind.startswith("planned "):
            for agent in present:
                agent.planned += self.p.cohesion.peer_weight if kind == "planned peers" else 1.0
            return
        if kind == "forum":
            self.forum_attendance += sum(int(self.rng.poisson(s.forum_people)) for _ in present)
            return
        in_person = kind in ("in person", "peers")
        weight = self.p.cohesion.peer_weight if kind == "peers" else 1.0
        planned = self.cal.reference.planned(day, CODES[kind], weight)
        base = s.attend_in_person if in_person else s.attend_webinar
        people = s.people_in_person if in_person else s.people_webinar
        probability = with_odds(base, math.exp(self.rng.normal(0, s.turnout_spread)))
        total = s.in_person_organisers if in_person else s.webinar_organisers
        for agent in present:
            agent.offered += weight
            agent.planned += planned
            if self.rng.random() < self.rules.adjust(Quantity.ATTEND, probability, agent.situation()):
                agent.attended += weight
                total += 1 + int(self.rng.poisson(max(people - 1, 0)))
        if in_person:
            self.in_person_max = max(self.in_person_max, total)
        else:
            self.webinar_max = max(self.webinar_max, total)


def sweep(
    runs: int, seed: int = 1, processes: int = 1, tick: str = "week"
) -> tuple[float, list[dict[str, Any]]]:
    """`runs` runs through `batch_run`, one distinct seed each (its `iterations` would repeat one seed)."""
    scenario_of(str(SCENARIO))
    begin = time.perf_counter()
    rows = mesa.batch_run(
        LifecycleModel,
        parameters={"seed": range(seed * 1_000_000, seed * 1_000_000 + runs), "tick": tick},
        number_processes=processes,
        iterations=1,
        max_steps=10_000,  # the model stops itself after its last step (157 weeks, 1,099 days)
        display_progress=False,
    )
    return time.perf_counter() - begin, rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="one JSON line: seconds and mean of each measure")
    parser.add_argument(
        "--ask-every-time", action="store_true", help="RuleSet.adjust every step, untabulated"
    )
    parser.add_argument("--tick", choices=sorted(TICKS), default="week", help="days per Mesa step")
    args = parser.parse_args(argv)
    global ASK_EVERY_TIME
    ASK_EVERY_TIME = args.ask_every_time
    seconds, rows = sweep(args.runs, args.seed, tick=args.tick)
    means = {name: statistics.fmean(row[name] for row in rows) for name in MEASURES}
    if args.json:
        print(json.dumps({"runs": len(rows), "tick": args.tick, "seconds": seconds, "means": means}))
    else:
        print(f"{len(rows)} runs in {seconds:.2f} s ({len(rows) / seconds:.1f} runs/s)")
        for name, value in means.items():
            print(f"{name:>24} {value:8.2f}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
