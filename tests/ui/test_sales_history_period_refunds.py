"""The sales history's period change reads the confirmed refunds of the period's sales with its
rows (on the worker thread for several days), through the sales' time index: it read the whole
ledger's refunds on the window's thread at every period change (~10 ms at a busy shop's year,
~50 ms for a year shown). The status column still says which sale was refunded, and how much."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from pos_app.domain.cart import CartLine
from pos_app.domain.sale import Tender
from pos_app.ledger.refunds import RefundStatus, RefundStore
from pos_app.ui.counter.main_window import MainWindow
from pos_app.ui.counter.sales_view import COL_STATUS, PERIOD_TODAY, PERIOD_WEEK
from tests.ledger_sales import record_sale

pytestmark = pytest.mark.gui


def _status(dialog: Any, reference: str) -> str:
    row = dialog.model.row_of(reference)
    assert row is not None, reference
    return str(dialog.model.index(row, COL_STATUS).data())


def test_a_period_change_reads_its_own_refunds_off_the_windows_thread(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger = window.rt.ledger
    now = datetime.now(UTC)
    line = CartLine("Y1", "Yerba", Decimal("1000.00"), 1)
    today = record_sale(ledger, [line], at=now - timedelta(minutes=30))
    older = record_sale(ledger, [line], at=now - timedelta(days=3), payment_id=5550002)
    for sale, amount in ((today, Decimal(1000)), (older, Decimal(250))):
        RefundStore(ledger).add(
            sale.external_reference,
            key=f"k-{sale.external_reference}",
            amount=amount,
            tender=Tender.CASH,
            payment_id=None,
            now=now,
            limit=sale.total,
            status=RefundStatus.REFUNDED,
        )
    many: list[int] = []
    real_totals = window.refunds.store.refunded_amounts

    def totals(references: list[str]) -> dict[str, Decimal]:
        many.append(len(references))
        return real_totals(references)

    monkeypatch.setattr(window.refunds.store, "refunded_amounts", totals)
    threads: list[str] = []
    real_between = ledger.refunded_between_apart

    def between(start: datetime, end: datetime) -> dict[str, Decimal]:
        threads.append(threading.current_thread().name)
        return real_between(start, end)

    monkeypatch.setattr(ledger, "refunded_between_apart", between)

    dialog = window.open_sales_dialog()
    qtbot.waitUntil(lambda: dialog.model.row_of(today.external_reference) is not None)
    assert _status(dialog, today.external_reference) == "Refunded"
    dialog.set_period(PERIOD_WEEK)
    qtbot.waitUntil(
        lambda: not dialog.reading and dialog.model.row_of(older.external_reference) is not None
    )
    assert _status(dialog, older.external_reference) == "Partly refunded"
    assert _status(dialog, today.external_reference) == "Refunded"
    dialog.set_period(PERIOD_TODAY)
    qtbot.waitUntil(lambda: dialog.model.row_of(older.external_reference) is None)
    # The week's refunds were read on the dialog's worker, the day's with its rows; never the
    # whole ledger's refunds for the listed sales on the window's thread.
    assert many == [], many
    assert len(threads) == 3 and threads[1].startswith("sales-read"), threads
