"""Answering the window's questions and file dialogs as a cashier would, now that they are opened
with ``open()`` (no nested loop, :mod:`pos_app.ui.qtkit.asking`): find the one on screen, click
its button or accept a file name."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

WAIT = 5_000


def open_box(qtbot: QtBot, name: str) -> QMessageBox:
    """The question ``name`` (its object name) on screen."""
    found: list[QMessageBox] = []

    def shown() -> bool:
        found[:] = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.objectName() == name and w.isVisible()
        ]
        return len(found) == 1

    qtbot.waitUntil(shown, timeout=WAIT)
    return found[0]


def answer(qtbot: QtBot, name: str, *, yes: bool) -> str:
    """Click Yes or No on the question ``name``; returns its text."""
    box = open_box(qtbot, name)
    text = box.text()
    button = box.button(QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=WAIT)
    return text


def open_file_dialog(qtbot: QtBot, name: str) -> QFileDialog:
    found: list[QFileDialog] = []

    def shown() -> bool:
        found[:] = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QFileDialog) and w.objectName() == name and w.isVisible()
        ]
        return len(found) == 1

    qtbot.waitUntil(shown, timeout=WAIT)
    return found[0]


def choose_file(dialog: QFileDialog, path: Path, name_filter: str | None = None) -> None:
    """Accept ``path`` as ``accept()`` does (``fileSelected``, then closed): a real ``accept()``
    of a file that exists (a FIFO) asks "replace it?" in a nested loop of Qt's own."""
    if name_filter is not None:
        dialog.selectNameFilter(name_filter)
    dialog.fileSelected.emit(str(path))
    dialog.done(QFileDialog.DialogCode.Accepted)
