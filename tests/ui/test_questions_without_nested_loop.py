"""The sales history's Export CSV… and "Cancel this sale?", the day's "Close the day?" and its
Save as PDF… were asked with ``QFileDialog.getSaveFileName`` and ``QMessageBox.question``: each
spins a nested event loop, so the window's asyncio callbacks ran inside the question (from
within the click's slot), and Ctrl-C or SIGTERM closed the window from inside it: the window's
orderly shutdown ran while the slot waited for its answer. They now open with ``open()``
(:mod:`pos_app.ui.qtkit.asking`) and the window's own loop goes on.

Each test schedules a callback before the click and records whether it ran while the click's
slot was still on the stack: with a nested loop it did (the callback then ends the nested loop,
so the old code fails rather than hangs)."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import qasync
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from pos_app.domain.catalog import Product
from pos_app.domain.money import site_for
from pos_app.domain.sale import SaleStatus
from pos_app.ledger.store import Ledger
from pos_app.ui.counter.main_window import MainWindow
from pos_app.ui.counter.sale_banner import BannerKind
from pos_app.ui.day.dialogs import CloseDayDialog
from pos_app.ui.qtkit.terminal_signals import close_on_terminal_signals
from tests.ui.asking import choose_file, open_box
from tests.ui.test_sales_csv_excel import _dialog, _sales

pytestmark = pytest.mark.gui

WAIT = 10_000
MLA = site_for("MLA")


class Nesting:
    """Whether a loop callback runs inside ``start()`` (a nested loop) or after it returns."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.inside = False
        self.ran: list[bool] = []

    def callback(self) -> None:
        self.ran.append(self.inside)
        if self.inside:  # the old nested loop: answer No / Cancel, so the test goes on
            modal = QApplication.activeModalWidget()
            if isinstance(modal, QDialog):
                modal.done(0)

    def run(self, start: Callable[[], object]) -> object:
        self.loop.call_soon(self.callback)
        self.inside = True
        try:
            return start()
        finally:
            self.inside = False


def opened_without_nesting(
    qtbot: QtBot, loop: asyncio.AbstractEventLoop, start: Callable[[], object]
) -> object:
    nesting = Nesting(loop)
    result = nesting.run(start)
    qtbot.waitUntil(lambda: bool(nesting.ran), timeout=WAIT)
    assert nesting.ran == [False], "the callback ran inside the dialog's own (nested) loop"
    # And with the question on screen the window's loop runs a task to its end.
    ticks: list[int] = []

    async def ticking() -> None:
        for tick in range(5):
            await asyncio.sleep(0)
            ticks.append(tick)

    task = asyncio.ensure_future(ticking())
    qtbot.waitUntil(task.done, timeout=WAIT)
    assert ticks == [0, 1, 2, 3, 4]
    return result


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    ledger = Ledger(tmp_path / "ledger.sqlite3")
    ledger.catalog.upsert([Product("QJ", "Queso", Decimal("59.90"))])
    yield ledger
    ledger.close()


def _close_day_dialog(qtbot: QtBot, ledger: Ledger) -> CloseDayDialog:
    dialog = CloseDayDialog(MLA, ledger.day, clock=lambda: datetime(2026, 12, 1, 20, tzinfo=UTC))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_export_csv_asks_where_without_a_nested_loop(
    qtbot: QtBot, qloop: qasync.QEventLoop, tmp_path: Path
) -> None:
    history = _dialog(qtbot, "MLB", _sales())
    history.show()
    files = opened_without_nesting(qtbot, qloop, history._export_clicked)
    assert isinstance(files, QFileDialog) and files.isVisible()
    choose_file(files, tmp_path / "sales.csv", history.export_filters()[0])
    qtbot.waitUntil(lambda: "exported" in history.summary.text(), timeout=WAIT)
    assert "A-ONE" in (tmp_path / "sales.csv").read_text(encoding="utf-8-sig")


def test_cancel_this_sale_asks_without_a_nested_loop(
    qtbot: QtBot, qloop: qasync.QEventLoop
) -> None:
    history = _dialog(qtbot, "MLB", _sales())
    history.show()
    history.table.selectRow(0)
    reference = history.selected_reference()
    assert reference
    asked: list[str] = []
    history.cancelRequested.connect(asked.append)
    opened_without_nesting(qtbot, qloop, history._cancel)
    box = open_box(qtbot, "confirmCancel")
    assert reference in box.text() and not asked
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)  # Enter: No
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert asked == [reference] and not history.cancel_button.isEnabled()


def test_close_the_day_asks_without_a_nested_loop(
    qtbot: QtBot, qloop: qasync.QEventLoop, ledger: Ledger
) -> None:
    dialog = _close_day_dialog(qtbot, ledger)
    dialog.counted.setText("1500")
    requested: list[Decimal | None] = []
    dialog.closeRequested.connect(requested.append)
    opened_without_nesting(qtbot, qloop, dialog._close_clicked)
    box = open_box(qtbot, "confirmCloseDay")
    assert not requested and box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert requested == [Decimal(1500)] and not dialog.close_day_button.isEnabled()


def test_save_the_report_as_pdf_asks_where_without_a_nested_loop(
    qtbot: QtBot, qloop: qasync.QEventLoop, ledger: Ledger, tmp_path: Path
) -> None:
    dialog = _close_day_dialog(qtbot, ledger)
    files = opened_without_nesting(qtbot, qloop, dialog._pdf_clicked)
    assert isinstance(files, QFileDialog) and files.isVisible()
    choose_file(files, tmp_path / "close.pdf")
    qtbot.waitUntil(lambda: dialog.pdf_status.text().startswith("Saved as"), timeout=5000)
    assert (tmp_path / "close.pdf").read_bytes().startswith(b"%PDF")


def _visible_questions() -> list[QWidget]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]


@pytest.mark.posix
def test_sigterm_while_cancel_this_sale_is_asked_closes_cleanly_and_keeps_the_sale(
    window: MainWindow, qtbot: QtBot, control: Any
) -> None:
    """SIGTERM (a service manager stopping the till) with "Cancel this sale?" on screen: the
        window closes through its own loop, the question goes with it, and the sale stays open in
        the ledger for the next start to resume (no cancel sent, nothing raised). Before (nested
    loop), the signal ended the question's loop first, as if No had been answered."""
    product = window.rt.ledger.catalog.lookup_code("7790580001018")
    assert product is not None
    window.model.add_line(product.to_line())
    qtbot.keyClick(window.scan, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.payment.banner_kind is BannerKind.WAITING, timeout=WAIT)
    sale = window.current_sale
    assert sale is not None
    reference = sale.external_reference
    qtbot.keyClick(window.payment, Qt.Key.Key_F3)
    history = window._sales_dialog
    assert history is not None
    qtbot.waitUntil(history.isVisible, timeout=WAIT)
    assert history.selected_reference() == reference and history.cancel_button.isEnabled()

    loop = asyncio.get_event_loop()
    failed: list[dict[str, Any]] = []
    before = loop.get_exception_handler()
    loop.set_exception_handler(lambda _loop, context: failed.append(context))
    closed_inside: list[bool] = []
    nesting = Nesting(loop)

    def closed() -> None:
        closed_inside.append(nesting.inside)
        if nesting.inside:  # the old nested loop: its question answered No, so the test ends
            QTimer.singleShot(0, nesting.callback)

    window.closed.connect(closed)

    at_close: list[list[str]] = []  # the questions on screen as the window gets its close

    class Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Close:
                at_close.append([w.objectName() for w in _visible_questions()])
            return False

    watch = Watch()
    window.installEventFilter(watch)
    try:
        with close_on_terminal_signals(window):
            # The signal arrives while the question is asked (inside its loop, if nested).
            loop.call_soon(signal.raise_signal, signal.SIGTERM)
            nesting.run(lambda: qtbot.mouseClick(history.cancel_button, Qt.MouseButton.LeftButton))
            qtbot.waitUntil(lambda: window.was_closed, timeout=WAIT)
        qtbot.waitUntil(lambda: not _visible_questions(), timeout=WAIT)
    finally:
        loop.set_exception_handler(before)
    assert closed_inside == [False], "the window closed inside the question's nested loop"
    # The question was still asked when the signal closed the window, and went with it. Before,
    # the signal ended the question's nested loop (answered as if No, from inside the click's
    # slot) and only then did the window get its close, from the outer loop.
    assert at_close == [["confirmCancel"]]
    window.removeEventFilter(watch)
    assert not failed
    kept = window.rt.ledger.get_sale(reference)
    assert kept is not None and kept.is_open and kept.status is not SaleStatus.CANCELED
    assert control.box()["order"] is not None  # the order is still on the box: nothing sent


@pytest.mark.posix
def test_sigterm_while_close_the_day_is_asked_closes_the_question_with_the_window(
    window: MainWindow, qtbot: QtBot
) -> None:
    """The day's close is a dialog of the counter window that the window's close leaves alone:
    its question stayed on screen after SIGTERM had closed the window (a Yes there then closed
    the day of a shut-down app). It goes with the window, the day not closed."""
    closing = window.day.open_close_day()
    closing.counted.setText("1500")
    requested: list[Decimal | None] = []
    closing.closeRequested.connect(requested.append)
    with close_on_terminal_signals(window):
        qtbot.mouseClick(closing.close_day_button, Qt.MouseButton.LeftButton)
        open_box(qtbot, "confirmCloseDay")
        signal.raise_signal(signal.SIGTERM)
        qtbot.waitUntil(lambda: window.was_closed, timeout=WAIT)
    qtbot.waitUntil(lambda: not _visible_questions(), timeout=WAIT)
    assert not requested and closing.report is None
