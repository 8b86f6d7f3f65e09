"""Append an entry to a history file, keeping every comment, the order and the layout of what is there.

ruamel.yaml reads the file as a round-trip document; the layout (indentation of blocks and lists) is
the one that writes the file back byte for byte. A file no layout reproduces is refused rather than
reformatted. Strings the project's reader (YAML 1.1, dates kept as text) would read as something
else (`"2023"`, `yes`, `1:30`) are written quoted.
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Mapping
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from transitions_core.errors import TransitionsError

#: Indentations tried, as (mapping, sequence, offset): the house style first, then ruamel's and PyYAML's.
LAYOUTS = ((2, 4, 2), (2, 2, 0), (4, 6, 4), (4, 4, 2), (4, 4, 0))
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
#: The top-level keys of a history file, in the order a new `entries:` goes after.
ENTRIES = "entries"


class FileLayoutError(TransitionsError):
    """The history file cannot be appended to without changing what is already written."""


def append_entry(text: str, entry: Mapping[str, Any]) -> str:
    """`text` (a whole history file) with `entry` appended to its `entries:`, the rest unchanged."""
    reader, document = _round_trip(text)
    if not isinstance(document, CommentedMap):
        raise FileLayoutError("le fichier n'est pas un historique (un bloc de clés : kind, cohort, entries).")
    entries = document.get(ENTRIES)
    if entries is None:
        entries = CommentedSeq()
        document[ENTRIES] = entries
    if not isinstance(entries, CommentedSeq):
        raise FileLayoutError(
            "« entries » n'y est pas une liste : corrigez le fichier avant d'y ajouter une entrée."
        )
    entries.append(to_yaml_node(entry))
    out = io.StringIO()
    reader.dump(document, out)
    written = out.getvalue()
    if not written.startswith(_before_entries_end(text)):
        raise FileLayoutError(
            "ajouter l'entrée changerait ce qui est déjà écrit dans le fichier ; ajoutez-la à la main, "
            "ou enregistrez-la dans le stockage seul (--no-file)."
        )
    return written


def entry_yaml(entry: Mapping[str, Any]) -> str:
    """The entry as a history file writes it, as an item of `entries:` (for the preview)."""
    yaml_out = _yaml((2, 4, 2))
    out = io.StringIO()
    yaml_out.dump([to_yaml_node(entry)], out)
    return out.getvalue()


def to_yaml_node(value: Any) -> Any:
    """Plain data as ruamel nodes, quoting the strings the project's reader would not read back as strings."""
    if isinstance(value, Mapping):
        node = CommentedMap()
        for key, item in value.items():
            node[key] = to_yaml_node(item)
        return node
    if isinstance(value, list | tuple):
        seq = CommentedSeq(to_yaml_node(item) for item in value)
        short = sum(len(str(item)) for item in value) <= 60
        if short and all(not isinstance(item, Mapping | list | tuple) for item in value):
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, str) and _DAY.fullmatch(value):
        try:  # written bare, as history files write days; the project's reader keeps it as text
            return datetime.date.fromisoformat(value)
        except ValueError:
            return DoubleQuotedScalarString(value)
    if isinstance(value, str) and _needs_quotes(value):
        return DoubleQuotedScalarString(value)
    return value


def _needs_quotes(text: str) -> bool:
    if not text or text != text.strip() or "\n" in text:
        return True
    try:
        read = yaml.safe_load(text)
    except yaml.YAMLError:
        return True
    # A timestamp stays text in the project's reader (history/yaml_lines.py): `2024-05-07` needs no quotes.
    return not (isinstance(read, str) and read == text) and not isinstance(read, datetime.date)


def _round_trip(text: str) -> tuple[YAML, Any]:
    for layout in LAYOUTS:
        reader = _yaml(layout)
        try:
            document = reader.load(text)
        except YAMLError as error:
            raise FileLayoutError(f"YAML illisible pour l'ajout : {error}".replace("\n", " ")) from None
        out = io.StringIO()
        reader.dump(document, out)
        if out.getvalue() == text:
            return reader, document
    raise FileLayoutError(
        "sa mise en page (indentation des blocs et des listes) ne se relit pas à l'identique ; ajoutez "
        "l'entrée à la main, ou enregistrez-la dans le stockage seul (--no-file)."
    )


def _yaml(layout: tuple[int, int, int]) -> YAML:
    reader = YAML()
    reader.preserve_quotes = True
    reader.width = 4096  # never rewrap a long line
    mapping, sequence, offset = layout
    reader.indent(mapping=mapping, sequence=sequence, offset=offset)
    return reader


def _before_entries_end(text: str) -> str:
    """What must stay as it is: the whole file, less a final newline the new entry follows."""
    return text.rstrip("\n")
