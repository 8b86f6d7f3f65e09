"""The event store's application, built when first needed: a read of a caught-up store never needs it.

Building `TransitionsApplication` imports eventsourcing's application, its persistence and our snapshot
model (about 50 ms of a read command's import time, issue 16). A read command of a SQLite store only
asks how far the log goes, which one query on the read model's own connection answers; the
application is built when something reads or writes events (a catch-up behind the log, `events`,
every write command).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from transitions_core.store.application import TransitionsApplication


class LazyApp:
    """One application, shared by every view of the read model, built on first use."""

    def __init__(
        self,
        build: Callable[[], TransitionsApplication],
        last_position: Callable[[], int] | None = None,
    ) -> None:
        self._build = build
        self._app: TransitionsApplication | None = None
        #: How far the log goes without the application (None: ask the application).
        self._last_position = last_position

    @classmethod
    def built(cls, app: TransitionsApplication) -> LazyApp:
        """An application already built (the eventsourcing one, or a stand-in in tests)."""
        holder = cls(lambda: app)
        holder._app = app
        return holder

    @property
    def is_built(self) -> bool:
        """Whether the application exists yet."""
        return self._app is not None

    def get(self) -> TransitionsApplication:
        """The application, built now if it was not."""
        if self._app is None:
            self._app = self._build()
        return self._app

    def last_position(self) -> int:
        """The id of the newest notification (0 for an empty store)."""
        if self._app is None and self._last_position is not None:
            return self._last_position()
        return self.get().last_position()

    def close(self) -> None:
        """Close the application, if it was built."""
        if self._app is not None:
            self._app.close()
