"""An import session: the aggregates as the import changes them, and the events it will append."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

from transitions_core.domain.aggregate import AggregateState, is_new_entry
from transitions_core.domain.cohort import Cohort, check_cohort_event
from transitions_core.domain.errors import DomainError
from transitions_core.domain.events import DomainEvent
from transitions_core.domain.events.records import EntryCorrected
from transitions_core.domain.identity import cohort_id, territory_id
from transitions_core.domain.territory import Territory, check_territory_event
from transitions_core.history.errors import HistoryFileError
from transitions_core.history.file_reader import HistoryFile
from transitions_core.history.report import ImportedEntry, ImportReport
from transitions_core.history.yaml_lines import load_yaml
from transitions_core.store.application import TransitionsApplication
from transitions_core.store.snapshots import project


class ImportSession:
    """The aggregates as the import changes them, before anything is written."""

    def __init__(self, app: TransitionsApplication) -> None:
        self.app = app
        self.recorded_at = datetime.now(UTC)
        self.states: dict[UUID, AggregateState | None] = {}
        self.events: list[DomainEvent] = []
        self.report = ImportReport()

    def state(self, aggregate_id: UUID) -> AggregateState | None:
        """The aggregate as this import has changed it so far (None if it has no events)."""
        if aggregate_id not in self.states:
            # Only "no such aggregate" means None: an unreadable store must not look empty.
            self.states[aggregate_id] = self.app.aggregate(aggregate_id)
        return self.states[aggregate_id]

    def read_file(self, path: Path) -> None:
        """Read one file into events, each checked against its aggregate; errors name the file."""
        raw = load_yaml(path)
        try:
            HistoryFile(self, path, raw).run()
        except HistoryFileError as error:
            raise error if error.path else error.located(path) from None

    def apply(
        self, entry: ImportedEntry, build: dict[str, Any], event_type: type[DomainEvent], cohort: str
    ) -> None:
        """Build the event for an entry, check it against its aggregate, and keep it."""
        territory = build.pop("_territory", None)
        aggregate_id = territory_id(cohort, territory) if territory else cohort_id(cohort)
        state = self.state(aggregate_id)
        if not is_new_entry(state, entry.key, build["digest"]):
            if build.get("confidential") and state and not state.entries[entry.key].confidential:
                self._mark_confidential(entry, build, territory, cohort)
            else:
                self.report.unchanged.append(entry)
            return
        event = event_type.model_validate(
            {
                **build,
                "originator_id": aggregate_id,
                "originator_version": (state.version if state else 0) + 1,
                "timestamp": self.recorded_at,
                "entry": entry.key,
            }
        )
        if territory:
            cohort_state = self.state(cohort_id(cohort))
            if not isinstance(cohort_state, Cohort):
                raise DomainError(f"La cohorte {cohort} n'existe pas : déclarez-la dans le bloc « cohort: ».")
            assert state is None or isinstance(state, Territory)
            check_territory_event(state, event, cohort_state)
        else:
            assert state is None or isinstance(state, Cohort)
            check_cohort_event(state, event)
        self.states[aggregate_id] = project(state, [event])
        self.events.append(event)
        self.report.appended.append(entry)

    def _mark_confidential(
        self, entry: ImportedEntry, build: dict[str, Any], territory: str | None, cohort: str
    ) -> None:
        """The file marks a stored entry confidential: record that as a correction, never as an edit.

        Unmarking is not automatic: publishing what was confidential takes an explicit correction. The file's
        mark wins over an earlier unmark: it is recorded again, under the next free key, never ignored.
        """
        state = self.state(territory_id(cohort, territory) if territory else cohort_id(cohort))
        key, number = f"{entry.key}~confidential", 1
        while state is not None and key in state.entries:
            number += 1
            key = f"{entry.key}~confidential-{number}"
        correction = ImportedEntry(entry.path, entry.line, key, "entry_corrected")
        build = {
            "target": entry.key,
            "changes": {"confidential": True},
            "reason": "marquée confidentielle dans le fichier d'historique",
            "occurred": build["occurred"],
            "digest": "",
            "_territory": territory,
        }
        self.apply(correction, build, EntryCorrected, cohort)
