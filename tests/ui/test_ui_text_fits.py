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


def test_the_scan_hint_fits_by_resizes_first_then_follows_font_changes(qtbot: QtBot) -> None:
    """Before the window's first frame the scan field refits from its own resizeEvent (no event
    filter: start-up time, issue 19); once watched, a font change refits it too."""

    from pos_app.ui.counter.scan_field import ScanField

    scan = ScanField()
    qtbot.addWidget(scan)
    scan.resize(900, 52)
    scan.show()
    qtbot.waitExposed(scan)
    assert scan.placeholderText() == "Scan a barcode or type a product name or SKU"
    scan.resize(300, 52)
    qtbot.waitUntil(lambda: scan.placeholderText() == "Scan or search")
    scan.resize(900, 52)
    qtbot.waitUntil(lambda: scan.placeholderText().startswith("Scan a barcode"))
    scan.watch_events()
    scan.setStyleSheet("font-size: 66px")  # no resize: only the event filter sees it
    qtbot.waitUntil(lambda: not scan.placeholderText().startswith("Scan a barcode"))
    need = scan.fontMetrics().horizontalAdvance(scan.placeholderText())
    assert need <= text_room(scan)
