"""Log a flood of refusals as one line and a count, not one line each.

A flood of forged or throttled notifications must not fill the log (or the disk): the first
refusal of a kind is logged at once with its details, the rest of the burst are counted, and
``window`` seconds later one line says how many more there were.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class _Burst:
    started: float
    level: int
    more: int = 0
    timer: asyncio.TimerHandle | None = None


class BurstLog:
    def __init__(
        self,
        logger: logging.Logger,
        *,
        window: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.logger = logger
        self.window = window
        self._clock = clock
        self._bursts: dict[str, _Burst] = {}

    def log(self, kind: str, level: int, msg: str, *args: object) -> None:
        """Log ``msg % args`` unless a burst of ``kind`` is under way; then only count it."""
        now = self._clock()
        burst = self._bursts.get(kind)
        if burst is not None:
            if now - burst.started < self.window:
                burst.more += 1
                return
            self._flush(kind)  # no event loop ran the timer: close the old burst now
        self.logger.log(level, msg, *args)
        burst = self._bursts[kind] = _Burst(now, level)
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        burst.timer = loop.call_later(self.window, self._flush, kind)

    def flush(self) -> None:
        """Log the counts of every burst now (shutting down)."""
        for kind in list(self._bursts):
            self._flush(kind)

    def _flush(self, kind: str) -> None:
        burst = self._bursts.pop(kind, None)
        if burst is None:
            return
        if burst.timer is not None:
            burst.timer.cancel()
        if burst.more:
            self.logger.log(
                burst.level, "%d more like it (%s) in %.0f s", burst.more, kind, self.window
            )


class RepeatFilter(logging.Filter):
    """For a logger we do not own (uvicorn's): a message repeated within ``window`` seconds is
    dropped and counted; the next one after the window says how many were dropped."""

    def __init__(self, window: float = 10.0, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.window = window
        self._clock = clock
        self._seen: dict[str, tuple[float, int]] = {}  # message -> (burst start, dropped)

    def filter(self, record: logging.LogRecord) -> bool:
        key = str(record.msg)
        now = self._clock()
        started, dropped = self._seen.get(key, (None, 0))
        if started is not None and now - started < self.window:
            self._seen[key] = (started, dropped + 1)
            return False
        if len(self._seen) > 256:  # bounded whatever the messages
            self._seen.clear()
        self._seen[key] = (now, 0)
        if dropped:
            record.msg = f"{record.msg} ({dropped} more like it before)"
        return True


def quiet_repeats(logger_name: str) -> None:
    """Install one :class:`RepeatFilter` on ``logger_name`` (idempotent)."""
    logger = logging.getLogger(logger_name)
    if not any(isinstance(f, RepeatFilter) for f in logger.filters):
        logger.addFilter(RepeatFilter())
