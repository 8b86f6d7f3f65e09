"""The second half of the French `article`: what changed, what people say and what is still hard."""

from __future__ import annotations

from transitions_core.narrative.views import TerritoryView
from transitions_core.text.french import count, de_, join_list, quote, sentence
from transitions_narratives.claims import source_of_type
from transitions_narratives.prose import (
    attributed,
    fresh,
    lowered,
    same_text,
    seed_of,
    sentence_end,
)
from transitions_narratives.sentences import people_phrase

#: Effects and limits told one by one; the others are named together.
DETAILED = 4


def changes(view: TerritoryView) -> list[str]:
    """The effects of the accompaniment, the first ones told, the others named.

    "Le rapport relève…" only when every effect cites a document the cohort declares; otherwise the
    effects are told without a source. An effect the source gives no label is told without one.
    """
    rng = seed_of(view, "changes")
    source = source_of_type(view, "effect_observed")
    noun = sentence(source.noun) if source else ""
    told: list[str] = [e.description for e in view.effects]
    paragraphs = []
    effects = list({(e.label, e.description): e for e in view.effects}.values())
    detailed = effects[:DETAILED]
    labels_told: set[str] = set()
    for index, effect in enumerate(detailed):
        label = quote(effect.label) if effect.label else ""
        if not effect.label:
            opener = "Premier effet relevé :" if index == 0 else "Autre effet relevé :"
        elif effect.label in labels_told:
            opener = (
                f"{noun} {source.verb('relève', 'relèvent')} encore un effet {label}."
                if source
                else f"Encore un effet {label}."
            )
        elif index == 0:
            options = [f"Premier effet relevé, {label}.", f"Premier effet : {label}."]
            if source:
                options += [
                    f"Premier effet relevé par {source.noun}, {label}.",
                    f"{noun} {source.verb('parle', 'parlent')} d'abord d'un effet {label}.",
                ]
            opener = rng.choice(options)
        elif index == len(detailed) - 1 and index > 1:
            opener = f"Enfin, effet {label}."
        else:
            also = (
                f"{noun} {source.verb('note', 'notent')} aussi un effet {label}."
                if source
                else f"Autre effet encore, {label}."
            )
            opener = [f"Autre effet, {label}.", also][index % 2]
        if effect.label:
            labels_told.add(effect.label)
        description = lowered(effect.description) if not effect.label else effect.description
        text = f"{opener} {sentence_end(description)}"
        for item in fresh(effect.quotes, told):
            text += " " + attributed(item, "confie", "une parole citée le dit")
        paragraphs.append(text)
    remaining = effects[DETAILED:]
    new = list(dict.fromkeys(quote(e.label) for e in remaining if e.label and e.label not in labels_told))
    unlabelled = sum(1 for e in remaining if not e.label)
    if new:
        named = f"{'un effet' if len(new) == 1 else 'les effets'} {join_list(new)}"
        also = f", et {count(unlabelled, 'autre effet', 'autres effets')} sans intitulé" if unlabelled else ""
        if source:
            paragraphs.append(f"{noun} {source.verb('cite', 'citent')} encore {named}{also}.")
        else:
            paragraphs.append(f"Sont aussi relevés {named}{also}.")
    elif remaining:
        others = count(len(remaining), "autre effet", "autres effets")
        same = "" if unlabelled else " sous les mêmes étiquettes"
        if source:
            paragraphs.append(f"{noun} en {source.verb('relève', 'relèvent')} encore {others}{same}.")
        else:
            paragraphs.append(
                f"{sentence(others)} {'est relevé' if len(remaining) == 1 else 'sont relevés'}{same}."
            )
    return paragraphs


def voices(view: TerritoryView) -> list[str]:
    """The territory's and the ally's views, with their attributed quotes."""
    told = [e.description for e in view.effects]
    told += [q.text for e in view.effects[:DETAILED] for q in e.quotes]
    told += [m["description"] for m in view.pilot.milestones] if view.pilot else []
    verbs = ["résume", "souligne", "insiste", "confie"]
    paragraphs = []
    for viewpoint, side in ((view.territory_view, "territory"), (view.ally_view, "ally")):
        if viewpoint is None:
            continue
        names = people_phrase([p.model_dump() for p in viewpoint.speakers])
        many = len(viewpoint.speakers) > 1
        if not viewpoint.expressed:
            who = names or ("la délégation" if side == "territory" else "l'accompagnement")
            paragraphs.append(
                f"{sentence(who)} n'{'ont' if many else 'a'} pas exprimé de point de vue à ce jour."
            )
            continue
        if side == "territory":
            # Who signs the territory's view is not said to be in the delegation (it may not be formed).
            # An apposition (« X, maire ») closes with a comma before the verb.
            closed = names + ("," if names.count(",") % 2 else "")
            intro = f"Côté territoire, {closed} {'portent' if many else 'porte'} ce regard." if names else ""
            intro = (
                intro
                or f"Vu {de_(view.territory.name, view.territory.article)}, l'accompagnement se lit ainsi."
            )
            nobody = "une voix du territoire le dit"
        else:
            intro = (
                f"{names}, côté accompagnement, {'livrent' if many else 'livre'} un autre regard."
                if names
                else ""
            )
            nobody = "une voix côté accompagnement le dit"
        text = " ".join(part for part in (intro, sentence_end(viewpoint.summary or "")) if part.strip(". "))
        told.append(viewpoint.summary or "")
        for index, item in enumerate(fresh(viewpoint.quotes, told)):
            text += " " + attributed(item, verbs[index % len(verbs)], nobody)
            nobody = nobody if item.speaker else "ou encore"
        paragraphs.append(text.strip())
    return paragraphs


def hard(view: TerritoryView) -> list[str]:
    """What is still hard: limits, quotes about them and an incomplete delegation; nothing when none is recorded."""
    rng = seed_of(view, "hard")
    limits = view.limits
    if not limits and not view.delegation_gaps:
        return []
    source = source_of_type(view, "limit_observed")
    paragraphs = []
    told = [limit.description for limit in limits]
    if limits:
        intros = ["Tout n'a pas été simple pour autant.", "Reste le plus difficile."]
        if source:
            intros.append(
                f"{sentence(source.noun)} ne {source.verb('cache', 'cachent')} pas les difficultés."
            )
        intro = rng.choice(intros)
        connectors = ["D'abord", "Ensuite", "Autre point", "Enfin"]
        shown = limits[:DETAILED]
        parts = [intro]
        for index, limit in enumerate(shown):
            connector = connectors[-1] if index == len(shown) - 1 and index > 0 else connectors[index]
            if len(shown) == 1:
                parts.append(sentence_end(limit.description))
            else:
                parts.append(f"{connector} : {lowered(sentence_end(limit.description))}")
        paragraphs.append(" ".join(parts))
        quotes = [q for limit in limits for q in fresh(limit.quotes, told)]
        others = len(limits) - len(shown)
        tail = [
            attributed(q, "le dit", "un témoignage le dit sans détour" if i == 0 else "ou encore")
            for i, q in enumerate(quotes)
        ]
        if others:
            more = "une autre limite" if others == 1 else count(others, "autre limite", "autres limites")
            if source:
                tail.append(f"{sentence(source.noun)} {source.verb('relève', 'relèvent')} encore {more}.")
            else:
                tail.append(f"{sentence(more)} {'est relevée' if others == 1 else 'sont relevées'}.")
        if tail:
            paragraphs.append(" ".join(tail))
    for gap in view.delegation_gaps:
        if not same_text(gap, told):
            paragraphs.append(f"La délégation elle-même pose question : {lowered(sentence_end(gap))}")
    return paragraphs
