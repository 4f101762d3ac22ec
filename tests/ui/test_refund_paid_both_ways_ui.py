"""The Refund dialog of a sale paid both in cash and with Mercado Pago: it says so, asks which
part goes back (none chosen for the cashier), and gives each back its own way, up to what it
took (until 2026-12-02 it offered the cash alone: $ 11.140,00 of the $ 22.280,00 that came in)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from pos_app.domain.sale import Tender
from pos_app.ui.counter.main_window import MainWindow
from tests.ui.conftest import wait_settled
from tests.ui.test_ui_charging import WAIT
from tests.ui.test_ui_receipts import pay_a_sale

pytestmark = pytest.mark.gui


def shown(button: Any) -> str:
    return str(button.text()).replace("&", "")  # without the mnemonic's mark


def test_each_part_is_given_back_the_way_it_came(
    window: MainWindow, qtbot: QtBot, control: Any, qloop: Any, screenshot: Any
) -> None:
    ref = pay_a_sale(window, qtbot, control)  # $ 11.140,00 with Mercado Pago
    # And in cash: as the engine leaves a cash sale Mercado Pago reports paid after it ended.
    window.rt.ledger.update_sale(
        ref,
        {"tender": Tender.CASH, "late_payment": True},
        now=datetime.now(UTC),
        kind="checked",
        cause="test",
    )
    dialog = window.open_refund(ref)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    text = dialog.summary.text().replace("\u00a0", " ")
    assert "Paid $ 22.280,00" in text and "Paid twice" in text
    assert dialog.way_row.isVisible() and dialog.tender() is None
    assert shown(dialog.way_cash) == "In cash (up to $ 11.140,00)"
    assert shown(dialog.way_qr) == "Through Mercado Pago (up to $ 11.140,00)"
    assert not dialog.refund_button.isEnabled()  # which way first
    assert dialog.start_refund() is None
    screenshot(dialog, "refund_paid_both_ways")

    dialog.way_qr.setChecked(True)
    assert shown(dialog.whole) == "Everything left ($ 11.140,00)"
    assert dialog.refund_button.isEnabled()
    task = dialog.start_refund()
    assert task is not None
    # Answered, and the dialog's callbacks on it run: Refund is off until they put it back.
    wait_settled([task], WAIT)
    assert dialog.status.text() == "$\u00a011.140,00 refunded."
    refunded = sum((p.amount_refunded for p in control.state.payments.values()), Decimal(0))
    assert refunded == Decimal(11140)  # through Mercado Pago
    assert shown(dialog.way_qr) == "Through Mercado Pago (up to $ 0,00)"
    assert not dialog.refund_button.isEnabled()

    dialog.way_cash.setChecked(True)
    dialog.by_amount.setChecked(True)
    dialog.amount.setText("1.000,00")
    before = len(control.state.request_log)
    dialog.start_refund()
    qtbot.waitUntil(lambda: "$\u00a01.000,00 refunded." in dialog.status.text(), timeout=WAIT)
    assert control.state.request_log[before:] == []  # cash: nothing sent
    rows = window.refunds.store.for_sale(ref)
    assert [(r.tender, r.amount) for r in rows] == [
        (Tender.QR, Decimal(11140)),
        (Tender.CASH, Decimal(1000)),
    ]
    dialog.close()


def test_a_sale_damaged_on_disk_names_its_damage_instead_of_opening_the_refund(
    window: MainWindow, qtbot: QtBot, control: Any
) -> None:
    """The late-payment bar's "Give the cash back…" and the history's Refund read the sale
    again: one edited by hand since (an amount no one can pay) is said, no dialog, no traceback."""
    import sqlite3

    from PySide6.QtWidgets import QApplication, QMessageBox

    ref = pay_a_sale(window, qtbot, control)
    with sqlite3.connect(window.rt.ledger.path) as conn:
        conn.execute("UPDATE sales SET paid_amount = 'NaN' WHERE external_reference = ?", (ref,))
    assert window.open_cash_refund(ref) is None
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    shown = [b for b in boxes if b.objectName() == "errorBox" and b.isVisible()]
    assert shown and ref in shown[-1].text() and "paid_amount" in shown[-1].text()
    for box in shown:
        box.close()
