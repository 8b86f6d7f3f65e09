"""What an entry will look like before it is written: as a history file writes it, and in the timeline."""

from __future__ import annotations

import difflib
import heapq
from collections.abc import Iterator, Sequence
from typing import Any

from transitions_core.domain.events import DomainEvent
from transitions_core.history.writer import entry_yaml
from transitions_core.recording.planning import Plan
from transitions_core.timeline.readmodel import Row, TimelineReadModel


class PendingReadModel(TimelineReadModel):
    """A read model that also holds rows not yet stored: the timeline as it will be once they are."""

    pending: list[Row]

    def rows(self, cohort: str, territory: str | None = None, cohort_level: bool = True) -> Iterator[Row]:
        """The stored rows, then the pending ones of the same cohort (and territory)."""
        extra = [
            r
            for r in self.pending
            if r.cohort == cohort
            and (territory is None or r.territory == territory or (cohort_level and r.territory is None))
        ]
        yield from heapq.merge(super().rows(cohort, territory, cohort_level), extra, key=_position)

    def cohort_level_rows(self, cohort: str, types: Sequence[str] = ()) -> Iterator[Row]:
        """The cohort's own stored rows, then its pending ones."""
        extra = [
            r
            for r in self.pending
            if r.cohort == cohort and r.territory is None and (not types or r.type in types)
        ]
        yield from heapq.merge(super().cohort_level_rows(cohort, types), extra, key=_position)


def with_pending(
    readmodel: TimelineReadModel, cohort: str, territory: str | None, events: Sequence[DomainEvent]
) -> PendingReadModel:
    """`readmodel` as it will read once `events` (of one cohort or territory) are stored."""
    pending = PendingReadModel.__new__(PendingReadModel)
    pending.__dict__.update(readmodel.__dict__)
    last = readmodel.app.last_position()
    pending.pending = [
        Row(
            last + index + 1,
            cohort,
            territory,
            event.entry,
            event.type_name(),
            str(event.occurred),
            event.timestamp.isoformat(),
            event.payload(),
        )
        for index, event in enumerate(events)
    ]
    return pending


def timeline_change(
    readmodel: TimelineReadModel, cohort: str, territory: str | None, plan: Plan
) -> list[str]:
    """The lines the timeline will gain (`+ …`) and lose (`- …`) once the plan is written."""
    from transitions_core.narrative.build import cohort_view, territory_view
    from transitions_core.narrative.formats import Subject
    from transitions_core.narrative.render import render
    from transitions_core.plugins import load_host

    host = load_host()
    after = with_pending(readmodel, cohort, territory, plan.events)

    def text(model: TimelineReadModel) -> list[str]:
        if territory:
            view: Any = territory_view(model, cohort, territory)
            return render(host, "timeline", view, Subject.TERRITORY).splitlines()
        return render(host, "timeline", cohort_view(model, cohort), Subject.COHORT).splitlines()

    before_lines = text(readmodel) if _known(readmodel, cohort, territory) else []
    lines = []
    for line in difflib.ndiff(before_lines, text(after)):
        if line[:2] in ("+ ", "- ") and line[2:].startswith("•"):
            lines.append(line)
    return lines


def preview_text(plan: Plan, change: list[str]) -> str:
    """The entry as its file will hold it, then the timeline's new sentence(s)."""
    where = f"ajoutée à {plan.file}" if plan.file else "dans le stockage seul"
    lines = [f"L'entrée ({where}), clé {plan.key} :", "", entry_yaml(plan.entry).rstrip("\n"), ""]
    if change:
        lines.append("Dans la chronologie :")
        lines += [f"  {line}" for line in change]
    else:
        lines.append("La chronologie n'en dira rien (cette entrée ne figure pas dans les chronologies).")
    return "\n".join(lines) + "\n"


def _known(readmodel: TimelineReadModel, cohort: str, territory: str | None) -> bool:
    rows = readmodel.aggregates(kind="territory" if territory else "cohort", cohort=cohort)
    return any(row.territory == territory for row in rows) if territory else bool(rows)


def _position(row: Row) -> int:
    return row.position
