"""Everything a plugin needs, from one module: `from transitions_core.plugin_api import Format, hookimpl`.

The names are the same objects as in the modules that define them; this module only gathers them, and
loads each on first use, so that importing it costs a plugin nothing at start-up (`transitions --help`
imports no plugin, the narrative commands import them all). docs/plugins.md describes each name.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pluggy

    from transitions_core.domain import events
    from transitions_core.domain.dates import PartialDate, Precision
    from transitions_core.domain.events.base import DomainEvent
    from transitions_core.narrative.formats import (
        MEDIA_TYPES,
        Format,
        MediaType,
        Renderer,
        RenderOptions,
        Subject,
    )
    from transitions_core.narrative.render import render
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
    from transitions_core.registry import Replacing
    from transitions_core.simulation.model.territories import Candidate, TerritoryGenerator
    from transitions_core.simulation.rules.base import (
        Quantity,
        Rule,
        RuleParams,
        Situation,
        Tabulable,
        scaled,
    )
    from transitions_core.simulation.scenario.spec import Spec
    from transitions_core.site.parts import SitePage, SiteSection
    from transitions_core.testing.golden import assert_golden
    from transitions_core.testing.samples import (
        sample_cohort_view,
        sample_day_view,
        sample_stats,
        sample_territory_view,
    )
    from transitions_core.text import french
    from transitions_core.text.filters import (
        a,
        count,
        date_short,
        date_words,
        day,
        de,
        join_list,
        lower_first,
        markdown_text,
        people,
        plural,
        the,
        unstop,
    )
    from transitions_core.timeline.stats import CohortStats, Range
    from transitions_core.timeline.view import CohortProfile, Correction, Profile, TimelineEntry

    hookimpl: pluggy.HookimplMarker

#: Each name, and the module it comes from.
_SOURCES = {
    # Hooks and formats.
    "hookimpl": "transitions_core",
    "Format": "transitions_core.narrative.formats",
    "Subject": "transitions_core.narrative.formats",
    "RenderOptions": "transitions_core.narrative.formats",
    "Renderer": "transitions_core.narrative.formats",
    "MediaType": "transitions_core.narrative.formats",
    "MEDIA_TYPES": "transitions_core.narrative.formats",
    "Replacing": "transitions_core.registry",
    "render": "transitions_core.narrative.render",
    # The views a plugin receives.
    **dict.fromkeys(
        (
            "NarrativeView",
            "TerritoryView",
            "CohortView",
            "DayView",
            "DiagnosticView",
            "EffectView",
            "LimitView",
            "PersonView",
            "PilotView",
            "QuoteView",
            "ViewpointView",
        ),
        "transitions_core.narrative.views",
    ),
    **dict.fromkeys(
        ("TimelineEntry", "Profile", "CohortProfile", "Correction"), "transitions_core.timeline.view"
    ),
    "CohortStats": "transitions_core.timeline.stats",
    "Range": "transitions_core.timeline.stats",
    "PartialDate": "transitions_core.domain.dates",
    # The events an entry's typed facts are (`entry.event`, `entry.facts_as(events.WebinarHeld)`).
    "events": "transitions_core.domain.events",
    "DomainEvent": "transitions_core.domain.events.base",
    "Precision": "transitions_core.domain.dates",
    # French grammar, as the filters give it to templates.
    "french": "transitions_core.text.french",
    **dict.fromkeys(
        (
            "de",
            "a",
            "the",
            "day",
            "date_words",
            "date_short",
            "join_list",
            "count",
            "plural",
            "people",
            "unstop",
            "lower_first",
            "markdown_text",
        ),
        "transitions_core.text.filters",
    ),
    # The test kit.
    "assert_golden": "transitions_core.testing.golden",
    **dict.fromkeys(
        ("sample_territory_view", "sample_cohort_view", "sample_day_view", "sample_stats"),
        "transitions_core.testing.samples",
    ),
    # Simulation rules and territory generators.
    **dict.fromkeys(
        ("Rule", "RuleParams", "Quantity", "Situation", "Tabulable", "scaled"),
        "transitions_core.simulation.rules.base",
    ),
    "Spec": "transitions_core.simulation.scenario.spec",
    "Candidate": "transitions_core.simulation.model.territories",
    "TerritoryGenerator": "transitions_core.simulation.model.territories",
    # What a plugin adds to a published site (`site_parts`).
    "SitePage": "transitions_core.site.parts",
    "SiteSection": "transitions_core.site.parts",
}

__all__ = [
    "MEDIA_TYPES",
    "Candidate",
    "CohortProfile",
    "CohortStats",
    "CohortView",
    "Correction",
    "DayView",
    "DiagnosticView",
    "DomainEvent",
    "EffectView",
    "Format",
    "LimitView",
    "MediaType",
    "NarrativeView",
    "PartialDate",
    "PersonView",
    "PilotView",
    "Precision",
    "Profile",
    "Quantity",
    "QuoteView",
    "Range",
    "RenderOptions",
    "Renderer",
    "Replacing",
    "Rule",
    "RuleParams",
    "SitePage",
    "SiteSection",
    "Situation",
    "Spec",
    "Subject",
    "Tabulable",
    "TerritoryGenerator",
    "TerritoryView",
    "TimelineEntry",
    "ViewpointView",
    "a",
    "assert_golden",
    "count",
    "date_short",
    "date_words",
    "day",
    "de",
    "events",
    "french",
    "hookimpl",
    "join_list",
    "lower_first",
    "markdown_text",
    "people",
    "plural",
    "render",
    "sample_cohort_view",
    "sample_day_view",
    "sample_stats",
    "sample_territory_view",
    "scaled",
    "the",
    "unstop",
]


#: Names that are modules themselves.
_MODULES = {"french", "events"}
assert set(__all__) == set(_SOURCES)


def __getattr__(name: str) -> Any:
    """Load `name` from its module on first use."""
    source = _SOURCES.get(name)
    if source is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module = import_module(source)
    value = module if name in _MODULES else getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
