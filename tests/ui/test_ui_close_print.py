"""Issue 13 in the window: Close day → Print sends the report to the receipt printer off the
GUI thread; a dead printer is told in the dialog and never blocks it; no printer, no Print."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pos_app.ui.counter.main_window import MainWindow
from tests.ui.test_ui_charging import WAIT

pytestmark = pytest.mark.gui


def test_print_the_close_report(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, qloop: Any, screenshot: Any
) -> None:
    window.rt.config = window.rt.config.with_changes(receipt_printer="")
    closing = window.day.open_close_day()
    assert not closing.print_button.isEnabled()  # no printer configured
    closing.close()

    device = tmp_path / "lp0"
    window.rt.config = window.rt.config.with_changes(
        receipt_printer=f"file:{device}", receipt_paper_mm=80
    )
    closing = window.day.open_close_day()
    assert closing.print_button.isEnabled()
    qtbot.mouseClick(closing.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: device.exists() and device.stat().st_size > 0, timeout=WAIT)
    qtbot.waitUntil(lambda: "sent to the printer" in closing.print_status.text(), timeout=WAIT)
    text = device.read_bytes().decode("cp850")
    number = closing.shown_report().number
    assert f"Close number {number}" in text and "-" * 48 in text and "-" * 49 not in text
    assert closing.print_button.isEnabled()

    window.rt.config = window.rt.config.with_changes(
        receipt_printer=f"file:{tmp_path / 'unplugged' / 'lp0'}"
    )
    closing = window.day.open_close_day()
    qtbot.mouseClick(closing.print_button, Qt.MouseButton.LeftButton)
    assert closing.isVisible()  # the click returned at once: the job runs in its own thread
    qtbot.waitUntil(lambda: "did not print" in closing.print_status.text(), timeout=WAIT)
    assert "not connected" in closing.print_status.text()
    assert closing.print_button.isEnabled()  # can be tried again
    screenshot(closing, "45_close_report_not_printed")
    closing.close()


def test_print_the_shift_report_after_a_hand_over(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, qloop: Any
) -> None:
    """Cash drawer → Print shift report: the day so far (with the hand-over and sales by
    shift), titled as no close, on the receipt printer; nothing is closed."""
    window.rt.config = window.rt.config.with_changes(receipt_printer="")
    drawer = window.day.open_cash_drawer()
    assert not drawer._print.button.isEnabled()  # no printer configured
    device = tmp_path / "lp0"
    window.rt.config = window.rt.config.with_changes(
        receipt_printer=f"file:{device}", receipt_paper_mm=80
    )
    drawer = window.day.open_cash_drawer()
    drawer.cashier.setText("Ana")
    drawer.starting_float.setText("1000")
    drawer.open_shift()
    drawer.cashier.setText("Bea")
    drawer.starting_float.setText("990")
    drawer.open_shift()
    assert not drawer.problem.text()
    qtbot.mouseClick(drawer._print.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: device.exists() and device.stat().st_size > 0, timeout=WAIT)
    qtbot.waitUntil(lambda: "sent to the printer" in drawer._print.status.text(), timeout=WAIT)
    text = device.read_bytes().decode("cp850")
    assert "Shift report, not a close" in text and "Close number" not in text
    assert "Hand-over" in text and "Ana to Bea" in text and "Sales by shift" in text
    assert window.rt.ledger.day.closes() == []  # nothing was closed
    drawer.close()
