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

import pytest

from pos_app.cli import main
from pos_app.ledger.store import Ledger
from pos_app.settings import config as config_mod
from pos_app.settings import paths
from pos_app.system.console import stop_on_signals
from tests.checkout.harness import config_for
from tests.checkout.test_cli import ThreadSandbox

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
