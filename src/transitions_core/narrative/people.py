"""The people a history names, and what names each of them in public: their role or their organisation."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from transitions_core.text.french import starts_with_vowel_sound
from transitions_core.timeline.view import TimelineEntry

Facts = dict[str, Any]
PERSON_KEYS = frozenset({"name", "role", "organisation", "category"})
#: Facts that hold people, and what names them best in public: the role, or the organisation.
PEOPLE_FIELDS = {"allies": "organisation", "people": "organisation", "member": "role", "speakers": "role"}
CATEGORY_LABELS = {
    "elected": "un élu",
    "staff": "un agent de la collectivité",
    "state": "un agent de l'État",
    "socio_economic": "un acteur socio-économique",
}
UNKNOWN = {"role": "un participant", "organisation": "un allié"}
DESCRIBED = re.compile(r"(?i)^(?:le|la|les|un|une|des|deux|trois|plusieurs|l['’])\b")
_ORDINAL = re.compile(r"(?i)^\d+(?:e|er|re|ème|nd|nde)$")
_FEMININE = ("ée", "trice", "ère", "euse", "ante", "ente", "inte", "ienne", "onne", "elle", "esse")


def role_phrase(role: str) -> str:
    """A role as a noun phrase: `maire` → `le maire`, `3e adjointe` → `la 3e adjointe`, `alliée` → `l'alliée`."""
    role = " ".join(role.split())
    if not role or DESCRIBED.match(role):
        return role
    if starts_with_vowel_sound(role):
        return "l'" + role
    words = role.split(" ")
    head = next((w for w in words if not _ORDINAL.match(w)), words[0])
    return ("la " if head.lower().split("-")[0].endswith(_FEMININE) else "le ") + role


def person_label(person: Facts, prefer: str = "role") -> tuple[str, str | None]:
    """What names a person in public, and the field it came from (`role`, `organisation` or None)."""
    order = ("role", "organisation") if prefer == "role" else ("organisation", "role")
    for field in order:
        value = (person.get(field) or "").strip()
        if value:
            return (role_phrase(value) if field == "role" else value), field
    category = person.get("category")
    return CATEGORY_LABELS.get(str(category), UNKNOWN[prefer]) if category else UNKNOWN[prefer], None


def people_of(entries: Iterable[TimelineEntry]) -> dict[str, Facts]:
    """Everyone the entries name as a person, by name (the most detailed mention of each)."""
    return people_of_facts([entry.facts for entry in entries])


def people_of_facts(facts: Any) -> dict[str, Facts]:
    """Everyone some facts name as a person (facts as stored, corrections' changes included)."""
    found: dict[str, Facts] = {}

    def collect(value: Any) -> None:
        if isinstance(value, dict):
            if is_person(value):
                name = str(value["name"]).strip()
                if name and len(_known_fields(value)) >= len(_known_fields(found.get(name, {}))):
                    found[name] = value
                return
            speaker = named_speaker(value.get("speaker"))
            if speaker and speaker["name"] not in found:  # named only beside a quote: `Name, role`
                found[speaker["name"]] = speaker
            for item in value.values():
                collect(item)
        elif isinstance(value, list | tuple):
            for item in value:
                collect(item)

    collect(facts)
    return found


def named_speaker(speaker: Any) -> Facts | None:
    """The person a quote's speaker names (`Jean-Louis Chambon, maire`); a description (`un élu`) names nobody."""
    if not isinstance(speaker, str):
        return None
    name, comma, role = speaker.partition(",")
    name = name.strip()
    if not comma or not name[:1].isupper() or DESCRIBED.match(name) or not is_role(role):
        return None
    return {"name": name, "role": " ".join(role.split())}


def name_words(person: Facts) -> list[str]:
    """The words of a person's name that could stand for them alone: `Florence`, `Busnot`."""
    return [w for w in re.split(r"\s+", str(person.get("name", ""))) if len(w) > 2 and w[:1].isupper()]


def is_role(text: str) -> bool:
    """Whether what follows `Name,` reads as a role (`maire`), not as the rest of a sentence."""
    return 0 < len(text.strip()) <= 100 and not any(mark in text for mark in ".,;:!?")


def is_person(value: dict[str, Any]) -> bool:
    return "name" in value and isinstance(value["name"], str) and set(value) <= PERSON_KEYS


def _known_fields(person: Facts) -> list[str]:
    return [k for k in ("role", "organisation", "category") if person.get(k)]
