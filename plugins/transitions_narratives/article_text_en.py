"""The English `article`: the same facts as the French one, written for English readers.

What the coordinator recorded in French (descriptions, summaries, quotes, labels) stays French, marked
« … »; the article says in English what it is. State, absence and source claims come from `claims` and
`membership`, as in French (tests/narratives/test_fields_rendered.py keeps the facts in step).
"""

from __future__ import annotations

from transitions_core.domain.dates import PartialDate
from transitions_core.narrative.views import QuoteView, TerritoryView
from transitions_core.text.english import count, date_words, fr, join_list, number
from transitions_core.text.filters import unstop
from transitions_narratives import membership
from transitions_narratives.article_reception import DETAILED
from transitions_narratives.claims import pending, source_of_type
from transitions_narratives.membership import engaged
from transitions_narratives.prose import days_budget, first, fresh, seed_of
from transitions_narratives.sentences_en import FINDINGS, allies_phrase_en, kind_en, people


def quoted(text: str) -> str:
    """A source's words, kept in French and marked as such."""
    return fr(unstop(text).replace('"', ""))


def said(item: QuoteView, nobody: str) -> str:
    """`« … », says Joël Bouis.`, or `nobody` for a quote the history does not attribute."""
    return f"{quoted(item.text)}, {'says ' + item.speaker if item.speaker else nobody}."


def when(view: TerritoryView, kind: str) -> str:
    """` on 7 May 2024`, ` in autumn 2026`, or nothing for a date too vague to say."""
    entry = first(view, kind)
    if entry is None or entry.occurred.is_unknown:
        return ""
    return " " + date_words(entry.occurred)


def headline(view: TerritoryView) -> str:
    """Where the territory stands, in a line."""
    if not engaged(view):
        return membership.headline(view, "en")
    name = view.territory.name
    if view.pilot:
        return seed_of(view, "headline").choice(
            [f"{name}: from sensitive diagnostic to pilot project", f"{name}: a pilot project to get going"]
        )
    if view.diagnostic.restituted:
        return f"{name}, after the sensitive diagnostic"
    if view.diagnostic.started:
        return f"{name}: the sensitive diagnostic is under way"
    return f"{name} joins the cohort"


def standfirst(view: TerritoryView) -> str:
    """Who the territory is, whether it joined, and what the article tells."""
    profile = view.territory
    kind = kind_en(profile.kind)
    where = f" in {profile.department}" if profile.department else ""
    people_ = f" of {count(profile.population, 'inhabitant')}" if profile.population is not None else ""
    who = f"{profile.name}, a {kind}{people_}{where},"
    if view.status.declined:
        return f"{who} decided not to join the {view.cohort.name}."
    if not engaged(view):
        return f"{who} was approached by the {view.cohort.name}."
    text = f"{who} joined the {view.cohort.name}."
    if view.pilot:
        return (
            f"{text} The path from the sensitive diagnostic to its pilot project, {quoted(view.pilot.title)}."
        )
    if view.diagnostic.started:
        return f"{text} The sensitive diagnostic is under way. {pending(view.status, 'pilot', 'en') or ''}".strip()
    return f"{text} {pending(view.status, 'diagnostic', 'en') or ''}".strip()


def outside(view: TerritoryView) -> list[str]:
    """A territory that had not joined by the view's date: its approach and decision, and nothing else."""
    return membership.outside(view, "en")


def path(view: TerritoryView) -> list[str]:
    """Joining, the common core and the sensitive diagnostic."""
    paragraphs = []
    start = []
    if first(view, "territory_joined"):
        start.append(f"{view.territory.name} joined the cohort{when(view, 'territory_joined')}.")
    launch = first(view, "in_person_day_held")
    if launch:
        start.append(
            f"The cohort first met in {launch.facts['place']}{when(view, 'in_person_day_held')}, "
            f"for an in-person day on {quoted(launch.facts['theme'])}."
        )
    days = sum(1 for e in view.entries if e.type == "in_person_day_held")
    webinars = sum(1 for e in view.entries if e.type == "webinar_held")
    if days > 1 or webinars:
        parts = [count(days, "in-person day")] + ([count(webinars, "webinar")] if webinars else [])
        start.append(f"The common core{' by then' if view.as_of else ''}: {join_list(parts)}.")
    if start:
        paragraphs.append(" ".join(start))
    paragraphs.append(_diagnostic(view))
    effects = [e.description for e in view.effects]
    findings = [
        f"The diagnostic brought out a {FINDINGS.get(str(f['kind']), f['kind'])}: {quoted(str(f['summary']))}."
        for f in view.diagnostic.findings
        if str(f["summary"]) not in effects
    ]
    members = [people([m["member"]]) for m in view.delegation]
    if members:
        findings.append(f"The territory's delegation includes {join_list(members)}.")
    if findings:
        paragraphs.append(" ".join(findings))
    return paragraphs


def _diagnostic(view: TerritoryView) -> str:
    diagnostic = view.diagnostic
    if not diagnostic.started:
        return pending(view.status, "diagnostic", "en") or ""
    text = f"Listening came first: the sensitive diagnostic began{when(view, 'diagnostic_started')}"
    if diagnostic.conducted_by:
        text += f", conducted by {join_list(diagnostic.conducted_by)}"
    if diagnostic.interviews is not None:
        about = "about " if diagnostic.interviews_approximate else ""
        text += f", drawing on {about}{count(diagnostic.interviews, 'interview')}"
    text += "."
    pre = first(view, "diagnostic_pre_restituted")
    done = first(view, "diagnostic_restituted")
    if pre:
        to = f" to {quoted(pre.facts['to'])}" if pre.facts.get("to") else ""
        text += f" Its findings were first presented{to}{when(view, 'diagnostic_pre_restituted')}."
    if done:
        public = " at a public meeting" if done.facts.get("public") else ""
        audience = str(done.facts.get("audience") or "")
        to = (
            f", to {quoted(audience)}"
            if audience and not (public and "réunion publique" in audience.lower())
            else ""
        )
        text += f" They were presented back{public}{to}{when(view, 'diagnostic_restituted')}."
    elif not pre:
        text += " " + (pending(view.status, "restitution", "en") or "")
    return text.strip()


def pilot(view: TerritoryView) -> list[str]:
    """The pilot project, its aims, who supports it and the steps taken."""
    project = view.pilot
    if project is None:
        text = pending(view.status, "pilot", "en") or ""
        notes = [e for e in view.entries if e.type == "pilot_note_written"]
        spent = sum(e.facts["days"] for e in view.entries if e.type == "accompaniment_days_spent")
        if notes:
            kind = {"intention": "intention", "framing": "framing", "feasibility": "feasibility"}.get(
                notes[-1].facts["kind"], ""
            )
            text += f" {'An' if kind[:1] in 'aeiou' else 'A'} {kind} note was written{when(view, 'pilot_note_written')}."
        if spent:
            text += f" The accompaniment already counts {count(spent, 'day')}."
        return [text.strip()]
    paragraphs = [f"The pilot project is {quoted(project.title)}: {quoted(project.summary)}."]
    if project.goals:
        paragraphs[0] += (
            f" Its {'goal' if len(project.goals) == 1 else 'goals'}: {'; '.join(quoted(g) for g in project.goals)}."
        )
    if project.allies:
        support = (
            f"Its support is entrusted to "
            f"{allies_phrase_en(list(project.allies), project.ally_also_did_diagnostic, project.diagnosed_by)}."
        )
        if project.days_spent:
            budget = days_budget(view)
            support += f" In all, {count(project.days_spent, 'day')} of accompaniment"
            support += f", out of the {number(budget)} planned." if budget else "."
        paragraphs.append(support)
    effects = [e.description for e in view.effects]
    steps = [quoted(m["description"]) for m in project.milestones if m["description"] not in effects]
    if steps:
        paragraphs.append(f"Concrete steps followed: {'; '.join(steps)}.")
    if project.announced:  # announced, not reached: said as announced, with the date given for them
        planned = [
            quoted(m["description"])
            + (f" ({date_words(PartialDate(m['expected']))})" if m.get("expected") else "")
            for m in project.announced
        ]
        head = (
            "One more step is announced"
            if len(planned) == 1
            else f"{count(len(planned), 'more step')} are announced"
        )
        paragraphs.append(f"{head}, not yet reached: {'; '.join(planned)}.")
    return paragraphs


def changes(view: TerritoryView) -> list[str]:
    """The effects, each under its French label, in the coordinator's words."""
    source = source_of_type(view, "effect_observed", "en")
    told: list[str] = [e.description for e in view.effects]
    paragraphs = []
    effects = list({(e.label, e.description): e for e in view.effects}.values())
    for index, effect in enumerate(effects[:DETAILED]):
        if index == 0:
            opener = (
                f"{source.noun.capitalize()} first {source.verb('notes', 'note')} an effect"
                if source
                else "A first effect"
            )
        else:
            opener = "Another effect"
        labelled = f", labelled {quoted(effect.label)}" if effect.label else ", with no label in the source"
        text = f"{opener}{labelled}: {quoted(effect.description)}."
        for item in fresh(effect.quotes, told):
            text += " " + said(item, "as one quote puts it")
        paragraphs.append(text)
    remaining = effects[DETAILED:]
    labels = list(dict.fromkeys(quoted(e.label) for e in remaining if e.label))
    if remaining:
        named = f", labelled {join_list(labels)}" if labels else ""
        unlabelled = sum(1 for e in remaining if not e.label)
        named += f"{' and' if labels else ','} {unlabelled} with no label" if unlabelled else ""
        paragraphs.append(f"Also noted: {count(len(remaining), 'other effect')}{named}.")
    return paragraphs


def voices(view: TerritoryView) -> list[str]:
    """The territory's and the ally's views, with their attributed quotes."""
    told = [e.description for e in view.effects] + [q.text for e in view.effects[:DETAILED] for q in e.quotes]
    paragraphs = []
    for viewpoint, side in ((view.territory_view, "territory"), (view.ally_view, "ally")):
        if viewpoint is None:
            continue
        names = people(viewpoint.speakers)
        if not viewpoint.expressed:
            who = names or ("The delegation" if side == "territory" else "The ally")
            paragraphs.append(f"{who} has not given a view to date.")
            continue
        if side == "territory":
            intro = (
                f"On the territory's side, {names} gives this view" if names else "Seen from the territory"
            )
            nobody = "as a voice from the territory puts it"
        else:
            intro = (
                f"On the ally's side, {names} gives another view" if names else "Seen from the ally's side"
            )
            nobody = "as a voice from the ally's side puts it"
        text = f"{intro}: {quoted(viewpoint.summary)}." if viewpoint.summary else f"{intro}."
        told.append(viewpoint.summary or "")
        for item in fresh(viewpoint.quotes, told):
            text += " " + said(item, nobody)
        paragraphs.append(text)
    return paragraphs


def hard(view: TerritoryView) -> list[str]:
    """The limits in the coordinator's words, their quotes, and an incomplete delegation; nothing when none."""
    limits = view.limits
    if not limits and not view.delegation_gaps:
        return []
    source = source_of_type(view, "limit_observed", "en")
    paragraphs = []
    told = [limit.description for limit in limits]
    if limits:
        opener = (
            f"{source.noun.capitalize()} {source.verb('does', 'do')} not hide the difficulties."
            if source
            else "Not everything was easy."
        )
        items = "; ".join(quoted(limit.description) for limit in limits[:DETAILED])
        paragraphs.append(f"{opener} {'The limit noted' if len(limits) == 1 else 'Limits noted'}: {items}.")
        quotes = [q for limit in limits for q in fresh(limit.quotes, told)]
        tail = [said(q, "as one testimony puts it") for q in quotes]
        others = len(limits) - DETAILED
        if others > 0:
            tail.append(f"{count(others, 'other limit')} {'is' if others == 1 else 'are'} noted.")
        if tail:
            paragraphs.append(" ".join(tail))
    for gap in view.delegation_gaps:
        if gap not in told:
            paragraphs.append(f"The delegation itself raises questions: {quoted(gap)}.")
    return paragraphs
