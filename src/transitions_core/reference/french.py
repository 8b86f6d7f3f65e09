"""docs/evenements.md: the event catalogue in French, for whoever writes a history file.

The keys, their kinds and what is required come from the code; what each means comes from
evenements.yaml, beside this module. A test fails when a type or a key has no sentence there.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from transitions_core.domain.events import CATALOGUE, DomainEvent, Scope
from transitions_core.history.file_reader import RECORD_TYPES
from transitions_core.history.schema import CohortSpec, TerritorySpec
from transitions_core.reference.english import VALUE_TYPES, event_fields
from transitions_core.reference.types import ENGLISH, Words, french_list, type_name

TEXTS = Path(__file__).with_name("evenements.yaml")
#: Written in place of a missing sentence, so that `make docs` still runs (the test names what is missing).
MISSING = "*(à décrire dans src/transitions_core/reference/evenements.yaml)*"
#: The events the header blocks of a file give, instead of entries.
BLOCKS: dict[str, tuple[str, type[BaseModel]]] = {
    "cohort_opened": ("cohort", CohortSpec),
    "territory_registered": ("territory", TerritorySpec),
}
PLURALS = {"texte": "textes", "nombre entier": "nombres entiers", "nombre": "nombres"}
TABLE_HEAD = ["| clé | nature | obligatoire | sens |", "|---|---|---|---|"]


@functools.cache
def texts() -> dict[str, Any]:
    """The French sentences of the catalogue (evenements.yaml)."""
    import yaml

    with TEXTS.open(encoding="utf-8") as handle:
        loaded: dict[str, Any] = yaml.safe_load(handle)
    return loaded


def value_title(model: type[BaseModel]) -> str:
    """The French name of a value block: `Personne` for Person."""
    title: str = texts()["values"].get(model.__name__, {}).get("title", model.__name__)
    return title


def _anchor(model: type[BaseModel]) -> str:
    return f"[{value_title(model)}](#{value_title(model).lower()})"


FRENCH = Words(
    scalars={"str": "texte", "int": "nombre entier", "float": "nombre", "bool": "`true` ou `false`"},
    date="date (voir [les dates](scenarios.md#les-dates))",
    mapping="bloc de clés",
    either=" ou ",
    null="",  # the column "obligatoire" says it already
    list_of=lambda kind: f"liste de {PLURALS.get(kind, kind)}",
    values=lambda values: french_list([f"`{v}`" for v in values], "ou"),
    list_of_values=lambda values: "liste de valeurs parmi " + french_list([f"`{v}`" for v in values], "et"),
    block=lambda model: f"bloc {_anchor(model)}",
    list_of_blocks=lambda model: f"liste de blocs {_anchor(model)}",
)
assert FRENCH.scalars.keys() == ENGLISH.scalars.keys()


def evenements_markdown() -> str:
    """docs/evenements.md: the history file's blocks, every type of entry and its keys, the value blocks."""
    events = texts()["events"]
    lines = [
        "# Catalogue des événements",
        "",
        "Généré à partir du code (`src/transitions_core/domain/events/`) et des phrases de",
        "`src/transitions_core/reference/evenements.yaml` par `make docs` ; un test le tient à jour.",
        "Comment écrire un historique : [scenarios.md](scenarios.md). En anglais : [events.md](events.md).",
        "",
        "Chaque entrée a une `date` et un `type`, le nom d'une des sections ci-dessous. Une entrée de",
        "territoire nomme aussi son `territory:` ; une entrée de cohorte n'en a pas. Toute entrée peut",
        "porter `id`, `source`, `note`, `confidential: true` et `translations` (voir [scenarios.md](scenarios.md)).",
        "",
        "| type | ce qu'il consigne |",
        "|---|---|",
    ]
    lines += [
        f"| `{written}` | {events.get(name, {}).get('title', MISSING)} |" for name, written in _entry_names()
    ]
    lines += ["", "# Le début du fichier"]
    for event_name, (block, spec) in BLOCKS.items():
        event = events.get(event_name, {})
        heading = "Le bloc `cohort:`" if block == "cohort" else "Chaque territoire de `territories:`"
        lines += ["", f"## {heading}", "", event.get("text", MISSING), "", *TABLE_HEAD]
        keys = texts()["blocks"].get(block, {})
        lines += [
            _row(name, info.annotation, info.is_required(), keys.get(name))
            for name, info in spec.model_fields.items()
        ]
    lines += ["", "# Les entrées"]
    for event_type in CATALOGUE:
        if event_type.type_name() not in BLOCKS:
            lines += ["", *_entry_section(event_type)]
    lines += ["", "# Les valeurs", "", "De petits blocs de clés que plusieurs types d'entrée utilisent."]
    for model in VALUE_TYPES:
        value = texts()["values"].get(model.__name__, {})
        lines += ["", f"## {value_title(model)}", "", value.get("text", MISSING), "", *TABLE_HEAD]
        lines += [
            _row(name, info.annotation, info.is_required(), value.get("keys", {}).get(name))
            for name, info in model.model_fields.items()
        ]
    return "\n".join(lines)


def missing_sentences() -> list[str]:
    """The types and keys that evenements.yaml does not describe yet (the test wants none)."""
    events, shared = texts()["events"], texts().get("keys", {})
    missing = [
        f"events.{event.type_name()}"
        for event in CATALOGUE
        if "text" not in events.get(event.type_name(), {})
    ]
    missing += [
        f"events.{e.type_name()}.title" for e in CATALOGUE if "title" not in events.get(e.type_name(), {})
    ]
    for event_type in CATALOGUE:
        if event_type.type_name() in BLOCKS:  # their keys are the blocks', below
            continue
        own = events.get(event_type.type_name(), {}).get("keys", {})
        missing += [
            f"events.{event_type.type_name()}.keys.{name}"
            for name, _, _ in _entry_fields(event_type)
            if name not in own and name not in shared
        ]
    for block, spec in BLOCKS.values():
        keys = texts()["blocks"].get(block, {})
        missing += [f"blocks.{block}.{name}" for name in spec.model_fields if name not in keys]
    for model in VALUE_TYPES:
        keys = texts()["values"].get(model.__name__, {}).get("keys", {})
        missing += [f"values.{model.__name__}.keys.{name}" for name in model.model_fields if name not in keys]
    return missing


def _entry_names() -> list[tuple[str, str]]:
    """(event type, name written in files) of every type of entry, in the order of a cohort's life."""
    records = {cls.type_name(): name for name, (cls, _, _) in RECORD_TYPES.items()}
    names = [e.type_name() for e in CATALOGUE if e.type_name() not in BLOCKS]
    return [(name, records.get(name, name)) for name in names]


def _entry_section(event_type: type[DomainEvent]) -> list[str]:
    events, shared = texts()["events"], texts().get("keys", {})
    event = events.get(event_type.type_name(), {})
    written = next((name for name, (cls, _, _) in RECORD_TYPES.items() if cls is event_type), None)
    title = event.get("title", MISSING)
    lines = [
        f"## `{written or event_type.type_name()}` : {title}",
        "",
        f"{event.get('text', MISSING)} *{_scope(event_type, written)}*",
    ]
    fields = _entry_fields(event_type)
    if fields:
        lines += ["", *TABLE_HEAD]
        own = event.get("keys", {})
        lines += [
            _row(name, kind, required, own.get(name, shared.get(name))) for name, kind, required in fields
        ]
    return lines


def _entry_fields(event_type: type[DomainEvent]) -> list[tuple[str, Any, bool]]:
    """The keys an entry of this type is written with (a correction's `corrects` and `set`, not its fields)."""
    record = next(
        ((target, changes) for cls, target, changes in RECORD_TYPES.values() if cls is event_type), None
    )
    fields = event_fields(event_type)
    if record is None:
        return fields
    renamed = {"target": record[0], "changes": record[1]}
    written = []
    for name, kind, required in fields:
        key = renamed.get(name, name)
        if key:  # a retraction has no `set`
            written.append((key, kind, required))
    return written


def _scope(event_type: type[DomainEvent], written: str | None) -> str:
    if written:
        return "Entrée de territoire ou de cohorte, selon l'entrée qu'elle vise."
    if event_type.scope is Scope.TERRITORY:
        return "Entrée de territoire."
    if event_type.shared_with_territories:
        return "Entrée de cohorte, qui figure aussi dans la chronologie des territoires qui y ont pris part."
    return "Entrée de cohorte."


def _row(name: str, annotation: Any, required: bool, meaning: str | None) -> str:
    return f"| `{name}` | {type_name(annotation, FRENCH)} | {'oui' if required else 'non'} | {meaning or MISSING} |"
