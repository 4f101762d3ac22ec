"""Esc or Close while a refund is being asked closed the refund dialog and canceled the refund
half-way: the cashier never saw whether the money went back (the row stayed pending, checked
only before the sale's next refund). The dialog now stays, says to wait, and shows the answer."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pos_app.ledger.refunds import RefundStatus
from pos_app.sandbox.payments_api import book
from pos_app.ui.counter.main_window import MainWindow
from tests.ui.conftest import wait_settled
from tests.ui.test_ui_charging import WAIT
from tests.ui.test_ui_receipts import pay_a_sale
from tests.ui.test_ui_refunds import open_refund, refunded_at_mp

pytestmark = pytest.mark.gui


@pytest.mark.parametrize("how", ["escape", "close_button"])
def test_closing_while_the_refund_is_asked_waits_for_its_answer(
    window: MainWindow, qtbot: QtBot, control: Any, how: str
) -> None:
    ref = pay_a_sale(window, qtbot, control)  # $ 11.140,00
    _sales, dialog = open_refund(window, qtbot, ref)
    dialog.spins[1].setValue(1)  # one cheese back: $ 3.125,00
    control.held.hold("/v1/payments")  # Mercado Pago answers when the test lets it
    task = dialog.start_refund()
    assert task is not None
    qtbot.waitUntil(lambda: bool(dialog.tasks.busy) and control.held.held > 0, timeout=WAIT)
    if how == "escape":
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert "Wait for Mercado Pago's answer" in dialog.status.text()
    else:  # off meanwhile, the reason beside it (and in its tooltip)
        assert not dialog.close_button.isEnabled()
        dialog.close_button.click()
        assert "Refunding" in dialog.status.text()
        assert "Wait for Mercado Pago's answer" in dialog.close_button.toolTip()
    assert dialog.isVisible() and not task.cancelled()
    control.held.answer()
    qtbot.waitUntil(lambda: "refunded." in dialog.status.text(), timeout=WAIT)
    wait_settled([task], WAIT)  # and the dialog's own callbacks on it (Close back on)
    assert task.done() and not task.cancelled()
    assert refunded_at_mp(window, control) == Decimal(3125)
    (row,) = window.refunds.store.for_sale(ref)
    assert row.status is RefundStatus.REFUNDED
    dialog.close_button.click()  # the answer shown: now it closes
    assert not dialog.isVisible()


def test_closing_the_window_while_a_refund_is_asked_waits_for_its_answer(
    window: MainWindow, qtbot: QtBot, control: Any
) -> None:
    ref = pay_a_sale(window, qtbot, control)
    _sales, dialog = open_refund(window, qtbot, ref)
    dialog.spins[1].setValue(1)
    control.held.hold("/v1/payments")  # Mercado Pago answers when the test lets it
    task = dialog.start_refund()
    assert task is not None
    qtbot.waitUntil(lambda: bool(dialog.tasks.busy) and control.held.held > 0, timeout=WAIT)
    window.close()  # the cashier quits (or Ctrl-C, SIGTERM: they close the window too)
    assert window.isVisible() and not window.was_closed and not task.cancelled()
    assert "Wait for Mercado Pago's answer" in dialog.status.text()
    control.held.answer()
    qtbot.waitUntil(lambda: window.was_closed, timeout=WAIT)  # once the refund has ended
    assert task.done() and not task.cancelled()
    assert refunded_at_mp(window, control) == Decimal(3125)
    (row,) = window.refunds.store.for_sale(ref)
    assert row.status is RefundStatus.REFUNDED


def test_close_is_off_while_the_refund_is_asked_and_on_with_its_answer(
    window: MainWindow, qtbot: QtBot, control: Any
) -> None:
    """Close stayed on while a refund was asked (pressing it only said to wait): it is off, with
    the reason on screen and in its tooltip, as Esc and the title bar's button keep the dialog;
    with the answer it is on again, nothing touched."""
    ref = pay_a_sale(window, qtbot, control)
    _sales, dialog = open_refund(window, qtbot, ref)
    dialog.spins[1].setValue(1)  # one cheese back: $ 3.125,00 of $ 11.140,00
    control.held.hold("/v1/payments")  # Mercado Pago answers when the test lets it
    task = dialog.start_refund()
    assert task is not None
    assert not dialog.close_button.isEnabled() and not dialog.refund_button.isEnabled()
    assert "Refunding" in dialog.status.text()
    assert "Wait for Mercado Pago's answer" in dialog.close_button.toolTip()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and "Wait for Mercado Pago's answer" in dialog.status.text()
    assert not task.done()
    control.held.answer()
    wait_settled([task], WAIT)  # and the dialog's own callbacks on it (its buttons back)
    # (a no-break space: the amount never wraps apart from its symbol)
    assert dialog.status.text() == "$\xa03.125,00 refunded."
    assert dialog.close_button.isEnabled() and not dialog.close_button.toolTip()
    dialog.close_button.click()
    assert not dialog.isVisible()


def test_a_refused_refund_can_be_asked_again_and_an_amount_refunded_is_not_offered_twice(
    window: MainWindow, qtbot: QtBot, control: Any
) -> None:
    """Refund stayed off after any answer until the form was touched (its last step ran while
    the refund was still busy): a refusal could not be retried as it stood. On again with the
    answer, and a refunded amount is cleared, so one press never gives it back twice."""
    ref = pay_a_sale(window, qtbot, control)
    _sales, dialog = open_refund(window, qtbot, ref)
    dialog.by_amount.setChecked(True)
    qtbot.keyClicks(dialog.amount, "1000")
    assert dialog.refund_button.isEnabled()
    switches = book(control.state).switches(control.state.seller_id)
    switches.partial_refunds = False  # refused by Mercado Pago: this account refunds all only
    task = dialog.start_refund()
    assert task is not None
    wait_settled([task], WAIT)  # and the dialog's own callbacks on it (its buttons back)
    assert "not refunded" in dialog.status.text()
    assert dialog.refund_button.isEnabled()  # the same amount, asked again as it stands
    switches.partial_refunds = True
    task = dialog.start_refund()
    assert task is not None
    wait_settled([task], WAIT)  # and the dialog's own callbacks on it (its buttons back)
    assert dialog.status.text() == "$\xa01.000,00 refunded."
    assert dialog.amount.text() == "" and not dialog.refund_button.isEnabled()
