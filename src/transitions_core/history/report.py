"""What an import saw: each entry it appended, and each one the store already held."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


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
    #: The cohort each file belongs to.
    cohorts: dict[Path, str] = field(default_factory=dict)
