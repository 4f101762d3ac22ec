"""A blocking call held on a worker thread until the window's own timer lets it go.

Proves that file or network work runs off the window's thread: the held call records the
thread it ran on, and only a window that keeps processing events ticks its timer
(:meth:`Held.tick`), which releases the call after a few ticks (or never, ``release_after_ticks
= 0``: the test releases it). A hold never released ends after :data:`HELD_AT_MOST` with
TimeoutError: the window's thread was waiting in it.
"""

from __future__ import annotations

import threading

HELD_AT_MOST = 5.0  # s


class Held:
    def __init__(self, release_after_ticks: int = 3) -> None:
        self.release = threading.Event()
        self.entered = threading.Event()
        self.holding = False
        self.threads: list[threading.Thread] = []
        self.ticks_while_held = 0
        self.release_after_ticks = release_after_ticks

    def hold(self) -> None:
        """Called by the stand-in: wait here until released."""
        self.threads.append(threading.current_thread())
        self.holding = True
        self.entered.set()
        try:
            if not self.release.wait(HELD_AT_MOST):
                raise TimeoutError("never released: the window's thread was waiting here")
        finally:
            self.holding = False

    def tick(self) -> None:
        """The window's timer: counts ticks while a call is held, releases it after a few."""
        if self.holding:
            self.ticks_while_held += 1
            if self.release_after_ticks and self.ticks_while_held >= self.release_after_ticks:
                self.release.set()
