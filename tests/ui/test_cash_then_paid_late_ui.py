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
