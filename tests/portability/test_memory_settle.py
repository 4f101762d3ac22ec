"""Start-up's objects are frozen out of the collector's full passes (pos_app.system.memory)."""

from __future__ import annotations

import gc
import weakref

from pos_app.system.memory import settle_after_start_up


class Cycle:
    def __init__(self) -> None:
        self.me = self


def test_garbage_is_freed_first_and_what_is_left_is_frozen() -> None:
    before = gc.get_freeze_count()
    kept = [Cycle() for _ in range(100)]
    dropped = [weakref.ref(Cycle()) for _ in range(100)]  # unreachable cycles: start-up garbage
    try:
        frozen = settle_after_start_up()
        assert frozen >= before + 100  # the kept objects, now out of the full passes
        assert all(c.me is c for c in kept)
        assert all(ref() is None for ref in dropped)  # freed, not frozen for good
    finally:
        del kept
        gc.unfreeze()
        if before:  # the suite's worker had frozen what it collected (tests/parallel.py)
            gc.freeze()
