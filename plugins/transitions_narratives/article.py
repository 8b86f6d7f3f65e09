"""The `article` format: a journalistic piece about a territory, opening on what stands out in its history.

What the article tells is chosen by `plans/article.py`, in no language; its words are in
`narratives/wording/<lang>/article.yaml`. The templates place the parts under their headings; each part is a
block a user's template may replace. The filters `article_headline`, `article_path`… keep their names.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from transitions_core import hookimpl
from transitions_core.narrative.formats import Format, Subject

if TYPE_CHECKING:
    from transitions_narratives.plans import Say

ARTICLE = Format(
    name="article",
    description="Un article de presse : il s'ouvre sur ce qui marque le territoire, puis le chemin, le projet pilote, ce qui change, les regards, ce qui résiste.",
    subjects=(Subject.TERRITORY,),
    media_type="text/markdown",
)
#: The parts of the article, in order; `path` holds the opening and the path.
PARTS = ("opening", "path", "pilot", "changes", "voices", "hard")


@hookimpl
def register_formats(register: Callable[[Format], None]) -> None:
    """Offer the article; the template renderer draws it from narratives/article/."""
    register(ARTICLE)


@hookimpl
def template_filters() -> dict[str, Callable[..., Any]]:
    """`article_part` and the older names (`article_headline`, `article_path`…), so templates hold no grammar."""
    return {
        "article_headline": headline,
        "article_standfirst": standfirst,
        "article_outside": outside,
        "article_dateline": dateline,
        "article_part": part,
        "article_path": lambda view, lang="fr": _paragraphs(view, lang, "opening", "path"),
        "article_pilot": lambda view, lang="fr": _paragraphs(view, lang, "pilot"),
        "article_changes": lambda view, lang="fr": _paragraphs(view, lang, "changes"),
        "article_voices": lambda view, lang="fr": _paragraphs(view, lang, "voices"),
        "article_hard": lambda view, lang="fr": _paragraphs(view, lang, "hard"),
    }


def headline(view: Any, lang: str = "fr") -> str:
    """The headline: what the territory is known for in the article, or that it did not join."""
    if not view.status.engaged:
        from transitions_narratives.membership import headline as outside_headline

        return outside_headline(view, lang)
    return _say(lang, _plan(view)["headline"])


def standfirst(view: Any, lang: str = "fr") -> str:
    """Who the territory is and the cohort it joined (or did not)."""
    if not view.status.engaged:
        from transitions_narratives.plans.article import outside_standfirst

        return _say(lang, outside_standfirst(view))
    if view.status.left:
        from transitions_narratives.plans.article import left_standfirst

        return _say(lang, left_standfirst(view))
    return _say(lang, _plan(view)["standfirst"])


def dateline(view: Any, lang: str = "fr") -> str:
    """The cohort's name, and the date the article stops at when it does."""
    from transitions_narratives.wording import wording

    return wording(lang).say("article.dateline", cohort=view.cohort, as_of=view.as_of)


def outside(view: Any, lang: str = "fr") -> list[str]:
    """A territory that had not joined by the view's date: its approach and decision, and nothing else."""
    from transitions_narratives.membership import outside as told

    return told(view, lang)


def part(view: Any, name: str, lang: str = "fr") -> dict[str, Any]:
    """A part of the article: `{"heading": text or "", "paragraphs": [...]}` (no paragraph: an empty part)."""
    for found in _plan(view)["parts"]:
        if found.name == name:
            heading = _say(lang, found.heading) if found.heading is not None else ""
            return {"heading": heading, "paragraphs": [_say(lang, s) for s in found.paragraphs]}
    return {"heading": "", "paragraphs": []}


def _paragraphs(view: Any, lang: str, *names: str) -> list[str]:
    return [p for name in names for p in part(view, name, lang)["paragraphs"]]


def _plan(view: Any) -> dict[str, Any]:
    from transitions_narratives.plans import remembered
    from transitions_narratives.plans.article import article

    plan: dict[str, Any] = remembered(view, "article", article)
    return plan


def _say(lang: str, said: Say) -> str:
    from transitions_narratives.wording import wording

    return " ".join(wording(lang).say(f"article.{said.key}", said.choice, **said.slots).split())
