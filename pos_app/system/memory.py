"""The objects of start-up, set aside from the garbage collector's full passes.

Once the window is ready, some 50,000 objects the collector tracks are there for good: the
modules, PySide6's classes and enums, the window's wrappers, the runtime. Python's full
collection walks every tracked object each time, on the GUI thread, wherever it lands (~20 ms of
them alone on the 2-core development machine, more with a month of sales read into the history);
``gc.freeze()`` moves them to a generation the collector no longer walks. One full collection
first, so that garbage of start-up is freed rather than kept for good.
"""

from __future__ import annotations

import gc


def settle_after_start_up() -> int:
    """Collect once, then freeze what is left; returns how many objects are frozen in all."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
