"""The Refund dialog's note (why the money goes back): optional, limited to the ledger's length,
written with the refund, printed on its ticket and shown in the sales history (screenshot)."""

from __future__ import annotations

from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from pos_app.domain.text_fields import REFUND_NOTE
from pos_app.ledger.refunds import RefundStatus
from pos_app.sandbox.payments_api import book
from pos_app.ui.counter.main_window import MainWindow
from pos_app.ui.receipts.preview import ReceiptPreviewDialog
from tests.ui.test_ui_charging import WAIT
from tests.ui.test_ui_receipts import pay_a_sale
from tests.ui.test_ui_refunds import open_refund

pytestmark = pytest.mark.gui


def test_a_refund_with_a_note_keeps_it_on_the_row_the_ticket_and_the_history(
    window: MainWindow, qtbot: QtBot, control: Any, qloop: Any, screenshot: Any
) -> None:
    ref = pay_a_sale(window, qtbot, control)  # $ 11.140,00: 1 × 4.890 + 2 × 3.125
    sales, dialog = open_refund(window, qtbot, ref)
    assert dialog.note.text() == "" and dialog.note.isEnabled()  # optional
    assert dialog.note.maxLength() == REFUND_NOTE.limit
    assert dialog.note_label.buddy() is dialog.note
    assert (
        dialog.note_label.text().replace("&", "") == "Reason for the refund:"
    )  # less its Alt+letter
    assert "defective" in dialog.note.placeholderText()
    dialog.spins[1].setValue(1)  # one cheese back
    qtbot.keyClicks(dialog.note, "Queso vencido")
    assert dialog.refund_button.isEnabled()
    dialog.resize(dialog.sizeHint().expandedTo(dialog.size()))
    screenshot(dialog, "74_refund_dialog_with_note")
    # Visible, beside its label, below the items and above the status and buttons.
    assert dialog.note.isVisible() and dialog.note.width() > 300
    assert dialog.note.geometry().top() > dialog.lines.geometry().bottom()
    assert dialog.note.geometry().bottom() < dialog.refund_button.geometry().top()
    dialog.start_refund()
    qtbot.waitUntil(lambda: "refunded." in dialog.status.text(), timeout=WAIT)
    (row,) = window.refunds.store.for_sale(ref)
    assert row.status is RefundStatus.REFUNDED and row.note == "Queso vencido"
    assert row.reason == ""
    assert dialog.note.text() == ""  # the next refund of the sale says its own reason

    dialog.ticket_button.click()
    preview = window.findChildren(ReceiptPreviewDialog)[-1]
    qtbot.waitUntil(preview.isVisible, timeout=WAIT)
    assert "Reason: Queso vencido" in preview.view.toPlainText()
    preview.close()
    dialog.close()

    sales.refresh()
    sales.select_reference(ref)
    assert sales.refunds.isVisible() and sales.refunds.rowCount() == 1
    assert sales.refunds.horizontalHeaderItem(2).text() == "Reason"
    assert sales.refunds.item(0, 2).text() == "Queso vencido"
    screenshot(sales, "75_sales_history_refund_note")
    sales.close()


def test_a_pasted_note_stops_at_the_limit_and_control_characters_are_cleaned(
    window: MainWindow, qtbot: QtBot, control: Any, qloop: Any
) -> None:
    ref = pay_a_sale(window, qtbot, control)
    sales, dialog = open_refund(window, qtbot, ref)
    dialog.note.setText("x" * 1000)
    assert len(dialog.note.text()) == REFUND_NOTE.limit
    dialog.note.setText("cobrado\tdos veces\u202e\x07")
    dialog.by_amount.setChecked(True)
    dialog.amount.setText("1.000,00")
    dialog.start_refund()
    qtbot.waitUntil(lambda: "refunded." in dialog.status.text(), timeout=WAIT)
    (row,) = window.refunds.store.for_sale(ref)
    assert row.note == "cobrado dos veces"
    dialog.close()
    sales.close()


def test_a_refusal_keeps_the_note_typed_for_the_next_try(
    window: MainWindow, qtbot: QtBot, control: Any, qloop: Any
) -> None:
    ref = pay_a_sale(window, qtbot, control)
    sales, dialog = open_refund(window, qtbot, ref)
    book(control.state).switches(control.state.seller_id).insufficient_balance = True
    dialog.note.setText("Charged twice")
    dialog.start_refund()
    qtbot.waitUntil(lambda: "not refunded" in dialog.status.text(), timeout=WAIT)
    (row,) = window.refunds.store.for_sale(ref)
    assert row.status is RefundStatus.REFUSED and row.note == "Charged twice"
    assert row.reason == "insufficient_balance"  # Mercado Pago's, kept apart
    assert dialog.note.text() == "Charged twice"
    dialog.close()
    sales.close()
