"""Keyboard only in the damaged-ledger question, the crash dialog and the receipt preview."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from pos_app.ledger.store import LedgerDamagedError
from pos_app.ui.maintenance.ledger_recovery import ask_ledger_recovery
from pos_app.ui.maintenance.support import CrashReporter
from tests.benchmarks.dialogs_bench import builders
from tests.ui.keyboard_audit import audit, build, default_button, mnemonic_clashes, press

pytestmark = pytest.mark.gui


def shown(kind: type, name: str) -> Any:
    found = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, kind) and w.isVisible() and w.objectName() == name
    ]
    return found[-1] if found else None


def test_enter_on_a_damaged_ledger_chooses_a_backup_never_a_fresh_ledger(
    qloop: Any, qtbot: QtBot, tmp_path: Path
) -> None:
    error = LedgerDamagedError(tmp_path / "ledger.sqlite3", "database disk image is malformed")
    task = asyncio.ensure_future(ask_ledger_recovery(error))
    qtbot.waitUntil(lambda: shown(QMessageBox, "ledgerDamagedBox") is not None, timeout=3000)
    box = shown(QMessageBox, "ledgerDamagedBox")
    assert box.defaultButton().objectName() == "restoreLedgerButton"
    assert not mnemonic_clashes(box)
    qtbot.keyClick(box, Qt.Key.Key_Return)  # the backup chooser, which asks again
    qtbot.waitUntil(lambda: shown(QFileDialog, "ledgerBackupDialog") is not None, timeout=3000)
    assert not (tmp_path / "ledger.sqlite3").exists() and not task.done()
    shown(QFileDialog, "ledgerBackupDialog").reject()
    qtbot.waitUntil(lambda: shown(QMessageBox, "ledgerDamagedBox") is not None, timeout=3000)
    qtbot.keyClick(shown(QMessageBox, "ledgerDamagedBox"), Qt.Key.Key_Escape)  # Quit
    qtbot.waitUntil(task.done, timeout=3000)
    assert task.result() is None


def test_crash_dialog_closes_with_esc(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    reporter = CrashReporter(parent, support=None)  # type: ignore[arg-type]
    box = reporter.show()
    qtbot.waitExposed(box)
    assert not mnemonic_clashes(box)
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=3000)


def test_receipt_preview(qtbot: QtBot, tmp_path: Path) -> None:
    table = builders(tmp_path, sales=3, products=1)
    preview = build(table, "ReceiptPreviewDialog")
    qtbot.addWidget(preview)
    audit(qtbot, preview, first=preview.view)
    assert default_button(preview) is preview.print_button
    press(qtbot, Qt.Key.Key_Escape)
    assert not preview.isVisible()
