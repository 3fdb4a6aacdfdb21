"""Python's memory management around work that makes many objects at once."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block (and none resumed if it was off already).

    Making many objects that live on, even for a while, starts collections, and the objects
    that outlive a few of them get a full collection, which traverses every object of the
    process: reading a large build's state, or a batch of docs next to a loaded pipeline. Use
    it where what is made holds no cycles that must be freed before the block ends.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
