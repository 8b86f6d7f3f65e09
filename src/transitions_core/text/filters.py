"""The French text helpers as jinja2 filters: templates call them and hold no grammar of their own."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, Protocol

from transitions_core.domain.dates import PartialDate
from transitions_core.text import english, french


class Named(Protocol):
    """Anything with a name and the article it takes (a territory profile)."""

    name: str
    article: str


def _name_article(place: Named | str, article: str | None) -> tuple[str, str]:
    if isinstance(place, str):
        return place, article or ""
    return place.name, place.article if article is None else article


def de(place: Named | str, article: str | None = None) -> str:
    """`{{ territory|de }}` → `du Vigan`, `de la Communauté…`, `de Gruissan`."""
    return french.de_(*_name_article(place, article))


def a(place: Named | str, article: str | None = None) -> str:
    """`{{ territory|a }}` → `au Vigan`, `à Gruissan`."""
    return french.a_(*_name_article(place, article))


def the(place: Named | str, article: str | None = None) -> str:
    """`{{ territory|the }}` → `le Sicoval`, `Le Vigan`, `Gruissan`."""
    return french.with_article(*_name_article(place, article))


def date_words(value: PartialDate | str) -> str:
    """`le 7 mai 2024`, `à l'automne 2025`, `entre juillet et septembre 2024`."""
    return french.date_words(value if isinstance(value, PartialDate) else PartialDate(value))


def date_short(value: PartialDate | str) -> str:
    """`7 mai 2024`, `juil.–sept. 2024`."""
    return french.date_short(value if isinstance(value, PartialDate) else PartialDate(value))


def join_list(items: Iterable[Any], conj: str = "et") -> str:
    """`a, b et c`."""
    return french.join_list([str(item) for item in items], conj)


def count(n: float, singular: str, plural: str | None = None) -> str:
    """`3 entretiens`, `1 entretien`."""
    return french.count(n, singular, plural)


def plural(n: float, singular: str, plural_form: str | None = None) -> str:
    """The word agreeing with n."""
    return french.plural(n, singular, plural_form)


def unstop(text: str) -> str:
    """A text without its final full stop, to quote it inside a sentence."""
    text = text.strip()
    return text[:-1].rstrip() if text.endswith(".") and not text.endswith("...") else text


def lower_first(text: str) -> str:
    """Lowercase a capital that starts a list item, unless the word looks like an acronym.

    `Elle` becomes `elle`, `L'équipe` becomes `l'équipe` and `L'ADT` becomes `l'ADT`; `ADT` stays.
    """
    if len(text) > 2 and text[0] == "L" and text[1] in "'’" and text[2:3].isalpha():
        return "l" + text[1:]
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def day(value: date) -> str:
    """`30 juin 2024`, `1er mars 2025`: a full date, without its article."""
    return french.day_words(value).removeprefix("le ")


def people(persons: Iterable[Any]) -> str:
    """`Frédérique Assal et Olivier Pezilla (Pôles en pomme)`: people grouped by organisation."""
    groups: dict[str, list[str]] = {}
    for person in persons:
        organisation = getattr(person, "organisation", None) or ""
        role = getattr(person, "role", None) or ""
        if role and organisation and organisation.lower() in role.lower():
            organisation = ""  # « agent du PETR Sud-Lozère » already says where
        name = person.name
        if role and organisation and role.lower() != organisation.lower():
            name = f"{name}, {role}"  # the role too: a fact of the history, not to be dropped
        groups.setdefault(organisation or role, []).append(name)
    return french.join_list(
        [
            f"{french.join_list(names)} ({where})" if where else french.join_list(names)
            for where, names in groups.items()
        ]
    )


def markdown_text(value: Any) -> str:
    """Text for Markdown: `<` becomes `&lt;`, so that a viewer shows a tag from the history instead of running it.

    Idempotent (`&` is left alone), so text that went through it once can go through it again.
    """
    return str(value).replace("<", "&lt;")


def fr_words(value: Any) -> str:
    """Words a coordinator recorded in French, in an English text: `« … »`."""
    return english.fr(str(value))


def fr_html(value: Any) -> Any:
    """Words recorded in French, in an English HTML page: `<span lang="fr">…</span>`, escaped."""
    from markupsafe import Markup

    return Markup('<span lang="fr">{}</span>').format(str(value))


FILTERS: dict[str, Callable[..., Any]] = {
    "en_count": english.count,
    "en_plural": english.plural,
    "en_number": english.number,
    "en_day": english.day,
    "en_date_words": english.date_words,
    "en_date_short": english.date_short,
    "en_join_list": english.join_list,
    "fr_words": fr_words,
    "fr_html": fr_html,
    "day": day,
    "people": people,
    "de": de,
    "a": a,
    "the": the,
    "date_words": date_words,
    "date_short": date_short,
    "join_list": join_list,
    "count": count,
    "plural": plural,
    "number": french.number,
    "approx": french.approx,
    "ordinal": french.ordinal,
    "quote": french.quote,
    "sentence": french.sentence,
    "nbsp": french.nbsp_punct,
    "unstop": unstop,
    "lower_first": lower_first,
    "markdown_text": markdown_text,
}
