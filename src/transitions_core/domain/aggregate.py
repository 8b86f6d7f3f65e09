"""What every aggregate shares: identity, version, the entries it holds, and the record-keeping rules."""

from __future__ import annotations

import functools
import types
import typing
from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from transitions_core.domain.errors import (
    EntryChanged,
    InvalidCorrection,
    NegativeCount,
    StructureNotRetractable,
    UnknownEntry,
)
from transitions_core.domain.events import BOOKKEEPING_FIELDS, EVENT_TYPES, DomainEvent
from transitions_core.domain.events.records import EntryCorrected, EntryRetracted
from transitions_core.domain.field_errors import problem
from transitions_core.domain.values import CountMarker


class EntryRecord(BaseModel):
    """What an aggregate remembers of each entry it holds: enough to spot an edited re-import."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    type: str
    digest: str
    retracted: bool = False
    #: Left out of public narratives, by the entry itself or by a later correction.
    confidential: bool = False


class AggregateState(BaseModel):
    """Immutable state of an aggregate, folded from its events."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: UUID
    version: int
    created_on: datetime
    modified_on: datetime
    entries: dict[str, EntryRecord] = {}

    def advanced(self, event: DomainEvent, **changes: Any) -> typing.Self:
        """The state after `event`, with `changes` applied and the entry remembered."""
        entries = dict(self.entries)
        if isinstance(event, EntryRetracted):
            entries[event.target] = entries[event.target].model_copy(update={"retracted": True})
        if isinstance(event, EntryCorrected) and "confidential" in event.changes:
            marked = bool(event.changes["confidential"])
            entries[event.target] = entries[event.target].model_copy(update={"confidential": marked})
        entries[event.entry] = EntryRecord(
            type=event.type_name(), digest=event.digest, confidential=event.confidential
        )
        return self.model_copy(
            update={
                "version": event.originator_version,
                "modified_on": event.timestamp,
                "entries": entries,
                **changes,
            }
        )


def is_new_entry(state: AggregateState | None, entry: str, digest: str) -> bool:
    """True for an entry the aggregate does not hold; False if it holds it unchanged."""
    if state is None or entry not in state.entries:
        return True
    if state.entries[entry].digest != digest:
        raise EntryChanged(entry)
    return False


def check_counts(event: BaseModel, prefix: str = "") -> None:
    """Refuse a negative value in any count field, nested values included."""
    for name, counted, nested in _count_fields(type(event)):
        if not (counted or nested):
            continue
        value = getattr(event, name)
        path = f"{prefix}{name}"
        if counted and isinstance(value, int | float) and value < 0:
            raise NegativeCount(path, value)
        for index, item in enumerate(value if isinstance(value, list) else [value]):
            if isinstance(item, BaseModel):
                label = f"{path}[{index}]." if isinstance(value, list) else f"{path}."
                check_counts(item, label)


@functools.cache
def _count_fields(model: type[BaseModel]) -> tuple[tuple[str, bool, bool], ...]:
    # Cached per class: reading the annotations dominated the cost of checking an event.
    # (name, is a count, may hold a model whose counts must be checked too)
    return tuple(
        (name, _is_count(info.annotation, info.metadata), _may_nest(info.annotation))
        for name, info in model.model_fields.items()
    )


def _may_nest(annotation: Any) -> bool:
    if annotation is Any or annotation is object:
        return True
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_may_nest(arg) for arg in typing.get_args(annotation) if not isinstance(arg, str | int))


#: Entries everything else hangs on: they are never retracted, and the fields that name them never corrected.
STRUCTURAL = {"cohort_opened": ("slug",), "territory_registered": ("cohort", "slug")}
#: The record-keeping entries themselves: neither corrected nor retracted.
RECORDS = ("entry_corrected", "entry_retracted")


def check_record_keeping(state: AggregateState, event: DomainEvent, where: str) -> None:
    """A correction or retraction must aim at an entry this aggregate holds and may change.

    That the corrected entry is valid as a whole, and that the history stays possible without a
    retracted one, is checked with the events themselves (`domain.corrections`).
    """
    if not isinstance(event, EntryCorrected | EntryRetracted):
        return
    retraction = isinstance(event, EntryRetracted)
    target = state.entries.get(event.target)
    if target is None:
        raise UnknownEntry(event.target, where)
    if target.retracted:
        raise InvalidCorrection(event.target, "cette entrée a déjà été retirée.", retraction=retraction)
    if target.type in RECORDS:
        raise InvalidCorrection(
            event.target,
            "une correction ou un retrait ne se corrige ni ne se retire. Pour rectifier une correction, "
            "ajoutez-en une autre qui vise la même entrée ; pour rétablir une entrée retirée, importez-la "
            "de nouveau sous un autre « id: ».",
            retraction=retraction,
        )
    if retraction and target.type in STRUCTURAL:
        raise StructureNotRetractable(event.target, None if target.type == "cohort_opened" else event.target)
    if isinstance(event, EntryCorrected):
        _check_changes(target.type, event)


def _check_changes(target_type: str, event: EntryCorrected) -> None:
    if not event.changes:
        raise InvalidCorrection(event.target, "la correction ne change rien (« set » est vide).")
    fields = EVENT_TYPES[target_type].model_fields
    for name, value in event.changes.items():
        if name not in fields or name in BOOKKEEPING_FIELDS:
            known = ", ".join("date" if n == "occurred" else n for n in fields if n not in BOOKKEEPING_FIELDS)
            raise InvalidCorrection(event.target, f"« {name} » n'existe pas pour cette entrée ({known}).")
        if name in STRUCTURAL.get(target_type, ()):
            raise InvalidCorrection(
                event.target,
                f"« {name} » est l'identifiant de cette entrée, sur lequel reposent toutes les autres : il ne se "
                "corrige pas. Corrigez plutôt le nom affiché (« name »).",
            )
        info = fields[name]
        try:  # the field's own type and constraints; the whole corrected entry is validated with its event
            annotation: Any = (
                Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
            )
            TypeAdapter(annotation).validate_python(value)
        except ValidationError as error:
            raise InvalidCorrection(event.target, f"« {name} » : {problem(error.errors()[0])}.") from None
        if _is_count(info.annotation, info.metadata) and isinstance(value, int | float) and value < 0:
            raise NegativeCount(name, value)


def _is_count(annotation: Any, metadata: list[Any]) -> bool:
    if any(isinstance(m, CountMarker) for m in metadata):
        return True
    if typing.get_origin(annotation) is typing.Annotated:
        return any(isinstance(m, CountMarker) for m in annotation.__metadata__)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return any(_is_count(arg, []) for arg in typing.get_args(annotation))
    return False
