"""The scan field as a new cashier uses it: Enter takes the highlighted suggestion, the arrows
move through the suggestions or the cart lines, and the field is empty after each line."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pos_app.domain.catalog import Product
from pos_app.domain.sale import SaleStatus
from pos_app.ui.counter.main_window import MainWindow
from tests.ui.conftest import Control

pytestmark = pytest.mark.gui

TWINS = [
    Product(sku="TWIN-A", title="Galletitas Twin 200 g", unit_price=Decimal("900.00")),
    Product(sku="TWIN-B", title="Galletitas Twin 200 g", unit_price=Decimal("950.00")),
]


def type_and_wait_for_list(qtbot: QtBot, win: MainWindow, text: str) -> None:
    qtbot.keyClicks(win.scan, text)
    qtbot.waitUntil(lambda: win.search.is_open and not win.search._timer.isActive(), timeout=3000)


def test_enter_takes_the_highlighted_suggestion_at_once(window: MainWindow, qtbot: QtBot) -> None:
    type_and_wait_for_list(qtbot, window, "alfajor")
    assert window.search.model.rowCount() >= 2
    first = window.search.model.product(0)
    qtbot.keyClick(window.scan, Qt.Key.Key_Return)  # one Enter, not two
    assert [line.sku for line in window.model.lines()] == [first.sku]
    assert window.scan.text() == "" and not window.search.is_open


def test_arrows_move_in_the_cart_when_no_list_is_open(
    window: MainWindow, qtbot: QtBot, screenshot: Any
) -> None:
    for code in ("7790580001018", "FIA001", "azucar"):
        qtbot.keyClicks(window.scan, code)
        qtbot.keyClick(window.scan, Qt.Key.Key_Return)
        assert window.scan.text() == ""
    assert window.model.rowCount() == 3
    assert window.cart_view.current_row() == 2  # the line just added
    qtbot.keyClick(window.scan, Qt.Key.Key_Up)
    qtbot.keyClick(window.scan, Qt.Key.Key_Up)
    assert window.cart_view.current_row() == 0
    assert window.scan.hasFocus()
    screenshot(window, "scan_arrows_select_cart_line")
    qtbot.keyClick(window.scan, Qt.Key.Key_Plus)  # acts on the line seen selected
    assert [line.quantity for line in window.model.lines()] == [2, 1, 1]
    qtbot.keyClick(window.scan, Qt.Key.Key_Down)
    qtbot.keyClick(window.scan, Qt.Key.Key_Delete)
    assert [line.sku for line in window.model.lines()] == ["ALM001", window.model.line_at(1).sku]
    assert window.model.rowCount() == 2 and "FIA001" not in [ln.sku for ln in window.model.lines()]
    qtbot.keyClick(window.scan, Qt.Key.Key_Down)  # stops at the last line
    qtbot.keyClick(window.scan, Qt.Key.Key_Down)
    assert window.cart_view.current_row() == 1


def test_arrows_move_in_the_list_while_it_is_open(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClicks(window.scan, "7790580001018")
    qtbot.keyClick(window.scan, Qt.Key.Key_Return)
    type_and_wait_for_list(qtbot, window, "yerba")
    second = window.search.model.product(1)
    qtbot.keyClick(window.scan, Qt.Key.Key_Down)
    assert window.search.view.currentIndex().row() == 1
    assert window.cart_view.current_row() == 0  # the cart did not move
    qtbot.keyClick(window.scan, Qt.Key.Key_Return)
    assert window.model.lines()[-1].sku == second.sku


def test_keyboard_only_sale_with_two_same_name_products(
    window: MainWindow, qtbot: QtBot, control: Control, screenshot: Any
) -> None:
    window.rt.ledger.catalog.upsert(TWINS)
    type_and_wait_for_list(qtbot, window, "twin")
    results = window.search.model
    assert [results.product(r).sku for r in range(results.rowCount())] == ["TWIN-A", "TWIN-B"]
    screenshot(window, "scan_two_same_names")
    qtbot.keyClick(window.scan, Qt.Key.Key_Down)
    qtbot.keyClick(window.scan, Qt.Key.Key_Return)  # the second one, as highlighted
    type_and_wait_for_list(qtbot, window, "twin")
    qtbot.keyClick(window.scan, Qt.Key.Key_Return)  # the first one
    qtbot.keyClick(window.scan, Qt.Key.Key_Plus)  # one more of the first
    assert [(ln.sku, ln.quantity) for ln in window.model.lines()] == [
        ("TWIN-B", 1),
        ("TWIN-A", 2),
    ]
    qtbot.keyClick(window.scan, Qt.Key.Key_F5)
    qtbot.waitUntil(
        lambda: (
            window.current_sale is not None and window.current_sale.status is SaleStatus.PENDING
        ),
        timeout=5000,
    )
    assert window.scan.text() == ""
    control.pay()
    qtbot.waitUntil(
        lambda: window.current_sale is not None and window.current_sale.status is SaleStatus.PAID,
        timeout=8000,
    )
    assert window.current_sale.total == Decimal("950.00") + 2 * Decimal("900.00")
    qtbot.keyClick(window.payment, Qt.Key.Key_Return)  # the next sale
    assert not window.in_payment and window.model.is_empty()
    assert window.scan.text() == "" and window.scan.hasFocus()
