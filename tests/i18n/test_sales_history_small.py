"""The sales history on a 1024 x 600 screen, in the longer languages: every status word of the
list is whole, and the chosen sale's history wraps its texts rather than cutting its detail.

At 1024 px the status column took what the whole reference left: "Pagada, …" for a sale given
back in part (its tooltip was the only place to read it), "Pagada tarde: no…" for the sale the
cashier must not charge again; the history's Detail read "orden de Me…".
Screenshots: ``artifacts/screenshots/small_<lang>_sales_history_<period>.png``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtWidgets import QStyle
from pytestqt.qtbot import QtBot

from pos_app.domain.money import site_for
from pos_app.domain.records import SaleEvent
from pos_app.domain.sale import SaleStatus, Tender
from pos_app.ui.counter.sales_view import (
    COL_EVENT_DETAIL,
    COL_STATUS,
    PERIOD_TODAY,
    PERIOD_WEEK,
    TodaySalesDialog,
)
from tests.receipts.test_discounts import discounted_sale
from tests.ui.conftest import settle

pytestmark = pytest.mark.gui

SMALL = (1024, 560)  # a 1024 x 600 screen less a title bar
PAID = SaleStatus.PAID


def _sales() -> list[Any]:
    """One sale of each status word the list can show, the largest total a shop sees."""
    now = datetime.now().astimezone()
    base = replace(discounted_sale(), total=Decimal("987654.00"), paid_amount=Decimal("987654.00"))
    kinds = [
        dict(status=PAID),
        dict(status=PAID),  # partly refunded
        dict(status=PAID),  # wholly refunded
        dict(status=PAID, late_payment=True),
        # its payment counted on another sale of the books (MP-…): "Counted elsewhere"
        dict(status=PAID, paid_amount=Decimal(0), payment_ids=(), merchant_order_ids=(7001,)),
        dict(status=SaleStatus.CANCELED, tender=Tender.CASH),
        dict(status=SaleStatus.CANCELED),
        dict(status=SaleStatus.EXPIRED),
        dict(status=SaleStatus.FAILED),
        dict(status=SaleStatus.PENDING),
        dict(status=SaleStatus.CREATING),
    ]
    return [
        replace(
            base,
            external_reference=f"CAJA01S{n:06d}XABCDEFGH",
            created_at=now - timedelta(minutes=n),
            **kind,  # type: ignore[arg-type]
        )
        for n, kind in enumerate(kinds)
    ]


def _events(_ref: str) -> list[SaleEvent]:
    at = datetime.now().astimezone()
    return [
        SaleEvent(at, "created", None, SaleStatus.CREATING, "charge", ""),
        SaleEvent(at, "status", SaleStatus.PENDING, PAID, "poll", "merchant_order 15140831325"),
        SaleEvent(at, "adopted", None, PAID, "reconcile", "payment 2100000001"),
        SaleEvent(at, "refund", None, None, "pending", "3125.00 refund-CAJA01S000001X-12345"),
        SaleEvent(at, "refund", None, None, "refunded", "3125.00 refund 2100000001"),
    ]


@pytest.mark.parametrize("lang", ["en", "es", "pt_BR"])
def test_every_status_word_and_history_detail_is_whole_at_1024(
    qtbot: QtBot, screenshot: Any, lang: str
) -> None:
    sales = _sales()
    dialog = TodaySalesDialog(
        site_for("MLA"),
        sales_since=lambda _start: [],
        sales_between=lambda start, end: [s for s in sales if start <= s.created_at < end],
        get_sale=lambda ref: next((s for s in sales if s.external_reference == ref), None),
        sale_events=_events,
        refunded_totals=lambda refs: {
            refs[1]: Decimal("3125.00"),
            refs[2]: Decimal("987654.00"),
        },
    )
    qtbot.addWidget(dialog)
    dialog.resize(*SMALL)
    dialog.show()
    qtbot.waitExposed(dialog)
    found = []
    for period, name in ((PERIOD_TODAY, "today"), (PERIOD_WEEK, "week")):
        dialog.set_period(period)
        dialog.refresh()
        qtbot.waitUntil(lambda: not dialog.reading, timeout=5000)
        dialog.select_reference(sales[3].external_reference)  # the late one: the longest words
        settle()
        assert dialog.width() == SMALL[0]
        screenshot(dialog, f"small_{lang}_sales_history_{name}")
        table, model = dialog.table, dialog.model
        assert model.rowCount() == len(sales)
        metrics = table.fontMetrics()
        # The text's room as the delegate paints it: the cell less its margins and grid line.
        margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table)
        room = table.columnWidth(COL_STATUS) - 2 * (margin + 1) - 1
        for row in range(model.rowCount()):
            text = model.index(row, COL_STATUS).data()
            need = metrics.horizontalAdvance(text)
            if need > room:
                found.append(f"{name}: status {text!r} needs {need} px, has {room}")
        # The chosen sale's history: each detail's words fit its column, its lines its row.
        events = dialog.events
        room = events.columnWidth(COL_EVENT_DETAIL)
        assert room >= events.viewport().width() * 0.25, room
        for row in range(events.rowCount()):
            item = events.item(row, COL_EVENT_DETAIL)
            need = events.sizeHintForIndex(events.model().index(row, COL_EVENT_DETAIL)).height()
            if need > events.rowHeight(row):
                found.append(f"{name}: detail {item.text()!r} needs {need} px of height")
    assert not found, "\n".join(found)
    dialog.close()
