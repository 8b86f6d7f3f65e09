"""One engaged territory's life in the cohort, as SimPy processes: delegation, diagnostic, pilot, ally,
drop-out and evaluation. Work advances in two-week steps at the speed the rules give for each step, so a
tourist season or the months before the elections slow it where they fall.
"""

from __future__ import annotations

import math
from collections.abc import Generator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from transitions_core.domain.events import (
    AccompanimentDaysSpent,
    AllyAssigned,
    DelegationIncompleteNoted,
    DiagnosticPreRestituted,
    DiagnosticRestituted,
    DiagnosticStarted,
    EffectObserved,
    InterviewsHeld,
    LimitObserved,
    MilestoneReached,
    PilotNoteWritten,
    PilotProjectChosen,
    TerritoryLeft,
)
from transitions_core.domain.values import ActorCategory, MilestoneKind, Observer, Person, PilotNote
from transitions_core.simulation.model.cohesion import cohesion
from transitions_core.simulation.model.draws import uniform
from transitions_core.simulation.model.territories import Candidate
from transitions_core.simulation.rules.base import Quantity, Situation, TerritoryRules
from transitions_core.text.french import de_

if TYPE_CHECKING:
    from transitions_core.simulation.model.engine import CohortModel

Process = Generator[Any, Any, bool]
STEP = 14.0  # the default of `pilot.work_step_days`, for the stepping test
MONTH = 30.44
#: Generic limits from the report, used once the rules' own explanations are used up.
GENERIC_LIMITS = (
    "Temps d'accompagnement jugé trop court pour mesurer une transformation.",
    "Participation qui reste limitée, avec peu de constance dans la présence.",
    "Démarche et vocabulaire jugés difficiles à comprendre (« jargon »).",
    "Acteurs socio-économiques difficiles à embarquer.",
    "Difficulté à impliquer les services de l'État dans la délégation.",
    "Manque de vision claire sur les suites de l'accompagnement.",
)
MILESTONES = (
    MilestoneKind.DECISION_TAKEN,
    MilestoneKind.PRESENTATION,
    MilestoneKind.SEMINAR,
    MilestoneKind.OTHER,
)
MAY_BE_MISSING = (ActorCategory.STATE, ActorCategory.SOCIO_ECONOMIC, ActorCategory.ELECTED)
#: Every simulated ally (a frozen value: one for every run).
SIMULATED_ALLY = Person(name="Allié simulé")
#: The team that conducts every simulated diagnostic, and how its name is said (`organisation_registered`):
#: « menée par l'Équipe de diagnostic simulée », « l'Équipe … est venue écouter ».
DIAGNOSTICIANS = {"name": "Équipe de diagnostic simulée", "article": "l'", "gender": "f"}


@dataclass
class Engaged:
    """What the engine knows of an engaged territory as its run goes on."""

    candidate: Candidate
    #: The rules as this territory's life asks them (tabulated where the rules allow it).
    rules: TerritoryRules
    active: bool = True
    dropped: bool = False
    delegation_complete: bool | None = None
    #: When the delegation process wakes to form the delegation (None once it has): until then the
    #: rules see `delegation_complete` as unknown, after it they may see it change.
    delegation_due: float | None = None
    restituted: bool = False
    feasibility: bool = False
    #: The sessions held while engaged, and those the delegation came to (weighted: peer exchanges count more).
    offered: float = 0.0
    attended: float = 0.0
    #: The dated sessions that fell while engaged, held or not: the reference its dose is measured against.
    planned: float = 0.0
    #: Succeeds when the diagnostic is restituted: the pilot is framed after it.
    restitution: Any = None
    #: Succeeds when the territory leaves: work stops at once, and frees what it holds.
    left: Any = None

    def cohesion(self, reference: float, headroom: float) -> float:
        """The weighted share of sessions attended times the dose offered (model/cohesion.py)."""
        return cohesion(self.attended, self.offered, self.planned, reference, headroom)


class TerritoryLife:
    """The processes of one engaged territory, started at the cohort's launch."""

    def __init__(self, model: CohortModel, state: Engaged) -> None:
        self.m = model
        self.s = state
        self.slug = state.candidate.slug
        #: The pace of work: its speed, from when to the day it holds, and for which delegation.
        self.pace: tuple[float, float, float, bool | None] = (1.0, 0.0, -1.0, None)
        state.restitution = model.env.event()
        state.left = model.env.event()

    def start(self) -> None:
        """Start the parallel tracks: delegation, diagnostic, pilot, drop-out, evaluation."""
        env = self.m.env
        for track in (self.delegation(), self.diagnostic(), self.pilot(), self.dropout(), self.evaluation()):
            env.process(track)

    def situation(self, time: float | None = None) -> Situation:
        """The territory now (or at simulation time `time`), for the rules."""
        cal = self.m.cal
        day = cal.at(self.m.env.now if time is None else time)
        return Situation(self.s.candidate, day, cal, self.s.delegation_complete)

    def emit(self, kind: Any, /, **facts: Any) -> None:
        """Record an event of this territory today."""
        m = self.m
        m.emitter.territory_event(self.slug, kind, m.cal.at(m.env.now) if m.keeps else m.cal.start, **facts)

    def alive(self) -> bool:
        """Whether the territory is still in the cohort and the programme still running."""
        return self.s.active and self.m.env.now < self.m.end_time

    def wait(self, days: float) -> Process:
        """Let calendar time pass; False if the territory left or the programme ended meanwhile."""
        m = self.m
        yield m.env.timeout(days)
        return self.s.active and m.env.now < m.end_time  # `alive()`, without its call

    def work(self, days: float) -> Process:
        """Do `days` of work at the pace the rules allow every two weeks; False if cut short.

        The steps are planned ahead and slept through at once. What a rule reads cannot change meanwhile
        (the territory, the day, the calendar), except the delegation: planning stops at the first step
        that starts once it may have been formed. The pace is read again only on the days the rules say
        it may change (`TerritoryRules.stretch`). A drop-out ends the sleep at once, so that what the
        work holds (a diagnostician, an ally) is freed when the territory leaves.
        tests/simulation/test_fast_path.py checks that this gives the histories of waking at every step.
        """
        env, state, end = self.m.env, self.s, self.m.end_time
        stretch, progress = state.rules.stretch, Quantity.PROGRESS
        step_days = self.m.p.pilot.work_step_days
        # The pace found at `since` holds until the day `until` for the delegation `known` (the tracks of
        # the territory share it: each asks from its own time, which must fall in that stretch).
        speed, since, until, known = self.pace
        remaining = days
        while remaining > 1e-9:
            at = env.now
            if not (state.active and at < end):  # `alive()`, without its call
                return False
            delegation = state.delegation_complete
            while remaining > 1e-9 and at < end:
                if not (since <= at < until and delegation is known):
                    pace, until = stretch(progress, 1.0, at, delegation)
                    speed, since, known = max(pace, 1e-3), at, delegation
                    self.pace = (speed, since, until, known)
                step = min(step_days, remaining / speed)
                at += step  # the sum SimPy makes when a process sleeps `step` from `at`
                remaining -= step * speed
                if state.delegation_due is not None and at >= state.delegation_due:
                    break
            # A drop-out meanwhile ends the sleep: the diagnostician or the ally it holds is freed then.
            yield env.first_of(env.timeout_at(at), state.left)
            speed, since, until, known = self.pace
        return state.active and env.now < end

    def delegation(self) -> Process:
        """The delegation is formed in the first weeks, complete or not."""
        delay = uniform(self.m.rng, *self.m.p.delegation.formed_within_days)
        self.s.delegation_due = self.m.env.now + delay
        formed = yield from self.wait(delay)
        self.s.delegation_due = None
        if not formed:
            return False
        complete = self.s.candidate.delegation_complete
        if complete is None:
            complete = bool(self.m.rng.random() < self.m.p.delegation.complete)
        self.s.delegation_complete = complete
        if not complete:
            count = 1 + int(self.m.rng.integers(0, 2))
            picked = sorted(self.m.rng.choice(len(MAY_BE_MISSING), size=count, replace=False))
            self.emit(
                DelegationIncompleteNoted,
                missing=[MAY_BE_MISSING[int(i)] for i in picked],
                description="La délégation des 4 Fantastiques n'est pas vraiment constituée (simulation).",
            )
        return True

    def diagnostic(self) -> Process:
        """Start, interviews, pre-restitution to the executive, restitution."""
        d = self.m.p.diagnostic
        rng = self.m.rng
        if not (yield from self.wait(uniform(rng, *d.start_delay_days))):
            return False
        # A diagnostician is held from the start to the restitution; all taken, the diagnostic waits.
        with self.m.capacity.diagnosticians.request() as diagnostician:
            yield diagnostician
            if not self.alive():
                return False
            self.emit(DiagnosticStarted, conducted_by=[DIAGNOSTICIANS["name"]])
            interviews = max(1, int(rng.poisson(d.interviews_mean)))
            if not (yield from self.work(interviews / max(d.interviews_per_week, 1e-3) * 7)):
                return False
            self.emit(InterviewsHeld, count=interviews)
            if not (yield from self.work(uniform(rng, *d.pre_restitution_days))):
                return False
            self.emit(DiagnosticPreRestituted, to="la personne à la tête de l'exécutif")
            if not (yield from self.work(uniform(rng, *d.restitution_days))):
                return False
            self.emit(DiagnosticRestituted, public=bool(rng.random() < d.public_restitution))
        self.s.restituted = True
        self.s.restitution.succeed()
        return True

    def pilot(self) -> Process:
        """Once the diagnostic is restituted the pilot is chosen, then its three notes follow, each reviewed
        by the team (its days are shared by every region); the ally comes after the intention note."""
        p = self.m.p.pilot
        rng = self.m.rng
        yield self.s.restitution
        if not self.alive():
            return False
        if not (yield from self.wait(uniform(rng, *p.choice_delay_days))):
            return False
        name = self.s.candidate.name
        self.emit(
            PilotProjectChosen,
            title=f"Projet pilote simulé {de_(name, self.s.candidate.article)}",
            summary="Projet pilote d'une histoire simulée : seul son déroulement est modélisé, pas son sujet.",
        )
        capacity = self.m.capacity
        for note in PilotNote:
            if not (yield from self.work(rng.exponential(p.note_work_days))):
                return False
            if capacity.note_days > 0:
                yield capacity.team.get(capacity.note_days)
                if not self.alive():
                    return False
            self.emit(PilotNoteWritten, kind=note)
            if note is PilotNote.INTENTION:
                self.m.env.process(self.ally())
        self.s.feasibility = True
        return True

    def ally(self) -> Process:
        """An ally is assigned, then spends accompaniment days, never beyond the budget."""
        p = self.m.p.pilot
        rng = self.m.rng
        if not (yield from self.wait(uniform(rng, *p.ally_delay_days))):
            return False
        # An ally is held from the assignment to the last day; all taken, the pilot waits for one.
        with self.m.capacity.allies.request() as ally:
            yield ally
            if not self.alive():
                return False
            self.emit(AllyAssigned, allies=[SIMULATED_ALLY])
            spread = p.days_used_spread
            target = min(
                p.days_budget, p.days_budget * p.days_used_share * uniform(rng, 1 - spread, 1 + spread)
            )
            spent = 0.0
            while spent < target - 1e-9:
                if not (yield from self.work(uniform(rng, *p.ally_gap_days))):
                    return False
                # Half days, as allies count them.
                days = min(round(uniform(rng, *p.session_days) * 2) / 2 or 0.5, p.days_budget - spent)
                if days <= 0:
                    break
                self.emit(AccompanimentDaysSpent, days=days)
                spent += days
        return True

    def dropout(self) -> Process:
        """Each month the territory may leave, at the hazard the rules give for that month."""
        state, env, end = self.s, self.m.env, self.m.end_time
        stretch, base, rng = state.rules.stretch, self.m.p.dropout.monthly_hazard, self.m.rng
        # The hazard holds until the day `until` for the delegation `known` (as `work` reads its pace).
        hazard, until, known = 0.0, -1, None
        while True:
            # `wait(MONTH)` written out: this process wakes most often, about 20 times per territory.
            yield env.timeout(MONTH)
            now = env.now
            if not (state.active and now < end):
                return False
            delegation = state.delegation_complete
            if not (0 <= now < until and delegation is known):
                hazard, until = stretch(Quantity.DROPOUT, base, now, delegation)
                known = delegation
            if rng.random() < hazard:
                self.emit(TerritoryLeft)
                self.s.active = False
                self.s.dropped = True
                self.s.left.succeed()
                return True

    def evaluation(self) -> Process:
        """On the evaluation day (or the programme's last), effects and limits of a territory still engaged,
        the delegation's cohesion scaling effects up and limits down (`Cohesion`); on the last day, the
        pilot's milestones."""
        if not (yield from self.wait(max(self.m.evaluation_time - self.m.env.now, 0))):
            return False
        e, c = self.m.p.evaluation, self.m.p.cohesion
        rng = self.m.rng
        here = self.situation()
        gap = self.s.cohesion(c.reference, c.headroom) - c.reference
        mean = self.m.rules.adjust(Quantity.EFFECTS, e.effects_mean, here) * math.exp(c.effects * gap)
        for label in self.m.labels(
            int(rng.poisson(mean * (1 if self.s.restituted else e.unrestituted_effects)))
        ):
            self.emit(
                EffectObserved,
                label=label,
                description=f"Effet « {label} » relevé par l'évaluation (simulation).",
                observed_by=Observer.EVALUATOR,
            )
        explained = [text for _, text in self.m.rules.limits(here)]
        if len(explained) > 1:  # numpy draws nothing to shuffle fewer than two
            rng.shuffle(explained)
        limits = self.m.rules.adjust(Quantity.LIMITS, e.limits_mean, here) * math.exp(-c.limits * gap)
        count = int(rng.poisson(limits))
        generic = [GENERIC_LIMITS[int(i)] for i in rng.permutation(len(GENERIC_LIMITS))]
        for text in (explained + generic)[:count]:
            self.emit(LimitObserved, description=text, observed_by=Observer.EVALUATOR)
        # The pilot's milestones are those reached by the programme's end, as the report counts them.
        if not (yield from self.wait(max(self.m.end_time - 1 - self.m.env.now, 0))):
            return False
        pace = 1.0 if self.s.feasibility else self.m.p.pilot.unfinished_milestones
        for _ in range(int(rng.poisson(self.m.p.pilot.milestones_mean * pace))):
            kind = MILESTONES[int(rng.integers(0, len(MILESTONES)))]
            self.emit(
                MilestoneReached, kind=kind, description="Étape concrète du projet pilote (simulation)."
            )
        return True
