"""The base of every domain event: who it belongs to, when it occurred, when it was recorded."""

from __future__ import annotations

import functools
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, ClassVar
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, model_validator

from transitions_core.domain.dates import PartialDate


class Scope(StrEnum):
    """Which aggregate an event belongs to."""

    COHORT = "cohort"
    TERRITORY = "territory"


class Stage(StrEnum):
    """The stage of the accompaniment an event belongs to: where a report tells it."""

    CONTEXT = "context"
    RECRUITMENT = "recruitment"
    COMMON_CORE = "common_core"
    DIAGNOSTIC = "diagnostic"
    PEERS = "peers"
    PILOT = "pilot"
    EVALUATION = "evaluation"
    STORYTELLING = "storytelling"
    REGION = "region"


class DomainEvent(BaseModel):
    """Something that happened in a cohort's life, recorded once and never changed.

    `occurred` is when it happened (often partial: a month, a season, an interval);
    `timestamp` is when the store recorded it, and `recorded_by` who recorded it (None when
    unknown: events stored before authors were kept). `entry` names the history entry it came
    from, and `digest` fingerprints that entry so that a re-import can tell an unchanged
    entry from an edited one. A `confidential` event is left out of public narratives.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    #: 2: `recorded_by` (version 1 events read back with the author unknown, `upcast_v1_v2`).
    class_version: ClassVar[int] = 2
    scope: ClassVar[Scope] = Scope.TERRITORY
    #: The stage of the accompaniment the event belongs to, declared once here; None for the record's own
    #: bookkeeping (corrections, sources, registrations).
    stage: ClassVar[Stage | None] = None
    #: False for the record's own bookkeeping, never told as a sentence: a profile (a cohort, a territory,
    #: an organisation) or a correction, folded into the entry it corrects. Every other type has a sentence
    #: in every language the narratives write (tests/narratives/test_sentences.py).
    told: ClassVar[bool] = True
    #: Cohort-level events that belong in the timeline of the territories taking part.
    shared_with_territories: ClassVar[bool] = False
    #: Fields that tell two entries of this type on the same date apart (else they are numbered).
    key_fields: ClassVar[tuple[str, ...]] = ()
    #: Fields added after the type's first release: left out of `payload` while at their default, so that
    #: an event stored before them reads (and narrates) exactly as the same entry imported today.
    added_fields: ClassVar[tuple[str, ...]] = ()

    originator_id: UUID
    originator_version: int
    timestamp: datetime
    occurred: PartialDate
    entry: str
    digest: str = ""
    recorded_by: str | None = None
    source: str | None = None
    note: str | None = None
    confidential: bool = False
    #: Translations of the entry's own text fields, by language: `{"en": {"theme": "launch of the cohort"}}`.
    #: Narratives in that language use them; without one, the recorded words stay as written, marked.
    translations: dict[str, dict[str, str]] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _translations_name_text_fields(self) -> DomainEvent:
        for lang, fields in self.translations.items():
            if not (len(lang) == 2 and lang.isalpha() and lang.islower()):
                raise ValueError(f"translations : « {lang} » n'est pas un code de langue (fr, en…)")
            for name in fields:
                value = getattr(self, name, None) if name in type(self).model_fields else None
                if not isinstance(value, str) or name in BOOKKEEPING_FIELDS:
                    raise ValueError(
                        f"translations : « {name} » n'est pas un champ de texte de cette entrée ; "
                        "on traduit un texte de l'entrée, par exemple « theme » ou « description »"
                    )
        return self

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """Events stored before the audit trail: their author is unknown."""
        state["recorded_by"] = None

    @classmethod
    def type_name(cls) -> str:
        """The snake_case name used for this event in history files and JSON output."""
        return _snake(cls.__name__)

    @classmethod
    def from_facts(
        cls, facts: dict[str, Any], occurred: PartialDate, entry: str, source: str | None = None
    ) -> DomainEvent:
        """The event an entry's facts tell, validated and frozen, for a reader of the history (a narrative).

        The store's own bookkeeping is not a fact: `originator_id` is the nil UUID, `originator_version`
        0 and `timestamp` the epoch, whatever the stored event held.
        """
        return cls.model_validate(
            {**facts, "occurred": occurred, "entry": entry, "source": source, **UNSTORED}
        )

    def payload(self) -> dict[str, Any]:
        """The event's own facts, without the bookkeeping fields (`confidential` only when set)."""
        # Left out when false or empty, so that the read model of an ordinary event is what it always was.
        hidden = set(BOOKKEEPING_FIELDS) | (set() if self.confidential else {"confidential"})
        hidden |= set() if self.translations else {"translations"}
        fields = type(self).model_fields
        hidden |= {
            n
            for n in self.added_fields
            if getattr(self, n) == fields[n].get_default(call_default_factory=True)
        }
        return self.model_dump(mode="json", exclude=hidden)


#: The bookkeeping of an event read back from an entry's facts rather than from the store (`from_facts`).
UNSTORED: dict[str, Any] = {
    "originator_id": UUID(int=0),
    "originator_version": 0,
    "timestamp": datetime(1970, 1, 1, tzinfo=UTC),
}
BOOKKEEPING_FIELDS = ("originator_id", "originator_version", "timestamp", "entry", "digest", "recorded_by")


@functools.cache
def _snake(name: str) -> str:
    out = [name[0].lower()]
    for char in name[1:]:
        if char.isupper():
            out.append("_")
        out.append(char.lower())
    return "".join(out)
