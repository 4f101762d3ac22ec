"""A barcode typed into the quantity editor (a scanner fired while a quantity was being edited,
or a label pasted there): the quantity does not change. The spin box kept the digits that fit,
so ``2000201003501`` and its Enter set the yerba's quantity to 2000 ($ 9.780.000)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QSpinBox
from pytestqt.qtbot import QtBot

from pos_app.ui.counter.cart_model import COL_QUANTITY
from pos_app.ui.counter.main_window import MainWindow

pytestmark = pytest.mark.gui

YERBA_EAN = "7790580001018"


@pytest.mark.parametrize("code", ["2000201003501", YERBA_EAN, "77901234"])
def test_a_barcode_in_the_quantity_editor_changes_nothing(
    window: MainWindow, qtbot: QtBot, code: str
) -> None:
    qtbot.keyClicks(window.scan, YERBA_EAN)
    qtbot.keyClick(window.scan, Qt.Key.Key_Return)
    view = window.cart_view
    index = window.model.index(0, COL_QUANTITY)
    view.setFocus()
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.findChild(QSpinBox, "quantityEditor")
    assert editor is not None
    qtbot.keyClicks(editor, code)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not editor, timeout=2000)
    assert window.model.line_at(0).quantity == 1
    # An ordinary quantity still goes in. The closed editor is hidden and deleted later (on a
    # loaded machine still there, found first): the open one is the one on show.
    view.edit(index)
    (editor,) = [e for e in view.findChildren(QSpinBox, "quantityEditor") if e.isVisible()]
    qtbot.keyClicks(editor, "3")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.model.line_at(0).quantity == 3, timeout=2000)
