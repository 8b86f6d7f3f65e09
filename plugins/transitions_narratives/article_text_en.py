"""The English `article`: the French one's shape, simpler; the sources' own words stay in French."""

from __future__ import annotations

from transitions_core.domain.dates import PartialDate, Precision
from transitions_core.narrative.views import QuoteView, TerritoryView
from transitions_core.text.filters import unstop
from transitions_narratives.article_reception import DETAILED
from transitions_narratives.prose import first, fresh, seed_of
from transitions_narratives.sentences_en import date_en

KINDS = {
    "commune": "municipality",
    "communauté de communes": "community of municipalities",
    "communauté d'agglomération": "urban community",
    "métropole": "metropolitan authority",
}


def quoted(text: str) -> str:
    """English quotation marks around a source's words."""
    bare = unstop(text).replace('"', "")
    return f"“{bare}”"


def and_list(items: list[str]) -> str:
    """`a, b and c`."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}" if items else ""


def plural(n: float, word: str) -> str:
    """`1 day`, `3 days`."""
    return f"{n:g} {word}{'' if n == 1 else 's'}"


def when(occurred: PartialDate) -> str | None:
    """`on 7 May 2024`, `in Nov 2026`, `in autumn 2026`; None for a date too vague to say."""
    if occurred.precision is Precision.DAY:
        return f"on {date_en(occurred)}"
    if occurred.precision in (Precision.MONTH, Precision.SEASON):
        return f"in {date_en(occurred)}"
    return None


def said(item: QuoteView, nobody: str) -> str:
    """`“…”, says Joël Bouis.`"""
    return f"{quoted(item.text)}, {'says ' + item.speaker if item.speaker else nobody}."


def headline(view: TerritoryView) -> str:
    """Where the territory stands, in a line."""
    name = view.territory.name
    if view.pilot:
        return seed_of(view, "headline").choice(
            [f"{name}: from sensitive diagnostic to pilot project", f"{name}: a pilot project to get going"]
        )
    if view.diagnostic.started:
        return f"{name}: the sensitive diagnostic is under way"
    return f"{name} joins the cohort"


def standfirst(view: TerritoryView) -> str:
    """Who the territory is and what the article tells."""
    profile = view.territory
    kind = KINDS.get(profile.kind, profile.kind)
    where = f" in {profile.department}" if profile.department else ""
    people = f" of {profile.population:,} inhabitants" if profile.population is not None else ""
    text = f"{name_of(view)}, a {kind}{people}{where}, joined the {view.cohort.name}."
    if view.pilot:
        return (
            f"{text} The path from the sensitive diagnostic to its pilot project, {quoted(view.pilot.title)}."
        )
    return f"{text} No pilot project has been chosen yet."


def name_of(view: TerritoryView) -> str:
    """The territory's name, as written."""
    return view.territory.name


def path(view: TerritoryView) -> list[str]:
    """Joining, the common core and the sensitive diagnostic."""
    paragraphs = []
    launch = first(view, "in_person_day_held")
    if launch:
        days = sum(1 for e in view.entries if e.type == "in_person_day_held")
        webinars = sum(1 for e in view.entries if e.type == "webinar_held")
        text = f"The cohort first met in {launch.facts['place']} {when(launch.occurred) or ''}".rstrip() + "."
        if days > 1 or webinars:
            text += (
                f" The common core brought {plural(days, 'in-person day')} and {plural(webinars, 'webinar')}."
            )
        paragraphs.append(text)
    diagnostic = view.diagnostic
    if not diagnostic.started:
        paragraphs.append("The sensitive diagnostic has not started yet.")
        return paragraphs
    text = "The sensitive diagnostic came first"
    if diagnostic.conducted_by:
        text += f", led by {and_list(list(diagnostic.conducted_by))}"
    if diagnostic.interviews is not None:
        about = "about " if diagnostic.interviews_approximate else ""
        text += f", with {about}{plural(diagnostic.interviews, 'interview')}"
    text += "."
    if diagnostic.restituted:
        text += " Its findings were then presented back" + (
            " at a public meeting." if diagnostic.public else "."
        )
    paragraphs.append(text)
    return paragraphs


def pilot(view: TerritoryView) -> list[str]:
    """The pilot project, its support and steps (the sources' texts stay in French)."""
    project = view.pilot
    if project is None:
        return ["No pilot project has been chosen yet."]
    text = f"The pilot project is {quoted(project.title)}."
    allies = [f"{p.name} ({p.organisation})" if p.organisation else p.name for p in project.allies]
    if allies:
        text += f" It is supported by {and_list(allies)}."
    if project.milestones:
        text += f" The report records {plural(len(project.milestones), 'concrete step')} so far."
    if project.announced:
        text += f" {plural(len(project.announced), 'more step').capitalize()} announced, not yet reached."
    return [text]


def changes(view: TerritoryView) -> list[str]:
    """The effects, by their French labels."""
    labels = [quoted(e.label) for e in view.effects if e.label]
    if not view.effects:
        return []
    unlabelled = len(view.effects) - len(labels)
    named = f": {and_list(labels)}" if labels else ""
    if unlabelled:
        named += f"{', and ' if labels else ', '}{unlabelled} without a label"
    return [f"The report records {plural(len(view.effects), 'effect')}{named}."]


def voices(view: TerritoryView) -> list[str]:
    """Quotes from the territory's and the ally's side."""
    told = [e.description for e in view.effects] + [q.text for e in view.effects[:DETAILED] for q in e.quotes]
    lines = []
    for viewpoint, nobody in (
        (view.territory_view, "says the delegation"),
        (view.ally_view, "says the ally"),
    ):
        if viewpoint is None:
            continue
        if not viewpoint.expressed:
            lines.append(
                f"{and_list([p.name for p in viewpoint.speakers]) or 'The ally'} has not given a view yet."
            )
            continue
        lines += [said(item, nobody) for item in fresh(viewpoint.quotes, told)]
    return [" ".join(lines)] if lines else []


def hard(view: TerritoryView) -> list[str]:
    """How many limits the report records, and the first one in its own words."""
    limits = view.limits
    if not limits:
        return ["No difficulty is recorded yet."]
    text = f"The report records {plural(len(limits), 'limit')}. The first, in its own words: {quoted(limits[0].description)}."
    return [text]
