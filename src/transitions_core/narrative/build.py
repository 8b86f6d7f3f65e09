"""Build the read-only view models from the timeline read model."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from itertools import chain
from typing import Any, TypeVar

from transitions_core.errors import NotFound
from transitions_core.narrative.audience import Audience, PublicView, people_of, visible
from transitions_core.narrative.status import certainly_after, quiet_in, territory_status
from transitions_core.narrative.views import (
    CohortView,
    DayView,
    DiagnosticView,
    EffectView,
    LimitView,
    NarrativeView,
    PersonView,
    PilotView,
    QuoteView,
    TerritoryView,
    ViewpointView,
)
from transitions_core.timeline.readmodel import TimelineReadModel
from transitions_core.timeline.stats import cohort_stats
from transitions_core.timeline.trusted import trusted
from transitions_core.timeline.view import (
    ORGANISATION,
    CohortEntries,
    CohortProfile,
    TimelineEntry,
    cohort_entries,
    cohort_profile,
    corrected_entries,
    profile_of_cohort,
    territory_entries,
    territory_timeline,
    timeline_of,
)

SESSION_TYPES = (
    "in_person_day_held",
    "webinar_held",
    "pilot_forum_held",
    "peer_exchange_held",
    "evaluation_day_held",
)


def territory_view(
    readmodel: TimelineReadModel,
    cohort: str,
    territory: str,
    as_of: date | None = None,
    audience: Audience = Audience.INTERNAL,
) -> TerritoryView:
    """Everything a narrative may say about one territory, as of a date, to an audience."""
    return _for_audience(readmodel, cohort, _territory_view(readmodel, cohort, territory, as_of, audience))


def _territory_view(
    readmodel: TimelineReadModel,
    cohort: str,
    territory: str,
    as_of: date | None,
    audience: Audience,
    shared: tuple[CohortProfile, CohortEntries, list[TimelineEntry]] | None = None,
) -> TerritoryView:
    """`shared`: the cohort's profile and own entries, and the territory's, when a cohort's view reads them."""
    # The whole timeline, then cut at the date: what is dated later tells what has "not happened yet".
    if shared is None:
        profile, whole = territory_timeline(readmodel, cohort, territory)
        of_cohort = cohort_profile(readmodel, cohort)
    else:
        of_cohort, cohort_level, own_entries = shared
        profile, whole = timeline_of(territory, own_entries, cohort_level)
    seen = [e for e in whole if visible(e, audience)]
    entries = [e for e in seen if _kept(e, as_of)]
    own = [e for e in entries if e.scope == "territory"]

    def facts(kind: str) -> list[dict[str, Any]]:
        return [e.facts for e in own if e.type == kind]

    viewpoints = {f["side"]: _viewpoint(f) for f in facts("viewpoint_recorded")}
    return trusted(
        TerritoryView,
        audience=str(audience),
        cohort=of_cohort,
        territory=profile,
        as_of=as_of,
        entries=tuple(entries),
        diagnostic=_diagnostic(own),
        pilot=_pilot(own),
        effects=tuple(
            trusted(
                EffectView,
                label=f.get("label"),
                description=f["description"],
                observed_by=f.get("observed_by", "unknown"),
                quotes=_quotes(f.get("quotes", []), f.get("label") or "effet"),
            )
            for f in facts("effect_observed")
        ),
        limits=tuple(
            trusted(LimitView, description=f["description"], quotes=_quotes(f.get("quotes", []), "limite"))
            for f in facts("limit_observed")
        ),
        ally_view=viewpoints.get("ally"),
        territory_view=viewpoints.get("territory"),
        delegation=tuple(dict(f) for f in facts("delegation_member_named")),
        delegation_gaps=tuple(f["description"] for f in facts("delegation_incomplete_noted")),
        quotes=tuple(_all_quotes(own)),
        sessions=tuple(e for e in entries if e.type in SESSION_TYPES),
        productions=tuple(e for e in entries if e.type == "production_published"),
        status=territory_status(seen, as_of),
    )


def cohort_view(
    readmodel: TimelineReadModel,
    cohort: str,
    as_of: date | None = None,
    period: tuple[date | None, date | None] = (None, None),
    audience: Audience = Audience.INTERNAL,
) -> CohortView:
    """A cohort with all its territories, as of a date; with a period, its entries are those of the period.

    A public view's figures do not count confidential entries either: a count by label would tell of them.
    """
    from transitions_core.narrative.collection import paused

    with paused():
        return _cohort_view(readmodel, cohort, as_of, period, audience)


def _cohort_view(
    readmodel: TimelineReadModel,
    cohort: str,
    as_of: date | None,
    period: tuple[date | None, date | None],
    audience: Audience,
) -> CohortView:
    start, end = period
    cutoff = as_of or end
    # Read and corrected once: every territory's view shares them (the cost stays linear in territories).
    own = cohort_entries(readmodel, cohort)
    profile = profile_of_cohort(cohort, own.entries)
    # How the history names its organisations is the cohort's profile (`view.cohort.organisations`), not news.
    shown = [e for e in own.entries if visible(e, audience) and e.type != ORGANISATION]
    entries = sorted((e for e in shown if _kept(e, cutoff)), key=TimelineEntry.sort_key)
    slugs = [row.territory or "" for row in readmodel.aggregates(kind="territory", cohort=cohort)]
    by_territory = {slug: territory_entries(readmodel, cohort, slug) for slug in slugs}
    territories = tuple(
        _territory_view(readmodel, cohort, slug, cutoff, audience, (profile, own, by_territory[slug]))
        for slug in slugs
    )
    # The whole cohort in recording order, as `corrected_entries(readmodel.rows(cohort))` would give it.
    every = sorted([*own.entries, *chain.from_iterable(by_territory.values())], key=_position)
    everything = sorted(
        [*entries, *(e for t in territories for e in t.entries if e.scope == "territory")],
        key=TimelineEntry.sort_key,
    )
    in_period = tuple(e for e in everything if _within(e, start, end))
    upcoming: tuple[TimelineEntry, ...] = ()
    quiet: tuple[str, ...] = ()
    if end is not None:
        # Everything dated after the period: the cohort's sessions and the territories' own steps.
        seen_own = [e for slug in slugs for e in by_territory[slug] if visible(e, audience)]
        upcoming = tuple(certainly_after([*shown, *seen_own], end))
    if start is not None or end is not None:
        quiet = tuple(
            slug
            for slug in slugs
            if quiet_in((e for e in by_territory[slug] if visible(e, audience)), start, end)
        )
    view = trusted(
        CohortView,
        audience=str(audience),
        cohort=profile,
        as_of=cutoff,
        period_from=start,
        period_to=end,
        stats=cohort_stats(readmodel, cohort, cutoff, confidential=audience != Audience.PUBLIC, every=every),
        territories=territories,
        entries=in_period if (start or end) else tuple(everything),
        upcoming=upcoming,
        quiet=quiet,
    )
    return _for_audience(readmodel, cohort, view, every)


def day_view(
    readmodel: TimelineReadModel, cohort: str, day: date, audience: Audience = Audience.INTERNAL
) -> DayView:
    """An in-person day of the common core, with its poems and the territories of the cohort."""
    own = cohort_entries(readmodel, cohort)
    everything = own.entries
    entries = [e for e in everything if visible(e, audience)]
    days = [
        e
        for e in entries
        if e.type == "in_person_day_held" and e.occurred.earliest == day == e.occurred.latest
    ]
    if not days:
        if any(
            e.type == "in_person_day_held" and e.occurred.earliest == day == e.occurred.latest
            for e in everything
        ):
            raise NotFound(
                f"La journée du {day.isoformat()} est confidentielle : elle n'apparaît pas dans une sortie "
                "publique. Retirez --audience public pour un usage interne."
            )
        known = ", ".join(str(e.occurred) for e in entries if e.type == "in_person_day_held")
        raise NotFound(
            f"Aucune journée en présentiel le {day.isoformat()} dans {cohort}. Journées connues : {known or 'aucune'}."
        )
    number = days[0].facts.get("number")
    poems = tuple(
        e
        for e in entries
        if e.type == "production_published"
        and e.facts.get("kind") == "poem"
        and e.facts.get("in_person_day") == number
    )
    territories = tuple(
        territory_timeline(readmodel, cohort, row.territory or "", shared=own)[0]
        for row in readmodel.aggregates(kind="territory", cohort=cohort)
    )
    view = trusted(
        DayView,
        audience=str(audience),
        cohort=profile_of_cohort(cohort, everything),
        day=days[0],
        poems=poems,
        territories=territories,
    )
    return _for_audience(readmodel, cohort, view)


V = TypeVar("V", bound=NarrativeView)


def _for_audience(
    readmodel: TimelineReadModel, cohort: str, view: V, every: list[TimelineEntry] | None = None
) -> V:
    """The view as its audience may see it: a public view names nobody (confidential entries are already out).

    `every`: the cohort's corrected entries in recording order, when the caller has read them all.
    """
    if view.audience != Audience.PUBLIC:
        return view
    # Everyone the cohort's history names, confidential entries included: a name must not leak elsewhere.
    # A name the history declares as an organisation's is no person's: it stays (`Les Ateliers du Trégor`).
    people = people_of(corrected_entries(readmodel.rows(cohort)) if every is None else every)
    return PublicView(people, view.cohort.declares).view(view)


def _position(entry: TimelineEntry) -> int:
    return entry.position


def _kept(entry: TimelineEntry, cutoff: date | None) -> bool:
    return cutoff is None or entry.occurred.certainly_by(cutoff)


def _within(entry: TimelineEntry, start: date | None, end: date | None) -> bool:
    earliest, latest = entry.occurred.earliest, entry.occurred.latest
    if earliest is None or latest is None:
        return False
    return (start is None or earliest >= start) and (end is None or latest <= end)


def _person(facts: dict[str, Any]) -> PersonView:
    return trusted(
        PersonView, name=facts["name"], role=facts.get("role"), organisation=facts.get("organisation")
    )


def _quotes(items: Iterable[dict[str, Any]], context: str) -> tuple[QuoteView, ...]:
    return tuple(trusted(QuoteView, text=q["text"], speaker=q.get("speaker"), context=context) for q in items)


def _viewpoint(facts: dict[str, Any]) -> ViewpointView:
    return trusted(
        ViewpointView,
        side=facts["side"],
        speakers=tuple(_person(p) for p in facts.get("speakers", [])),
        expressed=facts.get("expressed", True),
        summary=facts.get("summary"),
        quotes=_quotes(facts.get("quotes", []), f"point de vue {facts['side']}"),
    )


def _diagnostic(own: list[TimelineEntry]) -> DiagnosticView:
    types = {e.type: e.facts for e in own}
    interviews = [e.facts for e in own if e.type == "interviews_held"]
    counts = [f["count"] for f in interviews if f.get("count") is not None]
    return trusted(
        DiagnosticView,
        conducted_by=tuple(types.get("diagnostic_started", {}).get("conducted_by", [])),
        started="diagnostic_started" in types,
        interviews=sum(counts) if counts else None,
        interviews_approximate=any(f.get("approximate") for f in interviews),
        pre_restituted="diagnostic_pre_restituted" in types,
        restituted="diagnostic_restituted" in types,
        public=types.get("diagnostic_restituted", {}).get("public"),
        findings=tuple(dict(e.facts) for e in own if e.type == "finding_recorded"),
    )


def _pilot(own: list[TimelineEntry]) -> PilotView | None:
    chosen = [e.facts for e in own if e.type == "pilot_project_chosen"]
    if not chosen:
        return None
    allies = [e.facts for e in own if e.type == "ally_assigned"]
    return trusted(
        PilotView,
        title=chosen[-1]["title"],
        summary=chosen[-1]["summary"],
        goals=tuple(chosen[-1].get("goals", [])),
        allies=tuple(_person(p) for f in allies for p in f["allies"]),
        ally_also_did_diagnostic=allies[-1].get("also_did_diagnostic") if allies else None,
        diagnosed_by=_diagnosed_by(allies[-1]) if allies else (),
        notes=tuple(e.facts["kind"] for e in own if e.type == "pilot_note_written"),
        days_spent=float(sum(e.facts["days"] for e in own if e.type == "accompaniment_days_spent")),
        milestones=tuple(
            e.facts | {"occurred": str(e.occurred)} for e in own if e.type == "milestone_reached"
        ),
        announced=tuple(
            e.facts | {"occurred": str(e.occurred)} for e in own if e.type == "milestone_announced"
        ),
    )


def _diagnosed_by(assignment: dict[str, Any]) -> tuple[str, ...]:
    """Which of the assigned allies had also conducted the diagnostic: as named, or the only ally if they did.

    Several allies of whom the source only says that one of them did: nobody is named.
    """
    if assignment.get("also_did_diagnostic") is False:
        return ()
    named = [
        n for n in assignment.get("diagnostic_by", []) if any(p["name"] == n for p in assignment["allies"])
    ]
    if named:
        return tuple(named)
    allies = assignment["allies"]
    return (allies[0]["name"],) if assignment.get("also_did_diagnostic") and len(allies) == 1 else ()


def _all_quotes(own: list[TimelineEntry]) -> Iterable[QuoteView]:
    for entry in own:
        for key in ("quotes", "said", "feedback"):
            yield from _quotes(entry.facts.get(key, []), entry.type)
