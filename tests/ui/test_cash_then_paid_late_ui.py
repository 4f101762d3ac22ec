"""The window: a sale taken in cash ("Customer pays cash") whose QR payment Mercado Pago reports
after it ended (the customer had scanned too). The late-payment bar says it was paid twice and
offers to give the cash back as a refund (the cash stays the sale's: the close that counted it
keeps it); the close preview counts the QR payment when it landed, the cash once, the cash
refund out of the drawer. Until 2026-12-02 the sale's tender became QR: the bar said "If you
also took cash, give it back" (by hand, nothing recorded) and the drawer came out short."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pos_app.domain.money import site_for
from pos_app.domain.sale import SaleStatus, Tender
from pos_app.ui.counter.main_window import MainWindow
from pos_app.ui.counter.sale_banner import BannerKind

pytestmark = pytest.mark.gui
WAIT = 10_000


def test_cash_sale_paid_late_offers_the_cash_back(
    window: MainWindow, qtbot: QtBot, control: Any, run: Any
) -> None:
    ledger = window.rt.ledger
    ledger.day.open_shift("Ana", Decimal("0"), now=datetime.now(UTC))
    product = ledger.catalog.lookup_code("ALM012")
    assert product is not None
    window.model.add_line(product.to_line())
    qtbot.keyClick(window.scan, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.payment.banner_kind is BannerKind.WAITING, timeout=WAIT)
    scanned = control._call("POST", f"/_sandbox/boxes/{control.state.box_external_id}/scan")
    qtbot.mouseClick(window.payment.cash_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.payment.banner_kind is BannerKind.CASH, timeout=WAIT)
    sale = window.current_sale
    assert sale is not None
    reference, total = sale.external_reference, sale.total
    qtbot.keyClick(window.payment, Qt.Key.Key_Return)  # the cashier moves on

    control._call("POST", f"/_sandbox/merchant_orders/{scanned['id']}/pay", {})
    # The engine's look (its after-cancel watch comes every 15 s; asked now, as a restart's).
    run(window.rt.engine.reconcile(reference))
    qtbot.waitUntil(window.late_bar.isVisible, timeout=WAIT)
    late = ledger.get_sale(reference)
    assert late is not None and late.status is SaleStatus.PAID and late.tender is Tender.CASH
    text = window.late_bar.label.text()
    assert reference in text and "paid twice" in text and "also took cash" not in text
    assert window.late_bar.cash_reference == reference and window.late_bar.refund_cash.isVisible()

    preview = ledger.day.preview(site_for(late.site_id), now=datetime.now(UTC))
    assert preview.totals == {"mercadopago_qr": total, "cash": total}
    assert preview.sales_count == 1 and preview.expected_cash == total


def test_cash_given_back_before_the_late_qr_payment_offers_no_cash_refund(
    window: MainWindow, qtbot: QtBot, control: Any, run: Any, screenshot: Any
) -> None:
    """A cash sale refunded in cash (the customer changed their mind), then Mercado Pago
    reports its QR paid: the customer paid by QR alone and the cash already went back. The bar
    said "paid twice ... Give the cash back" and offered a cash refund there was no cash for
    (the Refund dialog refused it). Given back in part, the bar says what is left."""
    ledger = window.rt.ledger
    ledger.day.open_shift("Ana", Decimal("0"), now=datetime.now(UTC))
    product = ledger.catalog.lookup_code("ALM012")
    assert product is not None
    window.model.add_line(product.to_line())
    qtbot.keyClick(window.scan, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.payment.banner_kind is BannerKind.WAITING, timeout=WAIT)
    scanned = control._call("POST", f"/_sandbox/boxes/{control.state.box_external_id}/scan")
    qtbot.mouseClick(window.payment.cash_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.payment.banner_kind is BannerKind.CASH, timeout=WAIT)
    sale = window.current_sale
    assert sale is not None
    reference = sale.external_reference
    qtbot.keyClick(window.payment, Qt.Key.Key_Return)  # the cashier moves on
    run(window.refunds.refund(reference, tender=Tender.CASH))  # all of its cash, back

    control._call("POST", f"/_sandbox/merchant_orders/{scanned['id']}/pay", {})
    run(window.rt.engine.reconcile(reference))
    qtbot.waitUntil(window.late_bar.isVisible, timeout=WAIT)
    late = ledger.get_sale(reference)
    assert late is not None and late.status is SaleStatus.PAID and late.tender is Tender.CASH
    text = window.late_bar.label.text()
    assert reference in text and "after its cash had been given back" in text
    assert "paid twice" not in text and "no cash to give back" in text
    assert not window.late_bar.refund_cash.isVisible() and window.late_bar.cash_reference == ""
    screenshot(window, "late_bar_cash_already_given_back")

    # Half of it given back before: the bar names what is left, and offers it.
    window.late_bar.acknowledge()
    window.late_bar.add(late, late.total / 2)
    text = window.late_bar.label.text()
    assert "paid twice" in text and "was not given back yet" in text
    assert window.late_bar.cash_reference == reference and window.late_bar.refund_cash.isVisible()
