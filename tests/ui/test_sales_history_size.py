"""The sales history over many sales: a keystroke of its search costs what is shown, not every
sale of the period (a week of a busy box is ~2,800 sales, a month ~12,000; README,
Performance). Counted, never timed: the model's answers and the amount parsings per keystroke.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtWidgets import QHeaderView

import pos_app.domain.money as money
import pos_app.ui.counter.sales_view as sales_view
from pos_app.domain.money import site_for
from pos_app.domain.sale import SaleStatus
from pos_app.domain.sale_rows import TEXTS
from pos_app.ui.counter.sales_view import (
    COL_REFERENCE,
    COL_STATUS,
    COL_TOTAL,
    SalesTableModel,
    TodaySalesDialog,
)
from tests.receipts.test_discounts import discounted_sale

pytestmark = pytest.mark.gui

MLA = site_for("MLA")
SALES = 1500


def _dialog(qtbot: Any, sales: list[Any]) -> TodaySalesDialog:
    dialog = TodaySalesDialog(
        MLA,
        sales_since=lambda _start: sales,
        get_sale=lambda ref: next((s for s in sales if s.external_reference == ref), None),
        sale_events=lambda _ref: [],
    )
    qtbot.addWidget(dialog)
    dialog.resize(1100, 720)
    dialog.show()
    dialog.refresh()
    return dialog


@pytest.fixture
def many() -> list[Any]:
    base = discounted_sale()
    return [
        replace(base, external_reference=f"CAJA01S{n:06d}XABCDEFGH", total=Decimal(1000 + n))
        for n in range(SALES)
    ]


def test_a_keystroke_asks_the_model_for_the_rows_shown_not_every_sale(
    qtbot: Any, many: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = 0

    # A subclass the dialog makes, not a patched SalesTableModel.data: replacing a virtual
    # method on a PySide6 class while its C++ objects live made a later test's worker crash
    # (a segmentation fault in the next setStyleSheet; see test_windows_built_once).
    class CountingModel(SalesTableModel):
        def data(self, index: Any, role: int = 0) -> Any:
            nonlocal asked
            asked += 1
            return super().data(index, role)

    monkeypatch.setattr(sales_view, "SalesTableModel", CountingModel)
    dialog = _dialog(qtbot, many)
    assert isinstance(dialog.model, CountingModel)
    parsed = 0
    parse_money = money.parse_money

    def counting_parse(*args: Any, **kwargs: Any) -> Any:
        nonlocal parsed
        parsed += 1
        return parse_money(*args, **kwargs)

    monkeypatch.setattr(money, "parse_money", counting_parse)
    asked = 0  # what the keystroke asks, not the dialog's first fill
    dialog.search.setText("Yerb")  # a product of every sale: all 1,500 listed
    qtbot.wait(10)  # the paint it causes
    assert dialog.model.rowCount() == SALES
    # The header's ResizeToContents asked for ~1,000 rows' texts (12,000 answers) per keystroke.
    assert asked < SALES, asked
    parsed = 0
    dialog.search.setText("Zzz")  # nothing: every sale is looked at to the end (its amount)
    assert dialog.model.rowCount() == 0
    # It parsed the text as an amount once per sale.
    assert parsed <= 1, parsed


def test_the_columns_fit_the_widest_total_and_status_wherever_they_are(
    qtbot: Any, many: list[Any]
) -> None:
    """The widest texts far down the list (the header sampled the first 1,000 rows). The
    reference takes what is left (it is whole in the chosen sale's heading)."""
    last = len(many) - 1
    many[last] = replace(
        many[last],
        total=Decimal("987654321.00"),
        external_reference="CAJA01S999999XWWWWWWWWWW",
        status=SaleStatus.PENDING,  # "Waiting for payment": the longest status word
    )
    dialog = _dialog(qtbot, many)
    header = dialog.table.horizontalHeader()
    assert header.sectionResizeMode(COL_REFERENCE) == QHeaderView.ResizeMode.Stretch
    for column in (COL_TOTAL, COL_STATUS):
        needed = dialog.table.sizeHintForIndex(dialog.model.index(last, column)).width()
        assert header.sectionSize(column) >= needed, column
    # and they follow a narrower list
    dialog.search.setText("CAJA01S000001X")
    assert dialog.model.rowCount() == 1
    assert (
        header.sectionSize(COL_TOTAL)
        < dialog.table.sizeHintForIndex(dialog.model.index(0, COL_TOTAL)).width() + 40
    )


def test_several_days_read_slowly_leave_the_window_painting_and_the_newest_is_shown(
    qtbot: Any, many: list[Any]
) -> None:
    """A period of several days is read on a worker thread: one slower than READ_WAIT_S (a
    month of a busy box, ~1 s) says so and the window goes on; a day is read at once."""
    import threading
    import time

    from PySide6.QtCore import QDate

    from pos_app.ui.counter.sales_view import PERIOD_RANGE, PERIOD_TODAY, PERIOD_WEEK

    asked: list[tuple[Any, Any, str]] = []
    slow = threading.Event()

    def sales_between(start: Any, end: Any) -> list[Any]:
        asked.append((start, end, threading.current_thread().name))
        if end - start > timedelta(hours=25):
            slow.wait(10)
            time.sleep(0.1)
            return many[:3] if end - start > timedelta(days=8) else many[:2]
        return many[:1]

    dialog = TodaySalesDialog(
        MLA,
        sales_since=lambda _start: [],
        sales_between=sales_between,
        get_sale=lambda ref: next((s for s in many if s.external_reference == ref), None),
        sale_events=lambda _ref: [],
    )
    qtbot.addWidget(dialog)
    dialog.refresh()
    assert dialog.model.rowCount() == 1 and not dialog.reading  # today: read at once, here
    assert asked[-1][2] == threading.current_thread().name
    dialog.set_period(PERIOD_WEEK)  # slow: returns before it is read
    assert dialog.reading
    assert dialog.summary.text() == "Reading the sales…"
    assert dialog.model.rowCount() == 1  # still today's
    first = (datetime.now() - timedelta(days=30)).date()
    dialog.date_from.blockSignals(True)
    dialog.date_from.setDate(QDate(first.year, first.month, first.day))
    dialog.date_from.blockSignals(False)
    dialog.set_period(PERIOD_RANGE)  # asked for while the week is being read
    assert asked[-1][2].startswith("sales-read")
    shown: list[int] = []  # the rows of every list put on screen from now on
    dialog.model.modelReset.connect(lambda: shown.append(dialog.model.rowCount()))
    slow.set()
    qtbot.waitUntil(lambda: not dialog.reading, timeout=5000)
    # The week's read, done first (one reader thread, in turn), was never shown: the month's
    # is. Seen as it happened, not by waiting 200 ms for a late one: the week's was back 0.1 s
    # before the month's, and its 20-ms look came (or not) before the month's was shown.
    assert 2 not in shown and shown[-1] == 3
    assert dialog.model.rowCount() == 3
    assert dialog.summary.text().startswith("3 sales")
    # What a search looks in was made on the worker too, with the rows (not at the first key).
    assert all(row[TEXTS] for row in dialog.model.rows())
    dialog.set_period(PERIOD_TODAY)
    assert dialog.model.rowCount() == 1 and not dialog.reading
