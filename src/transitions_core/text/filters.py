"""The French text helpers as jinja2 filters: templates call them and hold no grammar of their own."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, Protocol

from transitions_core.domain.dates import PartialDate
from transitions_core.text import english, french
from transitions_core.text.names import written_article


class Named(Protocol):
    """Anything with a name and the article it takes (a territory profile, an organisation's)."""

    @property
    def name(self) -> str:
        """The name as written."""
        ...

    @property
    def article(self) -> str:
        """The article it takes without writing it: "", `le`, `la`, `les` or `l'`."""
        ...


class Names(Protocol):
    """What knows how the organisations of a history are named: a cohort's profile (`view.cohort`)."""

    def organisation(self, name: str) -> Named:
        """How an organisation's name is used in a sentence."""
        ...


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


def people(persons: Iterable[Any], names: Names | None = None) -> str:
    """`Frédérique Assal et Olivier Pezilla (Pôles en pomme)`: people grouped by organisation.

    With `names` (`view.cohort`), an organisation standing for a person takes its article: `l'AREC Occitanie`.
    """
    return _grouped(persons, french.with_article, names)


def people_to(persons: Iterable[Any], names: Names | None = None) -> str:
    """`à Elsa Bonal (Déjà-là)`, `aux Ateliers du Trégor`: people after `à`, contracted with each article."""
    return _grouped(persons, french.a_, names, first=True)


def people_of(persons: Iterable[Any], names: Names | None = None) -> str:
    """`d'Elsa Bonal (Déjà-là)`, `des Ateliers du Trégor`: people after `de`, contracted with each article."""
    return _grouped(persons, french.de_, names, first=True)


def _grouped(
    persons: Iterable[Any], say: Callable[[str, str], str], names: Names | None, first: bool = False
) -> str:
    # With `first`, the preposition goes before the first name and before each name with an article
    # (`à Elsa Bonal et aux Ateliers du Trégor`); a person's name keeps the one before it.
    groups: dict[str, list[str]] = {}
    for person in persons:
        if isinstance(person, dict):
            name, organisation, role = (
                person["name"],
                person.get("organisation") or "",
                person.get("role") or "",
            )
        else:
            name = person.name
            organisation = getattr(person, "organisation", None) or ""
            role = getattr(person, "role", None) or ""
        if role and organisation and organisation.lower() in role.lower():
            organisation = ""  # « agent du PETR Sud-Lozère » already says where
        where = organisation or role
        named, article = _name_article(names.organisation(name) if names is not None else name, None)
        articled = bool(article) or _ARTICLED.match(name) is not None
        said = say(named, article) if not first or not groups or articled else name
        if role and organisation and role.lower() != organisation.lower():
            said = f"{said}, {role}"  # the role too: a fact of the history, not to be dropped
        groups.setdefault(where, []).append(said)
    return french.join_list(
        [
            f"{_appositions(names)} ({where})" if where else _appositions(names)
            for where, names in groups.items()
        ]
    )


def _appositions(names: list[str]) -> str:
    """`A et B`; with roles, `A, alliée, et B, allié` (the apposition closed), or `A, r ; B, r et C, r`."""
    if len(names) < 2 or not any("," in name for name in names):
        return french.join_list(names)
    if len(names) == 2:
        return f"{names[0]}, et {names[1]}" if "," in names[0] else f"{names[0]} et {names[1]}"
    return f"{' ; '.join(names[:-1])} et {names[-1]}"


_ARTICLED = re.compile(r"(?i)(?:le|la|les|un|une)\s|l['’]")


def verb(subject: Named | str, singular: str, plural_form: str) -> str:
    """`{{ partner|verb("rejoint", "rejoignent") }}`: the verb agreeing with a name (`Les Ateliers du Trégor` is plural)."""
    return plural_form if _plural(subject) else singular


def agree(subject: Named | str, participle: str) -> str:
    """`{{ partner|agree("engagé") }}` → `engagé`, `engagée`, `engagés`: agreeing with the name's gender and number."""
    return french.agree(participle, getattr(subject, "gender", None), _plural(subject))


def _plural(subject: Named | str) -> bool:
    plural_flag = getattr(subject, "plural", None)
    if isinstance(plural_flag, bool):
        return plural_flag
    name, article = _name_article(subject, None)
    return article == "les" or written_article(name) == "les"


#: Where a link from the history may lead: the web and e-mail, nowhere a viewer would run something.
SAFE_LINK = r"(?:https?://|mailto:)"
#: `[text](destination` and `[text]: destination` (a reference definition, at the start of a line).
_INLINE_LINK = re.compile(rf"\]\((?![ \t]*{SAFE_LINK})", re.IGNORECASE)
_REFERENCE = re.compile(rf"^([ \t]{{0,3}})\[([^\]\n]*)\]:(?![ \t]*{SAFE_LINK})", re.IGNORECASE | re.MULTILINE)


def markdown_text(value: Any) -> str:
    """Text for Markdown: `<` becomes `&lt;`, so that a viewer shows a tag from the history instead of running it.

    A link to anything but http(s) or mailto (`[x](javascript:…)`) loses its link syntax: `](` becomes `]\\(`,
    which Markdown prints as `](`. Idempotent (`&` and `\\` are left alone), so text can go through it twice.
    """
    text = str(value).replace("<", "&lt;")
    text = _INLINE_LINK.sub(r"]\\(", text)
    return _REFERENCE.sub(r"\1\\[\2]:", text)


def en_date_words(value: PartialDate | str) -> str:
    """`on 7 May 2024`, `in autumn 2025`: a partial date (or its EDTF text) in English words."""
    return english.date_words(value if isinstance(value, PartialDate) else PartialDate(str(value)))


def en_date_short(value: PartialDate | str) -> str:
    """`7 May 2024`, `Sep 2024`: a partial date (or its EDTF text), compact, in English."""
    return english.date_short(value if isinstance(value, PartialDate) else PartialDate(str(value)))


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
    "en_date_words": en_date_words,
    "en_date_short": en_date_short,
    "en_join_list": english.join_list,
    "fr_words": fr_words,
    "fr_html": fr_html,
    "day": day,
    "people": people,
    "people_to": people_to,
    "people_of": people_of,
    "verb": verb,
    "agree": agree,
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
