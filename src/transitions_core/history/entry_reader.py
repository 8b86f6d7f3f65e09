"""The `entries:` of a history file, read in order: each entry's type, territory, date and key, then its event."""

from __future__ import annotations

import difflib
from collections import Counter
from typing import TYPE_CHECKING, Any

from transitions_core.domain.dates import PartialDate
from transitions_core.domain.events import EVENT_TYPES, DomainEvent, EntryCorrected, EntryRetracted, Scope
from transitions_core.domain.identity import territory_id
from transitions_core.history.date_hints import with_hint
from transitions_core.history.keys import digest, entry_key, slugify, territory_of_key
from transitions_core.history.report import ImportedEntry
from transitions_core.history.schema import ENTRY_KEYS
from transitions_core.history.yaml_lines import LineDict

if TYPE_CHECKING:
    from transitions_core.history.file_reader import HistoryFile

#: How corrections are written in a file, and the fields they map to.
RECORD_TYPES: dict[str, tuple[type[DomainEvent], str, str | None]] = {
    "correction": (EntryCorrected, "corrects", "set"),
    "retraction": (EntryRetracted, "retracts", None),
}
SET_EXAMPLE = "set:\n  count: 14"
ENTRY_EXAMPLE = "- date: 2026-03-20\n  type: territory_joined\n  territory: les-aubiers"


class EntryReader:
    """The entries of one file: the keys they take, and the duplicates they must not be."""

    def __init__(self, file: HistoryFile) -> None:
        self.file = file
        self.keys: dict[str, int] = {}
        self.ordinals: Counter[str] = Counter()
        self.digests: dict[str, int] = {}

    def read(self, value: Any, line: int) -> None:
        """Read one entry into its event, checked against its aggregate."""
        if not isinstance(value, LineDict):
            raise self.file.fail(
                "chaque entrée est un bloc de clés (date, type, …), par exemple :", line, ENTRY_EXAMPLE
            )
        for required in ("date", "type"):
            if required not in value:
                raise self.file.fail(f"l'entrée n'a pas de « {required} ».", value.line)
        type_name = str(value["type"])
        event_type, facts = self.facts(value, type_name)
        territory = self.territory_of(value, event_type, type_name, facts)
        occurred = self.date(value)
        # `confidential` is not part of the content: marking a stored entry is a correction, not an edit.
        fingerprint = digest({k: v for k, v in value.items() if k not in ("id", "confidential")})
        if fingerprint in self.digests:
            raise self.file.fail(
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
        self.file.apply(
            ImportedEntry(self.file.path, value.line, key, event_type.type_name()),
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
                raise self.file.fail(
                    f"une entrée « {type_name} » dit quelle entrée elle vise : « {target_key}: ».", value.line
                )
            target = facts.pop(target_key)
            if not isinstance(target, str):
                raise self.file.fail(
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
            raise self.file.fail(f"type d'entrée « {type_name} » inconnu{hint}", value.line_of("type"))
        return event_type, facts

    def changes(self, value: LineDict, key: str) -> dict[str, Any]:
        changes = value.get(key)
        if changes is None:
            return {}
        if not isinstance(changes, LineDict):
            raise self.file.fail(
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
                raise self.file.fail(
                    f"« {type_name} » concerne toute la cohorte : retirez « territory » "
                    "(ou utilisez « territories: » pour dire qui y a pris part).",
                    value.line_of("territory"),
                )
            return None
        else:
            if "territory" not in value:
                raise self.file.fail(
                    f"« {type_name} » concerne un territoire : ajoutez « territory: ».", value.line
                )
            territory = str(value["territory"])
        if territory is None:
            return None
        if (
            territory not in self.file.territories
            and self.file.session.state(territory_id(self.file.cohort, territory)) is None
        ):
            known = self.file.territories | set(self.file.session.known_territories(self.file.cohort))
            close = difflib.get_close_matches(territory, sorted(known), n=3)
            hint = (
                f" ; vouliez-vous dire {_quoted_or(close)} ?"
                if close
                else " ; déclarez-le dans « territories: »."
            )
            raise self.file.fail(f"territoire « {territory} » inconnu{hint}", value.line_of("territory"))
        return territory

    def date(self, value: LineDict) -> PartialDate:
        try:
            return PartialDate(str(value["date"]))
        except ValueError as error:
            message = with_hint(str(error), str(value["date"]))
            raise self.file.fail(f"« date » : {message}.", value.line_of("date")) from None

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
                raise self.file.fail(
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
                    raise self.file.fail(
                        f"entrée en double : même type, même date et même {', '.join(event_type.key_fields)} "
                        f"qu'à la ligne {self.keys[key]}. Si ce sont deux faits distincts, donnez-leur un « id: ».",
                        value.line,
                    )
            else:
                self.ordinals[entry_key(territory, base)] += 1
                key = entry_key(territory, f"{base}#{self.ordinals[entry_key(territory, base)]}")
                if key in self.keys:  # a key field whose value looks like a rank (a label « 1 »)
                    raise self.file.fail(
                        f"l'identifiant de cette entrée serait celui de l'entrée de la ligne {self.keys[key]} ; "
                        "donnez-lui un « id: ».",
                        value.line,
                    )
        self.keys[key] = value.line
        return key


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
