"""Text that never cuts: product names in the cart lose their middle only when they truly
cannot fit (the whole name in the tooltip); the scan field's hint never stops mid-word."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pos_app.domain.catalog import Product
from pos_app.ui.counter.cart_model import COL_TITLE
from pos_app.ui.counter.main_window import MainWindow
from pos_app.ui.qtkit.fitting import text_room

pytestmark = pytest.mark.gui

LONG = Product(
    sku="LONG1",
    title="Galletitas de agua con salvado y semillas de chía, paquete familiar ahorro 3 x 200 g",
    unit_price=Decimal("1500.00"),
)


def test_a_long_name_keeps_its_end_and_the_tooltip_has_it_all(
    window: MainWindow, qtbot: QtBot, screenshot: Any
) -> None:
    window.model.add_line(LONG.to_line())
    window.model.add_line(Product("S1", "Pan 1 kg", Decimal("900.00")).to_line())
    qtbot.wait(50)
    view = window.cart_view
    assert view.textElideMode() is Qt.TextElideMode.ElideMiddle
    room = view.columnWidth(COL_TITLE) - 8
    metrics = view.fontMetrics()
    assert metrics.horizontalAdvance(LONG.title) > room  # it truly cannot fit...
    shown = metrics.elidedText(LONG.title, Qt.TextElideMode.ElideMiddle, room)
    assert shown.startswith("Galletitas") and shown.endswith("200 g")  # ...so the middle goes
    assert metrics.horizontalAdvance("Pan 1 kg") <= room  # a short name is whole
    tooltip = window.model.index(0, COL_TITLE).data(Qt.ItemDataRole.ToolTipRole)
    assert LONG.title in tooltip
    screenshot(window, "cart_long_name")


def test_the_scan_hint_shortens_instead_of_being_cut(window: MainWindow, qtbot: QtBot) -> None:
    scan = window.scan
    for width in (1024, 800):
        window.resize(width, 700)
        qtbot.wait(50)
        need = scan.fontMetrics().horizontalAdvance(scan.placeholderText())
        assert need <= text_room(scan), (width, scan.placeholderText())
    assert scan.placeholderText() in (
        "Scan or type a product name or SKU",
        "Scan or search",
    )  # 800 px: the long hint does not fit
    window.resize(1024, 768)
