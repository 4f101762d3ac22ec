"""Start-up's objects are frozen out of the collector's full passes (pos_app.system.memory)."""

from __future__ import annotations

import gc
import weakref

from pos_app.system import memory
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
        gc.unfreeze()


def test_collection_paused_until_resumed_and_only_if_it_was_on() -> None:
    """``pos-app`` pauses the collector until the first frame (start-up time, issue 19)."""
    assert gc.isenabled()
    memory.pause_collection()
    try:
        assert not gc.isenabled()
        memory.pause_collection()  # already off: stays paused once
        memory.resume_collection()
        assert gc.isenabled()
        memory.resume_collection()  # twice: nothing
        assert gc.isenabled()
        gc.disable()  # off by someone else: never turned on by us
        memory.pause_collection()
        memory.resume_collection()
        assert not gc.isenabled()
    finally:
        gc.enable()
    before = gc.get_freeze_count()
    memory.pause_collection()
    kept = [Cycle() for _ in range(100)]
    try:
        memory.resume_collection(freeze=True)
        assert gc.isenabled()
        assert gc.get_freeze_count() >= before + 100  # what was made meanwhile, set aside
        assert all(c.me is c for c in kept)
    finally:
        gc.unfreeze()
