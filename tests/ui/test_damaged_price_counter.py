"""A damaged product price (hand-edited ``NaN`` in the catalog) scanned or chosen from the search
at the counter: no traceback, the feedback names the product and what to do, nothing is added;
the next product sells as usual. The products window lists it as "Price damaged" and its editor
asks for the price again (empty, never a made-up zero)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pos_app.ui.counter.main_window import MainWindow

pytestmark = pytest.mark.gui


@pytest.mark.parametrize("value", ["NaN", "1e999", "9" * 29, "caro"])
def test_a_damaged_price_is_named_at_the_counter_and_the_rest_sells(
    window: MainWindow, qtbot: QtBot, value: str
) -> None:
    catalog = window.rt.ledger.catalog
    catalog._conn.execute("UPDATE catalog SET unit_price = ? WHERE sku = 'ALM001'", (value,))
    catalog._conn.commit()
    window.scan.clear()
    window.scan.insert("7790580001018")
    qtbot.keyClick(window.scan, Qt.Key.Key_Return)
    assert not window.model.lines()
    said = window.feedback.text()
    assert "Yerba mate Playadito 1 kg (ALM001)" in said and "Products" in said
    # Searching lists it without a traceback; the others sell.
    assert any(p.damaged for p in catalog.search("yerba"))
    window.scan.clear()
    window.scan.insert("7790580001025")
    qtbot.keyClick(window.scan, Qt.Key.Key_Return)
    assert [line.sku for line in window.model.lines()] == ["ALM002"]
    # The products window shows it in words; its editor asks for the price again.
    products = window.open_products()
    products.refresh(select="ALM001")
    row = products.model.row_of("ALM001")
    assert row is not None
    assert products.model.data(products.model.index(row, 3)) == "Price damaged"
    editor = products.edit_selected()
    assert editor is not None and editor.price.text() == ""
    editor.close()
    products.close()
