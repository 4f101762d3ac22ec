"""Opt-in stress: a future's done callbacks run late, to show which tests race them.

asyncio runs the callbacks added with ``add_done_callback`` a loop turn after ``done()`` turns
true. A test that waits for ``task.done`` and then reads what those callbacks set (a button put
back, a label, a page's count of running checks) passes almost always and fails now and then on
a loaded machine. With ``POS_APP_LATE_DONE_CALLBACKS=<milliseconds>`` the window tests' loop
holds asyncio back that long whenever a done callback of this project's code (pos_app or the
tests) is due, so such a test fails every time:

    POS_APP_LATE_DONE_CALLBACKS=50 python -m pytest tests/ui tests/i18n

Only the moment changes, never the order: asyncio runs what ``call_soon`` was given in the order
it was given, and the product counts on it (a dialog deleted "after its canceled calls' last
steps" is deleted by a callback queued after theirs). So from the late callback on, everything
``call_soon`` is given (task steps, wake-ups, other callbacks) waits behind it, and all of it is
let go, in order, once the time is up; Qt's own events, timers and sockets go on meanwhile, and so
does the test's ``qtbot.waitUntil``. A test that waits for a callback of its own added after the
product's (``wait_done``, ``tests.ui.conftest.wait_settled``) or for what it then asserts
still passes; one that waits for ``task.done`` and reads at once sees the callbacks not run yet.

What it cannot show: an assertion that reads the same before the callbacks as after them ("Refund
is off" while the refund is asked, and once it is over with nothing left) passes either way, so
it proves nothing about them. Such a test was found by making a callback do the wrong thing
(Refund put back on) and seeing the test still pass under the stress.
"""

from __future__ import annotations

import asyncio
import functools
import os
from collections import deque
from pathlib import Path
from typing import Any

ENV = "POS_APP_LATE_DONE_CALLBACKS"
_ROOT = Path(__file__).resolve().parents[2]
_OURS = (str(_ROOT / "pos_app") + os.sep, str(_ROOT / "tests") + os.sep)


def delay_wanted() -> float | None:
    """The delay in seconds asked for in the environment, or None (the default: no stress)."""
    value = os.environ.get(ENV, "").strip()
    return float(value) / 1000 if value not in ("", "0") else None


def install(loop: asyncio.AbstractEventLoop, delay: float) -> None:
    """From now on, ``loop`` runs this project's done callbacks ``delay`` seconds late."""
    on_time = loop.call_soon
    held: deque[asyncio.Handle] = deque()

    def release() -> None:
        # Each on a turn of its own, as call_soon would have; what comes meanwhile, after them.
        while held:
            on_time(_run_unless_cancelled, held.popleft())

    def call_soon(callback: Any, *args: Any, context: Any = None) -> asyncio.Handle:
        # Future._schedule_callbacks (Python and C): loop.call_soon(callback, future, context=)
        late = (
            len(args) == 1
            and isinstance(args[0], asyncio.Future)
            and args[0].done()
            and _ours(callback)
        )
        if not held and not late:
            return on_time(callback, *args, context=context)
        if not held:
            loop.call_later(delay, release)
        handle = asyncio.Handle(callback, args, loop, context=context)
        held.append(handle)
        return handle

    loop.call_soon = call_soon  # type: ignore[method-assign]


def _run_unless_cancelled(handle: asyncio.Handle) -> None:
    if not handle.cancelled():
        handle._run()


def _ours(callback: Any) -> bool:
    """``callback`` was added by pos_app or a test (a function of theirs, or a bound method of a
    plain collection, as a keeper's ``tasks.discard``), not by asyncio or a library."""
    while isinstance(callback, functools.partial):
        callback = callback.func
    code = getattr(getattr(callback, "__func__", callback), "__code__", None)
    if code is not None:
        return str(code.co_filename).startswith(_OURS)
    return isinstance(getattr(callback, "__self__", None), (set, list, dict))
