"""Bulk-load helper: pause the cyclic garbage collector while building large structures.

Loading a 100,000-term word list allocates a few hundred thousand tuples; each allocation
burst triggers a collection that walks every object alive, so the collector alone cost
about a third of the load time. None of these objects form reference cycles, so collecting
during the load only wastes time. The pause is process-wide but brief, and is only lifted by
the caller that started it (nested or concurrent loads do not re-enable it early).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    if was_enabled:
        gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
