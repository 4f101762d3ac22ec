"""The shop's day in the window: sales history, cash drawer, the close with reconciliation and
its PDF. Screenshots in artifacts/screenshots/ (40_*)."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pos_app.domain.money import format_money
from pos_app.domain.sale import SaleStatus
from pos_app.sandbox.payments_search import foreign_payment
from pos_app.ui.counter.main_window import MainWindow
from pos_app.ui.counter.sale_banner import BannerKind
from pos_app.ui.counter.sales_view import PERIOD_RANGE, PERIOD_YESTERDAY
from tests.ui.conftest import SCREENSHOTS, SCREENSHOTS_WANTED, look_now, quick_cancel, saved_as

pytestmark = pytest.mark.gui

WAIT = 10_000


def _sell(window: MainWindow, qtbot: QtBot, code: str) -> str:
    product = window.rt.ledger.catalog.lookup_code(code)
    assert product is not None
    window.model.add_line(product.to_line(2))
    window.charge()
    qtbot.waitUntil(lambda: window.payment.banner_kind is BannerKind.WAITING, timeout=WAIT)
    sale = window.current_sale
    assert sale is not None
    return sale.external_reference


def _next(window: MainWindow, qtbot: QtBot) -> None:
    window.new_sale()
    assert not window.in_payment


def test_the_cash_drawer_shows_several_movements_at_its_own_size(
    window: MainWindow, qtbot: QtBot
) -> None:
    """At 680 px the two forms left the movements list one row and a half."""
    drawer = window.day.open_cash_drawer()
    qtbot.waitExposed(drawer)
    table = drawer.movements
    room = table.viewport().height() // table.verticalHeader().defaultSectionSize()
    drawer.close()
    assert room >= 3


def test_a_day_in_the_window_closes_and_adds_up(
    window: MainWindow, qtbot: QtBot, control: Any, run: Any, screenshot: Any, tmp_path: Path
) -> None:
    # Morning: the drawer opens with a float; change comes in.
    drawer = window.day.open_cash_drawer()
    drawer.cashier.setText("Ana")
    drawer.starting_float.setText("5000")
    qtbot.mouseClick(drawer.open_shift_button, Qt.MouseButton.LeftButton)
    drawer.amount.setText("1000")
    drawer.reason.setText("Cambio del banco")
    qtbot.mouseClick(drawer.cash_in_button, Qt.MouseButton.LeftButton)
    drawer.amount.setText("0")
    qtbot.mouseClick(drawer.cash_out_button, Qt.MouseButton.LeftButton)
    assert drawer.problem.text()  # zero is refused, in words
    assert drawer.movements.rowCount() == 2
    assert "6.000,00" in drawer.expected.text()
    screenshot(drawer, "40_cash_drawer")
    drawer.close()

    # Paid by QR, paid in cash, canceled.
    quick_cancel(window)
    paid = _sell(window, qtbot, "7790580001018")
    control.pay("approved")
    look_now(window)
    qtbot.waitUntil(lambda: window.payment.banner_kind is BannerKind.PAID, timeout=WAIT)
    _next(window, qtbot)
    cash = _sell(window, qtbot, "FIA001")
    window.cancel_charge(cash=True)
    qtbot.waitUntil(lambda: not window.busy, timeout=WAIT)
    qtbot.waitUntil(
        lambda: window.rt.ledger.get_sale(cash).status is SaleStatus.CANCELED,  # type: ignore[union-attr]
        timeout=WAIT,
    )
    _next(window, qtbot)
    canceled = _sell(window, qtbot, "ALM012")
    window.cancel_charge()
    qtbot.waitUntil(
        lambda: window.rt.ledger.get_sale(canceled).status is SaleStatus.CANCELED,  # type: ignore[union-attr]
        timeout=WAIT,
    )
    _next(window, qtbot)
    # Someone charged at the same box from another system: the app never knew.
    box = control.state.box_or_404(control.state.box_external_id)
    foreign_payment(control.state, box, Decimal("777.00"))

    # The sales history: newest first and selected, colours, filters, search.
    dialog = window.open_sales_dialog()
    assert dialog.model.rowCount() == 3
    assert dialog.selected_reference() == canceled
    assert dialog.model.reference(2) == paid
    dialog.status_filter.setCurrentIndex(2)  # paid in cash
    assert [s.external_reference for s in dialog.visible_sales()] == [cash]
    dialog.status_filter.setCurrentIndex(0)
    dialog.tender_filter.setCurrentIndex(1)  # Mercado Pago QR
    assert [s.external_reference for s in dialog.visible_sales()] == [paid]
    dialog.tender_filter.setCurrentIndex(0)
    dialog.search.setText(paid[-4:])
    assert [s.external_reference for s in dialog.visible_sales()] == [paid]
    paid_total = window.rt.ledger.get_sale(paid).total  # type: ignore[union-attr]
    dialog.search.setText(format_money(paid_total, window.rt.site, symbol=False))  # 9.780,00
    assert [s.external_reference for s in dialog.visible_sales()] == [paid]
    dialog.search.setText(str(paid_total))  # 9780.00, as a script writes it
    assert [s.external_reference for s in dialog.visible_sales()] == [paid]
    dialog.search.setText("queso")
    assert [s.external_reference for s in dialog.visible_sales()] == [cash]
    dialog.search.clear()
    dialog.set_period(PERIOD_YESTERDAY)
    assert dialog.model.rowCount() == 0
    dialog.set_period(PERIOD_RANGE)
    assert dialog.model.rowCount() == 3
    assert dialog.date_from.isVisible()
    # CSV round trip: one row per sale and one per line, plain decimals, with a BOM.
    out = tmp_path / "sales.csv"
    assert dialog.export_csv(out) == 3
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    sales = {s.external_reference: s for s in dialog.visible_sales()}
    assert sum(1 for r in rows if r["row"] == "sale") == 3
    for ref, sale in sales.items():
        head = next(r for r in rows if r["row"] == "sale" and r["external_reference"] == ref)
        assert Decimal(head["total"]) == sale.total
        lines = [r for r in rows if r["row"] == "line" and r["external_reference"] == ref]
        assert [r["title"] for r in lines] == [line.title for line in sale.lines]
        assert sum(Decimal(r["line_total"]) for r in lines) == sale.total
        assert all("," not in r["unit_price"] for r in lines)
    dialog.set_period(0)
    dialog.select_reference(paid)
    assert dialog.events.rowCount() >= 3
    screenshot(dialog, "41_sales_history")
    dialog.close()

    # The close: count the drawer, check Mercado Pago, adopt the unknown payment, close.
    closing = window.day.open_close_day()
    closing.counted.setText("8000")
    qtbot.mouseClick(closing.reconcile_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: closing.reconciliation is not None, timeout=WAIT)
    result = closing.reconciliation
    assert result is not None
    assert [p.amount for p in result.missing_in_ledger] == [Decimal("777.00")]
    assert closing.missing.isVisible()
    screenshot(closing, "42_close_day_reconciliation")
    qtbot.mouseClick(closing.adopt_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: closing.reconciliation is not None and closing.reconciliation.all_match,
        timeout=WAIT,
    )
    closing.request_close()
    qtbot.waitUntil(lambda: closing.report is not None, timeout=WAIT)
    report = closing.report
    assert report is not None
    qr = next(s for s in window.rt.ledger.all_sales() if s.external_reference == paid).paid_amount
    fideos = next(s for s in window.rt.ledger.all_sales() if s.external_reference == cash).total
    assert report.number == 1
    assert report.sales_count == 3  # QR, cash and the adopted payment
    assert report.totals == {"mercadopago_qr": qr + Decimal(777), "cash": fideos}
    assert report.canceled_count == 1
    assert report.expected_cash == Decimal(6000) + fideos
    assert report.difference == Decimal(8000) - report.expected_cash
    assert report.net == qr + Decimal(777) + fideos
    screenshot(closing, "43_close_day_closed")
    pdf = tmp_path / "close.pdf"
    closing.save_pdf(pdf)  # written on a worker: the dialog says when
    qtbot.waitUntil(lambda: saved_as(closing.pdf_status, pdf), timeout=WAIT)
    assert pdf.read_bytes().startswith(b"%PDF")
    if SCREENSHOTS_WANTED and shutil.which("pdftoppm"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-singlefile",
                str(pdf),
                str(SCREENSHOTS / "44_close_pdf"),
            ],
            check=True,
        )
    # The next sale belongs to the next day: the history of the closed day is unchanged.
    assert window.rt.ledger.day.closes()[0] == report


def test_the_history_shows_a_sale_of_another_day(
    window: MainWindow, qtbot: QtBot, control: Any, run: Any
) -> None:
    lines = [p.to_line(1) for p in window.rt.ledger.catalog.search("yerba", 1)]
    run(window.rt.engine.charge(lines))
    dialog = window.open_sales_dialog()
    assert dialog.model.rowCount() == 1
    dialog.set_period(PERIOD_RANGE)
    today = datetime.now().date()
    from PySide6.QtCore import QDate

    dialog.date_from.setDate(QDate(2020, 1, 1))
    dialog.date_to.setDate(QDate(2020, 1, 2))
    assert dialog.model.rowCount() == 0
    dialog.date_to.setDate(QDate(today.year, today.month, today.day))
    assert dialog.model.rowCount() == 1
    # Over several days the time column shows the date as well.
    assert dialog.model.index(0, 0).data().startswith(str(today.year))
    dialog.close()


def test_demo_phone_charges_behind_the_apps_back_and_the_close_finds_it(
    qloop: Any, qtbot: QtBot, screenshot: Any
) -> None:
    import asyncio

    from PySide6.QtWidgets import QApplication

    from pos_app.app import run_windows
    from pos_app.ui.demo.phone_window import FOREIGN_AMOUNT, CustomerPhoneWindow

    def find(kind: type) -> Any:
        found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
        return found[-1] if found else None

    app_task = asyncio.ensure_future(run_windows(demo=True))
    try:
        qtbot.waitUntil(
            lambda: bool(find(MainWindow) and find(CustomerPhoneWindow)), timeout=15_000
        )
        window: MainWindow = find(MainWindow)
        phone: CustomerPhoneWindow = find(CustomerPhoneWindow)
        qtbot.mouseClick(phone.foreign_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "1.500" in phone.foreign_result.text(), timeout=WAIT)
        screenshot(phone, "45_phone_foreign_payment")
        closing = window.day.open_close_day()
        qtbot.mouseClick(closing.reconcile_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: closing.reconciliation is not None, timeout=WAIT)
        result = closing.reconciliation
        assert result is not None
        assert [p.amount for p in result.missing_in_ledger] == [Decimal(FOREIGN_AMOUNT)]
        closing.close()
        window.close()
        qtbot.waitUntil(app_task.done, timeout=15_000)
    finally:
        if not app_task.done():
            app_task.cancel()
            qtbot.waitUntil(app_task.done, timeout=15_000)
