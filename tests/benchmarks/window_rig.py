"""The real cashier window in a benchmark process: offscreen Qt, qasync, the real runtime.

The sandbox runs in a process of its own (:func:`tests.benchmarks.common.sandbox_process`), so
whatever this process measures (event-loop stalls, resident memory) is the app's alone. Its
seeded seller, store and box are the same in every process, so the config is built from a local
``SandboxState.seeded()`` without asking.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

# PySide6 before qasync, or qasync may pick another Qt binding.
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

import qasync  # isort: skip

import httpx

from pos_app.app import demo_catalog_path, demo_config
from pos_app.domain.catalog import Product
from pos_app.mercadopago.credentials import AccessToken
from pos_app.runtime import Runtime, open_runtime
from pos_app.sandbox.state import SandboxState
from pos_app.ui.counter.main_window import MainWindow
from pos_app.ui.counter.sale_banner import BannerKind
from pos_app.ui.qtkit.bridge import EngineBridge
from pos_app.ui.qtkit.style import apply_stylesheet
from pos_app.ui.qtkit.workarounds import reserve_bool_references

CODES = ("7790580001018", "FIA001")


@dataclass
class WindowRig:
    rt: Runtime
    window: MainWindow
    control: httpx.AsyncClient
    box: str

    async def until(self, predicate: Callable[[], bool], timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise TimeoutError(f"not reached in {timeout:g} s")
            await asyncio.sleep(0.01)

    def fill_cart(self) -> None:
        for code in CODES:
            product = self.rt.ledger.catalog.lookup_code(code)
            assert isinstance(product, Product), code
            self.window.model.add_line(product.to_line())

    def banner(self) -> BannerKind:
        return self.window.payment.banner_kind

    async def pay(self, timeout: float = 60.0) -> None:
        """The customer pays (retried while the order is not on the box yet)."""
        deadline = time.monotonic() + timeout
        while True:
            response = await self.control.post(
                f"/_sandbox/boxes/{self.box}/pay", json={"outcome": "approved"}
            )
            if response.status_code < 300:
                return
            if time.monotonic() > deadline:
                response.raise_for_status()
            await asyncio.sleep(0.1)

    async def faults(self, **faults: Any) -> None:
        (await self.control.post("/_sandbox/faults", json=faults)).raise_for_status()

    async def clear_faults(self) -> None:
        (await self.control.delete("/_sandbox/faults")).raise_for_status()

    async def one_sale(self, *, paid_after: float = 0.0, recheck: bool = False) -> None:
        """Fill the cart, F5, let the customer pay, wait for "paid", Enter for a new sale."""
        self.fill_cart()
        self.window.charge()
        await self.until(lambda: self.banner() is not BannerKind.SENDING)
        if paid_after:
            await asyncio.sleep(paid_after)
        await self.pay()
        if recheck:
            await self.until(lambda: not self.window.busy)
            self.window.recheck_current()
        await self.until(lambda: self.banner() is BannerKind.PAID)
        self.window.new_sale()
        assert self.window.model.is_empty()


@asynccontextmanager
async def open_window(base_url: str) -> AsyncIterator[WindowRig]:
    state = SandboxState.seeded()
    config = demo_config(state).with_changes(order_ttl_minutes=10, sound_on_paid=False)
    async with (
        open_runtime(config=config, token=AccessToken(state.seller_token), base_url=base_url) as rt,
        httpx.AsyncClient(base_url=base_url, trust_env=False) as control,
    ):
        rt.ledger.catalog.import_csv(demo_catalog_path(), rt.site)
        bridge = EngineBridge(rt.engine.bus)
        window = MainWindow(rt, bridge)
        window.resize(1024, 768)
        window.show()
        try:
            yield WindowRig(rt, window, control, state.box_external_id)
        finally:
            for task in window.tasks.cancel_all():
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
            bridge.detach()
            window.close()
            window.deleteLater()


def run_qt(main: Callable[[], Any]) -> Any:
    """``qasync.run(main())`` with the app's own Qt set-up."""
    reserve_bool_references()
    app = QApplication.instance() or QApplication(["pos-app-bench"])
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)
    apply_stylesheet(app)
    return qasync.run(main())


class LatenessProbe:
    """A 5 ms precise timer; records how late each tick came (the longest event-loop stall)."""

    def __init__(self, interval_ms: int = 5) -> None:
        self.interval = interval_ms / 1000
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.lateness: list[float] = []

    def start(self) -> None:
        self.lateness.clear()
        self.last = time.perf_counter()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.lateness.append(max(0.0, now - self.last - self.interval))
        self.last = now

    @property
    def worst(self) -> float:
        return max(self.lateness, default=0.0)
