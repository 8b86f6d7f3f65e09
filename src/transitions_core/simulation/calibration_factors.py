"""How the calibration turns recorded figures into reference rates: assumptions, and the rules' factors."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from transitions_core.simulation.calendar import Calendar

#: Assumptions the history cannot give (docs/simulation.md says why each value).
IN_PERSON_ORGANISERS = 10
WEBINAR_ORGANISERS = 4
ATTEND_IN_PERSON = 0.85
ATTEND_WEBINAR = 0.75
Z90 = 1.645


def turnout_spread(low: int | None, high: int | None) -> float:
    """The spread of the session turnout that makes the reported range its 90 % interval."""
    if not low or not high or high <= low:
        return 0.1
    return math.log(high / low) / (2 * Z90)


def rule_factors(
    calendar: Calendar, listed: list[dict[str, Any]], region: str, rules: dict[str, dict[str, Any]]
) -> dict[str, float]:
    """How much the rules change attendance, effects and limits on average over the recorded territories.

    The history's figures come from territories the rules do not treat as neutral (an incomplete
    delegation, a seaside town in summer): dividing by these factors gives the reference rates that,
    put back through the same rules, reproduce the recorded totals.
    """
    from transitions_core.simulation.rules import Quantity, RuleSet, Situation, default_rules
    from transitions_core.simulation.scenario import TerritoryProfile
    from transitions_core.simulation.territories import Candidate

    ruleset = RuleSet(default_rules(), rules)
    candidates = [(Candidate.from_profile(TerritoryProfile.model_validate(t), region), t) for t in listed]
    if not candidates:
        return {"in_person": ATTEND_IN_PERSON, "webinar": ATTEND_WEBINAR, "effects": 1.0, "limits": 1.0}

    def mean(quantity: Quantity, value: float, days: list[date]) -> float:
        total = sum(
            ruleset.adjust(quantity, value, Situation(c, day, calendar, t["delegation_complete"]))
            for c, t in candidates
            for day in days
        )
        return total / (len(candidates) * max(len(days), 1))

    end = [calendar.end]
    return {
        "in_person": mean(
            Quantity.ATTEND, ATTEND_IN_PERSON, [s.date for s in calendar.in_person_days] or end
        ),
        "webinar": mean(Quantity.ATTEND, ATTEND_WEBINAR, [s.date for s in calendar.webinars] or end),
        "effects": mean(Quantity.EFFECTS, 1.0, end),
        "limits": mean(Quantity.LIMITS, 1.0, end),
    }
