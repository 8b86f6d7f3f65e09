"""Import history files: validate everything, check every invariant, then append all or nothing."""

from __future__ import annotations

import difflib
import random
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

from eventsourcing.persistence import RecordConflictError
from pydantic import ValidationError

from transitions_core.domain.aggregate import AggregateState, is_new_entry
from transitions_core.domain.cohort import Cohort, check_cohort_event
from transitions_core.domain.dates import PartialDate
from transitions_core.domain.errors import DomainError
from transitions_core.domain.events import (
    BOOKKEEPING_FIELDS,
    EVENT_TYPES,
    CohortOpened,
    DomainEvent,
    EntryCorrected,
    EntryRetracted,
    Scope,
    TerritoryRegistered,
)
from transitions_core.domain.identity import cohort_id, territory_id
from transitions_core.domain.territory import Territory, check_territory_event
from transitions_core.errors import WriteConflict
from transitions_core.history.errors import HistoryFileError
from transitions_core.history.keys import digest, entry_key, slugify, territory_of_key
from transitions_core.history.schema import ENTRY_KEYS, CohortSpec, TerritorySpec
from transitions_core.history.validation import describe
from transitions_core.history.yaml_lines import LineDict, LineList, load_yaml
from transitions_core.store.application import TransitionsApplication
from transitions_core.store.snapshots import project

#: How corrections are written in a file, and the fields they map to.
RECORD_TYPES: dict[str, tuple[type[DomainEvent], str, str | None]] = {
    "correction": (EntryCorrected, "corrects", "set"),
    "retraction": (EntryRetracted, "retracts", None),
}
COHORT_ENTRY = "cohort"
TERRITORY_ENTRY = "territory"
#: How many times an import is planned again after losing a race with another writer.
WRITE_ATTEMPTS = 12
#: Seconds of the first pause before planning again; it doubles at each attempt.
RETRY_PAUSE = 0.02


@dataclass(frozen=True)
class ImportedEntry:
    """One entry of a file, as the import saw it."""

    path: Path
    line: int
    key: str
    type: str


@dataclass
class ImportReport:
    """What an import appended and what the store already held."""

    appended: list[ImportedEntry] = field(default_factory=list)
    unchanged: list[ImportedEntry] = field(default_factory=list)
    #: How many times the import was planned: more than 1 when it lost races with other writers.
    attempts: int = 1


def import_histories(
    app: TransitionsApplication, paths: Sequence[Path], *, attempts: int = WRITE_ATTEMPTS
) -> ImportReport:
    """Import every file, or nothing at all if any of them has an error.

    If another writer appended to the same aggregates meanwhile, the store refuses the whole save
    (optimistic concurrency on each aggregate's version): plan again from the new state, which
    re-checks every invariant and skips what the other writer already recorded.
    """
    for attempt in range(attempts):
        session = _Session(app)
        for path in paths:
            session.read_file(path)
        try:
            app.append(session.events)
        except RecordConflictError:
            # Random, growing pauses keep two losers from colliding again in step.
            time.sleep(random.uniform(0, min(RETRY_PAUSE * 2**attempt, 1.0)))
            continue
        session.report.attempts = attempt + 1
        return session.report
    raise WriteConflict(
        f"d'autres imports ont modifié les mêmes cohortes pendant celui-ci, {attempts} fois de suite : "
        "rien n'a été écrit ; relancez l'import."
    )


class _Session:
    """The aggregates as the import changes them, before anything is written."""

    def __init__(self, app: TransitionsApplication) -> None:
        self.app = app
        self.recorded_at = datetime.now(UTC)
        self.states: dict[UUID, AggregateState | None] = {}
        self.events: list[DomainEvent] = []
        self.report = ImportReport()

    def state(self, aggregate_id: UUID) -> AggregateState | None:
        if aggregate_id not in self.states:
            try:
                self.states[aggregate_id] = self.app.repository.get(aggregate_id, projector_func=project)
            except Exception:
                self.states[aggregate_id] = None
        return self.states[aggregate_id]

    def read_file(self, path: Path) -> None:
        raw = load_yaml(path)
        try:
            _FileImport(self, path, raw).run()
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


class _FileImport:
    """One file: its header, then its entries in the order they are written."""

    def __init__(self, session: _Session, path: Path, raw: Any) -> None:
        self.session = session
        self.path = path
        self.raw = raw
        self.cohort = ""
        self.territories: set[str] = set()
        self.keys: dict[str, int] = {}
        self.ordinals: Counter[str] = Counter()
        self.digests: dict[str, int] = {}

    def fail(self, message: str, line: int | None) -> HistoryFileError:
        return HistoryFileError(message, path=self.path, line=line)

    def run(self) -> None:
        raw = self.raw
        if raw is None:
            raise self.fail(
                "le fichier est vide ; un historique commence par « kind: history », puis « cohort: ».", 1
            )
        if not isinstance(raw, LineDict):
            raise self.fail("un historique commence par « kind: history », puis « cohort: ».", 1)
        kind = raw.get("kind")
        if kind != "history":
            hint = (
                " (c'est un scénario de simulation : utilisez `transitions simulate`)"
                if kind == "simulation"
                else ""
            )
            raise self.fail(f"« kind » doit valoir « history »{hint}.", raw.line_of("kind"))
        unknown = set(raw) - {"kind", "cohort", "territories", "entries"}
        if unknown:
            key = sorted(unknown)[0]
            raise self.fail(
                f"clé « {key} » inconnue au premier niveau ; clés possibles : kind, cohort, territories, entries.",
                raw.line_of(key),
            )
        if "cohort" not in raw:
            raise self.fail("il manque le bloc « cohort: » (la cohorte dont c'est l'historique).", raw.line)
        self.read_cohort(raw["cohort"], raw.line_of("cohort"))
        for index, item in enumerate(self.sequence(raw, "territories")):
            self.read_territory(item, raw["territories"].item_lines[index])
        for index, item in enumerate(self.sequence(raw, "entries")):
            self.read_entry(item, raw["entries"].item_lines[index])

    def sequence(self, raw: LineDict, key: str) -> LineList:
        value = raw.get(key)
        if value is None:
            return LineList()
        if not isinstance(value, LineList):
            raise self.fail(
                f"« {key} » doit être une liste (des lignes commençant par « - »).", raw.line_of(key)
            )
        return value

    def read_cohort(self, value: Any, line: int) -> None:
        if isinstance(value, str):  # a later file may just name a cohort already in the store
            if self.session.state(cohort_id(value)) is None:
                raise self.fail(
                    f"la cohorte « {value} » n'est pas dans le stockage ; décrivez-la (id, name, region).",
                    line,
                )
            self.cohort = value
            return
        spec = self.validate(CohortSpec, value, line)
        self.cohort = spec.id
        fields = spec.model_dump(mode="json", exclude={"id", "opened", "source", "note"})
        build = {
            **fields,
            "slug": spec.id,
            "occurred": spec.opened,
            "source": spec.source,
            "note": spec.note,
            "digest": digest(spec.model_dump(mode="json")),
        }
        self.apply(ImportedEntry(self.path, line, COHORT_ENTRY, "cohort_opened"), build, CohortOpened)

    def read_territory(self, value: Any, line: int) -> None:
        spec = self.validate(TerritorySpec, value, line)
        if spec.id in self.territories:
            raise self.fail(f"le territoire « {spec.id} » est déclaré deux fois.", line)
        self.territories.add(spec.id)
        fields = spec.model_dump(mode="json", exclude={"id", "registered", "source", "note"})
        build = {
            **fields,
            "cohort": self.cohort,
            "slug": spec.id,
            "occurred": spec.registered,
            "source": spec.source,
            "note": spec.note,
            "digest": digest(spec.model_dump(mode="json")),
            "_territory": spec.id,
        }
        key = entry_key(spec.id, TERRITORY_ENTRY)
        self.apply(ImportedEntry(self.path, line, key, "territory_registered"), build, TerritoryRegistered)

    def read_entry(self, value: Any, line: int) -> None:
        if not isinstance(value, LineDict):
            raise self.fail("chaque entrée est un bloc de clés (date, type, …).", line)
        for required in ("date", "type"):
            if required not in value:
                raise self.fail(f"l'entrée n'a pas de « {required} ».", value.line)
        type_name = str(value["type"])
        event_type, facts = self.facts(value, type_name)
        territory = self.territory_of(value, event_type, type_name, facts)
        occurred = self.date(value)
        fingerprint = digest({k: v for k, v in value.items() if k != "id"})
        if fingerprint in self.digests:
            raise self.fail(
                f"entrée en double : identique à celle de la ligne {self.digests[fingerprint]} ; supprimez-en une.",
                value.line,
            )
        self.digests[fingerprint] = value.line
        key = self.key(value, event_type, type_name, territory, occurred)
        build = {
            **facts,
            "occurred": occurred,
            "source": value.get("source"),
            "note": value.get("note"),
            "digest": fingerprint,
            "_territory": territory,
        }
        self.apply(
            ImportedEntry(self.path, value.line, key, event_type.type_name()), build, event_type, value
        )

    def facts(self, value: LineDict, type_name: str) -> tuple[type[DomainEvent], dict[str, Any]]:
        facts = {k: v for k, v in value.items() if k not in ENTRY_KEYS}
        if type_name in RECORD_TYPES:
            event_type, target_key, changes_key = RECORD_TYPES[type_name]
            if target_key not in facts:
                raise self.fail(
                    f"une entrée « {type_name} » dit quelle entrée elle vise : « {target_key}: ».", value.line
                )
            facts["target"] = str(facts.pop(target_key))
            if changes_key:
                changes = dict(facts.pop(changes_key, None) or {})
                if "date" in changes:
                    changes["occurred"] = changes.pop("date")
                facts["changes"] = changes
            return event_type, facts
        event_type = EVENT_TYPES.get(type_name)  # type: ignore[assignment]
        creation = type_name in ("cohort_opened", "territory_registered")
        if event_type is None or creation:
            known = [*EVENT_TYPES, *RECORD_TYPES]
            close = difflib.get_close_matches(type_name, known, n=3)
            hint = (
                f" Vouliez-vous dire : {', '.join(close)} ?"
                if close
                else " Les types sont listés dans docs/events.md."
            )
            if creation:
                hint = " Les cohortes et territoires se déclarent dans les blocs « cohort: » et « territories: »."
            raise self.fail(f"type d'entrée « {type_name} » inconnu.{hint}", value.line_of("type"))
        return event_type, facts

    def territory_of(
        self, value: LineDict, event_type: type[DomainEvent], type_name: str, facts: dict[str, Any]
    ) -> str | None:
        if type_name in RECORD_TYPES:
            territory = territory_of_key(facts["target"])
        elif event_type.scope is Scope.COHORT:
            if "territory" in value:
                raise self.fail(
                    f"« {type_name} » concerne toute la cohorte : retirez « territory » "
                    "(ou utilisez « territories: » pour dire qui y a pris part).",
                    value.line_of("territory"),
                )
            return None
        else:
            if "territory" not in value:
                raise self.fail(
                    f"« {type_name} » concerne un territoire : ajoutez « territory: ».", value.line
                )
            territory = str(value["territory"])
        if territory is None:
            return None
        if (
            territory not in self.territories
            and self.session.state(territory_id(self.cohort, territory)) is None
        ):
            close = difflib.get_close_matches(territory, sorted(self.territories), n=3)
            hint = (
                f" Vouliez-vous dire : {', '.join(close)} ?"
                if close
                else " Déclarez-le dans « territories: »."
            )
            raise self.fail(f"territoire « {territory} » inconnu.{hint}", value.line_of("territory"))
        return territory

    def date(self, value: LineDict) -> PartialDate:
        try:
            return PartialDate(str(value["date"]))
        except ValueError as error:
            raise self.fail(f"« date » : {error}", value.line_of("date")) from None

    def key(
        self,
        value: LineDict,
        event_type: type[DomainEvent],
        type_name: str,
        territory: str | None,
        occurred: PartialDate,
    ) -> str:
        if "id" in value:
            key = entry_key(territory, slugify(str(value["id"]), limit=80))
            if not key or key in self.keys:
                raise self.fail(
                    f"l'identifiant « {value['id']} » est déjà pris (ligne {self.keys.get(key)}).",
                    value.line_of("id"),
                )
        else:
            base = f"{type_name}@{occurred}"
            discriminators = [slugify(str(value.get(name, ""))) for name in event_type.key_fields]
            if discriminators:
                key = entry_key(territory, f"{base}#{'#'.join(discriminators)}")
                if key in self.keys:
                    raise self.fail(
                        f"entrée en double : même type, même date et même {', '.join(event_type.key_fields)} "
                        f"qu'à la ligne {self.keys[key]}. Si ce sont deux faits distincts, donnez-leur un « id: ».",
                        value.line,
                    )
            else:
                self.ordinals[entry_key(territory, base)] += 1
                key = entry_key(territory, f"{base}#{self.ordinals[entry_key(territory, base)]}")
        self.keys[key] = value.line
        return key

    def validate(self, model: type[Any], value: Any, line: int) -> Any:
        if not isinstance(value, LineDict):
            raise self.fail("ce bloc doit contenir des clés (nom: valeur).", line)
        try:
            return model.model_validate(dict(value))
        except ValidationError as error:
            message, where = describe(error, value, list(model.model_fields))
            raise self.fail(message, where or line) from None

    def apply(
        self,
        entry: ImportedEntry,
        build: dict[str, Any],
        event_type: type[DomainEvent],
        raw: LineDict | None = None,
    ) -> None:
        try:
            self.session.apply(entry, build, event_type, self.cohort)
        except ValidationError as error:
            fields = [n for n in event_type.model_fields if n not in BOOKKEEPING_FIELDS and n != "occurred"]
            message, where = describe(error, raw, fields)
            raise self.fail(f"{event_type.type_name()} : {message}", where or entry.line) from None
        except DomainError as error:
            raise self.fail(str(error), entry.line) from None
