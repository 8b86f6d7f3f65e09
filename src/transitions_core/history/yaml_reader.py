"""Build a YAML document from the parser's events, with the limits that bound what a file may cost.

Values are built straight from the parser's events (libyaml's when PyYAML has it), without PyYAML's tree
of nodes: that tree took about 700 bytes for each value of the file, before anything was checked. An
alias (`*name`) is the very object its anchor built, never a copy; what it would weigh once copied is
counted as the file is read, and a file whose aliases multiply it is refused before anything is serialised.
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml

from transitions_core.history.errors import HistoryFileError
from transitions_core.history.yaml_values import SAME_LINE, LineDict, LineList

#: Deeper than this, a file is not a history but an attempt to exhaust the parser's recursion.
MAX_DEPTH = 40
#: Integers beyond this are refused at load: JSON readers lose precision past 2**53, orjson fails past 2**64.
MAX_INTEGER = 2**53
#: Bytes read at most. Reading costs about 0.5 s and 50 MB of memory per MiB at worst (docs/operations.md),
#: and the whole Occitanie history (two years, eight territories) is 111 KiB: a larger file is split.
MAX_BYTES = 2 * 1024 * 1024
#: Aliases may make a file weigh, once expanded, this many times what is written in it (values and bytes
#: of text alike)...
EXPANSION = 4
#: ...plus this much, so that a small file may reuse a block a few times.
SPARE_VALUES = 10_000
SPARE_BYTES = 256 * 1024

TOO_DEEP = f"YAML imbriqué sur plus de {MAX_DEPTH} niveaux ; un historique ou un scénario n'en demande que quelques-uns."

_PARSER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAG = "tag:yaml.org,2002:"
#: What YAML refuses written raw, refused here when written as an escape ("\0", "\x07", "\x9b") too.
_FORBIDDEN = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_MERGE = object()


class Cycle(Exception):
    """An alias inside the very node it names."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


class Reader:
    """Builds the document from the parser's events, counting what its aliases would weigh if copied."""

    def __init__(self, text: str) -> None:
        # Typed loosely: the stubs leave the parser's event methods untyped.
        self.parser: Any = _PARSER(text)
        self.anchors: dict[str, tuple[Any, int, int]] = {}
        self.open: set[str] = set()
        # Values and bytes of text written in the file, and what they amount to with aliases expanded.
        self.written = [0, 0]
        self.expanded = [0, 0]

    def document(self) -> Any:
        parser = self.parser
        try:
            parser.get_event()  # stream start
            if parser.check_event(yaml.StreamEndEvent):
                return None
            parser.get_event()  # document start
            value = self.node(1)
            parser.get_event()  # document end
            if not parser.check_event(yaml.StreamEndEvent):
                raise HistoryFileError(
                    "un seul document par fichier : retirez le « --- » ou le « ... » en trop.",
                    line=_line(parser.peek_event()),
                )
            return value
        finally:
            parser.dispose()

    def node(self, depth: int) -> Any:
        event = self.parser.get_event()
        if depth > MAX_DEPTH:
            raise HistoryFileError(TOO_DEEP, line=_line(event))
        if isinstance(event, yaml.AliasEvent):
            return self.alias(event)
        anchor = getattr(event, "anchor", None)
        before = (self.expanded[0], self.expanded[1])
        if anchor is not None:
            self.open.add(anchor)
        if isinstance(event, yaml.ScalarEvent):
            value = self.scalar(event)
        elif isinstance(event, yaml.SequenceStartEvent):
            value = self.sequence(event, depth)
        elif isinstance(event, yaml.MappingStartEvent):
            value = self.mapping(event, depth)
        else:  # the parser sends nothing else where a value is expected
            raise HistoryFileError("YAML illisible : valeur attendue.", line=_line(event))
        if anchor is not None:
            self.open.discard(anchor)
            size = (self.expanded[0] - before[0], self.expanded[1] - before[1])
            self.anchors[anchor] = (value, *size)
        return value

    def count(self, values: int, size: int) -> None:
        self.written[0] += values
        self.written[1] += size
        self.expanded[0] += values
        self.expanded[1] += size

    def alias(self, event: yaml.AliasEvent) -> Any:
        name = event.anchor or ""
        if name in self.open:
            raise Cycle(_line(event))
        if name not in self.anchors:
            raise HistoryFileError(
                f"l'alias « *{name} » renvoie à une ancre « &{name} » que le fichier ne définit pas plus haut.",
                line=_line(event),
            )
        value, values, size = self.anchors[name]
        self.expanded[0] += values
        self.expanded[1] += size
        if (
            self.expanded[0] > EXPANSION * self.written[0] + SPARE_VALUES
            or self.expanded[1] > EXPANSION * self.written[1] + SPARE_BYTES
        ):
            raise HistoryFileError(
                f"les alias YAML (*nom) démultiplient ce fichier : arrivé ici, il pèserait plus de {EXPANSION} fois "
                f"ce qui y est écrit ({_count(self.expanded[0])} valeurs pour {_count(self.written[0])} écrites, "
                f"{_size(self.expanded[1])} de texte pour {_size(self.written[1])}) ; recopiez les valeurs au lieu "
                "d'y renvoyer.",
                line=_line(event),
            )
        return value

    def sequence(self, event: yaml.SequenceStartEvent, depth: int) -> LineList:
        _check_tag(event, "seq")
        self.count(1, 0)
        result = LineList()
        result.line = _line(event)
        while not self.parser.check_event(yaml.SequenceEndEvent):
            result.item_lines.append(_line(self.parser.peek_event()))
            result.append(self.node(depth + 1))
        self.parser.get_event()
        return result

    def mapping(self, event: yaml.MappingStartEvent, depth: int) -> LineDict:
        _check_tag(event, "map")
        self.count(1, 0)
        result = LineDict()
        result.line = _line(event)
        while not self.parser.check_event(yaml.MappingEndEvent):
            line = _line(self.parser.peek_event())
            key = self.node(depth + 1)
            value = self.node(depth + 1)
            pairs = _merged(value, line) if key is _MERGE else [(key, value, line)]
            for name, item, where in pairs:
                name = name if isinstance(name, str) else str(name)
                if name in result:
                    raise HistoryFileError(
                        f"la clé « {name} » apparaît deux fois dans le même bloc "
                        f"(déjà à la ligne {result.line_of(name)}) ; gardez-en une seule.",
                        line=where,
                    )
                result[name] = item
                if where != result.line:
                    if result.key_lines is SAME_LINE:
                        result.key_lines = {}
                    result.key_lines[name] = where  # type: ignore[index]
        self.parser.get_event()
        return result

    def scalar(self, event: yaml.ScalarEvent) -> Any:
        text = event.value
        self.count(1, len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass")))
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.parser.resolve(yaml.ScalarNode, text, event.implicit)
        kind = tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag
        line = _line(event)
        if kind in ("str", "timestamp"):  # dates stay text: the history's dates are EDTF
            return _checked_text(text, line)
        if kind == "int":
            return _integer(self.parser, text, line)
        if kind == "float":
            number = float(self.parser.construct_yaml_float(yaml.ScalarNode(tag, text)))
            if not math.isfinite(number):
                raise HistoryFileError(
                    f"nombre « {text} » infini ou indéfini ; écrivez un nombre fini (ex. 2.5).", line=line
                )
            return number
        if kind == "bool":
            return self.parser.construct_yaml_bool(yaml.ScalarNode(tag, text))
        if kind == "null":
            return None
        if kind == "merge":
            return _MERGE
        raise _refused(tag, line)


def _merged(value: Any, line: int) -> list[tuple[Any, Any, int]]:
    """The pairs a merge key (`<<: *base`) brings in, with the line of each in its own block."""
    blocks = value if isinstance(value, LineList) else [value]
    if not all(isinstance(block, LineDict) for block in blocks):
        raise HistoryFileError(
            "« << » fusionne un bloc de clés (<<: *nom), ou une liste de blocs.", line=line
        )
    return [(key, item, block.line_of(key)) for block in blocks for key, item in block.items()]


def _checked_text(text: str, line: int) -> str:
    bad = _FORBIDDEN.search(text)
    if bad is None:
        return text
    start = bad.start()
    before = text[max(0, start - 30) : start]
    code = ord(text[start])
    if 0xD800 <= code <= 0xDFFF:  # a "\ud800" escape: no store, no file can hold it
        what = f"caractère invalide \\u{code:04x} (une moitié de paire UTF-16)"
    else:
        what = f"caractère interdit U+{code:04X} (un caractère de contrôle, écrit tel quel ou par un échappement comme « \\0 »)"
    raise HistoryFileError(f"{what} dans « {before}… » ; retirez-le.", line=line)


def _integer(parser: Any, text: str, line: int) -> int:
    digits = sum(char.isdigit() for char in text)
    # Checked before converting: Python refuses to convert more than 4,300 digits, and slowly.
    if digits <= 20:
        value = int(parser.construct_yaml_int(yaml.ScalarNode(_TAG + "int", text)))
        if abs(value) <= MAX_INTEGER:
            return value
    raise HistoryFileError(
        f"nombre démesuré ({digits} chiffres) ; aucun historique ni scénario n'en demande autant "
        f"(au plus {len(str(MAX_INTEGER))} chiffres).",
        line=line,
    )


def _check_tag(event: yaml.CollectionStartEvent, kind: str) -> None:
    if event.tag is not None and event.tag not in ("!", _TAG + kind):
        raise _refused(event.tag, _line(event))


def _refused(tag: str, line: int) -> HistoryFileError:
    # SafeLoader refuses the Python tags too; this says why in words a coordinator can act on.
    return HistoryFileError(
        f"étiquette YAML « {tag.replace(_TAG, '!!')} » refusée : un historique ou un scénario ne contient que "
        "du texte, des nombres, des listes et des blocs.",
        line=line,
    )


def _line(event: yaml.Event) -> int:
    mark = event.start_mark
    return int(mark.line) + 1 if mark else 0


def _count(count: int) -> str:
    return f"{count:,}".replace(",", "\u202f")


def _size(count: int) -> str:
    return f"{count / 1024 / 1024:.1f} Mio" if count >= 1024 * 1024 else f"{math.ceil(count / 1024)} Kio"
