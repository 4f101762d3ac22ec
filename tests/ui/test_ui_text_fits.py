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
from tests.ui.conftest import settle

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
    settle()
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
        settle()
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
    # 200 px: only the shortest hint fits, with the app's stylesheet or without it (this test
    # may be a worker's first, before any test applied the stylesheet: at 300 px the plain
    # font fits the middle hint).
    scan.resize(200, 52)
    qtbot.waitUntil(lambda: scan.placeholderText() == "Scan or search")
    scan.resize(900, 52)
    qtbot.waitUntil(lambda: scan.placeholderText().startswith("Scan a barcode"))
    scan.watch_events()
    scan.setStyleSheet("font-size: 66px")  # no resize: only the event filter sees it
    qtbot.waitUntil(lambda: not scan.placeholderText().startswith("Scan a barcode"))
    need = scan.fontMetrics().horizontalAdvance(scan.placeholderText())
    assert need <= text_room(scan)


@pytest.mark.parametrize("styled", [False, True], ids=["fusion", "app-style"])
def test_the_first_frame_room_is_exact_without_a_clear_button_and_never_more_with_one(
    qtbot: QtBot, styled: bool
) -> None:
    """The first frame measures a hint's room without QStyle (start-up time, issue 19): the
    same width as the style's contents rectangle for a plain field, and never more for one with
    a clear button, so the hint it picks always fits (watch() then measures exactly)."""
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

    from pos_app.ui.qtkit.fitting import first_frame_room

    holder = QWidget()
    qtbot.addWidget(holder)
    layout = QVBoxLayout(holder)
    fields = []
    for name, clear in [("", False), ("scanField", False), ("", True), ("scanField", True)]:
        field = QLineEdit()
        field.setObjectName(name)
        field.setClearButtonEnabled(clear)
        field.setTextMargins(3, 0, 5, 0)
        layout.addWidget(field)
        fields.append(field)
    if not styled:
        holder.setStyleSheet("QLineEdit { padding: 0; border: none; min-height: 0 }")
    holder.show()
    qtbot.waitExposed(holder)
    for width in (180, 333, 640, 1000):
        holder.resize(width, 400)
        qtbot.waitUntil(lambda w=width: holder.width() == w)
        for field in fields:
            assert field.width() > 100
            if field.isClearButtonEnabled():
                assert text_room(field) - field.height() <= first_frame_room(field)
                assert first_frame_room(field) <= text_room(field)
            else:
                assert first_frame_room(field) == text_room(field), (width, field.objectName())


def test_the_window_s_first_frame_wraps_no_qstyle() -> None:
    """Start-up time (issue 19): the first QStyle PySide6 wraps builds the class's 14 enums
    (~10 ms). The counter window's first frame, shown in a fresh interpreter, needs none."""
    import subprocess
    import sys

    probe = (
        "import enum, sys\n"
        "made = []\n"
        "create = enum.EnumType._create_\n"
        "def spy(cls, name, *a, **k):\n"
        "    made.append(name)\n"
        "    return create(cls, name, *a, **k)\n"
        "enum.EnumType._create_ = spy\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from pos_app.domain.money import site_for\n"
        "from pos_app.ui.counter.main_window import MainWindow\n"
        "from pos_app.ui.qtkit.style import apply_stylesheet\n"
        "app = QApplication([])\n"
        "apply_stylesheet(app)\n"
        "window = MainWindow(site=site_for('MLA'))\n"
        "window.resize(1024, 768)\n"
        "window.show()\n"
        "while not window.has_painted:\n"
        "    app.processEvents()\n"
        # enums of QStyle's own (names are bare: 'PixelMetric', not 'QStyle.PixelMetric')
        "style = {'PixelMetric', 'SubElement', 'PrimitiveElement'} & set(made)\n"
        "print('QSTYLE' if style else 'NONE', len(made))\n"
        "print(window.scan.placeholderText())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert lines[0].startswith("NONE"), lines
    assert lines[1] == "Scan a barcode or type a product name or SKU"
