"""One history file, read in the order it is written: its header, its cohort and territories, then its entries."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol
from uuid import UUID

from pydantic import ValidationError

from transitions_core.domain.aggregate import AggregateState
from transitions_core.domain.dates import PartialDate
from transitions_core.domain.errors import DomainError
from transitions_core.domain.events import (
    BOOKKEEPING_FIELDS,
    CohortOpened,
    DomainEvent,
    OrganisationRegistered,
    TerritoryRegistered,
)
from transitions_core.domain.identity import cohort_id
from transitions_core.history.entry_reader import RECORD_TYPES, EntryReader
from transitions_core.history.errors import CorrectedEntryInvalid, HistoryFileError
from transitions_core.history.keys import digest, entry_key, slugify
from transitions_core.history.report import ImportedEntry
from transitions_core.history.schema import CohortSpec, OrganisationSpec, TerritorySpec
from transitions_core.history.validation import describe, example_for
from transitions_core.history.yaml_lines import LineDict, LineList

__all__ = ["RECORD_TYPES", "HistoryFile", "Session"]  # RECORD_TYPES: the reference pages read it here


class Session(Protocol):
    """What a file needs of the import it is read into (`session.ImportSession`)."""

    def state(self, aggregate_id: UUID) -> AggregateState | None:
        """The aggregate as the import has changed it so far."""
        ...

    def apply(
        self, entry: ImportedEntry, build: dict[str, Any], event_type: type[DomainEvent], cohort: str
    ) -> None:
        """Check one entry against its aggregate and keep it."""
        ...

    def known_territories(self, cohort: str) -> Iterable[str]:
        """The ids of the territories the store holds for a cohort, to suggest one for a misspelt id."""
        ...


#: What a file writes for some fields of an event, in messages.
WRITTEN_AS = {"occurred": "date"}
#: Territories one file may declare. Each is an aggregate, which costs about 6 KiB of memory for some
#: 30 bytes of file: past this, the cost of a file would outgrow its size (docs/operations.md).
MAX_TERRITORIES = 1000
COHORT_ENTRY = "cohort"
TERRITORY_ENTRY = "territory"
ORGANISATION_ENTRY = "organisation"
TOP_LEVEL_KEYS = ("kind", "cohort", "organisations", "territories", "entries")


class HistoryFile:
    """One file: its header, then its entries in the order they are written."""

    def __init__(self, session: Session, path: Path, raw: Any) -> None:
        self.session = session
        self.path = path
        self.raw = raw
        self.cohort = ""
        self.territories: set[str] = set()
        self.organisations: dict[str, int] = {}
        self.entries = EntryReader(self)

    def fail(self, message: str, line: int | None, example: str | None = None) -> HistoryFileError:
        if example and message.endswith("."):  # a sentence from `describe`, which the example follows
            message = f"{message[:-1]}, par exemple :"
        return HistoryFileError(message, path=self.path, line=line, example=example)

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
        unknown = set(raw) - set(TOP_LEVEL_KEYS)
        if unknown:
            key = sorted(unknown)[0]
            raise self.fail(
                f"clé « {key} » inconnue au premier niveau ; clés possibles : {', '.join(TOP_LEVEL_KEYS)}.",
                raw.line_of(key),
            )
        if "cohort" not in raw:
            raise self.fail("il manque le bloc « cohort: » (la cohorte dont c'est l'historique).", raw.line)
        self.read_cohort(raw["cohort"], raw.line_of("cohort"))
        for index, item in enumerate(self.sequence(raw, "organisations")):
            self.read_organisation(item, raw["organisations"].item_lines[index])
        territories = self.sequence(raw, "territories")
        if len(territories) > MAX_TERRITORIES:
            raise self.fail(
                f"plus de {MAX_TERRITORIES:,} territoires dans un même fichier (une cohorte en compte quelques ".replace(
                    ",", "\u202f"
                )
                + "dizaines) ; déclarez les suivants dans un autre fichier (« cohort: » suivi de son id), importé "
                "avec celui-ci.",
                territories.item_lines[MAX_TERRITORIES],
            )
        for index, item in enumerate(territories):
            self.read_territory(item, territories.item_lines[index])
        for index, item in enumerate(self.sequence(raw, "entries")):
            self.entries.read(item, raw["entries"].item_lines[index])

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

    def read_organisation(self, value: Any, line: int) -> None:
        spec = self.validate(OrganisationSpec, value, line)
        key = f"{ORGANISATION_ENTRY}#{slugify(spec.name, limit=80)}"
        if key in self.organisations:
            raise self.fail(
                f"l'organisation « {spec.name} » est déjà déclarée à la ligne {self.organisations[key]} ; "
                "gardez-en une.",
                line,
            )
        self.organisations[key] = line
        build = {
            **spec.model_dump(mode="json", exclude={"source", "note"}),
            "occurred": PartialDate("XXXX"),
            "source": spec.source,
            "note": spec.note,
            "digest": digest(spec.model_dump(mode="json")),
        }
        entry = ImportedEntry(self.path, line, key, "organisation_registered")
        self.apply(entry, build, OrganisationRegistered)

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
            # A field added later counts only when given: the territories of existing stores keep their digest.
            "digest": digest(spec.model_dump(mode="json", exclude=_unset_later_fields(spec))),
            "_territory": spec.id,
        }
        key = entry_key(spec.id, TERRITORY_ENTRY)
        self.apply(ImportedEntry(self.path, line, key, "territory_registered"), build, TerritoryRegistered)

    def validate(self, model: type[Any], value: Any, line: int) -> Any:
        if not isinstance(value, LineDict):
            required = [name for name, field in model.model_fields.items() if field.is_required()]
            example = "\n".join(
                f"{'- ' if i == 0 and model is TerritorySpec else '  '}{name}: …"
                for i, name in enumerate(required)
            )
            raise self.fail("ce bloc doit contenir des clés (nom: valeur), par exemple :", line, example)
        try:
            return model.model_validate(dict(value))
        except ValidationError as error:
            message, where = describe(error, value, list(model.model_fields), renamed=WRITTEN_AS)
            raise self.fail(message, where or line, example_for(error, model)) from None

    def apply(
        self,
        entry: ImportedEntry,
        build: dict[str, Any],
        event_type: type[DomainEvent],
        raw: LineDict | None = None,
        label: str | None = None,
    ) -> None:
        """Check one entry against its aggregate and keep it; errors name the type as the file writes it."""
        label = label or event_type.type_name()
        try:
            self.session.apply(entry, build, event_type, self.cohort)
        except ValidationError as error:
            renamed = {**WRITTEN_AS, **_RECORD_FIELDS.get(label, {})}
            fields = [n for n in event_type.model_fields if n not in BOOKKEEPING_FIELDS and n != "occurred"]
            message, where = describe(error, raw, fields, renamed=renamed)
            raise self.fail(
                f"{label} : {message}", where or entry.line, example_for(error, event_type)
            ) from None
        except CorrectedEntryInvalid as invalid:
            fields = [n for n in invalid.target_type.model_fields if n not in BOOKKEEPING_FIELDS]
            renamed = {**WRITTEN_AS, "registered": "date", "opened": "date"}  # a declared block's date
            message, where = describe(invalid.error, raw, fields, within=("set",), renamed=renamed)
            example = example_for(invalid.error, invalid.target_type, within=("set",))
            raise self.fail(
                f"{label} : l'entrée corrigée ne serait plus valide : {message}", where or entry.line, example
            ) from None
        except DomainError as error:
            raise self.fail(str(error), entry.line) from None


def _unset_later_fields(spec: TerritorySpec) -> set[str]:
    return {"department_article"} if spec.department_article is None else set()


#: The fields of a correction or a retraction, as a file writes them.
_RECORD_FIELDS = {
    "correction": {"target": "corrects", "changes": "set"},
    "retraction": {"target": "retracts"},
}
