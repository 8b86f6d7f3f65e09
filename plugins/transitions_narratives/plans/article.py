"""The article's plan: what a territory's article tells, in which part and order, in no language.

The article opens on what stands out in the territory's history (`story.Centre`): its strongest words, a
tension the diagnostic found, a delegation never complete, a limit, a public restitution, else the place.
What opens the article is not told again further on. Then the path (the listening, what it found, who is
in the delegation), the pilot project, what changed, the views of the territory and of its allies, and
what is still hard. Each part tells the facts it chooses, whole: at most three effects and three limits,
those that carry someone's words first, then the shortest; never "and N others". A part with nothing to
tell is left out, and so is a view nobody expressed. Phrasings are picked by the territory's id and the
message, and go round within the text, so that two paragraphs of one article never open alike.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from transitions_core.narrative.views import EffectView, LimitView, QuoteView, TerritoryView
from transitions_narratives.plans import Say
from transitions_narratives.plans.story import Centre, Story, first_sentence, quote_score, story, tie

#: Effects and limits an article tells at most: chosen, not counted.
MOST = 3


@dataclass(frozen=True)
class Part:
    """A part of the article: its heading (None for the opening) and its paragraphs, each one message."""

    name: str
    heading: Say | None
    paragraphs: tuple[Say, ...]


def article(view: TerritoryView) -> dict[str, object]:
    """The headline, the standfirst and the parts of a territory's article (an engaged one)."""
    told = story(view)
    said: set[str] = {told.voice.text} if told.centre is Centre.VOICE and told.voice else set()
    parts = [
        _opening(told),
        _path(told),
        _pilot(told),
        _changes(told, said),
        _voices(told, said),
        _hard(told, said),
    ]
    limit_quote = _short_quote(told.limit.quotes) if told.limit else None
    return {
        "headline": _say(told, "headline", told.centre.value, quote=limit_quote),
        "standfirst": _say(told, "standfirst", told.centre.value),
        "parts": [p for p in parts if p.paragraphs],
    }


def _say(told: Story, key: str, variant: str = "", index: int = 0, /, **slots: object) -> Say:
    """A message with the slots every message may use, its phrasing picked by the id and the message."""
    view = told.view
    common = {
        "t": view.territory,
        "cohort": view.cohort,
        "centre": told.centre.value,
        "pilot": view.pilot,
        "refrain": told.refrain or "",
        "voice": told.voice,
        "as_of": view.as_of,
        "status": view.status,
        "view": view,
    }
    name = f"{key}.{variant}" if variant else key
    # The same message told twice in a text takes the next phrasing: two paragraphs never open alike.
    return Say(name, {**common, **slots}, tie(f"{view.territory.id}/{name}") + index)


# ─── The opening: what stands out ───


def _opening(told: Story) -> Part:
    view, centre = told.view, told.centre
    if centre is Centre.VOICE and told.voice is not None:
        item = told.voice
        context = _context_of(view, item)
        return Part("opening", None, (_say(told, "opening.voice", quote=item, context=context),))
    if centre is Centre.TENSION and told.tension:
        return Part("opening", None, (_say(told, "opening.tension", text=told.tension),))
    if centre is Centre.DELEGATION and told.gaps:
        return Part("opening", None, (_say(told, "opening.delegation", text=told.gaps[0]),))
    if centre is Centre.LIMIT and told.limit is not None:
        said = _short_quote(told.limit.quotes)
        return Part("opening", None, (_say(told, "opening.limit", text=_first(told.limit), quote=said),))
    if centre is Centre.PUBLIC:
        return Part("opening", None, (_say(told, "opening.public", **_diagnostic(view)),))
    return Part("opening", None, (_say(told, "opening.place", description=view.territory.description or ""),))


def _context_of(view: TerritoryView, item: QuoteView) -> str:
    """The sentence a quote was said around: the first of the viewpoint, effect or limit that holds it."""
    for viewpoint in (view.territory_view, view.ally_view):
        if viewpoint and item in viewpoint.quotes and viewpoint.summary:
            return first_sentence(viewpoint.summary)
    for effect in view.effects:
        if item.text in [q.text for q in effect.quotes]:
            return first_sentence(effect.description)
    for limit in view.limits:
        if item.text in [q.text for q in limit.quotes]:
            return first_sentence(limit.description)
    return ""


# ─── The path: listening, findings, delegation ───


def _diagnostic(view: TerritoryView) -> dict[str, object]:
    diagnostic = view.diagnostic
    pre = next((e for e in view.entries if e.type == "diagnostic_pre_restituted"), None)
    done = next((e for e in view.entries if e.type == "diagnostic_restituted"), None)
    started = next((e for e in view.entries if e.type == "diagnostic_started"), None)
    return {
        "started": diagnostic.started,
        "started_on": started.occurred if started else None,
        "by": [view.cohort.organisation(name) for name in diagnostic.conducted_by],
        "interviews": diagnostic.interviews,
        "approximate": diagnostic.interviews_approximate,
        "first_to": str(pre.facts.get("to") or "") if pre else "",
        "first_on": pre.occurred if pre else None,
        "restituted": done is not None,
        "audience": str(done.facts.get("audience") or "") if done else "",
        "public": bool(done.facts.get("public")) if done else False,
        "restituted_on": done.occurred if done else None,
        "pending_diagnostic": _pending(view, "diagnostic"),
        "pending_restitution": _pending(view, "restitution"),
    }


def _pending(view: TerritoryView, step: str) -> str:
    """Which claim of `claims.PENDING` a step not done calls for: `later`, `undated`, `unrecorded`, or ``."""
    from transitions_core.narrative.status import Known

    state = view.status.known(step)
    return "" if state is Known.DONE else state.value


def _path(told: Story) -> Part:
    view = told.view
    joined = next((e for e in view.entries if e.type == "territory_joined"), None)
    says = [
        _say(
            told,
            "path.listening",
            joined=joined.occurred if joined else None,
            told_public=told.centre is Centre.PUBLIC,
            **_diagnostic(view),
        )
    ]
    for index, finding in enumerate(view.diagnostic.findings):
        if str(finding["summary"]) == told.tension and told.centre is Centre.TENSION:
            continue
        if any(
            first_sentence(str(finding["summary"])) == first_sentence(e.description) for e in view.effects
        ):
            continue  # told as an effect further on
        says.append(_say(told, "path.finding", "", index, kind=finding["kind"], text=str(finding["summary"])))
    if view.delegation:
        says.append(_say(told, "path.delegation", members=[m["member"] for m in view.delegation]))
    return Part("path", None, tuple(says))


# ─── The pilot project ───


def _pilot(told: Story) -> Part:
    view = told.view
    pilot = view.pilot
    if pilot is None:
        notes = [e for e in view.entries if e.type == "pilot_note_written"]
        days = sum(float(e.facts["days"]) for e in view.entries if e.type == "accompaniment_days_spent")
        say = _say(told, "pilot.none", pending=_pending(view, "pilot"), notes=notes, days=days)
        return Part("pilot", _say(told, "pilot.heading"), (say,))
    effects = {first_sentence(e.description) for e in view.effects}
    steps = [
        str(m["description"]) for m in pilot.milestones if first_sentence(m["description"]) not in effects
    ]
    says = [
        _say(
            told, "pilot.chosen", summary=_without_title_echo(pilot.summary, pilot.title), goals=pilot.goals
        ),
        _say(
            told,
            "pilot.support",
            allies=list(pilot.allies),
            many=len(pilot.allies) > 1 or any(view.cohort.organisation(p.name).plural for p in pilot.allies),
            organisations=list(dict.fromkeys(p.organisation for p in pilot.allies if p.organisation)),
            also_did=pilot.ally_also_did_diagnostic,
            diagnosed_by=list(pilot.diagnosed_by),
            days=pilot.days_spent,
            budget=_budget(view),
        )
        if pilot.allies
        else None,
        _say(told, "pilot.steps", steps=steps) if steps else None,
        _say(told, "pilot.announced", announced=list(pilot.announced)) if pilot.announced else None,
    ]
    return Part("pilot", _say(told, "pilot.heading"), tuple(s for s in says if s is not None))


def _budget(view: TerritoryView) -> float | None:
    base = view.cohort.pilot_days_budget
    if base is None:
        return None
    extended = sum(float(e.facts["days"]) for e in view.entries if e.type == "accompaniment_budget_extended")
    return float(base) + extended


def _without_title_echo(summary: str, title: str) -> str:
    """The summary without a first sentence that only repeats the title."""
    import re

    first, _, rest = summary.partition(". ")
    words = set(re.findall(r"\w+", first.lower()))
    if rest and words and len(words & set(re.findall(r"\w+", title.lower()))) >= 0.8 * len(words):
        return rest
    return summary


# ─── What changed, the views, what is hard ───


def _chosen_effects(told: Story) -> list[EffectView]:
    distinct = list({e.description: e for e in told.view.effects}.values())
    ranked = sorted(distinct, key=lambda e: (not e.quotes, not e.label, len(first_sentence(e.description))))
    keep = ranked[:MOST]
    return [e for e in distinct if e in keep]


def _fresh(
    quotes: list[QuoteView] | tuple[QuoteView, ...], said: set[str], around: str = ""
) -> list[QuoteView]:
    """The quotes not told yet in the article, nor inside the text they go with; those returned count as told."""
    import re

    def key(text: str) -> str:
        return re.sub(r"\W", "", text.lower())

    kept = [q for q in quotes if q.text not in said and key(q.text)[:50] not in key(around)]
    said.update(q.text for q in kept)
    return kept


def _reads_as_noun(label: str) -> bool:
    """Whether a label reads as a noun in a heading (`transversalité`), not as a fragment (`d'intégration / …`)."""
    return "/" not in label and not label.lower().startswith(("d'", "d’", "de ")) and " et " not in label


def _changes(told: Story, said: set[str]) -> Part:
    effects = _chosen_effects(told)
    if not effects:
        return Part("changes", None, ())
    labels = [e.label for e in effects if e.label and _reads_as_noun(e.label)]
    says = []
    for index, effect in enumerate(effects):
        quotes = _fresh(effect.quotes[:1], said, effect.description)
        says.append(
            _say(
                told,
                "changes.effect",
                position=index,
                label=effect.label or "",
                headed=bool(labels) and effect.label == labels[0],  # the part's heading says its label
                text=effect.description,
                quote=quotes[0] if quotes else None,
            )
        )
    return Part("changes", _say(told, "changes.heading", labels=labels), tuple(says))


def _voices(told: Story, said: set[str]) -> Part:
    view = told.view
    says, sides = [], []
    for side, viewpoint in (("territory", view.territory_view), ("ally", view.ally_view)):
        if viewpoint is None or not viewpoint.expressed or not viewpoint.summary:
            continue  # an empty view is not a paragraph
        quotes = _fresh(viewpoint.quotes, said, viewpoint.summary)
        sides.append(side)
        says.append(
            _say(
                told,
                f"voices.{side}",
                speakers=list(viewpoint.speakers),
                text=viewpoint.summary,
                quotes=quotes[:2],
            )
        )
    return Part("voices", _say(told, "voices.heading", sides=sides), tuple(says))


def _hard(told: Story, said: set[str]) -> Part:
    view = told.view
    opened = told.limit if told.centre is Centre.LIMIT else None
    # A limit that holds the delegation's gap the article opened on is not told again.
    gap = _core(told.gaps[0]) if told.centre is Centre.DELEGATION and told.gaps else None
    limits = [item for item in view.limits if item is not opened and not (gap and gap in item.description)]
    ranked = sorted(limits, key=lambda item: (not item.quotes, len(_first(item))))[:MOST]
    chosen = [item for item in limits if item in ranked]
    says = []
    for index, item in enumerate(chosen):
        quotes = _fresh(item.quotes[:1], said, item.description)
        says.append(
            _say(
                told,
                "hard.limit",
                position=index,
                last=index == len(chosen) - 1,
                text=item.description,
                quote=quotes[0] if quotes else None,
            )
        )
    told_texts = [item.description for item in view.limits]
    gaps = view.delegation_gaps if told.centre is not Centre.DELEGATION else view.delegation_gaps[1:]
    for gap in gaps:
        if not any(first_sentence(gap).strip("« »") in text for text in told_texts):
            says.append(_say(told, "hard.gap", text=gap))
    return Part("hard", _say(told, "hard.heading"), tuple(says))


def _core(gap: str) -> str:
    """The recorded words a delegation's gap quotes (`« … »`), else its first sentence."""
    import re

    quoted = re.search(r"«\s*([^»]+?)\s*»", gap)
    return quoted.group(1) if quoted else first_sentence(gap)


def _first(limit: LimitView) -> str:
    return first_sentence(limit.description)


def _short_quote(quotes: list[QuoteView] | tuple[QuoteView, ...]) -> QuoteView | None:
    """The strongest quote short enough for a heading (at most 60 characters)."""
    short = [q for q in quotes if 12 <= len(q.text) <= 60]
    return max(short, key=quote_score) if short else None


def parts_by_name(view: TerritoryView) -> Iterator[tuple[str, Part]]:
    """The article's parts by name (`opening`, `path`, `pilot`, `changes`, `voices`, `hard`)."""
    for part in article(view)["parts"]:  # type: ignore[attr-defined]
        yield part.name, part


def outside_standfirst(view: TerritoryView) -> Say:
    """The standfirst of a territory that had not joined: who it is, and that it declined or was approached."""
    return Say(
        "standfirst.outside",
        {"t": view.territory, "cohort": view.cohort, "declined": view.status.declined},
        tie(f"{view.territory.id}/standfirst.outside"),
    )


def left_standfirst(view: TerritoryView) -> Say:
    """The standfirst of a territory that joined, then left: it took part, and is no longer in the cohort."""
    return Say(
        "standfirst.left",
        {"t": view.territory, "cohort": view.cohort, "left": view.status.left_on},
        tie(f"{view.territory.id}/standfirst.left"),
    )
