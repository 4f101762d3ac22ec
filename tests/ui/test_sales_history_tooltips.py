"""The sales history's list says on hover what its cells shorten: the whole reference (at
1024 px it loses its start), the date with the time (a day's list shows only "14:05"), and
the status in full ("Paid late" in the cell, "Paid late — do not charge again" in the tooltip;
how much of a partly refunded sale was given back). Before, the list had no tooltips at all."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from decimal import Decimal

import pytest
from PySide6.QtCore import QLocale, Qt
from pytestqt.qtbot import QtBot

from pos_app.domain.money import site_for
from pos_app.domain.sale import SaleStatus
from pos_app.domain.sale_rows import sale_row
from pos_app.ui.counter.sales_view import (
    COL_REFERENCE,
    COL_STATUS,
    COL_TIME,
    COL_TOTAL,
    SalesTableModel,
)
from tests.receipts.test_discounts import discounted_sale

pytestmark = pytest.mark.gui

TIP = Qt.ItemDataRole.ToolTipRole


def _model() -> SalesTableModel:
    base = replace(discounted_sale(), total=Decimal("5000.00"), paid_amount=Decimal("5000.00"))
    created = datetime(2026, 12, 2, 14, 5).astimezone()
    sales = [
        replace(base, external_reference="CAJA01S000001XLONGREFERENCE", created_at=created),
        replace(base, external_reference="CAJA01S000002X", late_payment=True),
        replace(base, external_reference="CAJA01S000003X"),
        replace(base, external_reference="CAJA01S000004X", status=SaleStatus.EXPIRED),
    ]
    model = SalesTableModel(site_for("MLA"))
    model.set_sales([sale_row(s) for s in sales], refunded={"CAJA01S000003X": Decimal("1200.00")})
    return model


def _tip(model: SalesTableModel, row: int, column: int) -> object:
    return model.index(row, column).data(TIP)


def test_the_reference_and_the_moment_are_whole_on_hover(qtbot: QtBot) -> None:
    model = _model()
    assert model.index(0, COL_TIME).data() == "14:05"
    assert _tip(model, 0, COL_REFERENCE) == "CAJA01S000001XLONGREFERENCE"
    moment = datetime(2026, 12, 2, 14, 5).astimezone()
    assert _tip(model, 0, COL_TIME) == QLocale().toString(moment, QLocale.FormatType.LongFormat)
    assert "2026" in str(_tip(model, 0, COL_TIME))
    assert _tip(model, 0, COL_TOTAL) is None  # the amount is never shortened


def test_the_status_says_it_whole_on_hover(qtbot: QtBot) -> None:
    model = _model()
    assert model.index(1, COL_STATUS).data() == "Paid late"
    assert _tip(model, 1, COL_STATUS) == "Paid late — do not charge again"
    assert model.index(2, COL_STATUS).data() == "Partly refunded"
    assert _tip(model, 2, COL_STATUS) == (
        "Paid, partly refunded\nRefunded $ 1.200,00 of $ 5.000,00"
    )
    assert _tip(model, 3, COL_STATUS) == "Expired"


def test_a_late_payment_given_back_says_the_refund_not_the_warning(qtbot: QtBot) -> None:
    """A sale paid twice (cash, then Mercado Pago) whose cash went back, or a late payment
    refunded: the list said "Paid late — do not charge again" whatever was given back since."""
    from pos_app.domain.sale import Tender

    base = replace(discounted_sale(), total=Decimal("5000.00"), paid_amount=Decimal("5000.00"))
    twice = replace(base, external_reference="TWICE", late_payment=True, tender=Tender.CASH)
    late = replace(base, external_reference="LATE", late_payment=True, tender=Tender.QR)
    model = SalesTableModel(site_for("MLA"))
    given = {"TWICE": Decimal("5000.00"), "LATE": Decimal("5000.00")}
    model.set_sales([sale_row(twice), sale_row(late)], refunded=given)
    assert model.index(0, COL_STATUS).data() == "Partly refunded"  # 5,000 of 10,000 paid
    assert model.index(1, COL_STATUS).data() == "Refunded"
