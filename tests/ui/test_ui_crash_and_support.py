"""A bug in the window: logged, one non-modal dialog, the app keeps selling; Help's support file."""

from __future__ import annotations

import asyncio
import gc
import logging
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from pos_app.settings import paths
from pos_app.ui.counter.main_window import MainWindow
from pos_app.ui.maintenance.support import catch_crashes

pytestmark = pytest.mark.gui


def visible(kind: type, name: str) -> Any:
    found = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, kind) and w.objectName() == name and w.isVisible()
    ]
    return found[-1] if found else None


def test_an_exception_in_a_slot_and_in_a_task_shows_the_dialog_and_the_app_keeps_running(
    window: MainWindow, qtbot: QtBot, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    def broken_slot() -> None:
        raise ZeroDivisionError("a bug in a slot")

    async def broken_task() -> None:
        raise KeyError("a bug in a task nobody awaits")

    with catch_crashes(window.crashes), caplog.at_level(logging.ERROR):
        QTimer.singleShot(0, broken_slot)
        qtbot.waitUntil(lambda: visible(QMessageBox, "crashBox") is not None, timeout=5000)
        box: QMessageBox = visible(QMessageBox, "crashBox")
        assert "the sale is safe" in box.text()
        assert not box.isModal()
        assert "a bug in a slot" in caplog.text and "ZeroDivisionError" in caplog.text

        loop = asyncio.get_running_loop()
        loop.call_soon(lambda: (_ for _ in ()).throw(RuntimeError("a bug in a callback")))
        qtbot.waitUntil(lambda: "a bug in a callback" in caplog.text, timeout=5000)
        task = asyncio.ensure_future(broken_task())
        qtbot.waitUntil(task.done, timeout=5000)
        del task  # never retrieved: asyncio reports it to the loop's handler when collected
        gc.collect()
        qtbot.waitUntil(lambda: "a bug in a task nobody awaits" in caplog.text, timeout=5000)
        qtbot.waitUntil(lambda: "3 times" in box.text(), timeout=5000)
        assert visible(QMessageBox, "crashBox") is box  # one dialog, not one per bug

        # The window still works: a product goes into the cart.
        window.activateWindow()
        qtbot.keyClicks(window.scan, "7790580001018")
        qtbot.keyClick(window.scan, Qt.Key.Key_Return)
        assert len(window.model.lines()) == 1

        # Save a support file from the dialog: a file dialog opened with open(), then the zip.
        button = next(b for b in box.buttons() if b.objectName() == "crashSupportButton")
        button.click()
        qtbot.waitUntil(lambda: visible(QFileDialog, "supportFileDialog") is not None, timeout=5000)
        dialog: QFileDialog = visible(QFileDialog, "supportFileDialog")
        out = tmp_path / "support.zip"
        dialog.fileSelected.emit(str(out))
        dialog.close()
        qtbot.waitUntil(lambda: window.support.last_saved == out, timeout=20_000)
        with zipfile.ZipFile(out) as zf:
            assert "doctor.json" in zf.namelist()
        assert visible(QMessageBox, "crashBox") is None  # it closed when its button was used
    assert sys.excepthook is not window.crashes.excepthook  # restored


class _Opened(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def test_help_show_logs_opens_the_logs_folder(window: MainWindow) -> None:
    opened = _Opened()
    QDesktopServices.setUrlHandler("file", opened, "open")
    try:
        action = window.findChild(QAction, "showLogsAction")
        assert action is not None and action.text() == "Show logs"
        action.trigger()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [u.toLocalFile() for u in opened.urls] == [str(paths.logs_dir())]
    assert window.findChild(QAction, "supportFileAction") is not None


def test_a_damaged_amount_in_the_ledger_is_told_in_its_own_words(
    window: MainWindow, qtbot: QtBot, control: Any, run: Any
) -> None:
    """Close the day, the cash drawer and a reprint read the ledger in a slot: an amount no till
    could have written (an edited ledger) names its sale and what to do, not "something went
    wrong" (and the history window says it in place of the list: tests/hostile)."""
    lines = [p.to_line(1) for p in window.rt.ledger.catalog.search("yerba", 1)]
    sale = run(window.rt.engine.charge(lines))
    run(window.rt.engine.cancel(sale.external_reference, cash=True))
    window.rt.ledger._conn.execute("UPDATE sales SET total = '1e999'")
    with catch_crashes(window.crashes):
        # The close's dialog says it in place of the report and closes nothing (Mercado Pago's
        # payments can still be checked there: tests/ui/test_damaged_waiting_sale_window.py).
        window.close_day_action.trigger()
        closing = window.day.closing
        assert closing is not None and closing.isVisible()
        said = closing.heading.text()
        assert sale.external_reference in said and "'1e999'" in said and "pos-app doctor" in said
        assert not closing.close_day_button.isEnabled()
        closing.close()
        window.cash_drawer_action.trigger()
        qtbot.waitUntil(lambda: visible(QMessageBox, "errorBox") is not None, timeout=5000)
        box: QMessageBox = visible(QMessageBox, "errorBox")
        assert sale.external_reference in box.text() and "'1e999'" in box.text()
        assert "pos-app doctor" in box.text()
        assert visible(QMessageBox, "crashBox") is None
        box.close()
