"""One history file, read in the order it is written: its header, its cohort and territories, then its entries."""

from __future__ import annotations

import difflib
from collections import Counter
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
    EVENT_TYPES,
    CohortOpened,
    DomainEvent,
    EntryCorrected,
    EntryRetracted,
    OrganisationRegistered,
    Scope,
    TerritoryRegistered,
)
from transitions_core.domain.identity import cohort_id, territory_id
from transitions_core.history.date_hints import with_hint
from transitions_core.history.errors import CorrectedEntryInvalid, HistoryFileError
from transitions_core.history.keys import digest, entry_key, slugify, territory_of_key
from transitions_core.history.report import ImportedEntry
from transitions_core.history.schema import ENTRY_KEYS, CohortSpec, OrganisationSpec, TerritorySpec
from transitions_core.history.validation import describe, example_for
from transitions_core.history.yaml_lines import LineDict, LineList


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


#: How corrections are written in a file, and the fields they map to.
RECORD_TYPES: dict[str, tuple[type[DomainEvent], str, str | None]] = {
    "correction": (EntryCorrected, "corrects", "set"),
    "retraction": (EntryRetracted, "retracts", None),
}
#: What a file writes for some fields of an event, in messages.
WRITTEN_AS = {"occurred": "date"}
SET_EXAMPLE = "set:\n  count: 14"
ENTRY_EXAMPLE = "- date: 2026-03-20\n  type: territory_joined\n  territory: les-aubiers"
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
        self.keys: dict[str, int] = {}
        self.ordinals: Counter[str] = Counter()
        self.digests: dict[str, int] = {}

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

    def read_entry(self, value: Any, line: int) -> None:
        if not isinstance(value, LineDict):
            raise self.fail(
                "chaque entrée est un bloc de clés (date, type, …), par exemple :", line, ENTRY_EXAMPLE
            )
        for required in ("date", "type"):
            if required not in value:
                raise self.fail(f"l'entrée n'a pas de « {required} ».", value.line)
        type_name = str(value["type"])
        event_type, facts = self.facts(value, type_name)
        territory = self.territory_of(value, event_type, type_name, facts)
        occurred = self.date(value)
        # `confidential` is not part of the content: marking a stored entry is a correction, not an edit.
        fingerprint = digest({k: v for k, v in value.items() if k not in ("id", "confidential")})
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
            ImportedEntry(self.path, value.line, key, event_type.type_name()),
            build,
            event_type,
            value,
            type_name,
        )

    def facts(self, value: LineDict, type_name: str) -> tuple[type[DomainEvent], dict[str, Any]]:
        facts = {k: v for k, v in value.items() if k not in ENTRY_KEYS}
        if type_name in RECORD_TYPES:
            event_type, target_key, changes_key = RECORD_TYPES[type_name]
            if target_key not in facts:
                raise self.fail(
                    f"une entrée « {type_name} » dit quelle entrée elle vise : « {target_key}: ».", value.line
                )
            target = facts.pop(target_key)
            if not isinstance(target, str):
                raise self.fail(
                    f"« {target_key} » donne l'identifiant d'une seule entrée, en texte "
                    "(comme le-vigan/interviews_held@2024/2025#1 ; `transitions events` les affiche).",
                    value.line_of(target_key),
                )
            facts["target"] = target
            if changes_key:
                facts.pop(changes_key, None)
                facts["changes"] = self.changes(value, changes_key)
            return event_type, facts
        event_type = EVENT_TYPES.get(type_name)  # type: ignore[assignment]
        creation = type_name in ("cohort_opened", "territory_registered")
        if event_type is None or creation:
            known = [*EVENT_TYPES, *RECORD_TYPES]
            close = difflib.get_close_matches(type_name, known, n=3)
            hint = (
                f" ; vouliez-vous dire {_quoted_or(close)} ?"
                if close
                else " ; les types sont listés dans docs/events.md."
            )
            if creation:
                hint = " ici : les cohortes et territoires se déclarent dans les blocs « cohort: » et « territories: »."
            raise self.fail(f"type d'entrée « {type_name} » inconnu{hint}", value.line_of("type"))
        return event_type, facts

    def changes(self, value: LineDict, key: str) -> dict[str, Any]:
        changes = value.get(key)
        if changes is None:
            return {}
        if not isinstance(changes, LineDict):
            raise self.fail(
                f"« {key} » doit être un bloc de clés, pas {_what(changes)} : chaque fait à rectifier sur sa ligne, "
                "avec sa nouvelle valeur, par exemple :",
                value.line_of(key),
                SET_EXAMPLE,
            )
        return {("occurred" if name == "date" else name): fact for name, fact in changes.items()}

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
            known = self.territories | set(self.session.known_territories(self.cohort))
            close = difflib.get_close_matches(territory, sorted(known), n=3)
            hint = (
                f" ; vouliez-vous dire {_quoted_or(close)} ?"
                if close
                else " ; déclarez-le dans « territories: »."
            )
            raise self.fail(f"territoire « {territory} » inconnu{hint}", value.line_of("territory"))
        return territory

    def date(self, value: LineDict) -> PartialDate:
        try:
            return PartialDate(str(value["date"]))
        except ValueError as error:
            message = with_hint(str(error), str(value["date"]))
            raise self.fail(f"« date » : {message}.", value.line_of("date")) from None

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
            # An entry without any of its key fields (an effect the source gives no label) is numbered.
            if all(value.get(name) is None for name in event_type.key_fields):
                discriminators = []
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
                if key in self.keys:  # a key field whose value looks like a rank (a label « 1 »)
                    raise self.fail(
                        f"l'identifiant de cette entrée serait celui de l'entrée de la ligne {self.keys[key]} ; "
                        "donnez-lui un « id: ».",
                        value.line,
                    )
        self.keys[key] = value.line
        return key

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
            message, where = describe(invalid.error, raw, fields, within=("set",), renamed=WRITTEN_AS)
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


def _quoted_or(names: list[str]) -> str:
    """« a », « b » ou « c »."""
    quoted = [f"« {name} »" for name in names]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} ou {quoted[-1]}"


def _what(value: Any) -> str:
    if isinstance(value, list):
        return "une liste"
    if isinstance(value, str):
        return f"un texte (« {value[:40]} »)"
    return f"une valeur seule (« {value} »)"
