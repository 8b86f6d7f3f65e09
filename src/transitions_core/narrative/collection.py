"""The cyclic garbage collector paused while a narrative is built or rendered.

Building a large cohort's view and rendering its report allocate hundreds of thousands of small objects,
nearly all alive until the end and without reference cycles: the collector's full passes over them grow
with the cohort, which made the report of 1,000 territories grow faster than the cohort (docs/
performance.md, figure 5). Paused for the length of one build or render, it collects any cycle afterwards.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """Pause the cyclic collector for the block (nested blocks leave it to the outermost one)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
