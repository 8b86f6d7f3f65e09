"""The départements, régions and overseas collectivities of France, and how French says their names.

The names, codes and articles come from INSEE's Code officiel géographique, kept as data in
`places.csv` beside this module (its header says where each column comes from). A name is found
however it is written: any case, with or without accents, hyphens or spaces, ’ or ', with its
article or its kind (`département du Finistère`), or by its code (`29`, `2A`, `974`).

A name the data does not know is never given a preposition it may not take: `of_department` says so
(None), unless the history gives the article or the name carries its own (`Les Monts d'Arrée`), and
`located` then puts the name in parentheses, which needs no preposition at all.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Literal

from transitions_core.text.french import a_, de_, with_article
from transitions_core.text.names import fold as fold_name
from transitions_core.text.names import written_article

Kind = Literal["department", "region", "collectivity"]
Preposition = Literal["en", "dans", "à"]

#: The article of each `TNCC` (type de nom en clair) of the Code officiel géographique.
TNCC_ARTICLES = {"0": "", "1": "", "2": "le", "3": "la", "4": "les", "5": "l'"}
DATA = "places.csv"


@dataclass(frozen=True)
class Place:
    """A département, région or overseas collectivity, with the article its name takes."""

    kind: Kind
    code: str
    name: str
    article: str
    preposition: Preposition
    region: str = ""
    aliases: tuple[str, ...] = ()

    def the(self) -> str:
        """`le Finistère`, `les Côtes-d'Armor`, `Bretagne`."""
        return with_article(self.name, self.article)

    def of(self) -> str:
        """`du Finistère`, `des Côtes-d'Armor`, `de la Réunion`, `d'Ille-et-Vilaine`, `de Bretagne`."""
        return de_(self.name, self.article)

    def in_(self) -> str:
        """`dans le Morbihan`, `en Haute-Garonne`, `en Bretagne`, `à Mayotte`, `à la Réunion`."""
        if self.preposition == "en":
            return f"en {self.name}"
        if self.preposition == "à":
            return a_(self.name, self.article)
        return f"dans {self.the()}"


def department(name: str) -> Place | None:
    """The département a name (or code) designates, or None."""
    return _index("department").get(fold(name))


def region(name: str) -> Place | None:
    """The région a name (or code) designates, or None."""
    return _index("region").get(fold(name))


def find(name: str) -> Place | None:
    """Whatever place a name designates: a département first, then a région, then a collectivity."""
    key = fold(name)
    for kind in ("department", "region", "collectivity"):
        place = _index(kind).get(key)
        if place is not None:
            return place
    return None


def departments() -> tuple[Place, ...]:
    """The 101 départements, in the order of their codes."""
    return tuple(p for p in places() if p.kind == "department")


def regions() -> tuple[Place, ...]:
    """The 18 régions, in the order of their codes."""
    return tuple(p for p in places() if p.kind == "region")


def of_department(name: str, article: str | None = None) -> str | None:
    """`du Finistère`; with an article the history gives, that article; None when the name's article is unknown.

    A name written with its article (`Les Monts d'Arrée`) needs no data: its contraction is certain.
    """
    if article is not None:
        return de_(name, article)
    known = department(name) or find(name)
    if known is not None:
        return known.of()
    if written_article(name):
        return de_(name, "")
    return None


def of_region(name: str, article: str | None = None) -> str | None:
    """`de Bretagne`, `des Hauts-de-France`, `du Grand Est`; None when the name's article is unknown."""
    if article is not None:
        return de_(name, article)
    known = region(name) or find(name)
    if known is not None:
        return known.of()
    return de_(name, "") if written_article(name) else None


def in_place(name: str, article: str | None = None) -> str | None:
    """`dans le Morbihan`, `en Bretagne`, `à Mayotte`; with a given article `le`, `la`, `les` or `l'`, `dans` it."""
    if article:
        return f"dans {with_article(name, article)}"
    known = find(name)
    if known is not None:
        return known.in_()
    return f"dans {with_article(name, '')}" if written_article(name) else None


def located(department: str | None, region: str | None = None, department_article: str | None = None) -> str:
    """Where a territory is, to follow its kind: `du Finistère (Bretagne)`.

    A département whose article is unknown goes in parentheses with the région, `(Pays imaginaire,
    Région imaginaire)`: a name in parentheses needs no preposition, so the phrase is never wrong.
    """
    of = of_department(department, department_article) if department else None
    if of is not None:
        return f"{of} ({region})" if region else of
    names = [n for n in (department, region) if n]
    return f"({', '.join(names)})" if names else ""


def fold(name: str) -> str:
    """A name as places are compared: `names.fold`, without its kind nor its article (`Département du Gard` → `gard`)."""
    return _ARTICLE_PREFIX.sub("", _KIND_PREFIX.sub("", fold_name(name)))


_KIND_PREFIX = re.compile(r"^(?:departement|region|collectivite)\s+(?:(?:de|du|des|d)\s+)?")
_ARTICLE_PREFIX = re.compile(r"^(?:le|la|les|l)\s+")


@cache
def places() -> tuple[Place, ...]:
    """Every place of the data file, in its order."""
    text = files("transitions_core.text").joinpath(DATA).read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if line and not line.startswith("#"))
    return tuple(_place(row) for row in rows)


def _place(row: dict[str, str]) -> Place:
    kind, preposition = _KINDS.get(row["kind"]), _PREPOSITIONS.get(row["in"])
    if kind is None or preposition is None or row["tncc"] not in TNCC_ARTICLES:
        raise ValueError(f"{DATA} : ligne illisible : {row}")
    return Place(
        kind=kind,
        code=row["code"],
        name=row["name"],
        article=TNCC_ARTICLES[row["tncc"]],
        preposition=preposition,
        region=row["region"],
        aliases=tuple(a for a in row["aliases"].split("|") if a),
    )


_KINDS: dict[str, Kind] = {"department": "department", "region": "region", "collectivity": "collectivity"}
_PREPOSITIONS: dict[str, Preposition] = {"en": "en", "dans": "dans", "à": "à"}


@cache
def _index(kind: Kind) -> dict[str, Place]:
    index: dict[str, Place] = {}
    for place in places():
        if place.kind == kind:
            for key in (place.code, place.name, *place.aliases):
                index[fold(key)] = place
    return index
