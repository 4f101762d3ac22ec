"""Keyboard only in the Day menu's dialogs: refund, cash drawer, close of the day, store view."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.benchmarks.dialogs_bench import builders
from tests.ui.asking import open_box
from tests.ui.keyboard_audit import audit, build, default_button, focused, press

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def table(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return builders(Path(tmp_path_factory.mktemp("kb")), sales=3, products=3)


def test_refund_reads_in_order_and_enter_never_refunds(
    qtbot: QtBot, table: dict[str, Any], screenshot: Any
) -> None:
    dialog = build(table, "RefundDialog")
    qtbot.addWidget(dialog)
    started: list[object] = []
    dialog.start_refund = lambda: started.append(1)  # type: ignore[method-assign]
    dialog.refund_button.clicked.disconnect()
    dialog.refund_button.clicked.connect(dialog.start_refund)
    stops = audit(qtbot, dialog, first=dialog.whole)
    # The items' quantities, then the note, come before the buttons, the buttons left to right.
    n = len(dialog.spins)
    assert n and stops[-n - 3 :] == [
        *dialog.spins,
        dialog.note,
        dialog.refund_button,
        dialog.close_button,
    ]
    assert default_button(dialog) is dialog.ticket_button  # on purpose: never Refund
    screenshot(dialog, "keyboard_refund")
    dialog.by_amount.setChecked(True)
    dialog.amount.setFocus()
    qtbot.keyClicks(dialog.amount, "100")
    assert dialog.refund_button.isEnabled()
    press(qtbot, Qt.Key.Key_Return)
    assert not started and dialog.isVisible()
    dialog.refund_button.setFocus()
    press(qtbot, Qt.Key.Key_Return)  # pressed on purpose
    assert started
    press(qtbot, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_cash_drawer_and_close_of_the_day(qtbot: QtBot, table: dict[str, Any]) -> None:
    drawer = build(table, "CashDrawerDialog")
    qtbot.addWidget(drawer)
    stops = audit(qtbot, drawer, first=drawer.cashier)
    assert drawer.movements in stops  # Tab goes through the list, not into it for good
    opened: list[object] = []
    drawer.changed.connect(lambda: opened.append(1))
    drawer.amount.setFocus()
    qtbot.keyClicks(drawer.amount, "500")
    press(qtbot, Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "change")
    press(qtbot, Qt.Key.Key_Return)  # in or out? nothing pressed, nothing said
    assert not opened and not drawer.problem.text()
    drawer.cashier.setFocus()
    qtbot.keyClicks(drawer.cashier, "Ana")
    press(qtbot, Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "1000")  # the starting float
    press(qtbot, Qt.Key.Key_Return)  # opens the shift
    assert opened and not drawer.problem.text()
    press(qtbot, Qt.Key.Key_Escape)
    assert not drawer.isVisible()

    close = build(table, "CloseDayDialog")
    qtbot.addWidget(close)
    stops = audit(qtbot, close, first=close.counted)
    assert close.rows in stops and close.close_day_button in stops
    # Enter asks Mercado Pago for the day's payments; closing the day is pressed on purpose
    # (and asks again).
    assert default_button(close) is close.reconcile_button
    # The question before closing takes Enter as No: a closed day never changes.
    requested: list[object] = []
    close.closeRequested.connect(requested.append)
    close.close_day_button.click()  # the question opens (no nested loop) and waits
    box = open_box(qtbot, "confirmCloseDay")
    assert QApplication.activeModalWidget() is box
    default = box.defaultButton()
    seen = [default.text().replace("&", "") if default is not None else ""]
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=5000)  # Enter answered it
    assert seen == ["No"] and not requested and close.isVisible()
    qtbot.keyClick(close, Qt.Key.Key_Escape)
    assert not close.isVisible()


def test_store_view(qtbot: QtBot, table: dict[str, Any]) -> None:
    dialog = build(table, "StoreViewDialog")
    qtbot.addWidget(dialog)
    stops = audit(qtbot, dialog, first=dialog.scope)
    assert stops[-1] is dialog.table
    press(qtbot, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
