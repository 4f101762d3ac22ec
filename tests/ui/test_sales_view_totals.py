"""The sales history's summary line counts money as the day's close does: a sale taken in cash
whose QR payment also arrived late was paid twice, and both amounts are in the totals."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest

from pos_app.domain.money import site_for
from pos_app.domain.sale import SaleStatus, Tender
from pos_app.ui.counter.sales_view import TodaySalesDialog
from tests.receipts.test_discounts import discounted_sale

pytestmark = pytest.mark.gui


def test_a_cash_sale_paid_again_by_qr_counts_in_both(qtbot: Any) -> None:
    base = discounted_sale()  # $ 9.100,00
    qr = replace(base, external_reference="A-QR", status=SaleStatus.PAID, tender=Tender.QR)
    cash = replace(
        base, external_reference="B-CASH", status=SaleStatus.CANCELED, tender=Tender.CASH
    )
    twice = replace(
        base,
        external_reference="C-TWICE",
        status=SaleStatus.PAID,
        tender=Tender.CASH,
        paid_amount=Decimal("9100.00"),
        late_payment=True,
    )
    sales = [qr, cash, twice]
    dialog = TodaySalesDialog(
        site_for("MLA"),
        sales_since=lambda _start: sales,
        get_sale=lambda ref: next((s for s in sales if s.external_reference == ref), None),
        sale_events=lambda _ref: [],
    )
    qtbot.addWidget(dialog)
    dialog.refresh()
    assert dialog.summary.text().replace("\u00a0", " ") == (
        "3 sales · QR: 2 ($ 18.200,00) · cash: 2 ($ 18.200,00)"
    )


def test_one_sale_is_said_in_the_singular(qtbot: Any, tmp_path: Any) -> None:
    sale = replace(discounted_sale(), status=SaleStatus.PAID, tender=Tender.QR)
    dialog = TodaySalesDialog(
        site_for("MLA"),
        sales_since=lambda _start: [sale],
        get_sale=lambda _ref: sale,
        sale_events=lambda _ref: [],
    )
    qtbot.addWidget(dialog)
    dialog.refresh()
    assert dialog.summary.text() == "1 sale · QR: 1 ($\u00a09.100,00) · cash: 0 ($\u00a00,00)"
    assert dialog.export_csv(tmp_path / "one.csv") == 1
