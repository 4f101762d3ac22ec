"""The sales history on a 1024 x 600 screen: the chosen sale's lines show whole product names.
The name column had what the quantity, price and total columns left in a pane of ~420 px:
"Yerba mate 1 kg" read "Yerb…1 kg" in Spanish."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QFontMetrics, QScreen
from pytestqt.qtbot import QtBot

from pos_app.domain.cart import CartLine
from pos_app.domain.money import site_for
from pos_app.ui.counter.sales_view import TodaySalesDialog
from tests.receipts.conftest import make_sale

pytestmark = pytest.mark.gui

FREE = QRect(0, 0, 1024, 600)
NAMES = ("Yerba mate 1 kg", "Dulce de leche repostero La Serenísima 400 g")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_product_names_are_whole_at_1024x600(
    lang: str, qloop: Any, qtbot: QtBot, screenshot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _self: QRect(FREE))
    lines = tuple(CartLine(f"S{n}", name, Decimal("12345.50"), 12) for n, name in enumerate(NAMES))
    sale = make_sale("MLA", lines)
    dialog = TodaySalesDialog(
        site_for("MLA"),
        sales_since=lambda _start: [sale],
        get_sale=lambda _ref: sale,
        sale_events=lambda _ref: [],
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.refresh()
    dialog.select_reference(sale.external_reference)
    qtbot.wait(20)
    assert dialog.height() <= FREE.height() - 40 and dialog.width() <= FREE.width()
    table = dialog.lines
    assert table.rowCount() == len(NAMES)
    name_width = table.horizontalHeader().sectionSize(0)
    words = QFontMetrics(table.font())
    for row, name in enumerate(NAMES):
        assert table.item(row, 0).text() == name
        one_line = table.sizeHintForIndex(table.model().index(row, 0)).width()
        if one_line <= name_width:
            continue  # whole on one line
        # Else wrapped: the row as tall as the wrapped name needs (Qt's hint for a wrapping
        # table is laid out at the column's width), and no word wider than the column.
        assert table.wordWrap(), (name, name_width, one_line)
        assert table.rowHeight(row) >= table.sizeHintForRow(row), name
        widest = max(words.horizontalAdvance(word) for word in name.split())
        assert widest + 12 <= name_width, name
    assert table.horizontalScrollBar().maximum() == 0  # nothing off to the side either
    screenshot(dialog, f"sale_detail_names_{lang}")
