"""What a narrative may claim about a territory, a period or a source: answered once, from the history.

Narratives say that a territory joined or declined, that a step has not happened yet, that nothing is
dated in a period, or that "the report" notes something. Each of those is a claim about the history, and
each is answered here, in one place, in no language:

- a step dated on or before the view's date is `DONE`;
- a step the history dates after it is `LATER`: "not yet" is true of it;
- a step the history holds with a date too vague to place before or after it is `UNDATED`: a narrative
  says it is not dated precisely enough, never "not yet";
- a step the history does not hold is `UNRECORDED`: a narrative says nothing of it, or says only that the
  history does not mention it. Absence of a record is not the record of an absence.

Attributions name a document only when the cohort declares it (`source_declared`) and the entry cites it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date
from enum import StrEnum

from transitions_core.domain.dates import PartialDate
from transitions_core.timeline.trusted import trusted
from transitions_core.timeline.view import SourceView, TimelineEntry, View


class Membership(StrEnum):
    """Where a territory stands with the cohort, as of the view's date."""

    JOINED = "joined"
    DECLINED = "declined"
    #: Approached, or the scheme presented to it, with no decision dated by then.
    APPROACHED = "approached"
    #: Nothing known but its profile.
    REGISTERED = "registered"


class Known(StrEnum):
    """What the history says of a step, as of the view's date."""

    DONE = "done"
    LATER = "later"
    UNDATED = "undated"
    UNRECORDED = "unrecorded"


#: The steps of a territory's path a narrative may state, and the entry types that make each.
STEPS: dict[str, tuple[str, ...]] = {
    "approached": ("territory_approached", "scheme_presented"),
    "joined": ("territory_joined",),
    "declined": ("territory_declined",),
    #: Joined, then left the cohort: it took part (`membership` stays JOINED), and left.
    "left": ("territory_left",),
    "diagnostic": ("diagnostic_started", "interviews_held"),
    "pre_restitution": ("diagnostic_pre_restituted",),
    "restitution": ("diagnostic_restituted",),
    "pilot": ("pilot_project_chosen",),
    "pilot_note": ("pilot_note_written",),
    "ally": ("ally_assigned",),
    "accompaniment": ("accompaniment_days_spent",),
    "milestone": ("milestone_reached",),
    "effect": ("effect_observed",),
    "limit": ("limit_observed",),
    "viewpoint": ("viewpoint_recorded",),
}


class TerritoryStatus(View):
    """Where a territory stands, each step known, later, undated or unrecorded as of `as_of`."""

    membership: Membership
    steps: dict[str, Known]
    as_of: date | None = None
    #: Why the territory declined, or why it left, when the history says.
    declined_reason: str | None = None
    #: Whether its last word with the cohort by then was leaving it (not a later `territory_joined`).
    gone: bool = False
    #: When it left, when `gone`.
    left_on: PartialDate | None = None

    def known(self, step: str) -> Known:
        """What the history says of `step` (a key of STEPS) as of the view's date."""
        return self.steps.get(step, Known.UNRECORDED)

    def done(self, step: str) -> bool:
        """Whether `step` had certainly happened by the view's date."""
        return self.known(step) is Known.DONE

    def not_yet(self, step: str) -> bool:
        """Whether the history dates `step` after the view's date: the one case "not yet" is true."""
        return self.known(step) is Known.LATER

    @property
    def engaged(self) -> bool:
        """Whether the territory had joined the cohort (and so may be told as taking part)."""
        return self.membership is Membership.JOINED

    @property
    def left(self) -> bool:
        """Whether the territory, having joined, had left the cohort by the view's date."""
        return self.engaged and self.gone

    @property
    def declined(self) -> bool:
        """Whether the territory had declined to join."""
        return self.membership is Membership.DECLINED


def territory_status(entries: Iterable[TimelineEntry], as_of: date | None = None) -> TerritoryStatus:
    """The status of a territory from its own entries (all of them, not cut at `as_of`), as of a date."""
    found: dict[str, list[PartialDate]] = {}
    reason: str | None = None
    gone = False
    left_on: PartialDate | None = None
    step_of = {kind: step for step, kinds in STEPS.items() for kind in kinds}
    for entry in entries:
        if entry.scope != "territory":
            continue
        step = step_of.get(entry.type)
        if step is not None:
            found.setdefault(step, []).append(entry.occurred)
        if (
            entry.type in ("territory_declined", "territory_left")
            and placed(entry.occurred, as_of) is Known.DONE
        ):
            reason = entry.facts.get("reason") or None
        if (
            entry.type in ("territory_joined", "territory_left")
            and placed(entry.occurred, as_of) is Known.DONE
        ):
            gone = entry.type == "territory_left"  # in the timeline's order: the last of them counts
            left_on = entry.occurred if gone else None
    steps = {step: _best(placed(d, as_of) for d in dates) for step, dates in found.items()}
    known = steps.get
    if known("joined") is Known.DONE:
        membership = Membership.JOINED
    elif known("declined") is Known.DONE:
        membership = Membership.DECLINED
    elif known("approached") is Known.DONE or {known("joined"), known("declined")} & {Known.UNDATED}:
        membership = Membership.APPROACHED
    else:
        membership = Membership.REGISTERED
    return trusted(
        TerritoryStatus,
        membership=membership,
        steps=steps,
        as_of=as_of,
        declined_reason=reason,
        gone=gone,
        left_on=left_on,
    )


def placed(occurred: PartialDate, as_of: date | None) -> Known:
    """Where a dated fact stands against the view's date: done, later, or undated."""
    if as_of is None:
        return Known.DONE
    if occurred.certainly_by(as_of):
        return Known.DONE
    if occurred.earliest is not None and occurred.earliest > as_of:
        return Known.LATER
    return Known.UNDATED


def _best(states: Iterable[Known]) -> Known:
    # One dated occurrence is enough for a step to be done; else undated beats later.
    order = (Known.DONE, Known.UNDATED, Known.LATER)
    found = set(states)
    return next((state for state in order if state in found), Known.UNRECORDED)


# ─── Periods ───


def may_fall_within(occurred: PartialDate, start: date | None, end: date | None) -> bool:
    """Whether a date may fall in [start, end]: an unknown date may fall anywhere."""
    earliest, latest = occurred.earliest, occurred.latest
    if earliest is None or latest is None:
        return True
    return (start is None or latest >= start) and (end is None or earliest <= end)


def quiet_in(entries: Iterable[TimelineEntry], start: date | None, end: date | None) -> bool:
    """Whether none of the entries may be dated in the period: the one case "nothing in the period" is true."""
    return not any(
        may_fall_within(e.occurred, start, end) for e in entries if e.type != "territory_registered"
    )


def certainly_after(entries: Iterable[TimelineEntry], end: date) -> list[TimelineEntry]:
    """The entries dated certainly after `end`, in date order."""
    later = [e for e in entries if e.occurred.earliest is not None and e.occurred.earliest > end]
    return sorted(later, key=TimelineEntry.sort_key)


# ─── Sources ───


def cited_source(entry: TimelineEntry, sources: Sequence[SourceView]) -> SourceView | None:
    """The declared document an entry cites in its `source:`, if any."""
    if not entry.source or not sources:
        return None
    cited = fold(entry.source.split(",", 1)[0])
    whole = fold(entry.source)
    for source in sources:
        names = {fold(source.title), fold(source.cited_as or "")} - {""}
        if cited in names or whole in names:
            return source
    return None


def common_source(entries: Iterable[TimelineEntry], sources: Sequence[SourceView]) -> SourceView | None:
    """The one declared document every entry cites, or None (no entry, no source, or several documents)."""
    cited = [cited_source(e, sources) for e in entries]
    if not cited or any(s is None for s in cited):
        return None
    titles = {s.title for s in cited if s is not None}
    return cited[0] if len(titles) == 1 else None


def fold(text: str) -> str:
    """Lower case, no accents, single spaces: how a citation is compared with a declared source."""
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).lower().split())
