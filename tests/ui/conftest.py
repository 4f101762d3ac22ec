"""Fixtures for the window tests: one qasync loop, the sandbox in-process, a real runtime.

The loop follows the design notes: one ``qasync.QEventLoop`` for the whole session, marked as the
running loop for each test and never stopped (stopping it calls ``QApplication.exit()`` and every
later ``qtbot.wait*`` would time out). Coroutines are started as tasks and the test waits with
``qtbot.waitUntil``, which spins Qt's event loop and with it every task.

The runtime is the real one (ledger in the per-test ``POS_APP_HOME``, the real client and engine)
talking to the sandbox through ``httpx.ASGITransport``; only its timings are shortened so a test
takes seconds, not minutes.
"""

from __future__ import annotations

import asyncio
import dataclasses
import os
import sqlite3
from collections.abc import Callable, Coroutine, Iterable, Iterator
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest
import qasync
from pytestqt.qtbot import QtBot

from pos_app.app import demo_catalog_path, demo_config
from pos_app.domain.money import site_for
from pos_app.ledger.store import Ledger
from pos_app.mercadopago.credentials import AccessToken
from pos_app.mercadopago.retry import RetryPolicy
from pos_app.runtime import Runtime, open_runtime
from pos_app.sandbox.app import create_sandbox_app
from pos_app.sandbox.state import SandboxState
from pos_app.settings import paths
from pos_app.settings.config import PollSchedule
from pos_app.system.files import private_file
from pos_app.ui.counter.main_window import MainWindow
from pos_app.ui.qtkit.bridge import EngineBridge
from tests.ui import late_callbacks

T = TypeVar("T")

SANDBOX_URL = "http://127.0.0.1:9"  # never dialled: the transport is in-process
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
# Pictures for a person to look at: ``POS_APP_SCREENSHOTS=1 python -m pytest tests/ui tests/i18n``.
# Not by default: the suite drew ~230 of them, and writing them was ~8 s of its CPU and 470 MB of
# disk on every run that nobody looked at. The windows are still drawn (``grab``) either way.
SCREENSHOTS_WANTED = os.environ.get("POS_APP_SCREENSHOTS", "") not in ("", "0")
FAST_POLL = PollSchedule(fast=0.2, medium=0.5, slow=1.0, with_notifications=0.5)
PHONE_POLL = 0.1  # the demo's customer's phone (quicken_demo)


class _StartupFailed(AssertionError):
    pass


@pytest.fixture(autouse=True)
def _no_blocking_startup_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """``pos_app.app.main()`` tells a failed start-up in a modal message box, which nobody can
    close in an offscreen test: the run would hang until the timeout. Here it fails the test
    with the message instead."""
    from PySide6.QtWidgets import QMessageBox

    def critical(_parent: object, title: str, text: str, *_args: object) -> Any:
        raise _StartupFailed(f"{title}: {text}")

    # On the class: pos_app.app imports QMessageBox only when it has something to say.
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(critical))


@pytest.fixture(autouse=True)
def settled_after_start_up(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The app ends its start-up with :func:`pos_app.system.memory.settle_after_start_up` (a
    full collection, then ``gc.freeze()``). In a test worker that collected the worker's whole
    heap, every earlier test's objects (~250 ms of CPU a call after ~190 window tests; 221
    samples, ~4.4 s, in a profile of the suite), and froze it for good: what a later test let
    go in a cycle was never freed. Here ``run_windows`` has the call recorded
    (the freeze count it would have returned) instead; the function itself is tested in
    tests/portability/test_memory_settle.py, and that ``run_windows`` calls it, once its
    windows are up, in test_ui_colombia.py and test_ui_demo_mode.py."""
    import gc

    from pos_app.system import memory

    calls: list[int] = []

    def record() -> int:
        calls.append(gc.get_freeze_count())
        return calls[-1]

    monkeypatch.setattr(memory, "settle_after_start_up", record)
    return calls


@pytest.fixture(scope="session")
def _session_loop(qapp: Any) -> Iterator[qasync.QEventLoop]:
    # Screenshots show what the cashier sees: the stylesheet was set when the application was
    # made (the root conftest's qapp), before any widget existed.
    loop = qasync.QEventLoop(qapp)
    late = late_callbacks.delay_wanted()  # opt-in stress, off by default: see late_callbacks.py
    if late is not None:
        late_callbacks.install(loop, late)
    yield loop
    loop.close()  # while qapp is still alive


@pytest.fixture
def qloop(_session_loop: qasync.QEventLoop, qtbot: QtBot) -> Iterator[qasync.QEventLoop]:
    asyncio.events._set_running_loop(_session_loop)  # what already_running=True does
    yield _session_loop
    pending = [t for t in asyncio.all_tasks(_session_loop) if not t.done()]
    for task in pending:
        task.cancel()
    wait_done(pending, timeout=3000)
    asyncio.events._set_running_loop(None)  # plain asyncio.run() tests still work


def wait_done(futures: Iterable[asyncio.Future[Any]], timeout: int) -> None:
    """Spin Qt's event loop (and with it every task) until all ``futures`` are done, at most
    ``timeout`` ms; ``TimeoutError`` after that, as ``qtbot.waitUntil``.

    Back as soon as the last one is done: ``qtbot.waitUntil`` looks every 10 ms, with a new
    event loop and timer each time (~0.2 ms of CPU for a look, and up to 10 ms of wall time
    after the future is done), for each of the ~450 coroutines the window tests run to the
    end and the tasks they wait for at the end of a test."""
    wait_settled([f for f in futures if not f.done()], timeout)


def wait_settled(futures: Iterable[asyncio.Future[Any]], timeout: int) -> None:
    """As :func:`wait_done`, and then the callbacks the product added to them have run too.

    asyncio runs a future's done callbacks a loop turn *after* ``done()`` turns true, in the
    order they were added. What they do (a keeper's error handler, a dialog's buttons put back
    at the end of its call, a page's "no longer busy") is not there yet when
    ``qtbot.waitUntil(task.done)`` returns: a test that reads it then races them (the refund
    dialog's test lost once in CI: "Refund still off"). Here a callback of the test's own is
    added to each, after the product's, and waited for: a future already done is waited for
    as well. ``POS_APP_LATE_DONE_CALLBACKS`` (tests/ui/late_callbacks.py) makes the race
    show."""
    pending = list(futures)
    if not pending:
        return
    from PySide6.QtCore import QEventLoop, QTimer

    spin = QEventLoop()
    ran: list[asyncio.Future[Any]] = []

    def one_ran(future: asyncio.Future[Any]) -> None:
        ran.append(future)
        if len(ran) == len(pending):
            spin.quit()

    for future in pending:
        future.add_done_callback(one_ran)  # never at once: on a later turn, even if done
    QTimer.singleShot(timeout, spin, spin.quit)
    spin.exec()
    for future in pending:
        future.remove_done_callback(one_ran)
    if len(ran) < len(pending):
        raise TimeoutError(f"not done in {timeout} milliseconds: {pending}")


class Runner:
    """Run a coroutine to completion from a (synchronous) test by spinning Qt."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot

    def __call__(self, coro: Coroutine[Any, Any, T], timeout: int = 10_000) -> T:
        task = asyncio.ensure_future(coro)
        wait_done([task], timeout)
        return task.result()


@pytest.fixture
def run(qloop: qasync.QEventLoop, qtbot: QtBot) -> Runner:
    return Runner(qtbot)


@pytest.fixture
def sandbox_state() -> SandboxState:
    return SandboxState.seeded()


class HeldAnswers:
    """The sandbox's ASGI app, with Mercado Pago's answers under a path held back on request.

    ``hold(prefix)``: requests whose path starts with ``prefix`` reach Mercado Pago only once
    ``answer()`` lets them go (``answer`` first: they go through at once). "Mercado Pago
    answers slowly" for exactly as long as a test needs to look at the window meanwhile: a
    latency fault had to outlast the test's own steps on a loaded machine, and every test
    then waited all of it. Nothing held, it only passes requests on."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self._prefix: str | None = None
        self._go: asyncio.Event | None = None
        self.held = 0  # requests waiting for ``answer()`` now

    def hold(self, prefix: str) -> None:
        self._prefix, self._go = prefix, asyncio.Event()

    def answer(self) -> None:
        if self._go is not None:
            self._go.set()
        self._prefix = self._go = None

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        go = self._go
        if go is not None and self._prefix and str(scope.get("path", "")).startswith(self._prefix):
            self.held += 1
            try:
                await go.wait()
            finally:
                self.held -= 1
        await self.app(scope, receive, send)


@pytest.fixture
def sandbox_app(sandbox_state: SandboxState) -> HeldAnswers:
    return HeldAnswers(create_sandbox_app(sandbox_state))


class Control:
    """The sandbox's control API, as the customer (and the test) uses it."""

    def __init__(
        self, http: httpx.AsyncClient, state: SandboxState, run: Runner, held: HeldAnswers
    ) -> None:
        self.http = http
        self.state = state
        self.run = run
        self.held = held  # ``control.held.hold(prefix)`` … ``control.held.answer()``

    def _call(self, method: str, path: str, body: Any = None) -> Any:
        async def go() -> Any:
            response = await self.http.request(method, path, json=body)
            response.raise_for_status()
            return response.json() if response.content else None

        return self.run(go())

    def box(self) -> dict[str, Any]:
        return self._call("GET", f"/_sandbox/boxes/{self.state.box_external_id}")

    def pay(self, outcome: str = "approved") -> dict[str, Any]:
        return self._call(
            "POST", f"/_sandbox/boxes/{self.state.box_external_id}/pay", {"outcome": outcome}
        )

    def expire(self) -> dict[str, Any]:
        return self._call("POST", f"/_sandbox/boxes/{self.state.box_external_id}/expire")

    def faults(self, **faults: Any) -> None:
        self._call("POST", "/_sandbox/faults", faults)

    def clear_faults(self) -> None:
        self._call("DELETE", "/_sandbox/faults")

    def revoke_token(self) -> None:
        self._call("POST", "/_sandbox/tokens/revoke", {"token": self.state.seller_token})


@pytest.fixture
def control(
    sandbox_app: HeldAnswers, sandbox_state: SandboxState, run: Runner
) -> Iterator[Control]:
    http = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=sandbox_app), base_url="http://sandbox"
    )
    yield Control(http, sandbox_state, run, sandbox_app)
    run(http.aclose())


class _DemoLedgers:
    """A new ledger with the demo catalog imported, made once per site and worker and copied
    for each test (SQLite's backup API, with an identity of its own, as a new ledger gets).
    Making one was ~15 ms of CPU (its schema, then 44 products through the import), the same
    file for each of the ~190 window tests; the import's own tests are in tests/ledger."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.made: dict[tuple[str, Path], sqlite3.Connection] = {}

    def _template(self, site_id: str) -> sqlite3.Connection:
        csv = demo_catalog_path(site_id)
        key = (site_id, csv)
        if key not in self.made:
            path = self.folder / f"{site_id}.sqlite3"
            ledger = Ledger(path)
            try:
                report = ledger.catalog.import_csv(csv, site_for(site_id))
                assert not report.errors and report.imported >= 35
            finally:
                ledger.close()
            self.made[key] = sqlite3.connect(path)
        return self.made[key]

    def copy_to(self, site_id: str, path: Path) -> None:
        template = self._template(site_id)
        private_file(path)  # 0600 from the start, as the app makes it
        copy = sqlite3.connect(path)
        try:
            template.backup(copy)
            with copy:
                copy.execute("UPDATE ledger_identity SET id = lower(hex(randomblob(16)))")
        finally:
            copy.close()

    def close(self) -> None:
        for conn in self.made.values():
            conn.close()


@pytest.fixture(scope="session")
def _demo_ledgers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[_DemoLedgers]:
    ledgers = _DemoLedgers(tmp_path_factory.mktemp("demo_ledgers"))
    yield ledgers
    ledgers.close()


@pytest.fixture
def runtime(
    sandbox_app: HeldAnswers, sandbox_state: SandboxState, run: Runner, _demo_ledgers: _DemoLedgers
) -> Iterator[Runtime]:
    stack = AsyncExitStack()
    config = demo_config(sandbox_state).with_changes(order_ttl_minutes=1, poll=FAST_POLL)
    own_ledger = paths.ledger_path().exists()  # a test made it: the catalog is added to it
    if not own_ledger:
        _demo_ledgers.copy_to(config.site_id, paths.ledger_path())
    rt = run(
        stack.enter_async_context(
            open_runtime(
                config=config,
                token=AccessToken(sandbox_state.seller_token),
                base_url=SANDBOX_URL,
                http_transport=httpx.ASGITransport(app=sandbox_app),
            )
        )
    )
    # Shorter waits than a real counter uses, so each test takes seconds.
    rt.client.retry = RetryPolicy(max_attempts=2, base_delay=0.05, max_delay=0.1, total_budget=1)
    rt.engine.settings = dataclasses.replace(
        rt.engine.settings, cancel_recheck_delay=0.3, trouble_backoff_max=0.5
    )
    if own_ledger:
        report = rt.ledger.catalog.import_csv(demo_catalog_path(sandbox_state.site_id), rt.site)
        assert not report.errors and report.imported >= 35
    assert rt.ledger.catalog.count() >= 35  # the demo catalog is there
    yield rt
    sandbox_app.answer()  # what a failed test still held goes through: nothing waits for it
    run(stack.aclose())


@pytest.fixture
def window(runtime: Runtime, qtbot: QtBot, run: Runner) -> Iterator[MainWindow]:
    bridge = EngineBridge(runtime.engine.bus)
    win = MainWindow(runtime, bridge)
    # Not qtbot.addWidget: pytest-qt would delete the window before this fixture's teardown.
    win.resize(1024, 768)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    yield win
    wait_done(win.tasks.cancel_all(), timeout=3000)
    bridge.detach()
    win.close()
    win.deleteLater()


def look_now(window: MainWindow) -> None:
    """The engine looks at its waiting sales at once, as a notification from Mercado Pago makes
    it, not at the poll schedule's next look: for a test that has just changed what there is to
    see (the customer paid, the order expired) and is not about when the poll comes."""
    window.rt.engine.poller.wake_all()


def quick_cancel(window: MainWindow) -> None:
    """A cancel's second look comes at once (``cancel_recheck_delay``, two seconds at a counter
    and 0.3 s in the ``runtime`` fixture): for a test that needs a canceled sale, not the pause."""
    engine = window.rt.engine
    engine.settings = dataclasses.replace(engine.settings, cancel_recheck_delay=0.0)


def quicken_demo(window: MainWindow, phone: Any) -> None:
    """The demo's own timings (``run_windows(demo=True)``: the engine looks at Mercado Pago
    every second, the customer's phone at the box every 0.3 s) shortened as the ``runtime``
    fixture's are: each look in a demo test waited for one of them."""
    window.rt.engine.settings = dataclasses.replace(window.rt.engine.settings, poll=FAST_POLL)
    phone.poll_seconds = PHONE_POLL


def keep_picture(picture: Any, name: str) -> Path | None:
    """A drawn ``QImage``/``QPixmap``: saved as ``artifacts/screenshots/<name>`` (``.png`` unless
    ``name`` has a suffix) when POS_APP_SCREENSHOTS asks for pictures; always checked drawn."""
    assert not picture.isNull(), name
    if not SCREENSHOTS_WANTED:
        return None
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    if not path.suffix:
        path = path.with_suffix(".png")
    assert picture.save(str(path)), path
    return path


Screenshot = Callable[[Any, str], "Path | None"]


def settle(rounds: int = 3) -> None:
    """Deliver what Qt has queued (layout requests, style re-polishes, resize and zero-delay
    timers), a few rounds deep, without waiting on the clock: what a fixed ``qtbot.wait(30)``
    was for, in microseconds instead of 30 ms."""
    from PySide6.QtCore import QCoreApplication

    for _ in range(rounds):
        QCoreApplication.sendPostedEvents()
        QCoreApplication.processEvents()


@pytest.fixture
def screenshot(qtbot: QtBot) -> Screenshot:
    """``screenshot(widget, name)`` draws ``widget`` and keeps the picture (:func:`keep_picture`)."""

    def save(widget: Any, name: str) -> Path | None:
        settle()  # pending layouts and style re-polishes land in the picture
        if SCREENSHOTS_WANTED:
            qtbot.wait(30)  # and, for a person's eyes, whatever a short timer still repaints
        return keep_picture(widget.grab(), name)

    return save


def saved_as(label: Any, path: Path) -> bool:
    """A dialog's "Saved as …" line for ``path``: the sentence, with the path whole in the
    tooltip (shown shortened in its middle to one line: ``show_saved_path``)."""
    text = label.text()
    shown = text.removeprefix("Saved as ").removesuffix(".")
    return (
        text.startswith("Saved as ")
        and label.toolTip() == str(path)
        and (shown == str(path) or ("…" in shown and str(path).endswith(shown.split("…")[-1])))
    )
