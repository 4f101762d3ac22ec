"""A weighed line after the sale: the sales history's detail, its CSV and ``--json`` say how much
was sold. They said quantity 1 at the price per kg (``1 × $ 14.500`` next to ``$ 5.075``), so a
spreadsheet's quantity × unit_price gave the price of a whole kilogram."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

import pytest

from pos_app.cli.output import sale_json
from pos_app.domain.cart import CartLine
from pos_app.domain.money import site_for
from pos_app.domain.pricing import SaleUnit
from pos_app.domain.sales_csv import sales_csv
from pos_app.ui.counter.sales_view import TodaySalesDialog
from tests.receipts.conftest import make_sale

LINES = (
    CartLine(
        "201", "Jamón cocido", Decimal(14500), sale_unit=SaleUnit.KG, measure=Decimal("0.350")
    ),
    CartLine("E1", "Empanada", Decimal(1200), 2),
)


def weighed_sale():  # type: ignore[no-untyped-def]
    return make_sale("MLC", LINES)  # 14.500 × 0,350 = 5.075, + 2.400


def test_the_csv_and_json_give_a_weighed_lines_weight() -> None:
    sale = weighed_sale()
    assert sale.total == Decimal(7475)
    _head, ham, empanadas = csv.DictReader(io.StringIO(sales_csv([sale])))
    assert (ham["quantity"], ham["unit_price"], ham["line_total"]) == ("0.350", "14500", "5075")
    assert Decimal(ham["quantity"]) * Decimal(ham["unit_price"]) == Decimal(ham["line_total"])
    assert (empanadas["quantity"], empanadas["line_total"]) == ("2", "2400")
    items = sale_json(sale)["items"]
    assert items[0] == {
        "title": "Jamón cocido",
        "quantity": 1,
        "unit_price": "14500",
        "measure": "0.350",
        "unit_measure": "kg",
    }
    assert items[1] == {"title": "Empanada", "quantity": 2, "unit_price": "1200"}


@pytest.mark.gui
def test_the_sales_history_shows_a_weighed_lines_weight(qtbot: Any, screenshot: Any) -> None:
    sale = weighed_sale()
    dialog = TodaySalesDialog(
        site_for("MLC"),
        sales_since=lambda _start: [sale],
        get_sale=lambda ref: sale if ref == sale.external_reference else None,
        sale_events=lambda _ref: [],
    )
    qtbot.addWidget(dialog)
    dialog.refresh()
    dialog.select_reference(sale.external_reference)
    assert dialog.lines.item(0, 1).text() == "0,350 kg"
    assert dialog.lines.item(0, 2).text() == "$ 14.500"
    assert dialog.lines.item(0, 4).text() == "$ 5.075"
    assert dialog.lines.item(1, 1).text() == "2"
    screenshot(dialog, "sales_history_weighed_line")


@pytest.mark.gui
def test_the_refund_dialog_shows_a_weighed_lines_weight(qtbot: Any, qloop: Any) -> None:
    """The Refund dialog's items: ``0,350 kg`` at what it was charged, not ``1``."""
    from datetime import UTC, datetime

    from pos_app.checkout.refunds import RefundService
    from pos_app.ledger.store import Ledger
    from pos_app.settings import paths
    from pos_app.ui.day.refund_dialog import RefundDialog
    from tests.ledger_sales import record_sale

    ledger = Ledger(paths.ledger_path())
    try:
        sale = record_sale(ledger, list(LINES), at=datetime.now(UTC), site=site_for("MLC"))

        def no_client() -> Any:
            raise AssertionError("nothing is sent")

        dialog = RefundDialog(sale, RefundService(ledger, no_client))
        qtbot.addWidget(dialog)
        cells = [[dialog.lines.item(row, column).text() for column in range(3)] for row in range(2)]
        assert cells == [["Jamón cocido", "0,350 kg", "$ 5.075"], ["Empanada", "2", "$ 2.400"]]
        dialog.close()
    finally:
        ledger.close()
