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


#: Deeper than this, a file is not a history but an attempt to exhaust the parser's recursion.
MAX_DEPTH = 40
#: Integers beyond this are refused at load: JSON readers lose precision past 2**53, orjson fails past 2**64.
MAX_INTEGER = 2**53
#: Bytes read at most. The pure-Python parser takes about 5 s and 75 MB of memory per MiB, and the whole
#: Occitanie history (two years, eight territories) is 111 KiB: a larger file is split into several.
MAX_BYTES = 2 * 1024 * 1024
#: Values a file may hold once its aliases (*name) are expanded: more is a "billion laughs" attack.
MAX_VALUES = 1_000_000


class _Loader(yaml.SafeLoader):
    depth = 0
    first_alias = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise HistoryFileError(
                    f"YAML imbriqué sur plus de {MAX_DEPTH} niveaux ; un historique ou un scénario n'en demande que quelques-uns.",
                    line=mark.line + 1,
                )
            if not self.first_alias and self.check_event(yaml.AliasEvent):
                self.first_alias = self.peek_event().start_mark.line + 1  # type: ignore[no-untyped-call]
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def compose_document(self) -> yaml.Node | None:
        node = super().compose_document()
        if self.first_alias and node is not None:
            try:
                size = _expanded_size(node, {}, set())
            except (RecursionError, _Cycle):
                size = MAX_VALUES + 1
            if size > MAX_VALUES:
                raise HistoryFileError(
                    "les alias YAML (*nom) démultiplient ce fichier au-delà du million de valeurs, ou renvoient "
                    "à eux-mêmes ; recopiez les valeurs au lieu d'y renvoyer.",
                    line=self.first_alias,
                )
        return node


class _Cycle(Exception):
    """An alias inside the very node it names."""


def _expanded_size(node: yaml.Node, sizes: dict[int, int], open_nodes: set[int]) -> int:
    """How many values `node` holds once every alias is replaced by a copy of what it names."""
    key = id(node)
    if key in sizes:
        return sizes[key]
    if key in open_nodes:
        raise _Cycle
    open_nodes.add(key)
    size = 1
    if isinstance(node, yaml.SequenceNode):
        size += sum(_expanded_size(child, sizes, open_nodes) for child in node.value)
    elif isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            size += _expanded_size(key_node, sizes, open_nodes) + _expanded_size(
                value_node, sizes, open_nodes
            )
            if size > MAX_VALUES:
                break
    open_nodes.discard(key)
    sizes[key] = size
    return size


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


def _construct_text(loader: _Loader, node: yaml.ScalarNode) -> str:
    text = str(loader.construct_scalar(node))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:  # a "\ud800" escape: no store, no file can hold it
        raise HistoryFileError(
            f"caractère invalide \\u{ord(text[error.start]):04x} (une moitié de paire UTF-16) dans « "
            f"{text[: error.start]}… » ; retirez-le.",
            line=node.start_mark.line + 1,
        ) from None
    return text


def _construct_integer(loader: _Loader, node: yaml.ScalarNode) -> int:
    value = int(loader.construct_yaml_int(node))
    if abs(value) > MAX_INTEGER:
        raise HistoryFileError(
            f"nombre démesuré ({len(str(abs(value)))} chiffres) ; aucun historique ni scénario n'en demande autant.",
            line=node.start_mark.line + 1,
        )
    return value


def _refuse_tag(loader: _Loader, suffix: str, node: yaml.Node) -> None:
    # SafeLoader already refuses them; this says why in words a coordinator can act on.
    raise HistoryFileError(
        f"étiquette YAML « {node.tag.replace('tag:yaml.org,2002:', '!!')} » refusée : un historique ou un scénario ne contient que du texte, des nombres, "
        "des listes et des blocs.",
        line=node.start_mark.line + 1,
    )


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG, _construct_text)
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_integer)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _refuse_tag)
_Loader.add_multi_constructor("!", _refuse_tag)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp_as_text)


def load_yaml(path: Path) -> Any:
    """Parse a YAML file, keeping line numbers; errors name the file and line."""
    try:
        with path.open("rb") as handle:  # bounded: a 50 MB file, or /dev/zero, is not read whole
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise HistoryFileError("fichier introuvable ; vérifiez le chemin.", path=path) from None
    except OSError as error:
        raise HistoryFileError(f"lecture impossible : {error.strerror}.", path=path) from None
    if len(data) > MAX_BYTES:
        raise HistoryFileError(
            f"fichier trop gros : il dépasse {MAX_BYTES // (1024 * 1024)} Mio à cette ligne. Un historique "
            "tient en quelques centaines de Kio (l'Occitanie, deux ans : 111 Kio) ; découpez-le en plusieurs "
            "fichiers, importés ensemble.",
            path=path,
            line=data.count(b"\n", 0, MAX_BYTES) + 1,
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise HistoryFileError(
            f"le fichier n'est pas en UTF-8 (octet {error.start}) ; enregistrez-le en UTF-8.",
            path=path,
            line=data.count(b"\n", 0, error.start) + 1,
        ) from None
    try:
        return yaml.load(text, Loader=_Loader)
    except HistoryFileError as error:
        raise error.located(path) from None
    except yaml.reader.ReaderError as error:  # a control character: YAML allows none of them
        raise HistoryFileError(
            f"caractère interdit U+{error.character:04X} (un caractère de contrôle) ; retirez-le.",
            path=path,
            line=text.count("\n", 0, error.position) + 1,
        ) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        problem = error.problem or error.context or "syntaxe incorrecte"
        raise HistoryFileError(
            f"YAML illisible : {problem}. Vérifiez l'indentation et les deux-points.", path=path, line=line
        ) from None
    except yaml.YAMLError as error:
        raise HistoryFileError(f"YAML illisible : {error}.", path=path) from None
