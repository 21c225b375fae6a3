"""Pausing the cyclic garbage collector while a parser builds a great many small objects at once.

CPython's collector runs after every few hundred new container objects and, as they survive, scans them again
in older generations: building a million line tuples, or a hundred thousand pydantic records, took up to half as
long again because of it. What the parsers build holds no reference cycles, so collecting after the build
instead of during it frees the same memory.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0  # callers inside a pause, in any thread: the last one out restores the collector
_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """Run the block with the cyclic collector off; it is turned back on after, if it was on before."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
