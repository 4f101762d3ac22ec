"""Keyboard only in Tools → Products: the list, the product editor, the CSV import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from tests.benchmarks.dialogs_bench import builders
from tests.ui.keyboard_audit import audit, build, default_button, press

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def table(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return builders(Path(tmp_path_factory.mktemp("kb")), sales=3, products=3)


def test_products_list_tab_leaves_the_list_and_enter_changes_the_row(
    qtbot: QtBot, table: dict[str, Any]
) -> None:
    window = build(table, "ProductsWindow")
    qtbot.addWidget(window)
    added: list[object] = []
    window.add_product = lambda *a, **k: added.append(a)  # type: ignore[method-assign]
    stops = audit(qtbot, window, first=window.search)
    assert window.view in stops and window.close_button in stops
    press(qtbot, Qt.Key.Key_Return)  # searches; presses no button
    assert not added and window.isVisible()
    window.add_button.setFocus()
    press(qtbot, Qt.Key.Key_Return)  # a focused button takes Enter (it did not: autoDefault)
    assert added


def test_editor_esc_asks_before_dropping_what_was_typed(
    qtbot: QtBot, table: dict[str, Any], screenshot: Any
) -> None:
    editor = build(table, "ProductEditor")
    qtbot.addWidget(editor)
    stops = audit(qtbot, editor, first=editor.price)  # a price is what changes most
    assert stops[stops.index(editor.cancel_button) + 1] is editor.title
    assert default_button(editor) is editor.save_button
    press(qtbot, Qt.Key.Key_Escape)  # nothing typed: closes at once
    assert not editor.isVisible()

    editor = build(table, "ProductEditor")
    qtbot.addWidget(editor)
    audit(qtbot, editor, first=editor.price)
    qtbot.keyClicks(editor.price, "9")
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox))
    box = QApplication.activeModalWidget()
    assert box.defaultButton().text().replace("&", "") == "Keep editing"
    screenshot(editor, "keyboard_product_editor")
    screenshot(box, "keyboard_discard_question")
    qtbot.keyClick(box, Qt.Key.Key_Escape)  # Esc again keeps the typing
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    assert editor.isVisible() and editor.price.text().startswith("9")  # kept
    editor.reject()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox))
    box = QApplication.activeModalWidget()
    box.findChild(type(box.defaultButton()), "discardButton").click()
    qtbot.waitUntil(lambda: not editor.isVisible())


def test_import_preview(qtbot: QtBot, qloop: Any, table: dict[str, Any]) -> None:
    preview = build(table, "ImportPreview")
    qtbot.addWidget(preview)
    qtbot.waitUntil(lambda: preview.import_button.isEnabled())
    audit(qtbot, preview, first=preview.table)
    # The preview is the confirmation: Enter imports what it shows.
    assert default_button(preview) is preview.import_button
    press(qtbot, Qt.Key.Key_Escape)
    assert not preview.isVisible()
