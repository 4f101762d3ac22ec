"""Refunds from Today's sales: partially then totally, the refund ticket previewed and saved
as PDF (screenshots), a local refusal sending nothing, a refusal of Mercado Pago in words."""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from pos_app.ledger.refunds import RefundStatus
from pos_app.sandbox.payments_api import book
from pos_app.ui.counter.main_window import MainWindow
from pos_app.ui.counter.sales_view import COL_STATUS
from pos_app.ui.day.refund_dialog import AMOUNT, LINES
from pos_app.ui.receipts.preview import ReceiptPreviewDialog
from tests.ui.conftest import saved_as, wait_settled
from tests.ui.test_ui_charging import WAIT
from tests.ui.test_ui_receipts import pay_a_sale

pytestmark = pytest.mark.gui


def refunded_at_mp(window: MainWindow, control: Any) -> Decimal:
    return sum((p.amount_refunded for p in control.state.payments.values()), Decimal(0))


def status_shown(sales: Any, ref: str) -> str:
    return str(sales.model.index(sales.model.row_of(ref), COL_STATUS).data())


def open_refund(window: MainWindow, qtbot: QtBot, ref: str) -> Any:
    sales = window.open_sales_dialog()
    sales.select_reference(ref)
    assert sales.refund_button.isEnabled()
    assert "left to refund $ 11.140,00" in sales.heading.text().replace("\u00a0", " ")
    opened: list[Any] = []
    sales.refundRequested.disconnect()
    sales.refundRequested.connect(lambda r: opened.append(window.open_refund(r)))
    sales.refund_button.click()
    dialog = opened[0]
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    return sales, dialog


def test_refund_partially_then_totally_with_the_refund_ticket(
    window: MainWindow, qtbot: QtBot, control: Any, qloop: Any, tmp_path: Path, screenshot: Any
) -> None:
    ref = pay_a_sale(window, qtbot, control)  # $ 11.140,00: 1 × 4.890 + 2 × 3.125
    sales, dialog = open_refund(window, qtbot, ref)
    assert "Left to refund: $\u00a011.140,00" in dialog.summary.text()
    assert dialog.lines.item(1, 2).text() == "$ 6.250,00"  # what the line was paid
    dialog.spins[1].setValue(1)  # one cheese back
    assert dialog.lines_amount.text() == "These items give back $\u00a03.125,00."
    assert dialog.by_lines.isChecked() and dialog.refund_button.isEnabled()
    screenshot(dialog, "70_refund_dialog")
    dialog.start_refund()
    qtbot.waitUntil(lambda: "refunded." in dialog.status.text(), timeout=WAIT)
    assert dialog.status.text() == "$\u00a03.125,00 refunded."
    assert "Left to refund: $\u00a08.015,00" in dialog.summary.text()
    assert dialog.spins[1].maximum() == 1  # one cheese left to give back
    assert refunded_at_mp(window, control) == Decimal(3125)
    screenshot(dialog, "71_refund_partial_done")
    sales.refresh()  # the table says what happened to the money, not just "Paid"
    assert status_shown(sales, ref) == "Partly refunded"  # the heading says "Paid, partly…"

    dialog.ticket_button.click()  # the refund ticket of this refund
    previews = window.findChildren(ReceiptPreviewDialog)
    assert previews, "no refund ticket preview"
    preview = previews[-1]
    qtbot.waitUntil(preview.isVisible, timeout=WAIT)
    shown = preview.view.toPlainText()
    assert "REFUND RECEIPT" in shown and "Original sale" in shown and ref in shown
    assert "REFUNDED" in shown and "$ 3.125,00" in shown and "1 × $ 3.125,00" in shown
    screenshot(preview, "72_refund_receipt_preview")
    pdf = tmp_path / "refund.pdf"
    preview.save_pdf(pdf)  # written on a worker: the status says when
    qtbot.waitUntil(lambda: saved_as(preview.status, pdf), timeout=WAIT)
    from pypdf import PdfReader  # here: the one test of this module that reads a PDF

    text = " ".join(unicodedata.normalize("NFKC", PdfReader(pdf).pages[0].extract_text()).split())
    assert "REFUND RECEIPT" in text and ref in text and "$ 3.125,00" in text
    preview.close()

    dialog.whole.setChecked(True)
    task = dialog.start_refund()
    assert task is not None
    # Answered, and the dialog's callbacks on it run: Refund is off until they put it back.
    wait_settled([task], WAIT)
    assert "$\u00a08.015,00 refunded." in dialog.status.text()
    assert "Left to refund: $\u00a00,00" in dialog.summary.text()
    assert not dialog.refund_button.isEnabled()
    assert refunded_at_mp(window, control) == Decimal(11140)
    dialog.close()
    sales.refresh()
    sales.select_reference(ref)
    assert "Refunded $ 11.140,00 — left to refund $ 0,00" in sales.heading.text().replace(
        "\u00a0", " "
    )
    assert status_shown(sales, ref) == "Refunded"
    assert sales.heading.text().startswith("Refunded — ")
    assert not sales.refund_button.isEnabled()
    screenshot(sales, "73_sales_after_refunds")
    sales.close()


def test_local_refusal_and_a_refusal_of_mercado_pago(
    window: MainWindow, qtbot: QtBot, control: Any, qloop: Any
) -> None:
    ref = pay_a_sale(window, qtbot, control)
    sales, dialog = open_refund(window, qtbot, ref)
    dialog.by_amount.setChecked(True)
    dialog.amount.setText("20.000,00")
    assert dialog.choice.checkedId() == AMOUNT and dialog.refund_button.isEnabled()
    before = len(control.state.request_log)
    dialog.start_refund()
    qtbot.waitUntil(lambda: "more than what is left" in dialog.status.text(), timeout=WAIT)
    assert control.state.request_log[before:] == []  # nothing sent, not even a GET
    assert window.refunds.store.for_sale(ref) == []

    book(control.state).switches(control.state.seller_id).partial_refunds = False
    dialog.amount.setText("1.000,00")
    dialog.start_refund()
    qtbot.waitUntil(lambda: "not refunded" in dialog.status.text(), timeout=WAIT)
    assert "only allows refunding the whole amount" in dialog.status.text()
    (row,) = window.refunds.store.for_sale(ref)
    assert row.status is RefundStatus.REFUSED
    assert dialog.choice.checkedId() != LINES
    dialog.close()
    sales.close()
