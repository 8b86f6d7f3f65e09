"""The discrete-event model of one cohort: recruitment, the common core's sessions, then each engaged
territory's life (lifecycle.py). A run is a pure function of the scenario and its seed.
"""

from __future__ import annotations

import math
from collections.abc import Generator
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from transitions_core.domain.events import (
    CallForApplicationsPresented,
    CohortClosed,
    CohortOpened,
    ContextNoted,
    DomainEvent,
    EvaluationDayHeld,
    InPersonDayHeld,
    OrganisationRegistered,
    PeerExchangeHeld,
    PilotForumHeld,
    SchemePresented,
    TerritoryApproached,
    TerritoryDeclined,
    TerritoryJoined,
    TerritoryRegistered,
    WebinarHeld,
)
from transitions_core.domain.values import ActorCategory, Channel, Headcount
from transitions_core.simulation.model.calendar import Calendar
from transitions_core.simulation.model.cohesion import IN_PERSON, PEER_EXCHANGE, WEBINAR
from transitions_core.simulation.model.draws import choice, cumulative, distinct_choices, uniform
from transitions_core.simulation.model.emitter import HistoryEmitter, HistorySink
from transitions_core.simulation.model.environment import (
    ModelEnvironment,
    ProgrammeEnvironment,
    SharedCapacity,
)
from transitions_core.simulation.model.lifecycle import DIAGNOSTICIANS, Engaged, TerritoryLife
from transitions_core.simulation.model.territories import Candidate, GeneratorRegistry, candidates
from transitions_core.simulation.rules.base import Quantity, RuleSet, Situation, with_odds
from transitions_core.simulation.scenario.spec import RegionSpec, Scenario, Session
from transitions_core.text.french import count
from transitions_core.text.french import number as french_number

#: How a profile's levels read in French (the scenario's values are English).
BACKING_WORDS = {"weak": "faible", "medium": "moyen", "strong": "fort"}
CAPACITY_WORDS = {"auto": "selon la population", "low": "faibles", "medium": "moyens", "high": "importants"}
CHANNELS = (Channel.CALL_FOR_APPLICATIONS, Channel.REGION, Channel.ALLY)


@dataclass(frozen=True)
class CohortIdentity:
    """How a simulated cohort is named: never mistaken for a real one."""

    slug: str
    name: str
    provenance: str


class CohortModel:
    """One region's cohort in one run.

    Its steps go to `sink`: by default a `HistoryEmitter`, which builds and checks every domain event;
    a sweep that keeps no history passes an `OutcomeTally`, which only counts them.
    """

    #: The life of an engaged territory (a test runs a variant that wakes at every step of work).
    life = TerritoryLife

    def __init__(
        self,
        scenario: Scenario,
        region: RegionSpec,
        identity: CohortIdentity,
        rng: np.random.Generator,
        rules: RuleSet,
        generators: GeneratorRegistry,
        sink: HistorySink | None = None,
        env: ModelEnvironment | None = None,
        capacity: SharedCapacity | None = None,
    ) -> None:
        self.scenario = scenario
        self.region = region
        self.identity = identity
        self.rng = rng
        self.rules = rules
        self.generators = generators
        self.p = scenario.parameters
        self.cal = Calendar.of(scenario.calendar)
        self.env: ModelEnvironment = env or ProgrammeEnvironment()
        self.capacity = capacity or SharedCapacity(self.env, self.p.capacity)
        self.end_time = self.cal.time(self.cal.end)
        self.evaluation_time = self.end_time - 1
        evaluation = self.cal.evaluation_day
        if (
            evaluation
            and self.p.evaluation.on_evaluation_day
            and self.cal.launch < evaluation.date < self.cal.end
        ):
            self.evaluation_time = self.cal.time(evaluation.date)
        self._channel_cdf = cumulative(self.p.recruitment.channel_weights)
        self.emitter: HistorySink = HistoryEmitter(identity.slug) if sink is None else sink
        #: Whether the steps become events (a tally only counts them, and reads neither days nor texts).
        self.keeps = isinstance(self.emitter, HistoryEmitter)
        self.engaged: list[Engaged] = []
        weights = self.p.evaluation.effect_labels
        self._labels = sorted(weights)
        total = sum(weights.values()) or 1.0
        # What numpy's `choice(..., p=...)` would be given; `draws` consumes the stream as it would.
        self._label_p = [weights[k] / total for k in self._labels]

    def today(self) -> date:
        """The simulated day."""
        return self.cal.at(self.env.now)

    def labels(self, count: int) -> list[str]:
        """`count` effect labels, drawn by their calibrated frequency, distinct while they last."""
        if count <= 0 or not self._labels:
            return []
        distinct = min(count, len(self._labels))
        picked = [self._labels[i] for i in distinct_choices(self.rng, self._label_p, distinct)]
        if count == distinct:
            return picked
        cdf = cumulative(self._label_p)
        return picked + [self._labels[choice(self.rng, cdf)] for _ in range(count - distinct)]

    def run(self) -> list[DomainEvent]:
        """Simulate the cohort alone from recruitment to its close; return its events (none if the sink counts)."""
        self.start()
        self.env.run(until=self.end_time)
        return self.close()

    def close(self) -> list[DomainEvent]:
        """Close the cohort once its environment has run; return its events (none if the sink counts)."""
        self.emitter.cohort_event(CohortClosed, self.cal.end)
        return self.emitter.events if isinstance(self.emitter, HistoryEmitter) else []

    def start(self) -> None:
        """Open the cohort and start its processes in its environment (shared with other regions' cohorts)."""
        start = self.cal.start
        self.emitter.cohort_event(
            CohortOpened,
            start,
            slug=self.identity.slug,
            name=self.identity.name,
            region=self.region.region,
            period=f"{self.cal.launch.year}-{self.cal.end.year}",
            pilot_days_budget=self.p.pilot.days_budget,
        )
        self.emitter.cohort_event(
            ContextNoted, start, title="Histoire simulée", description=self.identity.provenance
        )
        if self.keeps:  # how the simulated team's name is said in a sentence (« menée par l'Équipe… »)
            self.emitter.cohort_event(OrganisationRegistered, start, **DIAGNOSTICIANS)
        if self.p.recruitment.presentation_events:
            self.emitter.cohort_event(
                CallForApplicationsPresented, start, count=self.p.recruitment.presentation_events
            )
        for candidate in candidates(self.region, self.generators, self.rng):
            self.env.process(self.recruit(candidate))
        self.env.process(self.sessions())

    def recruit(self, c: Candidate) -> Generator[Any, Any, None]:
        """Approach, presentation, then joining or declining before the launch."""
        launch = self.cal.time(self.cal.launch)
        rng = self.rng
        yield self.env.timeout(uniform(rng, 0, max(launch - 60, 1)))
        # A tally counts the registration and reads none of its facts: no profile text for it.
        profile = self._profile(c) if self.keeps else {}
        self.emitter.territory_event(c.slug, TerritoryRegistered, self.today(), **profile)
        channel = CHANNELS[choice(rng, self._channel_cdf)]
        self.emitter.territory_event(c.slug, TerritoryApproached, self.today(), by=channel)
        if rng.random() >= self.rules.adjust(Quantity.PRESENT, self.p.recruitment.present, self._at(c)):
            return
        r = self.p.recruitment
        yield self.env.timeout(uniform(rng, *r.present_delay_days))
        self.emitter.territory_event(c.slug, SchemePresented, self.today())
        yield self.env.timeout(min(uniform(rng, *r.decide_delay_days), max(launch - 1 - self.env.now, 0)))
        at_launch = Situation(c, self.cal.launch, self.cal)
        if rng.random() >= self.rules.adjust(Quantity.JOIN, self.p.recruitment.join, at_launch):
            reason = "le territoire ne donne pas suite à la présentation (simulation)"
            self.emitter.territory_event(c.slug, TerritoryDeclined, self.today(), reason=reason)
            return
        self.emitter.territory_event(c.slug, TerritoryJoined, self.today())
        state = Engaged(c, self.rules.territory(c, self.cal))
        self.engaged.append(state)
        yield self.env.timeout(max(launch - self.env.now, 0))
        self.life(self, state).start()

    def _at(self, c: Candidate) -> Situation:
        return Situation(c, self.today(), self.cal)

    def _profile(self, c: Candidate) -> dict[str, Any]:
        seasonal = f", jusqu'à {french_number(c.seasonal_peak)} en saison" if c.seasonal_peak else ""
        origin = "profil listé dans le scénario" if c.listed else "profil tiré au sort"
        return {
            "cohort": self.identity.slug,
            "slug": c.slug,
            "name": c.name,
            "article": c.article,
            "gender": c.gender,
            "kind": c.kind,
            "department": c.department,
            "region": c.region,
            "population": c.population,
            "description": f"Territoire simulé ({origin}) : {count(c.population, 'habitant')}{seasonal}, "
            f"portage politique {BACKING_WORDS[c.political_backing]}, "
            f"moyens humains {CAPACITY_WORDS.get(c.staff_capacity, c.staff_capacity)}.",
        }

    def sessions(self) -> Generator[Any, Any, None]:
        """The common core's dated sessions, in date order, each with the delegations that came."""
        agenda: list[tuple[date, int, Any]] = []
        for number, session in enumerate(self.cal.in_person_days, 1):
            agenda.append((session.date, 0, (InPersonDayHeld, number, session)))
        for number, session in enumerate(self.cal.webinars, 1):
            agenda.append((session.date, 1, (WebinarHeld, number, session)))
        for day in self.cal.peer_exchanges:
            agenda.append((day, 2, (PeerExchangeHeld, 0, None)))
        for day, kind in self.cal.reference.unheld:  # dated but not held: planned all the same
            agenda.append((day, kind, (None, kind, None)))
        if self.cal.forums:
            first, last, count = self.cal.forums
            span = (last - first).days
            for index in range(count):
                day = self.cal.at(self.cal.time(first) + (index + 0.5) * span / count)
                agenda.append((day, 3, (PilotForumHeld, index + 1, None)))
        if self.cal.evaluation_day:
            agenda.append((self.cal.evaluation_day.date, 4, (EvaluationDayHeld, 0, self.cal.evaluation_day)))
        for day, _, (kind, number, session) in sorted(agenda, key=lambda item: (item[0], item[1])):
            if not self.cal.start <= day < self.cal.end:
                continue
            yield self.env.timeout(max(self.cal.time(day) - self.env.now, 0))
            self._hold(kind, number, session)

    def _hold(self, kind: type[DomainEvent] | None, number: int, session: Session | None) -> None:
        s = self.p.sessions
        day = self.today()
        if kind is None:  # a dated session the programme does not hold (`number` is its kind)
            for engaged in self._present():
                engaged.planned += self.p.cohesion.peer_weight if number == PEER_EXCHANGE else 1.0
            return
        if kind is EvaluationDayHeld:
            assert session is not None
            self.emitter.cohort_event(kind, day, place=session.place)  # None: the calendar does not say
            return
        if kind is PilotForumHeld:
            came, people = self._forum()
            if not people:
                return  # nobody came: no forum is held, and none is told (its draws are made all the same)
            self.emitter.cohort_event(
                kind, day, count=1, territories=came, attendance=Headcount(low=people), format="en visio"
            )
            return
        in_person = kind is not WebinarHeld
        order = PEER_EXCHANGE if kind is PeerExchangeHeld else IN_PERSON if in_person else WEBINAR
        weight = self.p.cohesion.peer_weight if order == PEER_EXCHANGE else 1.0
        came, people = self._attendance(
            s.attend_in_person if in_person else s.attend_webinar,
            s.people_in_person if in_person else s.people_webinar,
            s.in_person_organisers if in_person else s.webinar_organisers,
            weight,
            self.cal.reference.planned(day, order, weight),
        )
        facts: dict[str, Any] = {"territories": came, "attendance": Headcount(low=people)}
        if kind is PeerExchangeHeld:
            facts |= {"categories": list(ActorCategory), "occasion": "temps entre pairs (simulation)"}
        else:
            assert session is not None
            facts |= {"number": number, "theme": session.theme or f"séance {number}"}
            if in_person:
                facts["place"] = session.place
            else:
                facts["duration_hours"] = s.webinar_hours
        self.emitter.cohort_event(kind, day, **facts)

    def _present(self) -> list[Engaged]:
        return [e for e in self.engaged if e.active]

    def _attendance(
        self, base: float, people: float, organisers: int, weight: float, planned: float
    ) -> tuple[list[str], int]:
        # One turnout shock per session: some sessions draw a crowd, others do not.
        rng, day = self.rng, self.today()
        # `rng.normal(0, spread)` is `0 + spread * standard_normal()` in numpy: the same draw, without its
        # argument handling.
        shock = math.exp(self.p.sessions.turnout_spread * rng.standard_normal())
        probability = with_odds(base, shock)
        came: list[str] = []
        total = organisers
        adjust, cal, attend = self.rules.adjust, self.cal, Quantity.ATTEND
        for engaged in self.engaged:
            if not engaged.active:
                continue
            here = Situation(engaged.candidate, day, cal, engaged.delegation_complete)
            engaged.offered += weight
            engaged.planned += planned
            if rng.random() < adjust(attend, probability, here):
                engaged.attended += weight
                came.append(engaged.candidate.slug)
                total += 1 + int(rng.poisson(max(people - 1, 0)))
        return came, total

    def _forum(self) -> tuple[list[str], int]:
        came: list[str] = []
        total = 0
        for engaged in self._present():
            count = int(self.rng.poisson(self.p.sessions.forum_people))
            if count:
                came.append(engaged.candidate.slug)
                total += count
        return came, total
