"""Load a YAML file (a history or a scenario) into values that remember their lines; every error names the line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from transitions_core.history.errors import HistoryFileError
from transitions_core.history.yaml_errors import french_problem
from transitions_core.history.yaml_reader import MAX_BYTES, TOO_DEEP, Cycle, Reader
from transitions_core.history.yaml_values import LineDict, LineList

__all__ = ["LineDict", "LineList", "load_yaml", "parse_yaml"]


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
    return parse_yaml(text, path)


def parse_yaml(text: str, path: Path | None = None) -> Any:
    """Parse YAML text read from `path` (for the messages), with the limits and checks of `load_yaml`."""
    where = path or Path("<yaml>")
    try:
        return Reader(text).document()
    except HistoryFileError as error:
        raise error.located(where) from None
    except Cycle as cycle:
        raise HistoryFileError(
            "cet alias YAML (*nom) renvoie au bloc même qui le contient ; recopiez les valeurs au lieu d'y renvoyer.",
            path=where,
            line=cycle.line,
        ) from None
    except yaml.reader.ReaderError as error:  # a control character: YAML allows none of them
        character = chr(error.character) if isinstance(error.character, int) else str(error.character)
        at = text.find(character)
        raise HistoryFileError(
            f"caractère interdit U+{ord(character):04X} (un caractère de contrôle) ; retirez-le.",
            path=where,
            line=text.count("\n", 0, at) + 1 if at >= 0 else None,
        ) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        # libyaml stops at 1,000 levels by itself, before this reader counts them.
        message = (
            TOO_DEEP
            if "nesting depth" in str(error.problem)
            else f"YAML illisible : {french_problem(error)}."
        )
        raise HistoryFileError(message, path=where, line=mark.line + 1 if mark else None) from None
    except yaml.YAMLError:
        raise HistoryFileError("YAML illisible : syntaxe incorrecte.", path=where) from None
