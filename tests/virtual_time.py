"""An asyncio event loop on virtual time, for tests that would otherwise wait in real time.

``run_virtual(main())`` is ``asyncio.run(main())`` on a :class:`VirtualTimeLoop`: ``loop.time()``
is the real monotonic clock plus every stretch the loop skipped. Whenever the loop would sleep
until its next timer, and no socket is ready and no work is out in a thread, it does not sleep:
it moves its clock to that timer at once. So ``asyncio.sleep(600)``, ``wait_for(..., 30)``, the
engine's poll schedule and its expiry deadlines all pass in microseconds, in the same order and
with the same gaps as in real time, while real I/O (the sandbox and the engine talking over a
loopback socket, both in this loop) still flows as it comes.

Everything that times itself with ``loop.time()`` follows (asyncio's timeouts, httpx's through
anyio). Code with a clock of its own gets the loop's through its seams: :func:`monotonic` and
:func:`wall_clock` for the checkout engine's ``monotonic`` and ``clock``, and the sandbox
state's ``clock`` (``tests/checkout/harness.py`` wires them with ``virtual=True``).

Not for code that waits on another thread's or process's event loop (a sandbox served from a
thread, a subprocess): their answers come in real time, and the jump would not wait for them.
Work the loop itself sends to a thread (``run_in_executor``, ``asyncio.to_thread``, name
lookups) is waited for in real time: the clock never jumps while such a job is out.
"""

from __future__ import annotations

import asyncio
import selectors
import time
from collections.abc import Callable, Coroutine
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

T = TypeVar("T")


class _Selector:
    """The loop's selector, except that a wait with nothing to wait for becomes a jump."""

    def __init__(self, real: selectors.BaseSelector, loop: VirtualTimeLoop) -> None:
        self._real = real
        self._loop = loop

    def select(self, timeout: float | None = None) -> list[tuple[selectors.SelectorKey, int]]:
        if timeout is None or timeout <= 0 or self._loop.threads_out:
            return self._real.select(timeout)
        ready = self._real.select(0)
        if ready:
            return ready
        self._loop.skipped += timeout  # nothing can happen before the next timer: go there
        self._loop.jumps += 1
        return []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


class VirtualTimeLoop(asyncio.SelectorEventLoop):
    def __init__(self) -> None:
        super().__init__()
        self.skipped = 0.0  # seconds of virtual time the loop did not wait for
        self.jumps = 0
        self.threads_out = 0
        self._selector = _Selector(self._selector, self)  # type: ignore[has-type, assignment]
        self._wall_start = datetime.now(UTC)
        self._mono_start = self.time()

    def time(self) -> float:
        return time.monotonic() + self.skipped

    def wall(self) -> datetime:
        """Aware UTC wall clock that moves with the loop's clock."""
        return self._wall_start + timedelta(seconds=self.time() - self._mono_start)

    def run_in_executor(self, executor: Any, func: Callable[..., T], *args: Any) -> Any:
        future = super().run_in_executor(executor, func, *args)
        self.threads_out += 1

        def done(_: object) -> None:
            self.threads_out -= 1

        future.add_done_callback(done)
        return future


def run_virtual(main: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run(main)`` on virtual time."""
    with asyncio.Runner(loop_factory=VirtualTimeLoop) as runner:
        return runner.run(main)


def current() -> VirtualTimeLoop:
    loop = asyncio.get_running_loop()
    assert isinstance(loop, VirtualTimeLoop), "not on virtual time: use run_virtual()"
    return loop


def monotonic() -> Callable[[], float]:
    """The running virtual loop's clock, for a ``monotonic=`` seam."""
    return current().time


def wall_clock() -> Callable[[], datetime]:
    """A wall clock on the running virtual loop's time, for a ``clock=`` seam."""
    return current().wall
