"""YAML loading that remembers the line of every mapping and key, and refuses duplicate keys."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from transitions_core.history.errors import HistoryFileError


class LineDict(dict[str, Any]):
    """A mapping from a YAML file that knows the line of itself and of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        """The line where `key` is written, or the mapping's own line."""
        return self.key_lines.get(key, self.line)


class LineList(list[Any]):
    """A sequence from a YAML file that knows the line of each item (1-based)."""

    line: int = 0
    item_lines: list[int]


class _Loader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            key = str(key)
        line = key_node.start_mark.line + 1
        if key in result:
            raise HistoryFileError(
                f"la clé « {key} » apparaît deux fois dans le même bloc "
                f"(déjà à la ligne {result.key_lines[key]}) ; gardez-en une seule.",
                line=line,
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = line
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _construct_timestamp_as_text(loader: _Loader, node: yaml.ScalarNode) -> str:
    # Dates stay text: the history's dates are EDTF, and YAML would turn 2024-05-07 into a date.
    return str(loader.construct_scalar(node))


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp_as_text)


def load_yaml(path: Path) -> Any:
    """Parse a YAML file, keeping line numbers; errors name the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise HistoryFileError("fichier introuvable ; vérifiez le chemin.", path=path) from None
    except UnicodeDecodeError as error:
        raise HistoryFileError(
            f"le fichier n'est pas en UTF-8 (octet {error.start}) ; enregistrez-le en UTF-8.", path=path
        ) from None
    except OSError as error:
        raise HistoryFileError(f"lecture impossible : {error.strerror}.", path=path) from None
    try:
        return yaml.load(text, Loader=_Loader)
    except HistoryFileError as error:
        raise error.located(path) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        problem = error.problem or error.context or "syntaxe incorrecte"
        raise HistoryFileError(
            f"YAML illisible : {problem}. Vérifiez l'indentation et les deux-points.", path=path, line=line
        ) from None
    except yaml.YAMLError as error:
        raise HistoryFileError(f"YAML illisible : {error}.", path=path) from None
