"""The sales history's status filter has "With refunds": the month's refunds for the
accountant were a scroll through every sale (the status column said it, no filter found them).
A sale refunded while the filter is on comes into the list."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from pos_app.domain.money import site_for
from pos_app.domain.sale_rows import sale_row
from pos_app.ui.counter.sales_view import TodaySalesDialog
from tests.receipts.test_discounts import discounted_sale

pytestmark = pytest.mark.gui


def test_the_refunded_filter_lists_the_sales_with_money_given_back(qtbot: QtBot) -> None:
    now = datetime.now().astimezone()
    base = discounted_sale()  # paid
    sales = [
        replace(base, external_reference=f"R{n}", created_at=now - timedelta(minutes=n))
        for n in range(6)
    ]
    refunded = {"R1": Decimal("100"), "R4": base.total}  # in part, in full

    def totals(references: list[str]) -> dict[str, Decimal]:
        return {r: refunded[r] for r in references if r in refunded}

    def row_of(reference: str) -> Any:
        return next((sale_row(s) for s in sales if s.external_reference == reference), None)

    dialog = TodaySalesDialog(
        site_for("MLA"),
        sales_since=lambda _start: sales,
        get_sale=lambda ref: next((s for s in sales if s.external_reference == ref), None),
        sale_events=lambda _ref: [],
        refunded_totals=totals,
        sale_row_of=row_of,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.refresh()
    labels = [dialog.status_filter.itemText(i) for i in range(dialog.status_filter.count())]
    dialog.status_filter.setCurrentIndex(labels.index("With refunds"))
    assert dialog.visible_references() == ["R1", "R4"]
    assert dialog.summary.text().startswith("2 sales")
    refunded["R2"] = Decimal("50")  # a refund given while the list is open
    dialog.sale_changed("R2")
    assert dialog.visible_references() == ["R1", "R2", "R4"]
    dialog.status_filter.setCurrentIndex(0)
    assert len(dialog.visible_references()) == 6
