"""Keyboard only in Settings (every page) and the first-run assistant."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from pos_app.ui.settings.dialog import SECTION_BACKUPS, SECTION_RECEIPTS
from tests.benchmarks.dialogs_bench import builders
from tests.ui.keyboard_audit import (
    audit,
    build,
    default_button,
    focused,
    missing_mnemonics,
    mnemonic_clashes,
    out_of_visual_order,
    press,
    tab_walk,
    unnamed_fields,
)

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def table(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return builders(Path(tmp_path_factory.mktemp("kb")), sales=3, products=1)


def test_every_settings_page_with_the_keyboard(
    qtbot: QtBot, qloop: Any, table: dict[str, Any], screenshot: Any
) -> None:
    dialog = build(table, "SettingsDialog")
    qtbot.addWidget(dialog)
    audit(qtbot, dialog, first=dialog.sections)
    assert default_button(dialog) is dialog.ok_button  # Enter saves, as OK does
    for row in range(dialog.sections.count()):
        dialog.sections.setFocus()
        if row:
            press(qtbot, Qt.Key.Key_Down)  # the arrows pick the page
        assert dialog.stack.currentIndex() == row
        page = dialog.pages[row].title
        stops = tab_walk(qtbot, dialog)
        assert len(stops) >= 3, page  # Tab goes into the page, and round
        assert not out_of_visual_order(dialog, stops), page
        assert not mnemonic_clashes(dialog), page
        assert not missing_mnemonics(dialog), page
        assert not unnamed_fields(dialog), page
        if row in (SECTION_RECEIPTS, SECTION_BACKUPS):
            screenshot(dialog, f"keyboard_settings_{row}")
    for task in [t for p in dialog.pages for t in p.forget_tasks()]:
        qtbot.waitUntil(task.done, timeout=3000)


def test_settings_esc_asks_before_dropping_typed_settings(
    qtbot: QtBot, qloop: Any, table: dict[str, Any]
) -> None:
    dialog = build(table, "SettingsDialog")
    qtbot.addWidget(dialog)
    audit(qtbot, dialog, first=dialog.sections)
    press(qtbot, Qt.Key.Key_Escape)  # nothing changed: closes at once
    assert not dialog.isVisible()
    for task in [t for p in dialog.pages for t in p.forget_tasks()]:
        qtbot.waitUntil(task.done, timeout=3000)

    dialog = build(table, "SettingsDialog")
    qtbot.addWidget(dialog)
    audit(qtbot, dialog, first=dialog.sections)
    dialog.show_section(4)  # receipts: plain text fields
    press(qtbot, Qt.Key.Key_Tab)
    field = focused()
    qtbot.keyClicks(field, "x")
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox))
    box = QApplication.activeModalWidget()
    assert box.defaultButton().objectName() == "keepEditingButton"
    qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter keeps the typing too
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not box)
    assert dialog.isVisible()
    dialog.reject()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox))
    dialog.guard.box.findChild(type(box.defaultButton()), "discardButton").click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    for task in [t for p in dialog.pages for t in p.forget_tasks()]:
        qtbot.waitUntil(task.done, timeout=3000)


def test_setup_assistant_starts_in_the_token(
    qtbot: QtBot, qloop: Any, table: dict[str, Any]
) -> None:
    assistant = build(table, "SetupAssistant")
    qtbot.addWidget(assistant)
    audit(qtbot, assistant, first=assistant.account.token_edit)
    for task in assistant.forget_tasks():
        qtbot.waitUntil(task.done, timeout=3000)


def test_closing_the_window_discards_typed_settings_without_asking(
    qtbot: QtBot, window: Any
) -> None:
    dialog = window.open_settings()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.charging.ttl.setText("9")
    window.close()
    assert not dialog.isVisible() and dialog.guard.box is None
    assert not [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]
