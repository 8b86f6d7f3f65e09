"""What stands out in a territory's history, in no language: the facts a text is built around.

Every text about a territory starts from its `Story`: its strongest words, a tension the diagnostic
found, a delegation that was never complete, a public restitution, the limit most worth telling. The
`centre` is the one a text is built around, chosen by the scores below; only a tie is broken, and then
by the territory's id, so the same history always gives the same text.

Scores (documented in docs/narratives.md):
- a quote: 2 if someone is named as saying it, 2 if it speaks in the first person (`je`, `on`, `nous`),
  1 if it turns on a contrast (`avant… maintenant`, `jamais`, `ne… pas`), 1 if it is short enough to
  be a refrain; a quote of 3 or more is strong enough to build a text on;
- a tension or resistance the diagnostic found: 4; a delegation the history says is incomplete: 3;
- a public restitution: 2 (it is always told, and builds the text only when nothing else stands out);
- a limit: 2 when someone's words go with it, else 1;
- the place, with the pilot project: 1, the fallback.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from enum import StrEnum

from transitions_core.narrative.views import EffectView, LimitView, QuoteView, TerritoryView

#: A quote this short (in characters) can come back as a refrain.
REFRAIN = 60
#: A quote shorter than this says too little to stand alone.
SHORTEST = 14
#: A recorded sentence this long or shorter is one line of verse; longer ones break at their punctuation.
LINE = 64


class Centre(StrEnum):
    """What a text about a territory is built around."""

    VOICE = "voice"
    TENSION = "tension"
    DELEGATION = "delegation"
    LIMIT = "limit"
    PUBLIC = "public"
    PLACE = "place"


@dataclass(frozen=True)
class Story:
    """The salient facts of one territory's history, and the one a text is built around."""

    view: TerritoryView
    centre: Centre
    voice: QuoteView | None = None
    refrain: str | None = None
    tension: str | None = None
    gaps: tuple[str, ...] = ()
    limit: LimitView | None = None
    effects: tuple[EffectView, ...] = ()
    scores: dict[Centre, int] = field(default_factory=dict)

    @property
    def tie(self) -> int:
        """A number drawn from the territory's id alone: it breaks ties between equally salient facts."""
        return tie(self.view.territory.id)

    def pick(self, key: str, index: int = 0) -> int:
        """Which of a message's equal phrasings to use: drawn from the territory's id and the message alone."""
        return tie(f"{self.view.territory.id}/{key}/{index}")


def tie(identity: str) -> int:
    """A stable number for an id (the same on every machine and run)."""
    return int.from_bytes(hashlib.sha256(identity.encode()).digest()[:4], "big")


def quote_score(item: QuoteView) -> int:
    """How strongly a quote can carry a text (see the module's docstring)."""
    text = item.text.lower()
    score = 2 if item.speaker else 0
    if re.search(r"\b(je|j'|j’|on|nous|moi|mon|ma|mes|notre|nos)\b", text):
        score += 2
    if re.search(r"\bavant\b.*\bmaintenant\b|\bjamais\b|\bne\b.*\bpas\b|\bn['’]\w+.*\bpas\b|\bmais\b", text):
        score += 1
    if len(refrain_of(item.text) or "") <= REFRAIN:
        score += 1
    return score if len(item.text) >= SHORTEST else -1


def refrain_of(text: str) -> str | None:
    """The words of a quote that can come back as a refrain: the whole quote, or its first clause."""
    text = text.strip().rstrip(".")
    if len(text) <= REFRAIN:
        return text
    clause = re.split(r"[,;:]\s", text, maxsplit=1)[0]
    return clause if SHORTEST <= len(clause) <= REFRAIN else None


def voices(view: TerritoryView) -> list[QuoteView]:
    """The territory's quotes, each once, in the order the history gives them."""
    seen: dict[str, QuoteView] = {}
    for item in view.quotes:
        key = re.sub(r"\W", "", item.text.lower())
        if key not in seen or (item.speaker and not seen[key].speaker):
            seen[key] = item
    return list(seen.values())


def story(view: TerritoryView) -> Story:
    """The story of a territory: what stands out, and what a text is built around (made once per view)."""
    from transitions_narratives.plans import remembered

    made: Story = remembered(view, "story", _story)
    return made


def _story(view: TerritoryView) -> Story:
    quotes = sorted(voices(view), key=lambda q: (-quote_score(q), len(q.text)))
    voice = quotes[0] if quotes and quote_score(quotes[0]) >= 0 else None
    tensions = [
        str(f["summary"]) for f in view.diagnostic.findings if f.get("kind") in ("tension", "resistance")
    ]
    scores = {
        Centre.VOICE: quote_score(voice) if voice else 0,
        Centre.TENSION: 4 if tensions else 0,
        Centre.DELEGATION: 3 if view.delegation_gaps else 0,
        Centre.PUBLIC: 2 if view.diagnostic.public else 0,
        Centre.LIMIT: 2 if any(limit.quotes for limit in view.limits) else 1 if view.limits else 0,
        Centre.PLACE: 1,
    }
    if scores[Centre.VOICE] < 3:
        scores[Centre.VOICE] = 0
    best = max(scores.values())
    tied = sorted(c for c, s in scores.items() if s == best)
    centre = tied[tie(view.territory.id) % len(tied)]
    return Story(
        view=view,
        centre=centre,
        voice=voice,
        refrain=refrain_of(voice.text) if voice else None,
        tension=tensions[0] if tensions else None,
        gaps=tuple(view.delegation_gaps),
        limit=telling_limit(view),
        effects=telling_effects(view),
        scores=scores,
    )


def first_sentence(text: str) -> str:
    """A recorded text's first sentence, whole (a quotation inside it is not cut)."""
    depth = 0
    for index, char in enumerate(text):
        depth += {"«": 1, "»": -1, "(": 1, ")": -1}.get(char, 0)
        if char in ".!?" and depth <= 0 and text[index + 1 : index + 2] in (" ", ""):
            return text[: index + 1].strip()
    return text.strip()


def telling_limit(view: TerritoryView) -> LimitView | None:
    """The limit a short text tells: the one whose first sentence is shortest (most quotable), ties by order."""
    if not view.limits:
        return None
    return min(view.limits, key=lambda limit: len(first_sentence(limit.description)))


def telling_effects(view: TerritoryView, most: int = 3) -> tuple[EffectView, ...]:
    """The effects a short text tells: those with the shortest first sentences, in the history's order."""
    distinct = list({e.description: e for e in view.effects}.values())
    chosen = sorted(distinct, key=lambda e: len(first_sentence(e.description)))[:most]
    return tuple(e for e in distinct if e in chosen)


def verse(text: str, width: int = LINE) -> list[str]:
    """A recorded sentence as lines of verse, broken at its own punctuation (never cut, never reworded)."""
    text = " ".join(text.split())
    if len(text) <= width:
        return [text]
    pieces = re.split(
        r"(?<=[,;:])\s+(?![^«]*»)(?![^(]*\))"
        r"|\s+(?=(?:mais|et|avec|malgré|or|ce qui|au moment|afin)\s)(?![^«]*»)(?![^(]*\))",
        text,
    )
    lines: list[str] = []
    for piece in pieces:
        if lines and (len(lines[-1]) + 1 + len(piece) <= width or len(piece) < 24 or len(lines[-1]) < 24):
            lines[-1] += " " + piece
        else:
            lines.append(piece)
    return lines
