"""Each language's lexicon: words keyed by the values of the domain's enums, read from
`narratives/lexicon/<lang>.yaml` (and the same file in `TRANSITIONS_NARRATIVES_DIR`, which wins).

The Python writers (the timeline's sentences) read their word lists here, and the wording files through
the `lex` filter: a list is written once per language. tests/narratives/test_lexicon.py checks that every
table keyed by an enum holds exactly its members, in every language.
"""

from __future__ import annotations

import os
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

#: The tables keyed by an enum of the domain, and that enum (by name, in `transitions_core.domain.values`).
#: `kinds` (a territory's kind, free text in the history) is the one table keyed otherwise.
ENUMS = {
    "findings": "FindingKind",
    "finding_names": "FindingKind",
    "notes": "PilotNote",
    "notes_one": "PilotNote",
    "notes_many": "PilotNote",
    "milestones": "MilestoneKind",
    "productions": "ProductionKind",
    "productions_one": "ProductionKind",
    "productions_many": "ProductionKind",
    "categories": "ActorCategory",
    "channels": "Channel",
    "channels_short": "Channel",
    "roles": "PartnerRole",
    "observers": "Observer",
    "source_kinds": "SourceKind",
}
#: The variable that names the user's template folder (as in `narrative.environment`, without importing jinja2).
USER_DIR_VAR = "TRANSITIONS_NARRATIVES_DIR"


def lexicon(lang: str) -> dict[str, dict[str, str]]:
    """Every table of a language's lexicon: table → enum value → word."""
    user = os.environ.get(USER_DIR_VAR)
    return _lexicon(lang, user or "")


def table(lang: str, name: str) -> dict[str, str]:
    """One table of a language's lexicon (empty when the language has none)."""
    return dict(lexicon(lang).get(name, {}))


@cache
def _lexicon(lang: str, user: str) -> dict[str, dict[str, str]]:
    from transitions_core.narrative.data_cache import parsed, text_tables

    found: dict[str, dict[str, str]] = {}
    folders = [Path(str(files("transitions_core.narratives")))] + ([Path(user)] if user else [])
    for folder in folders:
        path = folder / "lexicon" / f"{lang}.yaml"
        if path.is_file():
            for name, words in parsed(path, "lexicon", _tables, text_tables).items():
                found.setdefault(name, {}).update(words)
    return found


def _tables(path: Path) -> dict[str, dict[str, str]]:
    """A lexicon file's tables, read from its YAML (kept parsed across runs: `data_cache`)."""
    import yaml

    # libyaml's loader when PyYAML has it: the same data, read 5-10 times faster (issue 16).
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data: dict[str, Any] = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
    tables: dict[str, dict[str, str]] = {}
    for name, words in data.items():
        tables.setdefault(str(name), {}).update({str(k): str(v) for k, v in (words or {}).items()})
    return tables
