"""Filling the cart from the keyboard: scanner, search, custom amount, quantities."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QSpinBox
from pytestqt.qtbot import QtBot

from pos_app.domain.money import format_money
from pos_app.ui.counter.cart_model import COL_QUANTITY, AmountRole
from pos_app.ui.counter.main_window import MainWindow

pytestmark = pytest.mark.gui

YERBA_EAN = "7790580001018"  # Yerba mate Playadito 1 kg, $ 4.890,00 (resources/demo_catalog.csv)
QUESO_SKU = "FIA001"  # Queso cremoso 250 g, sold as a pack


def scan(qtbot: QtBot, win: MainWindow, code: str) -> None:
    """What a barcode scanner does: type fast, press Enter."""
    qtbot.keyClicks(win.scan, code)
    qtbot.keyClick(win.scan, Qt.Key.Key_Return)


def test_scanning_a_barcode_adds_one_unit_and_rescanning_merges(
    window: MainWindow, qtbot: QtBot, screenshot: Any
) -> None:
    assert window.scan.hasFocus()
    scan(qtbot, window, YERBA_EAN)
    assert [(line.title, line.quantity) for line in window.model.lines()] == [
        ("Yerba mate Playadito 1 kg", 1)
    ]
    assert window.scan.text() == ""
    scan(qtbot, window, YERBA_EAN)
    scan(qtbot, window, QUESO_SKU)  # the SKU works as well as the barcode
    assert [(line.sku, line.quantity) for line in window.model.lines()] == [
        ("ALM001", 2),
        ("FIA001", 1),
    ]
    expected = Decimal("4890.00") * 2 + Decimal("3125.00")
    assert window.totals.total.text() == format_money(expected, window.rt.site) == "$ 12.905,00"
    assert window.totals.count.text() == "3 items"
    assert window.scan.hasFocus()
    screenshot(window, "01_cart_filled")


def test_unknown_code_is_reported_beside_the_field(window: MainWindow, qtbot: QtBot) -> None:
    scan(qtbot, window, "0000000000000")
    assert window.model.is_empty()
    assert "0000000000000" in window.feedback.text()
    assert window.feedback.property("state") == "error"


def test_typing_shows_matches_and_arrows_pick_one(
    window: MainWindow, qtbot: QtBot, screenshot: Any
) -> None:
    qtbot.keyClicks(window.scan, "yerba")
    qtbot.waitUntil(lambda: window.search.is_open, timeout=3000)
    results = window.search.model
    titles = [results.product(row).title for row in range(results.rowCount())]
    assert len(titles) == 2 and all("Yerba" in title for title in titles)
    screenshot(window, "02_search_results")
    qtbot.keyClick(window.scan, Qt.Key.Key_Down)
    qtbot.keyClick(window.scan, Qt.Key.Key_Return)
    assert [line.title for line in window.model.lines()] == [titles[1]]
    assert not window.search.is_open


def test_a_single_match_is_added_with_enter_accents_ignored(
    window: MainWindow, qtbot: QtBot
) -> None:
    qtbot.keyClicks(window.scan, "azucar")
    qtbot.keyClick(window.scan, Qt.Key.Key_Return)
    assert [line.title for line in window.model.lines()] == ["Azúcar Ledesma 1 kg"]


def test_several_matches_and_enter_asks_to_pick_then_second_enter_takes_it(
    window: MainWindow, qtbot: QtBot
) -> None:
    qtbot.keyClicks(window.scan, "alfajor")
    qtbot.keyClick(window.scan, Qt.Key.Key_Return)  # before the search timer even fired
    assert window.model.is_empty()
    assert window.search.is_open
    assert "pick one" in window.feedback.text()
    first = window.search.model.product(0)
    qtbot.keyClick(window.scan, Qt.Key.Key_Return)
    assert window.model.lines()[0].sku == first.sku


def test_tapping_a_search_result_adds_it(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClicks(window.scan, "queso")
    qtbot.waitUntil(lambda: window.search.is_open, timeout=3000)
    view = window.search.view
    rect = view.visualRect(window.search.model.index(1, 0))
    chosen = window.search.model.product(1)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert [line.sku for line in window.model.lines()] == [chosen.sku]
    assert window.scan.hasFocus()


def test_custom_amount_validates_beside_the_field_and_adds_a_line(
    window: MainWindow, qtbot: QtBot, screenshot: Any
) -> None:
    qtbot.keyClick(window.scan, Qt.Key.Key_F2)
    bar = window.custom_bar
    assert bar.isVisible() and bar.amount.hasFocus()
    qtbot.keyClicks(bar.amount, "doce")
    qtbot.keyClick(bar.amount, Qt.Key.Key_Return)
    assert bar.error.isVisible() and "not an amount" in bar.error.text()
    screenshot(window, "03_custom_amount_error")
    bar.amount.clear()
    qtbot.keyClicks(bar.amount, "0")
    qtbot.keyClick(bar.amount, Qt.Key.Key_Return)
    assert "greater than zero" in bar.error.text()
    bar.amount.clear()
    qtbot.keyClicks(bar.amount, "12,345")
    qtbot.keyClick(bar.amount, Qt.Key.Key_Return)
    assert "at most 2 decimals" in bar.error.text()
    assert window.model.is_empty()

    bar.description.setText("Pan del día")
    bar.amount.clear()
    qtbot.keyClicks(bar.amount, "1.234,50")
    qtbot.keyClick(bar.amount, Qt.Key.Key_Return)
    lines = window.model.lines()
    assert [(line.title, line.unit_price) for line in lines] == [
        ("Pan del día", Decimal("1234.50"))
    ]
    assert not bar.isVisible() and window.scan.hasFocus()


def test_plus_minus_delete_and_the_spin_box_change_the_cart(
    window: MainWindow, qtbot: QtBot
) -> None:
    scan(qtbot, window, YERBA_EAN)
    scan(qtbot, window, QUESO_SKU)
    # In the scan field, + and - act on the selected (last added) line.
    qtbot.keyClick(window.scan, Qt.Key.Key_Plus)
    qtbot.keyClick(window.scan, Qt.Key.Key_Plus)
    qtbot.keyClick(window.scan, Qt.Key.Key_Minus)
    assert window.model.line_at(1).quantity == 2

    view = window.cart_view
    view.setFocus()
    view.select_row(0)
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert window.model.line_at(0).quantity == 2

    # The spin box delegate: open the editor, type 7, commit with Enter.
    index = window.model.index(0, COL_QUANTITY)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.findChild(QSpinBox, "quantityEditor")
    assert editor is not None
    editor.setValue(7)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.model.line_at(0).quantity == 7, timeout=2000)
    assert index.siblingAtColumn(3).data(AmountRole) == Decimal("4890.00") * 7
    expected = Decimal("4890.00") * 7 + Decimal("3125.00") * 2
    assert window.totals.total.text() == format_money(expected, window.rt.site)

    view.setFocus()
    view.select_row(1)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert [line.sku for line in window.model.lines()] == ["ALM001"]
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert window.scan.hasFocus() or QApplication.focusWidget() is window.scan


def test_charging_an_empty_cart_explains_instead_of_failing(
    window: MainWindow, qtbot: QtBot
) -> None:
    qtbot.keyClick(window.scan, Qt.Key.Key_F5)
    assert not window.in_payment
    assert "empty" in window.feedback.text()


@pytest.mark.parametrize(("width", "price_shown"), [(800, False), (1024, True)])
def test_a_narrow_window_gives_the_unit_price_columns_room_to_the_name(
    window: MainWindow, qtbot: QtBot, screenshot: Any, width: int, price_shown: bool
) -> None:
    """At the window's 800 px minimum the name column was ~90 px ("Yer… kg"): the unit price
    is left out there (as on the customer display), quantity and line total stay."""
    from pos_app.ui.counter.cart_model import COL_LINE_TOTAL, COL_TITLE, COL_UNIT_PRICE

    window.resize(width, 700)
    window.show()
    qtbot.waitExposed(window)
    product = window.rt.ledger.catalog.lookup_code("7790580001018")
    assert product is not None and not isinstance(product, str)
    window.model.add_line(product.to_line())
    qtbot.wait(20)
    view = window.cart_view
    assert view.isColumnHidden(COL_UNIT_PRICE) is not price_shown
    assert not view.isColumnHidden(COL_QUANTITY) and not view.isColumnHidden(COL_LINE_TOTAL)
    assert view.columnWidth(COL_TITLE) >= 150, view.columnWidth(COL_TITLE)
    screenshot(window, f"cart_{width}px")
