"""What a story gained, lost or changed between two moments of knowledge (`transitions diff`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from transitions_core.timeline.readmodel import TimelineReadModel
from transitions_core.timeline.view import TimelineEntry, corrected_entries


@dataclass
class Change:
    """One entry whose facts differ between the two moments."""

    entry: TimelineEntry
    fields: dict[str, tuple[Any, Any]]
    reasons: list[str]


@dataclass
class KnowledgeDiff:
    """The entries gained, lost and changed from one moment of knowledge to another."""

    gained: list[TimelineEntry] = field(default_factory=list)
    lost: list[TimelineEntry] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """The diff as JSON-ready data."""
        return {
            "gained": [_entry_json(e) for e in self.gained],
            "lost": [_entry_json(e) for e in self.lost],
            "changed": [
                {
                    **_entry_json(c.entry),
                    "fields": {name: {"before": b, "after": a} for name, (b, a) in c.fields.items()},
                    "reasons": c.reasons,
                }
                for c in self.changed
            ],
        }


def story(readmodel: TimelineReadModel, cohort: str, territory: str | None) -> dict[str, TimelineEntry]:
    """The corrected entries of a territory (its own) or of a cohort (its own and its territories'), by key."""
    if territory is not None:
        entries = corrected_entries(readmodel.rows(cohort, territory, cohort_level=False))
    else:
        entries = corrected_entries(readmodel.cohort_level_rows(cohort))
        for row in readmodel.aggregates(kind="territory", cohort=cohort):
            entries += corrected_entries(readmodel.rows(cohort, row.territory, cohort_level=False))
    return {e.entry: e for e in entries}


def knowledge_diff(
    readmodel: TimelineReadModel, cohort: str, territory: str | None, before: datetime, after: datetime | None
) -> KnowledgeDiff:
    """How the story of `territory` (or of the whole cohort) differs between `before` and `after` (None: now)."""
    old = story(readmodel.known_at(before), cohort, territory)
    new = story(readmodel.known_at(after), cohort, territory)
    diff = KnowledgeDiff()
    diff.gained = [e for key, e in new.items() if key not in old]
    diff.lost = [e for key, e in old.items() if key not in new]
    for key, entry in new.items():
        if key not in old:
            continue
        fields = _differences(old[key], entry)
        if fields:
            known = {c.entry for c in old[key].corrections}
            reasons = [c.reason for c in entry.corrections if c.entry not in known]
            diff.changed.append(Change(entry, fields, reasons))
    return diff


def _differences(old: TimelineEntry, new: TimelineEntry) -> dict[str, tuple[Any, Any]]:
    before = {**old.facts, "date": str(old.occurred), "source": old.source, "note": old.note}
    after = {**new.facts, "date": str(new.occurred), "source": new.source, "note": new.note}
    return {
        name: (before.get(name), after.get(name))
        for name in dict.fromkeys([*before, *after])
        if before.get(name) != after.get(name)
    }


def _entry_json(entry: TimelineEntry) -> dict[str, Any]:
    return {
        "entry": entry.entry,
        "type": entry.type,
        "territory": entry.territory,
        "occurred": str(entry.occurred),
    }


def diff_text(diff: KnowledgeDiff, subject: str, before: str, after: str) -> str:
    """The diff in French: a sentence, then one line per entry gained, lost or changed.

    `subject` follows « l'histoire » with its preposition: `des Aubiers`, `de la cohorte …`.
    """
    from transitions_core.recording.guide import type_title
    from transitions_core.text.french import count, date_short

    def line(mark: str, entry: TimelineEntry) -> str:
        return f"  {mark} {date_short(entry.occurred)} — {type_title(entry.type)} ({entry.entry})"

    if not (diff.gained or diff.lost or diff.changed):
        return f"Entre {before} et {after}, l'histoire {subject} n'a pas changé.\n"
    lines = [f"Entre {before} et {after}, l'histoire {subject} a :"]
    if diff.gained:
        lines.append(f"gagné {count(len(diff.gained), 'entrée')} :")
        lines += [line("+", e) for e in sorted(diff.gained, key=TimelineEntry.sort_key)]
    if diff.lost:
        lines.append(
            f"perdu {count(len(diff.lost), 'entrée')} (retirée{'s' if len(diff.lost) > 1 else ''}) :"
        )
        lines += [line("-", e) for e in sorted(diff.lost, key=TimelineEntry.sort_key)]
    if diff.changed:
        lines.append(f"changé {count(len(diff.changed), 'entrée')} :")
        for change in diff.changed:
            fields = ", ".join(f"{name} {_shown(b)} → {_shown(a)}" for name, (b, a) in change.fields.items())
            why = f" ({'; '.join(change.reasons)})" if change.reasons else ""
            lines.append(f"{line('~', change.entry)} : {fields}{why}")
    return "\n".join(lines) + "\n"


def _shown(value: Any) -> str:
    if value is None:
        return "(rien)"
    return f"« {value} »" if isinstance(value, str) else str(value)
