"""The end of a day: Close the day, then close the window (or Ctrl-C, SIGTERM) while the close
still checks the open sales with Mercado Pago. Quitting canceled the close half-way: no close
recorded, the counted cash typed gone, nothing said (the next day began on top of the old
one). The window now waits for the close, then closes."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from pos_app.ui.counter.main_window import MainWindow

pytestmark = pytest.mark.gui

WAIT = 10_000


def test_closing_the_window_while_the_day_closes_waits_for_the_close(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pos_app.ui.day import actions

    real_close = actions.close_day
    checked = asyncio.Event()
    asked: list[bool] = []

    async def slow_close(engine: Any, **kwargs: Any) -> Any:
        asked.append(True)
        await checked.wait()  # Mercado Pago still answering about the open sales
        return await real_close(engine, **kwargs)

    monkeypatch.setattr(actions, "close_day", slow_close)
    dialog = window.day.open_close_day()
    dialog.counted.setText("1500")
    dialog.request_close()
    qtbot.waitUntil(lambda: bool(asked), timeout=WAIT)
    window.close()  # the cashier goes home
    assert window.isVisible() and not window.was_closed
    assert "closes once" in dialog.heading.text()
    checked.set()
    qtbot.waitUntil(lambda: window.was_closed, timeout=WAIT)
    assert dialog.report is not None and dialog.report.counted_cash == Decimal(1500)
