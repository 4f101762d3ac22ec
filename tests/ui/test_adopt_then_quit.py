"""The end of a day: Check with Mercado Pago, or Record a payment found there (adopt), then close
the window (or Ctrl-C, SIGTERM) while Mercado Pago is still answering. Quitting canceled the call
half-way: the payment found was not recorded (the day's totals short of what was charged),
nothing said. The window now waits for the call, as it does for the day's close, then closes."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pos_app.sandbox.payments_search import foreign_payment
from pos_app.ui.counter.main_window import MainWindow
from tests.ui.conftest import wait_done

pytestmark = pytest.mark.gui

WAIT = 10_000


def _found_at_mp(window: MainWindow, qtbot: QtBot, control: Any) -> Any:
    """The close dialog, checked: one payment Mercado Pago knows and the ledger does not."""
    box = control.state.box_or_404(control.state.box_external_id)
    foreign_payment(control.state, box, Decimal("777.00"))
    closing = window.day.open_close_day()
    qtbot.mouseClick(closing.reconcile_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: closing.reconciliation is not None, timeout=WAIT)
    result = closing.reconciliation
    assert result is not None and [p.amount for p in result.missing_in_ledger] == [Decimal(777)]
    return closing


def test_closing_the_window_while_a_payment_is_adopted_waits_for_it(
    window: MainWindow, qtbot: QtBot, control: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pos_app.ui.day import actions

    closing = _found_at_mp(window, qtbot, control)
    real_adopt = actions.adopt
    answered = asyncio.Event()
    asked: list[bool] = []

    async def slow_adopt(engine: Any, *args: Any, **kwargs: Any) -> Any:
        asked.append(True)
        await answered.wait()  # Mercado Pago still answering about the payment
        return await real_adopt(engine, *args, **kwargs)

    monkeypatch.setattr(actions, "adopt", slow_adopt)
    qtbot.mouseClick(closing.adopt_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(asked), timeout=WAIT)
    window.close()  # the cashier goes home
    assert window.isVisible() and not window.was_closed
    assert "closes once" in closing.reconcile_status.text()
    answered.set()
    qtbot.waitUntil(lambda: window.was_closed, timeout=WAIT)
    wait_done(window.tasks.cancel_all(), timeout=WAIT)  # as main() does once the window closed
    adopted = [s for s in window.rt.ledger.all_sales() if s.total == Decimal(777)]
    assert len(adopted) == 1 and adopted[0].status.value == "paid"


def test_closing_the_window_while_the_day_is_checked_waits_for_the_check(
    window: MainWindow, qtbot: QtBot, control: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pos_app.ui.day import actions

    real_check = actions.reconcile_day_with_mp
    answered = asyncio.Event()
    asked: list[Any] = []

    async def slow_check(engine: Any, *args: Any, **kwargs: Any) -> Any:
        asked.append(True)
        await answered.wait()
        return await real_check(engine, *args, **kwargs)

    monkeypatch.setattr(actions, "reconcile_day_with_mp", slow_check)
    closing = window.day.open_close_day()
    qtbot.mouseClick(closing.reconcile_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(asked), timeout=WAIT)
    window.close()
    assert window.isVisible() and not window.was_closed
    assert "closes once" in closing.reconcile_status.text()
    answered.set()
    qtbot.waitUntil(lambda: window.was_closed, timeout=WAIT)
    wait_done(window.tasks.cancel_all(), timeout=WAIT)
    assert closing.reconciliation is not None  # its answer was shown, not cut short
