"""The sales history showing several days: a sale that changes while the cashier looks at
another one (the list re-read on a worker, the model reset) leaves the cashier's place: the
chosen sale stays chosen and the list stays scrolled where it was, even when the chosen sale
is scrolled out of sight."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from pytestqt.qtbot import QtBot

from pos_app.domain.money import site_for
from pos_app.domain.sale import SaleStatus
from pos_app.ui.counter.sales_view import PERIOD_WEEK, TodaySalesDialog
from tests.receipts.test_discounts import discounted_sale

pytestmark = pytest.mark.gui


def test_a_changed_sale_keeps_the_selection_and_the_scroll(qtbot: QtBot) -> None:
    now = datetime.now().astimezone()
    base = discounted_sale()
    sales = [
        replace(
            base,
            external_reference=f"CAJA01S{n:06d}XABCDEFGH",
            total=Decimal(1000 + n),
            created_at=now - timedelta(minutes=n * 20),
        )
        for n in range(300)
    ]
    dialog = TodaySalesDialog(
        site_for("MLA"),
        sales_since=lambda _start: [],
        sales_between=lambda start, end: [s for s in sales if start <= s.created_at < end],
        get_sale=lambda ref: next((s for s in sales if s.external_reference == ref), None),
        sale_events=lambda _ref: [],
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.set_period(PERIOD_WEEK)
    qtbot.waitUntil(lambda: not dialog.reading and dialog.model.rowCount() > 200, timeout=5000)
    chosen = dialog.model.reference(150)
    dialog.select_reference(chosen)
    bar = dialog.table.verticalScrollBar()
    for place in ("at the chosen sale", "elsewhere"):
        if place == "elsewhere":
            bar.setValue(bar.maximum() // 4)  # the cashier scrolls away to look around
        qtbot.wait(20)
        scrolled = bar.value()
        assert scrolled > 0
        # Another sale changes (the app refreshes the open history in the background).
        sales[10] = replace(sales[10], status=SaleStatus.CANCELED)
        dialog.refresh(in_background=True)
        qtbot.waitUntil(lambda: not dialog.reading, timeout=5000)
        qtbot.wait(50)
        assert dialog.selected_reference() == chosen, place
        assert bar.value() == scrolled, place
        assert dialog.table.currentIndex().row() == dialog.model.row_of(chosen), place
    # At the top of the list, a new sale comes into sight (the list is not held one row down).
    bar.setValue(0)
    sales.insert(0, replace(base, external_reference="CAJA01S999999XNEWSALE", created_at=now))
    dialog.refresh(in_background=True)
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0 and not dialog.reading, timeout=5000)
    qtbot.waitUntil(lambda: dialog.model.row_of("CAJA01S999999XNEWSALE") is not None, timeout=5000)
    assert dialog.selected_reference() == chosen
    row = dialog.model.row_of("CAJA01S999999XNEWSALE")
    assert dialog.table.rowAt(0) <= row  # in sight, above the rows that were there
    dialog.close()
