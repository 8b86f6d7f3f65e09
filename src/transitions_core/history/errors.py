"""The error of a history file: always with the file, and the line when it is known."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from transitions_core.errors import TransitionsError

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError


class HistoryFileError(TransitionsError):
    """A history (or scenario) file that cannot be imported; nothing was written."""

    def __init__(
        self, message: str, *, path: Path | None = None, line: int | None = None, example: str | None = None
    ) -> None:
        self.message = message
        self.path = path
        self.line = line
        #: YAML that shows how to write it, printed indented under the message.
        self.example = example
        super().__init__(self.__str__())

    def located(self, path: Path) -> HistoryFileError:
        """The same error, attached to a file."""
        return HistoryFileError(self.message, path=path, line=self.line, example=self.example)

    def __str__(self) -> str:
        where = str(self.path) if self.path else "<historique>"
        if self.line:
            where += f":{self.line}"
        # One line whatever the file holds: a key or a value quoted in the message may span lines.
        text = f"{where}: {self.message}".replace("\r", "\\r").replace("\n", "\\n")
        if self.example:
            text += "".join(f"\n    {line}" for line in self.example.splitlines())
        return text


class CorrectedEntryInvalid(Exception):
    """A correction that would leave its target entry invalid as a whole event (the file reader says where)."""

    def __init__(self, error: ValidationError, target_type: type[BaseModel]) -> None:
        super().__init__(str(error))
        self.error = error
        self.target_type = target_type
