"""Read-only views of a history: a territory's profile and its dated, corrected timeline entries."""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from transitions_core.domain.dates import PartialDate
from transitions_core.domain.event_names import SHARED_WITH_TERRITORIES
from transitions_core.text.names import fold, written_article
from transitions_core.timeline.readmodel import Row, TimelineReadModel
from transitions_core.timeline.trusted import trusted

if TYPE_CHECKING:
    from transitions_core.domain.events.base import DomainEvent

E = TypeVar("E", bound="DomainEvent")

CORRECTION = "entry_corrected"
RETRACTION = "entry_retracted"


class View(BaseModel):
    """Base of the read-only views handed to the CLI and the narratives."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Correction(View):
    """A correction applied to an entry."""

    entry: str
    reason: str
    changes: dict[str, Any]
    #: A confidential correction makes its entry confidential: public outputs show neither. Dumps leave it out.
    confidential: bool = Field(default=False, exclude=True)


class TimelineEntry(View):
    """One dated fact of a timeline, with corrections already applied."""

    position: int
    entry: str
    type: str
    scope: str
    territory: str | None = None
    occurred: PartialDate
    recorded: str
    facts: dict[str, Any]
    source: str | None = None
    note: str | None = None
    corrections: tuple[Correction, ...] = ()
    #: Left out of public narratives (`--audience public`). Not a fact: dumps leave it out.
    confidential: bool = Field(default=False, exclude=True)

    def sort_key(self) -> tuple[Any, ...]:
        """Occurrence order for partial dates: by the middle of the possible interval, narrower first.

        Ordering on the earliest possible day would put an effect dated "2024/2025" before a
        launch day of 7 May 2024; the middle of the interval is the best single estimate of when
        it happened. Equal dates keep their recording order. Unknown dates come last.
        """
        return (*occurrence_key(self.occurred), self.position)

    @property
    def event(self) -> DomainEvent:
        """The facts as the event's own model, typed and frozen: `facts` holds the same fields as a dict.

        Built from the (corrected, audience-filtered) facts on each access, never from the store.
        """
        from transitions_core.domain.events import EVENT_TYPES

        return EVENT_TYPES[self.type].from_facts(self.facts, self.occurred, self.entry, self.source)

    def facts_as(self, kind: builtins.type[E]) -> E:  # `type` is a field here
        """The facts as `kind`, the entry's own event class: `entry.facts_as(WebinarHeld).number`."""
        if kind.type_name() != self.type:
            raise TypeError(f"L'entrée {self.entry} est un fait « {self.type} », pas « {kind.type_name()} ».")
        event = self.event
        assert isinstance(event, kind)
        return event


def occurrence_key(occurred: PartialDate) -> tuple[bool, int, int]:
    """(unknown, middle day, span) of a partial date, for sorting."""
    earliest, latest = occurred.earliest, occurred.latest
    if earliest is None or latest is None:
        return (True, 0, 0)
    first, last = earliest.toordinal(), latest.toordinal()
    return (False, (first + last) // 2, last - first)


class Profile(View):
    """Who a territory is: its name, the article its name takes, and its figures."""

    cohort: str
    id: str
    name: str
    article: str = ""
    gender: str | None = None
    kind: str
    department: str | None = None
    #: The department's article when the history gives it; else the place data knows it (`text.places`).
    department_article: str | None = None
    region: str | None = None
    population: int | None = None
    area_km2: float | None = None
    communes: int | None = None
    description: str | None = None


class SourceView(View):
    """A document the cohort declares its history is drawn from (`source_declared`)."""

    title: str
    kind: str = "other"
    author: str | None = None
    url: str | None = None
    #: How entries' `source:` cite it: the text before the first comma (the title when not given).
    cited_as: str | None = None
    occurred: str | None = None


class OrganisationProfile(View):
    """How an organisation's name is used in a sentence: `aux Ateliers du Trégor`, `ils rejoignent`."""

    name: str
    article: str = ""
    gender: str | None = None
    number: str = "singular"

    @property
    def plural(self) -> bool:
        """Whether the name takes a plural verb (`Les Ateliers du Trégor rejoignent…`)."""
        return self.number == "plural"


def organisation_profile(name: str, declared: dict[str, Any] | None = None) -> OrganisationProfile:
    """What the history declares of a name, and else what the name says of itself.

    A leading `Les` makes it plural with `les`, `Le`/`La`/`L'` singular with that article; a name
    without one takes no article and is singular (`Eco-Morphose rejoint…`).
    """
    declared = declared or {}
    written = written_article(name)
    article = declared.get("article")
    gender = declared.get("gender") or {"le": "m", "la": "f"}.get(written or "")
    number = declared.get("number") or ("plural" if (written or article) == "les" else "singular")
    # As for a territory (`Le Vigan`, `le`), the article is said even when the name writes it.
    return trusted(
        OrganisationProfile, name=name, article=article or written or "", gender=gender, number=number
    )


class CohortProfile(View):
    """Who a cohort is, the documents its history is drawn from, and how the organisations it names are used in a sentence."""

    id: str
    name: str
    region: str
    period: str | None = None
    pilot_days_budget: float | None = None
    aims: tuple[str, ...] = ()
    sources: tuple[SourceView, ...] = ()
    organisations: tuple[OrganisationProfile, ...] = ()

    def organisation(self, name: str) -> OrganisationProfile:
        """The grammar of an organisation's name, as written here: declared (any case, accents, article), else guessed."""
        key = _organisation_key(name)
        for declared in self.organisations:
            if _organisation_key(declared.name) == key:
                article = declared.article or written_article(declared.name) or ""
                update = {"name": name, "article": article}
                return declared.model_copy(update=update) if name != declared.name else declared
        return organisation_profile(name)

    def declares(self, name: str) -> bool:
        """Whether the history declares this name as an organisation's (in its `organisations:` block)."""
        key = _organisation_key(name)
        return any(_organisation_key(declared.name) == key for declared in self.organisations)


def _organisation_key(name: str) -> str:
    # `Les Ateliers du Trégor` and `ateliers du tregor` are the same organisation.
    folded = fold(name)
    return folded.split(" ", 1)[1] if written_article(name) and " " in folded else folded


def corrected_entries(rows: Iterable[Row]) -> list[TimelineEntry]:
    """Entries with their corrections folded in and retracted ones left out, in recording order."""
    rows = list(rows)
    corrections: dict[str, list[Correction]] = {}
    retracted: set[str] = set()
    for row in rows:
        if row.type == CORRECTION:
            target = row.facts["target"]
            corrections.setdefault(target, []).append(
                trusted(
                    Correction,
                    entry=row.entry,
                    reason=row.facts["reason"],
                    changes=dict(row.facts["changes"]),
                    confidential=bool(row.facts.get("confidential", False)),
                )
            )
        elif row.type == RETRACTION:
            retracted.add(row.facts["target"])
    entries = []
    for row in rows:
        if row.type in (CORRECTION, RETRACTION) or row.entry in retracted:
            continue
        facts = dict(row.facts)
        for correction in corrections.get(row.entry, []):
            facts.update(correction.changes)
        occurred = _partial_date(str(facts.pop("occurred")))
        source, note = facts.pop("source", None), facts.pop("note", None)
        confidential = bool(facts.pop("confidential", False))
        confidential = confidential or any(c.confidential for c in corrections.get(row.entry, ()))
        fields = {
            # In the order of TimelineEntry's fields, as validation keeps them.
            "position": row.position,
            "entry": row.entry,
            "type": row.type,
            "scope": "territory" if row.territory else "cohort",
            "territory": row.territory,
            "occurred": occurred,
            "recorded": row.recorded,
            "facts": facts,
            "source": source,
            "note": note,
            "corrections": tuple(corrections.get(row.entry, ())),
            "confidential": confidential,
        }
        # Validating costs about 6 µs an entry, and a replay builds over a hundred. When validation would
        # keep every value as it is (the read model's rows: the types of their columns, the facts of a
        # validated event), the entry is filled as pydantic fills it (`model_construct` is slower still).
        # Occurred, the corrections, scope and confidential are built above with their fields' types.
        as_validated = (
            type(row.position) is int
            and type(row.entry) is str
            and type(row.type) is str
            and type(row.recorded) is str
            and (row.territory is None or type(row.territory) is str)
            and (source is None or type(source) is str)
            and (note is None or type(note) is str)
            and _STR.issuperset(map(type, facts))
        )
        entries.append(_filled(fields) if as_validated else TimelineEntry(**fields))
    return entries


_STR = frozenset({str})
_set = object.__setattr__


def _filled(fields: dict[str, Any]) -> TimelineEntry:
    """The TimelineEntry `TimelineEntry(**fields)` gives, for fields it would keep as they are (tested)."""
    entry = TimelineEntry.__new__(TimelineEntry)
    _set(entry, "__dict__", fields)
    _set(entry, "__pydantic_fields_set__", set(fields))
    _set(entry, "__pydantic_extra__", None)
    _set(entry, "__pydantic_private__", None)
    return entry


def concerns(entry: TimelineEntry, territory: str) -> bool:
    """Whether a cohort-level entry belongs in this territory's timeline."""
    if entry.scope == "territory":
        return True
    if entry.type not in SHARED_WITH_TERRITORIES:
        return False
    about = entry.facts.get("about")
    if about:
        return territory in about
    taking_part = entry.facts.get("territories")
    return taking_part is None or territory in taking_part


def territory_timeline(
    readmodel: TimelineReadModel,
    cohort: str,
    territory: str,
    as_of: date | None = None,
    shared: CohortEntries | None = None,
) -> tuple[Profile, list[TimelineEntry]]:
    """A territory's profile and timeline as of a date: only what had certainly happened by then.

    `shared` is the cohort's own entries (`cohort_entries`), when the caller has already read them.
    """
    if shared is not None:
        return timeline_of(territory, territory_entries(readmodel, cohort, territory), shared, as_of)
    entries = corrected_entries(readmodel.rows(cohort, territory))
    own = [e for e in entries if e.scope == "territory"]
    shared_with = [e for e in entries if e.scope == "cohort" and concerns(e, territory)]
    return _timeline(territory, own, shared_with, entries, as_of)


def territory_entries(readmodel: TimelineReadModel, cohort: str, territory: str) -> list[TimelineEntry]:
    """A territory's own entries (none of its cohort's), corrected, in recording order."""
    return corrected_entries(readmodel.rows(cohort, territory, cohort_level=False))


def timeline_of(
    territory: str, own: list[TimelineEntry], shared: CohortEntries, as_of: date | None = None
) -> tuple[Profile, list[TimelineEntry]]:
    """`territory_timeline` from entries already read: the territory's own and its cohort's.

    A correction aims at an entry of its own aggregate, so the two halves are corrected apart.
    """
    return _timeline(territory, own, shared.concerning(territory), [*own, *shared.entries], as_of)


def _timeline(
    territory: str,
    own: list[TimelineEntry],
    shared_with: list[TimelineEntry],
    entries: list[TimelineEntry],
    as_of: date | None,
) -> tuple[Profile, list[TimelineEntry]]:
    registration = next(e for e in own if e.type == "territory_registered")
    facts = {k: v for k, v in registration.facts.items() if k in Profile.model_fields and k != "id"}
    if "area_km2" in facts:
        facts["area_km2"] = _real(facts["area_km2"])
    profile = trusted(Profile, id=territory, **facts)
    joined = any(e.type == "territory_joined" for e in entries)
    timeline = [
        e
        for e in (own + shared_with if joined else own)
        if e.type != "territory_registered" and (as_of is None or e.occurred.certainly_by(as_of))
    ]
    return profile, sorted(timeline, key=TimelineEntry.sort_key)


class CohortEntries:
    """A cohort's own entries, read and corrected once, for the timelines of all its territories."""

    def __init__(self, entries: Iterable[TimelineEntry]) -> None:
        self.entries = tuple(entries)
        # Which territories each entry concerns, as sets: a session names up to every territory.
        self._audiences = [(e, _audience(e)) for e in self.entries]

    def concerning(self, territory: str) -> list[TimelineEntry]:
        """The entries that belong in this territory's timeline (`concerns`), in recording order."""
        return [e for e, who in self._audiences if who is EVERYONE or (who is not None and territory in who)]


#: An entry shared with every territory of its cohort.
EVERYONE: Any = object()


def _audience(entry: TimelineEntry) -> Any:
    """What `concerns` reads, once: None for nobody, EVERYONE, or what holds the territories concerned."""
    if entry.scope == "territory" or entry.type not in SHARED_WITH_TERRITORIES:
        return None
    about = entry.facts.get("about")
    if about:
        return frozenset(about) if isinstance(about, list) else about
    taking_part = entry.facts.get("territories")
    if taking_part is None:
        return EVERYONE
    return frozenset(taking_part) if isinstance(taking_part, list) else taking_part


def cohort_entries(readmodel: TimelineReadModel, cohort: str) -> CohortEntries:
    """The cohort's own entries, not its territories', corrected, in recording order."""
    return CohortEntries(corrected_entries(readmodel.cohort_level_rows(cohort)))


def cohort_profile(readmodel: TimelineReadModel, cohort: str) -> CohortProfile:
    """The cohort's own description, corrections applied."""
    # Only the opening and what may correct it: a cohort's other rows can be many, and long.
    return profile_of_cohort(cohort, corrected_entries(readmodel.cohort_level_rows(cohort, PROFILE_TYPES)))


def profile_of_cohort(cohort: str, entries: Iterable[TimelineEntry]) -> CohortProfile:
    """The cohort's description from its own corrected entries."""
    entries = list(entries)
    opened = next(e for e in entries if e.type == "cohort_opened")
    facts = {k: v for k, v in opened.facts.items() if k in CohortProfile.model_fields}
    if "aims" in facts:
        facts["aims"] = tuple(facts["aims"])
    if "pilot_days_budget" in facts:
        facts["pilot_days_budget"] = _real(facts["pilot_days_budget"])
    sources = tuple(
        trusted(
            SourceView,
            occurred=str(e.occurred),
            **{k: v for k, v in e.facts.items() if k in SourceView.model_fields},
        )
        for e in entries
        if e.type == "source_declared"
    )
    organisations = tuple(
        organisation_profile(e.facts["name"], e.facts) for e in entries if e.type == ORGANISATION
    )
    return trusted(CohortProfile, id=cohort, **facts, sources=sources, organisations=organisations)


ORGANISATION = "organisation_registered"
#: The rows a cohort's profile is made of.
PROFILE_TYPES = ("cohort_opened", "source_declared", ORGANISATION, CORRECTION, RETRACTION)


def _real(value: Any) -> Any:
    """A number as a `float` field keeps it: an int becomes a float (None and floats as they are)."""
    return float(value) if type(value) is int else value


@lru_cache(maxsize=4096)
def _partial_date(text: str) -> PartialDate:
    # A store's entries share few dates, and a PartialDate is immutable: parse each text once.
    return PartialDate(text)
