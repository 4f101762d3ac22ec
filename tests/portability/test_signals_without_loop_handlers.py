"""Windows' event loops have no ``add_signal_handler``: Ctrl-C (and SIGTERM, and Ctrl-Break or
a closed console there) must still cancel a waiting ``charge --wait`` and verify the box, as on
POSIX. Simulated by making ``add_signal_handler`` raise NotImplementedError, as it does there."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from pos_app.cli import main
from pos_app.ledger.store import Ledger
from pos_app.settings import config as config_mod
from pos_app.settings import paths
from pos_app.system.console import stop_on_signals
from tests.checkout.harness import config_for, quick_cancel_recheck
from tests.thread_sandbox import ThreadSandbox

pytestmark = pytest.mark.posix  # os.kill(SIGINT)


def _unavailable(
    self: asyncio.AbstractEventLoop, sig: int, callback: object, *args: object
) -> None:
    raise NotImplementedError  # what ProactorEventLoop and SelectorEventLoop do on Windows


@pytest.fixture
def windows_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(asyncio.SelectorEventLoop, "add_signal_handler", _unavailable)


@pytest.fixture
def configured(monkeypatch: pytest.MonkeyPatch) -> Iterator[ThreadSandbox]:
    quick_cancel_recheck(monkeypatch)  # the cancel Ctrl-C starts waits for its second look
    with ThreadSandbox() as sb:
        monkeypatch.setenv("MP_API_BASE_URL", sb.base_url)
        monkeypatch.setenv("MP_ACCESS_TOKEN", sb.state.seller_token)
        config_mod.save(config_for(sb.state))
        yield sb


def test_ctrl_c_cancels_and_verifies_a_waiting_charge(
    configured: ThreadSandbox, windows_loop: None, capsys: pytest.CaptureFixture[str]
) -> None:
    pressed = threading.Event()

    def cashier_presses_ctrl_c() -> None:
        for _ in range(400):
            if configured.control("GET", "/_sandbox/boxes/CAJA01")["order"]:
                pressed.set()
                os.kill(os.getpid(), signal.SIGINT)
                return
            time.sleep(0.05)

    presser = threading.Thread(target=cashier_presses_ctrl_c)
    presser.start()
    code = main(
        [
            "charge",
            "--item",
            "Mate 🧉:1:1500",
            "--wait",
            "--timeout",
            "60",
            "--poll-interval",
            "0.2",
        ]
    )
    presser.join()
    err = capsys.readouterr().err
    assert pressed.is_set()
    assert code == 3, err  # the sale ended without payment: canceled, not "interrupted"
    assert "interrupted; canceling the order and verifying" in err
    assert configured.control("GET", "/_sandbox/boxes/CAJA01")["order"] is None  # box empty
    ledger = Ledger(paths.ledger_path(), exclusive=False)
    try:
        [sale] = ledger.all_sales()
    finally:
        ledger.close()
    assert sale.status.value == "canceled"


def test_python_handlers_stand_in_and_are_restored(windows_loop: None) -> None:
    before = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}

    async def scenario() -> str:
        stop = asyncio.Event()
        with stop_on_signals(asyncio.get_running_loop(), stop.set) as mode:
            signal.raise_signal(signal.SIGTERM)  # a service manager stopping the till
            await asyncio.wait_for(stop.wait(), 5)
        return mode

    assert asyncio.run(scenario()) == "python"
    assert {sig: signal.getsignal(sig) for sig in before} == before


def test_posix_loops_keep_watching_signals_themselves() -> None:
    async def scenario() -> str:
        stop = asyncio.Event()
        with stop_on_signals(asyncio.get_running_loop(), stop.set) as mode:
            signal.raise_signal(signal.SIGINT)
            await asyncio.wait_for(stop.wait(), 5)
        return mode

    assert asyncio.run(scenario()) == "loop"


def test_outside_the_main_thread_nothing_is_installed(windows_loop: None) -> None:
    modes: list[str] = []

    async def scenario() -> None:
        with stop_on_signals(asyncio.get_running_loop(), lambda: None) as mode:
            modes.append(mode)

    thread = threading.Thread(target=lambda: asyncio.run(scenario()))
    thread.start()
    thread.join(10)
    assert modes == ["none"]


@pytest.fixture
def windows_console(monkeypatch: pytest.MonkeyPatch) -> list[tuple[object, int]]:
    """``SetConsoleCtrlHandler`` recorded; ``WINFUNCTYPE`` stood in for by ``CFUNCTYPE``."""
    import ctypes
    from types import SimpleNamespace

    import pos_app.system

    registered: list[tuple[object, int]] = []

    def set_handler(handler: object, add: int) -> int:
        registered.append((handler, add))
        return 1

    kernel32 = SimpleNamespace(SetConsoleCtrlHandler=set_handler)
    monkeypatch.setattr(ctypes, "windll", SimpleNamespace(kernel32=kernel32), raising=False)
    monkeypatch.setattr(ctypes, "WINFUNCTYPE", ctypes.CFUNCTYPE, raising=False)
    monkeypatch.setattr(pos_app.system, "windows", lambda: True)
    return registered


def test_closing_the_console_is_held_until_the_sale_is_settled(
    windows_loop: None, windows_console: list[tuple[Any, int]]
) -> None:
    async def scenario() -> None:
        loop = asyncio.get_running_loop()
        stop = asyncio.Event()
        with stop_on_signals(loop, stop.set):
            [(handler, added)] = windows_console
            assert added == 1
            assert handler(0) == 0 and handler(1) == 0  # Ctrl-C / Ctrl-Break: Python's own
            assert not stop.is_set()
            # Windows calls the handler on a thread of its own when the window is closed.
            closing = loop.run_in_executor(None, handler, 2)
            await asyncio.wait_for(stop.wait(), 5)
            await asyncio.sleep(0.3)  # ... the cancel and its verification run here
            assert not closing.done()  # the process is held meanwhile
        assert await asyncio.wait_for(closing, 5) == 1  # then let go
        assert windows_console[-1] == (handler, 0)  # and the handler removed

    asyncio.run(scenario())


def test_a_console_close_is_held_no_longer_than_windows_allows(
    windows_loop: None, windows_console: list[tuple[Any, int]]
) -> None:
    async def scenario() -> float:
        loop = asyncio.get_running_loop()
        with stop_on_signals(loop, lambda: None, close_grace=0.2):
            handler = windows_console[0][0]
            started = time.monotonic()
            assert await loop.run_in_executor(None, handler, 2) == 1
            return time.monotonic() - started

    assert 0.15 < asyncio.run(scenario()) < 3
