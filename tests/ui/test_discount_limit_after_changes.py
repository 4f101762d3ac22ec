"""The supervisor's limit holds when the cart changes under an amount off. $ 2.000 off three
yerbas ($ 14.670: 13,6 %, no PIN needed), then "-" twice: $ 2.000 off $ 4.890 is 40,9 %, above
the 20 % limit, and F5 charged it without anyone typing the PIN. Now F5 refuses, saying which
discount and what to do; a discount the supervisor allowed with the PIN stays allowed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pos_app.settings import supervisor
from pos_app.ui.counter.main_window import MainWindow
from pos_app.ui.counter.price_dialogs import DiscountDialog

pytestmark = pytest.mark.gui

YERBA_EAN = "7790580001018"  # Yerba mate Playadito 1 kg, $ 4.890,00


def scan(qtbot: QtBot, win: MainWindow, code: str) -> None:
    qtbot.keyClicks(win.scan, code)
    qtbot.keyClick(win.scan, Qt.Key.Key_Return)


def discount(qtbot: QtBot, win: MainWindow, key: Qt.Key, amount: str, pin: str = "") -> None:
    qtbot.waitUntil(win.scan.hasFocus, timeout=3000)
    qtbot.keyClick(win.scan, key)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), DiscountDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, DiscountDialog)
    qtbot.keyClick(dialog.value, Qt.Key.Key_Down)  # amount off
    qtbot.keyClicks(dialog.value, amount)
    qtbot.keyClick(dialog.value, Qt.Key.Key_Return)
    if pin:
        qtbot.waitUntil(dialog.pin.hasFocus, timeout=3000)
        qtbot.keyClicks(dialog.pin, pin)
        qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)


def test_an_amount_off_that_grew_past_the_limit_is_not_charged(
    window: MainWindow, qtbot: QtBot
) -> None:
    for _ in range(3):
        scan(qtbot, window, YERBA_EAN)
    discount(qtbot, window, Qt.Key.Key_F7, "2000")  # 13,6 %: no PIN asked
    assert window.model.lines()[0].discount is not None
    qtbot.keyClick(window.scan, Qt.Key.Key_Minus)
    qtbot.keyClick(window.scan, Qt.Key.Key_Minus)
    assert window.model.lines()[0].quantity == 1
    window.charge()
    assert not window.in_payment
    assert window.feedback.property("state") == "error"
    assert "Yerba mate Playadito 1 kg" in window.feedback.text()
    assert "20 %" in window.feedback.text()


def test_a_sale_amount_off_past_the_limit_after_a_line_went(
    window: MainWindow, qtbot: QtBot
) -> None:
    scan(qtbot, window, YERBA_EAN)
    scan(qtbot, window, "2000201003501")  # Jamón cocido 0,350 kg: $ 5.075
    discount(qtbot, window, Qt.Key.Key_F8, "1500")  # of $ 9.965: 15 %
    window.cart_view.select_row(1)
    qtbot.keyClick(window.scan, Qt.Key.Key_Delete)
    assert len(window.model.lines()) == 1  # 1.500 of 4.890: 30,7 %
    window.charge()
    assert not window.in_payment
    assert window.feedback.property("state") == "error"


def test_a_discount_the_supervisor_allowed_is_charged(window: MainWindow, qtbot: QtBot) -> None:
    window.rt.config = window.rt.config.with_changes(
        supervisor_pin=supervisor.hash_pin("2468", iterations=1000)
    )
    for _ in range(3):
        scan(qtbot, window, YERBA_EAN)
    discount(qtbot, window, Qt.Key.Key_F7, "4000", pin="2468")  # 27 %: the PIN
    assert window.model.cart.total() == Decimal("10670.00")
    window.charge()
    assert window.in_payment


def test_the_pin_allowed_that_share_not_more(window: MainWindow, qtbot: QtBot) -> None:
    """27 % allowed with the PIN on three yerbas; two taken off, $ 4.000 is 81,8 % of one."""
    window.rt.config = window.rt.config.with_changes(
        supervisor_pin=supervisor.hash_pin("2468", iterations=1000)
    )
    for _ in range(3):
        scan(qtbot, window, YERBA_EAN)
    discount(qtbot, window, Qt.Key.Key_F7, "4000", pin="2468")
    qtbot.keyClick(window.scan, Qt.Key.Key_Minus)
    qtbot.keyClick(window.scan, Qt.Key.Key_Minus)
    window.charge()
    assert not window.in_payment
    assert "apply it again with F7" in window.feedback.text()
