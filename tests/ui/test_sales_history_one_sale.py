"""The sales history showing a month: a sale that changes (a payment, a refund, a new sale) is
read alone and its row replaced or inserted; the period is not read again (a month of a busy
box is ~12,000 rows: read whole for every change, README Performance). The summary follows, the
chosen sale and the list's place stay. Counted through the dialog's readers, never timed."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from pos_app.domain.money import site_for
from pos_app.domain.sale import SaleStatus
from pos_app.domain.sale_rows import SaleRow, sale_row
from pos_app.ui.counter.sales_view import COL_STATUS, PERIOD_RANGE, TodaySalesDialog
from tests.receipts.test_discounts import discounted_sale

pytestmark = pytest.mark.gui

DAYS = 30


class Reads:
    """The ledger's two readers, counting what they return: a plain callable each, given to
    the dialog as the ledger's methods are (never a patched Qt method)."""

    def __init__(self, sales: list[Any]) -> None:
        self.sales = sales
        self.period_rows = 0
        self.period_reads = 0
        self.one_reads = 0
        self.refund_lookups: list[list[str]] = []
        self.refunded: dict[str, Decimal] = {}

    def between(self, start: datetime, end: datetime) -> list[SaleRow]:
        found = [sale_row(s) for s in self.sales if start <= s.created_at < end]
        self.period_reads += 1
        self.period_rows += len(found)
        return found

    def one(self, reference: str) -> SaleRow | None:
        self.one_reads += 1
        sale = next((s for s in self.sales if s.external_reference == reference), None)
        return sale_row(sale) if sale is not None else None

    def refunded_totals(self, references: list[str]) -> dict[str, Decimal]:
        self.refund_lookups.append(list(references))
        return {r: self.refunded[r] for r in references if r in self.refunded}


@pytest.fixture
def month(qtbot: QtBot) -> tuple[TodaySalesDialog, Reads]:
    now = datetime.now().astimezone()
    base = discounted_sale()  # paid, $ 9.100,00
    sales = [
        replace(
            base,
            external_reference=f"CAJA01S{n:06d}XABCDEFGH",
            total=Decimal(1000 + n),
            paid_amount=Decimal(1000 + n),
            created_at=now - timedelta(minutes=n * 90),  # 16 a day: 480 in the month
        )
        for n in range(DAYS * 16)
    ]
    reads = Reads(sales)
    dialog = TodaySalesDialog(
        site_for("MLA"),
        sales_since=lambda _start: [],
        get_sale=lambda ref: next((s for s in sales if s.external_reference == ref), None),
        sale_events=lambda _ref: [],
        sale_rows_between=reads.between,
        sale_row_of=reads.one,
        refunded_totals=reads.refunded_totals,
        refunds=lambda sale: (
            reads.refunded.get(sale.external_reference, Decimal(0)),
            sale.total - reads.refunded.get(sale.external_reference, Decimal(0)),
        ),
    )
    qtbot.addWidget(dialog)
    dialog.resize(1100, 720)
    dialog.show()
    qtbot.waitExposed(dialog)
    first = (now - timedelta(days=DAYS)).date()
    dialog.date_from.setDate(QDate(first.year, first.month, first.day))
    dialog.set_period(PERIOD_RANGE)
    qtbot.waitUntil(lambda: not dialog.reading and dialog.model.rowCount() > 0, timeout=5000)
    assert dialog.model.rowCount() == len(sales)
    return dialog, reads


def _status(dialog: TodaySalesDialog, reference: str) -> str:
    row = dialog.model.row_of(reference)
    assert row is not None
    return str(dialog.model.index(row, COL_STATUS).data())


def test_a_changed_sale_reads_its_row_alone_and_shows_its_new_state(
    qtbot: QtBot, month: tuple[TodaySalesDialog, Reads]
) -> None:
    dialog, reads = month
    sales = reads.sales
    chosen = dialog.model.reference(200)
    dialog.select_reference(chosen)
    bar = dialog.table.verticalScrollBar()
    bar.setValue(bar.maximum() // 3)  # the cashier looks further down
    qtbot.wait(20)
    scrolled = bar.value()
    assert scrolled > 0
    summary = dialog.summary.text()
    assert summary.startswith(f"{len(sales)} sales · QR: {len(sales)} ")
    reads.period_reads = reads.period_rows = reads.one_reads = 0

    # A payment comes back canceled (another sale than the chosen one).
    changed = sales[10].external_reference
    sales[10] = replace(sales[10], status=SaleStatus.CANCELED)
    dialog.sale_changed(changed)
    assert (reads.period_reads, reads.period_rows, reads.one_reads) == (0, 0, 1)
    assert not dialog.reading
    assert _status(dialog, changed) == "Canceled"
    assert dialog.model.row_of(changed) == 10  # in its place
    assert dialog.summary.text().startswith(f"{len(sales)} sales · QR: {len(sales) - 1} ")
    assert dialog.selected_reference() == chosen
    assert bar.value() == scrolled

    # The chosen sale is refunded in part: its row and its heading say so.
    reads.refunded[chosen] = Decimal(100)
    dialog.sale_changed(chosen)
    assert reads.refund_lookups[-1] == [chosen]
    assert _status(dialog, chosen) == "Partly refunded"
    assert dialog.heading.text().startswith("Paid, partly refunded")  # shown again
    assert (reads.period_reads, reads.one_reads) == (0, 2)

    # A new sale: on top, as the period's read lists it, counted; the place stays.
    new = replace(
        sales[0],
        external_reference="CAJA01S999999XNEWSALE",
        created_at=datetime.now().astimezone(),
        total=Decimal(5000),
    )
    sales.insert(0, new)
    dialog.sale_changed(new.external_reference)
    assert dialog.model.row_of(new.external_reference) == 0
    assert dialog.model.rowCount() == len(sales)
    assert dialog.summary.text().startswith(f"{len(sales)} sales · ")
    assert dialog.selected_reference() == chosen
    assert dialog.table.rowAt(0) == dialog.model.row_of(dialog.model.reference(scrolled + 1))
    assert (reads.period_reads, reads.period_rows, reads.one_reads) == (0, 0, 3)

    # The same as a whole read would show them.
    shown = dialog.model.rows()
    dialog.refresh()
    qtbot.waitUntil(lambda: not dialog.reading, timeout=5000)
    assert dialog.model.rows() == shown
    assert reads.period_reads == 1


def test_a_changed_sale_leaves_or_joins_a_filtered_list_in_its_place(
    qtbot: QtBot, month: tuple[TodaySalesDialog, Reads]
) -> None:
    dialog, reads = month
    sales = reads.sales
    dialog.status_filter.setCurrentIndex(1)  # "Paid"
    assert dialog.model.rowCount() == len(sales)
    reads.period_reads = 0
    leaving = sales[5].external_reference
    sales[5] = replace(sales[5], status=SaleStatus.EXPIRED)
    dialog.sale_changed(leaving)
    assert dialog.model.row_of(leaving) is None
    assert dialog.model.rowCount() == len(sales) - 1
    sales[5] = replace(sales[5], status=SaleStatus.PAID)
    dialog.sale_changed(leaving)
    assert dialog.model.row_of(leaving) == 5  # back between its neighbours
    assert [r[0] for r in dialog.model.rows()] == [s.external_reference for s in sales]
    # A sale outside the period is not listed; and nothing read the period again.
    old = replace(sales[0], external_reference="CAJA01S000000XOLDSALE")
    sales.append(replace(old, created_at=old.created_at - timedelta(days=DAYS + 5)))
    dialog.sale_changed("CAJA01S000000XOLDSALE")
    assert dialog.model.row_of("CAJA01S000000XOLDSALE") is None
    assert reads.period_reads == 0
