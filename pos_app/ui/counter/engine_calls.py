"""The cashier's calls into the engine, and whether Mercado Pago is answering slowly.

Two ways to notice slowness, both without touching the network from here: a call the cashier
started (charge, cancel, re-check) still running after a second, and any request the client
reports (through its ``observer`` hook, background polls included) that took more than a second.
One quick answer clears the notice.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from pos_app.ui.qtkit.async_utils import TaskKeeper
from pos_app.ui.qtkit.workarounds import emit

if TYPE_CHECKING:
    import asyncio

    from pos_app.mercadopago.client import MercadoPagoClient

SLOW_AFTER = 1.0  # seconds before a request counts as "Mercado Pago is answering slowly"
SLOW_NOTICE_FOR = 8.0  # how long one slow background answer keeps the notice up


class EngineCalls(QObject):
    slowChanged = Signal(bool)

    def __init__(
        self, tasks: TaskKeeper, parent: QObject | None = None, *, slow_after: float = SLOW_AFTER
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        # Seconds before a call or a request counts as slow (a window test's may be shorter).
        self.slow_after = slow_after
        self._inflight: dict[int, float] = {}  # call id -> monotonic start (+ its normal wait)
        self._ids = 0
        self._slow_until = 0.0
        self._slow = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._check)

    @property
    def busy(self) -> bool:
        return bool(self._inflight)

    @property
    def slow(self) -> bool:
        return self._slow

    def run(
        self,
        coro: Coroutine[Any, Any, Any],
        *,
        on_error: Callable[[BaseException], None] | None = None,
        takes: float = 0.0,
    ) -> asyncio.Task[None]:
        """Start ``coro`` as a kept task (returned); errors go to ``on_error`` or ``show_error``.

        ``takes``: seconds the call waits *by design* (a cancel looks twice, two seconds apart);
        it only counts as slow a second after that, never for its normal pause."""
        self._ids += 1
        call_id = self._ids
        self._inflight[call_id] = time.monotonic() + max(0.0, takes)
        self._timer.start(int((self.slow_after + max(0.0, takes)) * 1000) + 50)

        async def tracked() -> None:
            try:
                await coro
            finally:
                self._inflight.pop(call_id, None)
                self._check()

        return self._tasks.spawn(tracked(), on_error=on_error)

    def watch(self, client: MercadoPagoClient) -> None:
        """Hear about every request ``client`` makes (keeps any observer already there)."""
        previous = client.observer

        def observe(method: str, path: str, status: int | None, seconds: float) -> None:
            if previous is not None:
                previous(method, path, status, seconds)
            if seconds >= self.slow_after:
                self._slow_until = time.monotonic() + SLOW_NOTICE_FOR
            elif status is not None:
                self._slow_until = 0.0  # a quick answer: Mercado Pago is fine again
            self._check()

        client.observer = observe

    def _check(self) -> None:
        now = time.monotonic()
        oldest = min(self._inflight.values(), default=None)
        slow_after = self.slow_after
        slow = now < self._slow_until or (oldest is not None and now - oldest >= slow_after)
        # Look again when the answer could change: at the end of the notice, or when the
        # oldest running call crosses the one-second line.
        wake = [self._slow_until - now] if now < self._slow_until else []
        if oldest is not None and now - oldest < slow_after:
            wake.append(oldest + slow_after - now)
        if wake:
            self._timer.start(int(min(wake) * 1000) + 50)
        if slow != self._slow:
            self._slow = slow
            emit(self.slowChanged, slow)
