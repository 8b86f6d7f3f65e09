"""The error of a history file: always with the file, and the line when it is known."""

from __future__ import annotations

from pathlib import Path

from transitions_core.errors import TransitionsError


class HistoryFileError(TransitionsError):
    """A history (or scenario) file that cannot be imported; nothing was written."""

    def __init__(self, message: str, *, path: Path | None = None, line: int | None = None) -> None:
        self.message = message
        self.path = path
        self.line = line
        super().__init__(self.__str__())

    def located(self, path: Path) -> HistoryFileError:
        """The same error, attached to a file."""
        return HistoryFileError(self.message, path=path, line=self.line)

    def __str__(self) -> str:
        where = str(self.path) if self.path else "<historique>"
        if self.line:
            where += f":{self.line}"
        # One line whatever the file holds: a key or a value quoted in the message may span lines.
        return f"{where}: {self.message}".replace("\r", "\\r").replace("\n", "\\n")
