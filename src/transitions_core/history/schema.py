"""The header of a history file: the cohort, its organisations and its territories, validated with pydantic."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from transitions_core.domain.dates import PartialDate

Slug = str
Article = Literal["", "le", "la", "les", "l'"]
Gender = Literal["m", "f"]
Number = Literal["singular", "plural"]

#: Keys of an entry that are not facts of the event itself.
ENTRY_KEYS = ("date", "type", "territory", "id", "source", "note")


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CohortSpec(_Spec):
    """The `cohort:` block: the cohort this history belongs to."""

    id: Slug = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str
    region: str
    opened: PartialDate = PartialDate("XXXX")
    period: str | None = None
    pilot_days_budget: float | None = None
    aims: list[str] = Field(default_factory=list)
    source: str | None = None
    note: str | None = None


class TerritorySpec(_Spec):
    """One item of the `territories:` list: a territory and its profile."""

    id: Slug = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str
    article: Article = ""
    gender: Gender | None = None
    kind: str
    department: str | None = None
    #: For a department the place data does not know (or to override it): `le`, `la`, `les`, `l'` or "".
    department_article: Article | None = None
    region: str | None = None
    population: int | None = None
    area_km2: float | None = None
    communes: int | None = None
    description: str | None = None
    registered: PartialDate = PartialDate("XXXX")
    source: str | None = None
    note: str | None = None


class OrganisationSpec(_Spec):
    """One item of the `organisations:` list: how an organisation's name is used in a sentence."""

    name: str = Field(min_length=1)
    article: Article | None = None
    gender: Gender | None = None
    number: Number | None = None
    source: str | None = None
    note: str | None = None


#: The block of the file each declared entry comes from, with the key its date is written under.
DECLARED: dict[str, tuple[type[_Spec], str | None]] = {
    "cohort_opened": (CohortSpec, "opened"),
    "territory_registered": (TerritorySpec, "registered"),
    "organisation_registered": (OrganisationSpec, None),
}


def as_declared(event: BaseModel, type_name: str) -> BaseModel | None:
    """A declared entry (the cohort, a territory, an organisation) validated as its block in the file would be.

    A correction of such an entry must respect what the block allows, which the event's own types may
    not say (a territory's `article` is one of five words). None for an entry no block declares;
    a ValidationError if the block would be refused.
    """
    if type_name not in DECLARED:
        return None
    spec, dated = DECLARED[type_name]
    facts = {name: getattr(event, name) for name in spec.model_fields if name in type(event).model_fields}
    if "id" in spec.model_fields:
        facts["id"] = getattr(event, "slug", None)
    if dated:
        facts[dated] = getattr(event, "occurred", None)
    return spec.model_validate(facts)
