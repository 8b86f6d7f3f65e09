"""An import session: the aggregates as the import changes them, and the events it will append."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

from pydantic import ValidationError

from transitions_core.domain.aggregate import RECORDS, AggregateState, is_new_entry
from transitions_core.domain.cohort import Cohort, check_cohort_event, check_cohort_history
from transitions_core.domain.corrections import corrected, effective, find_entry, normalised_changes
from transitions_core.domain.errors import DomainError, InvalidCorrection
from transitions_core.domain.events import DomainEvent
from transitions_core.domain.events.records import EntryCorrected, EntryRetracted
from transitions_core.domain.identity import cohort_id, territory_id
from transitions_core.domain.territory import Territory, check_territory_event, check_territory_history
from transitions_core.history.errors import CorrectedEntryInvalid, HistoryFileError
from transitions_core.history.file_reader import HistoryFile
from transitions_core.history.report import ImportedEntry, ImportReport
from transitions_core.history.schema import DECLARED, as_declared
from transitions_core.history.yaml_lines import load_yaml
from transitions_core.store.application import TransitionsApplication
from transitions_core.store.snapshots import project


class ImportSession:
    """The aggregates as the import changes them, before anything is written."""

    def __init__(
        self,
        app: TransitionsApplication,
        territories: Callable[[str], Iterable[str]] | None = None,
        author: str | None = None,
    ) -> None:
        self.app = app
        self._territories = territories
        self.recorded_at = datetime.now(UTC)
        #: Who the events are recorded by (the audit trail); None when unknown.
        self.author = author
        #: The cohort each file read belongs to.
        self.cohorts: dict[Path, str] = {}
        self.states: dict[UUID, AggregateState | None] = {}
        #: Aggregates whose history holds corrections: their state as the corrected history tells it, which
        #: the rules judge new entries against (`states` is the plain fold of the log, for versions).
        self.rules: dict[UUID, AggregateState | None] = {}
        self._plain: set[UUID] = set()  # aggregates whose stored history holds no correction
        self.events: list[DomainEvent] = []
        self.report = ImportReport()

    def state(self, aggregate_id: UUID) -> AggregateState | None:
        """The aggregate as this import has changed it so far (None if it has no events)."""
        if aggregate_id not in self.states:
            # Only "no such aggregate" means None: an unreadable store must not look empty.
            self.states[aggregate_id] = self.app.aggregate(aggregate_id)
        return self.states[aggregate_id]

    def known_territories(self, cohort: str) -> Iterable[str]:
        """The ids of the territories the store holds for a cohort (none when the import was not told how to list them)."""
        return self._territories(cohort) if self._territories else ()

    def read_file(self, path: Path) -> None:
        """Read one file into events, each checked against its aggregate; errors name the file."""
        raw = load_yaml(path)
        file = HistoryFile(self, path, raw)
        try:
            file.run()
        except HistoryFileError as error:
            raise error if error.path else error.located(path) from None
        self.cohorts[path] = file.cohort

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
                "recorded_by": self.author,
                "entry": entry.key,
            }
        )
        cohort_state: Cohort | None = None
        if territory:
            found = self.rules_state(cohort_id(cohort))
            if not isinstance(found, Cohort):
                raise DomainError(f"La cohorte {cohort} n'existe pas : déclarez-la dans le bloc « cohort: ».")
            cohort_state = found
        if isinstance(event, EntryCorrected | EntryRetracted):
            event = self._check_record(aggregate_id, state, event, cohort_state)
        else:
            rules = self.rules_state(aggregate_id)
            _check(rules, event, cohort_state)
            if aggregate_id in self.rules:
                self.rules[aggregate_id] = project(rules, [event])
        self.states[aggregate_id] = project(state, [event])
        self.events.append(event)
        self.report.appended.append(entry)

    def rules_state(self, aggregate_id: UUID) -> AggregateState | None:
        """The aggregate as its corrected history tells it: what the rules judge a new entry against."""
        if aggregate_id in self.rules:
            return self.rules[aggregate_id]
        state = self.state(aggregate_id)
        if aggregate_id in self._plain:
            return state
        if state is None or not any(record.type in RECORDS for record in state.entries.values()):
            # Looked at once: this import's own corrections go to `rules` as they come.
            self._plain.add(aggregate_id)
            return state
        self.rules[aggregate_id] = project(None, effective(self.history(aggregate_id)))
        return self.rules[aggregate_id]

    def history(self, aggregate_id: UUID) -> list[DomainEvent]:
        """Every event of an aggregate: those stored, then those this import adds."""
        pending = (event for event in self.events if event.originator_id == aggregate_id)
        return [*self.app.stored_events(aggregate_id), *pending]

    def _check_record(
        self,
        aggregate_id: UUID,
        state: AggregateState | None,
        event: EntryCorrected | EntryRetracted,
        cohort: Cohort | None,
    ) -> EntryCorrected | EntryRetracted:
        """Check a correction or retraction as a direct entry would be: the entry it leaves, then the whole history.

        Returns the correction with its new values as the corrected entry holds them.
        """
        history = self.history(aggregate_id)
        if isinstance(event, EntryCorrected):
            # First the entry as corrected, validated whole: its errors name the line of the value in `set:`.
            target = find_entry(history, event.target)
            if target is not None:
                try:
                    fixed = corrected(target, event)
                except ValidationError as error:
                    raise CorrectedEntryInvalid(error, type(target)) from None
                try:  # a declared entry (a territory, the cohort) is also held to what its block allows
                    as_declared(fixed, target.type_name())
                except ValidationError as error:
                    spec, _ = DECLARED[target.type_name()]
                    raise CorrectedEntryInvalid(error, spec) from None
                event = event.model_copy(update={"changes": normalised_changes(fixed, event)})
        _check(state, event, cohort)  # it aims at an entry this aggregate holds, and may change
        try:
            told = effective([*history, event])
            if cohort is None:
                rules: AggregateState | None = check_cohort_history(told)
            else:
                rules = check_territory_history(told, cohort)
        except DomainError as error:
            retraction = isinstance(event, EntryRetracted)
            how = "sans cette entrée" if retraction else "ainsi corrigé"
            raise InvalidCorrection(
                event.target, f"{how}, l'historique ne tiendrait plus. {error}", retraction=retraction
            ) from None
        self.rules[aggregate_id] = rules
        return event

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


def _check(state: AggregateState | None, event: DomainEvent, cohort: Cohort | None) -> None:
    """The aggregate's rules for one new event: a territory's (with its cohort's), or a cohort's."""
    if cohort is not None:
        assert state is None or isinstance(state, Territory)
        check_territory_event(state, event, cohort)
    else:
        assert state is None or isinstance(state, Cohort)
        check_cohort_event(state, event)
