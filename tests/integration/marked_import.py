"""`transitions` with a line on standard output just before and just after each save's transaction.

The crash test runs this in a subprocess to aim some of its kills inside the save's transaction.
"""

from __future__ import annotations

from typing import Any

from transitions_core.cli.main import main
from transitions_core.store.application import TransitionsApplication

SAVING, SAVED = "<saving>", "<saved>"
_save = TransitionsApplication.save


def _marked_save(self: TransitionsApplication, *objs: Any, **kwargs: Any) -> Any:
    print(SAVING, flush=True)
    result = _save(self, *objs, **kwargs)
    print(SAVED, flush=True)
    return result


if __name__ == "__main__":
    TransitionsApplication.save = _marked_save  # type: ignore[method-assign]
    main()
