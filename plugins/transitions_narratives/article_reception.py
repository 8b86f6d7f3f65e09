"""The second half of the French `article`: what changed, what people say and what is still hard."""

from __future__ import annotations

from transitions_core.narrative.views import TerritoryView
from transitions_core.text.french import count, de_, join_list, quote, sentence
from transitions_narratives.prose import (
    as_of,
    attributed,
    fresh,
    lowered,
    same_text,
    seed_of,
    sentence_end,
)

#: Effects and limits told one by one; the others are named together.
DETAILED = 4


def changes(view: TerritoryView) -> list[str]:
    """The effects of the accompaniment, the first ones told, the others named."""
    rng = seed_of(view, "changes")
    told: list[str] = [e.description for e in view.effects]
    paragraphs = []
    effects = list({(e.label, e.description): e for e in view.effects}.values())
    detailed = effects[:DETAILED]
    labels_told: set[str] = set()
    for index, effect in enumerate(detailed):
        label = quote(effect.label) if effect.label else ""
        if not effect.label:  # the source gives this effect no label: tell it without one
            opener = "Premier effet relevé :" if index == 0 else "Autre effet relevé :"
        elif effect.label in labels_told:
            opener = f"Le bilan relève encore un effet {label}."
        elif index == 0:
            opener = rng.choice(
                [
                    f"Premier effet relevé par le bilan, {label}.",
                    f"Le bilan parle d'abord d'un effet {label}.",
                ]
            )
        elif index == len(detailed) - 1 and index > 1:
            opener = f"Enfin, effet {label}."
        else:
            opener = [f"Autre effet, {label}.", f"Le bilan note aussi un effet {label}."][index % 2]
        if effect.label:
            labels_told.add(effect.label)
        description = lowered(effect.description) if not effect.label else effect.description
        text = f"{opener} {sentence_end(description)}"
        for item in fresh(effect.quotes, told):
            text += " " + attributed(item, "confie", "une parole recueillie sur le territoire le dit")
        paragraphs.append(text)
    remaining = effects[DETAILED:]
    new = list(dict.fromkeys(quote(e.label) for e in remaining if e.label and e.label not in labels_told))
    unlabelled = sum(1 for e in remaining if not e.label)
    if new:
        also = f", et {count(unlabelled, 'autre effet', 'autres effets')} sans intitulé" if unlabelled else ""
        paragraphs.append(
            f"Le bilan cite encore {'un effet' if len(new) == 1 else 'les effets'} {join_list(new)}{also}."
        )
    elif unlabelled:
        paragraphs.append(
            f"Le bilan en relève encore {count(len(remaining), 'autre effet', 'autres effets')}."
        )
    elif remaining:
        others = count(len(remaining), "autre effet", "autres effets")
        paragraphs.append(f"Le bilan en relève encore {others} sous les mêmes étiquettes.")
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
        names = join_list(p.name for p in viewpoint.speakers)
        many = len(viewpoint.speakers) > 1
        if not viewpoint.expressed:
            who = names or ("la délégation" if side == "territory" else "l'accompagnement")
            paragraphs.append(
                f"{sentence(who)} n'{'ont' if many else 'a'} pas exprimé de point de vue à ce jour."
            )
            continue
        if side == "territory":
            # Who signs the territory's view is not said to be in the delegation (it may not be formed).
            intro = f"Côté territoire, {names} {'portent' if many else 'porte'} ce regard." if names else ""
            intro = (
                intro
                or f"Côté territoire, le bilan {de_(view.territory.name, view.territory.article)} se lit ainsi."
            )
            nobody = "on l'entend dans la délégation"
        else:
            intro = (
                f"{names}, côté accompagnement, {'livrent' if many else 'livre'} un autre regard."
                if names
                else ""
            )
            nobody = "on l'entend côté accompagnement"
        text = " ".join(part for part in (intro, sentence_end(viewpoint.summary or "")) if part.strip(". "))
        told.append(viewpoint.summary or "")
        for index, item in enumerate(fresh(viewpoint.quotes, told)):
            text += " " + attributed(item, verbs[index % len(verbs)], nobody)
            nobody = nobody if item.speaker else "ou encore"
        paragraphs.append(text.strip())
    return paragraphs


def hard(view: TerritoryView) -> list[str]:
    """What is still hard: limits, quotes about them and an incomplete delegation."""
    rng = seed_of(view, "hard")
    limits = view.limits
    if not limits and not view.delegation_gaps:
        return [f"Le bilan ne consigne pas encore de difficulté{as_of(view, ' à cette date')}."]
    paragraphs = []
    told = [limit.description for limit in limits]
    if limits:
        intro = rng.choice(
            [
                "Tout n'a pas été simple pour autant.",
                "Le bilan ne cache pas les difficultés.",
                "Reste le plus difficile.",
            ]
        )
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
            attributed(
                q,
                "le dit",
                "un témoignage recueilli pour le bilan le dit sans détour" if i == 0 else "ou encore",
            )
            for i, q in enumerate(quotes)
            if not q.speaker
        ]
        if others:
            more = "une autre limite" if others == 1 else count(others, "autre limite", "autres limites")
            tail.append(f"Le bilan relève encore {more}.")
        if tail:
            paragraphs.append(" ".join(tail))
    for gap in view.delegation_gaps:
        if not same_text(gap, told):
            paragraphs.append(f"La délégation elle-même pose question : {lowered(sentence_end(gap))}")
    return paragraphs
