"""The objects of start-up, set aside from the garbage collector's full passes.

Once the window is ready, some 50,000 objects the collector tracks are there for good: the
modules, PySide6's classes and enums, the window's wrappers, the runtime. Python's full
collection walks every tracked object each time, on the GUI thread, wherever it lands (~20 ms of
them alone on the 2-core development machine, more with a month of sales read into the history);
``gc.freeze()`` moves them to a generation the collector no longer walks. One full collection
first, so that garbage of start-up is freed rather than kept for good.

Before the first frame the collector does not run at all (:func:`pause_collection`, start-up
time, issue 19): the imports and the window make ~30,000 objects that stay and almost no
garbage (66 unreachable objects at the first frame), and the ~50 collections they triggered,
each walking what was new, cost ~10 ms of the first frame. Once it is painted, what is there is
frozen at once (a collection would walk all of it, ~5 ms) and the collector runs again.
"""

from __future__ import annotations

import gc

_paused = False


def pause_collection() -> None:
    """No garbage collection until :func:`resume_collection` (from the start of ``pos-app`` to
    the window's first frame). Does nothing if the collector is already off."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_collection(*, freeze: bool = False) -> None:
    """The collector on again, if :func:`pause_collection` turned it off; ``freeze``: first set
    every object made meanwhile aside from its passes (what the first frame made: modules,
    PySide6's classes and enums, the window)."""
    global _paused
    if not _paused:
        return
    _paused = False
    if freeze:
        gc.freeze()
    gc.enable()


def settle_after_start_up() -> int:
    """Collect once, then freeze what is left; returns how many objects are frozen in all."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
