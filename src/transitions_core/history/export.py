"""A cohort's history, from the store back to a canonical history file.

Each entry is written so that the importer gives it back its key and its digest: the facts a history
file would hold (defaults left out, whole numbers without `.0`), the first form whose digest is the
stored one. A re-import of the export into the store it came from then appends nothing, and an import
into an empty store replays the same story. With corrections applied (the default), corrected entries
carry their right facts and retracted ones are left out; `keep_corrections` writes them as entries.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML

from transitions_core.domain.events import (
    BOOKKEEPING_FIELDS,
    CohortOpened,
    DomainEvent,
    EntryCorrected,
    EntryRetracted,
    OrganisationRegistered,
    TerritoryRegistered,
)
from transitions_core.domain.identity import cohort_id, territory_id
from transitions_core.history.keys import digest, entry_key, slugify, territory_of_key
from transitions_core.history.writer import to_yaml_node
from transitions_core.store.application import TransitionsApplication
from transitions_core.timeline.readmodel import TimelineReadModel

NOT_FACTS = {*BOOKKEEPING_FIELDS, "occurred", "source", "note", "confidential", "translations"}
RECORD_NAMES = {EntryCorrected: ("correction", "corrects"), EntryRetracted: ("retraction", "retracts")}


@dataclass
class ExportReport:
    """What the export wrote, and the entries whose exact text it could not rebuild."""

    entries: int = 0
    corrections_applied: int = 0
    retracted_left_out: int = 0
    #: Keys of entries written with facts whose digest differs from the stored one (an edit, to the store).
    rebuilt_differently: list[str] = field(default_factory=list)


def export_history(
    app: TransitionsApplication, readmodel: TimelineReadModel, cohort: str, keep_corrections: bool = False
) -> tuple[str, ExportReport]:
    """The cohort's history file, as text, and what went into it."""
    events = _in_recording_order(app, readmodel, cohort)
    report = ExportReport()
    changes, retracted = ({}, set()) if keep_corrections else _corrections(events)
    report.corrections_applied = sum(len(c) for c in changes.values())  # corrections, not fields
    document: dict[str, Any] = {"kind": "history"}
    organisations: list[dict[str, Any]] = []
    territories: list[dict[str, Any]] = []
    entries: list[dict[str, Any]] = []
    ranks: Counter[str] = Counter()
    for event in events:
        fixes = _merged(changes.get(event.entry, []))
        if isinstance(event, CohortOpened):
            document["cohort"] = _cohort_block(event, fixes)
        elif isinstance(event, OrganisationRegistered):
            organisations.append(_block(event, fixes, ("name", "article", "gender", "number")))
        elif isinstance(event, TerritoryRegistered):
            territories.append(_territory_block(event, fixes))
        elif isinstance(event, EntryCorrected | EntryRetracted):
            if keep_corrections:
                entries.append(_record_entry(event, ranks, report))
        elif event.entry in retracted:
            report.retracted_left_out += 1
        else:
            entries.append(_entry(event, fixes, ranks, report))
    if organisations:
        document["organisations"] = organisations
    if territories:
        document["territories"] = territories
    document["entries"] = entries
    report.entries = len(entries)
    return _dump(document), report


def _in_recording_order(
    app: TransitionsApplication, readmodel: TimelineReadModel, cohort: str
) -> list[DomainEvent]:
    ids = [cohort_id(cohort)] + [
        territory_id(cohort, row.territory or "")
        for row in readmodel.aggregates(kind="territory", cohort=cohort)
    ]
    position = {(row.territory, row.entry): row.position for row in readmodel.rows(cohort)}
    events = [event for aggregate in ids for event in app.stored_events(aggregate)]
    return sorted(events, key=lambda e: position.get((territory_of_key(e.entry), e.entry), 0))


def _corrections(events: list[DomainEvent]) -> tuple[dict[str, list[dict[str, Any]]], set[str]]:
    changes: dict[str, list[dict[str, Any]]] = {}
    retracted: set[str] = set()
    for event in events:
        if isinstance(event, EntryCorrected):
            changes.setdefault(event.target, []).append(dict(event.changes))
        elif isinstance(event, EntryRetracted):
            retracted.add(event.target)
    return changes, retracted


def _merged(fixes: list[dict[str, Any]]) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for fix in fixes:
        merged.update(fix)
    return merged


def _cohort_block(event: CohortOpened, fixes: dict[str, Any]) -> dict[str, Any]:
    block: dict[str, Any] = {"id": event.slug, "name": fixes.get("name", event.name)}
    block["region"] = fixes.get("region", event.region)
    occurred = str(fixes.get("occurred", event.occurred))
    if occurred != "XXXX":
        block["opened"] = occurred
    for name in ("period", "pilot_days_budget", "aims", "source", "note"):
        value = fixes.get(name, getattr(event, name, None))
        if value not in (None, []):
            block[name] = _whole(value)
    return block


def _territory_block(event: TerritoryRegistered, fixes: dict[str, Any]) -> dict[str, Any]:
    names = ("name", "article", "gender", "kind", "department", "department_article", "region", "population")
    block = {"id": event.slug, **_block(event, fixes, (*names, "area_km2", "communes", "description"))}
    occurred = str(fixes.get("occurred", event.occurred))
    if occurred != "XXXX":
        block["registered"] = occurred
    return block


def _block(event: DomainEvent, fixes: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    block = {}
    for name in (*names, "source", "note"):
        value = fixes.get(name, getattr(event, name, None))
        if value not in (None, ""):
            block[name] = _whole(value)
    return block


def _entry(
    event: DomainEvent, fixes: dict[str, Any], ranks: Counter[str], report: ExportReport
) -> dict[str, Any]:
    """The entry as its file held it: the first written form whose digest is the stored one."""
    territory = territory_of_key(event.entry)
    best: dict[str, Any] | None = None
    for candidate in _forms(event, fixes, territory):
        if best is None:
            best = candidate
        if not fixes and digest(candidate) == event.digest:
            best = candidate
            break
    else:
        if not fixes:
            report.rebuilt_differently.append(event.entry)
    assert best is not None
    entry = dict(best)
    reader_key = _reader_key(entry, type(event), territory, ranks)
    if reader_key != event.entry and not fixes:
        entry = _with_id(entry, event.entry, territory)
    if event.confidential or fixes.get("confidential"):
        entry["confidential"] = True
    return entry


def _forms(event: DomainEvent, fixes: dict[str, Any], territory: str | None) -> Iterator[dict[str, Any]]:
    """Written forms of the entry, the most likely first: defaults left out or not, numbers whole or not."""
    exclude = set(NOT_FACTS)
    sparse = event.model_dump(mode="json", exclude=exclude, exclude_defaults=True)
    full = event.model_dump(mode="json", exclude=exclude)
    occurred = str(fixes.pop("occurred", event.occurred)) if fixes else str(event.occurred)
    for facts in (sparse, full):
        for whole in (True, False):
            written = {
                **facts,
                **{k: v for k, v in fixes.items() if k not in ("source", "note", "confidential")},
            }
            for date in _dates(occurred):
                entry: dict[str, Any] = {"date": date, "type": event.type_name()}
                if territory:
                    entry["territory"] = territory
                entry.update(
                    {
                        k: (_whole(v) if whole else v)
                        for k, v in written.items()
                        if v is not None or k in fixes
                    }
                )
                for name in ("source", "note"):
                    value = fixes.get(name, getattr(event, name))
                    if value is not None:
                        entry[name] = value
                if event.translations:
                    entry["translations"] = event.translations
                yield entry


def _dates(occurred: str) -> list[Any]:
    return [occurred, int(occurred)] if occurred.isdigit() else [occurred]


def _record_entry(
    event: EntryCorrected | EntryRetracted, ranks: Counter[str], report: ExportReport
) -> dict[str, Any]:
    name, target_key = RECORD_NAMES[type(event)]
    entry: dict[str, Any] = {"date": str(event.occurred), "type": name, target_key: event.target}
    if isinstance(event, EntryCorrected):
        entry["set"] = {("date" if k == "occurred" else k): v for k, v in event.changes.items()}
    entry["reason"] = event.reason
    for extra in ("source", "note"):
        if getattr(event, extra) is not None:
            entry[extra] = getattr(event, extra)
    if event.entry.endswith("~confidential"):  # made by the importer from `confidential: true`, not written
        entry["id"] = slugify(event.entry.rsplit("/", 1)[-1], limit=80)
    elif _reader_key(entry, type(event), territory_of_key(event.target), ranks) != event.entry:
        entry = _with_id(entry, event.entry, territory_of_key(event.target))
    if (
        event.digest
        and digest({k: v for k, v in entry.items() if k not in ("id", "confidential")}) != event.digest
    ):
        report.rebuilt_differently.append(event.entry)
    return entry


def _reader_key(
    entry: dict[str, Any], kind: type[DomainEvent], territory: str | None, ranks: Counter[str]
) -> str:
    """The key the importer gives this entry in this file (history/file_reader.py's rule)."""
    type_name = str(entry["type"])
    base = f"{type_name}@{entry['date']}"
    if any(entry.get(name) is not None for name in kind.key_fields):
        parts = [slugify(str(entry.get(name, ""))) for name in kind.key_fields]
        return entry_key(territory, f"{base}#{'#'.join(parts)}")
    ranks[entry_key(territory, base)] += 1
    return entry_key(territory, f"{base}#{ranks[entry_key(territory, base)]}")


def _with_id(entry: dict[str, Any], key: str, territory: str | None) -> dict[str, Any]:
    own = key.split("/", 1)[1] if territory else key
    head = {k: v for k, v in entry.items() if k in ("date", "type", "territory")}
    return {**head, "id": own, **entry}


def _whole(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list):
        return [_whole(v) for v in value]
    if isinstance(value, dict):
        return {k: _whole(v) for k, v in value.items()}
    return value


def _dump(document: dict[str, Any]) -> str:
    writer = YAML()
    writer.width = 4096
    writer.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    node = to_yaml_node(document)
    writer.dump(node, out)
    return out.getvalue().replace("\nentries:", "\n\nentries:").replace("\nterritories:", "\n\nterritories:")
