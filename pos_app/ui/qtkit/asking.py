"""A yes/no question and a file name to save as, asked without a nested event loop.

``QMessageBox.question``, ``QFileDialog.getSaveFileName`` and every ``exec()`` spin a loop of
their own: qasync's callbacks then ran inside it (re-entrantly, a task stepped from within
another's slot), and Ctrl-C or SIGTERM closing the window there could not end it cleanly (the
window's orderly shutdown ran inside the question's loop, the answer then acted on a closed
window). These open the box window-modal with ``open()`` and call back with the answer; the
window's loop keeps running meanwhile. Each deletes itself once closed, and closes (answered
No, or canceled) when the window it was asked over is closed: a dialog child of a window stays
on screen when that window closes (the window closed by SIGTERM, its question still there, a
Yes then acting on a window that had shut down).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractButton, QDialog, QFileDialog, QMessageBox, QWidget


class _CloseWithWindow(QObject):
    """Rejects ``dialog`` when the window it was asked over is hidden or closed by the program
    (not when the desktop minimizes it: that hide is spontaneous)."""

    def __init__(self, window: QWidget, dialog: QDialog) -> None:
        super().__init__(dialog)  # goes with the dialog
        self._dialog = dialog
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Hide
            and not event.spontaneous()
            and self._dialog.isVisible()
        ):
            self._dialog.reject()
        return False


def _open(parent: QWidget, dialog: QDialog) -> None:
    # The window it is asked over and every window that one belongs to: the counter window
    # closing leaves a dialog of its own (the day's close) on screen, and its question too.
    window: QWidget | None = parent.window()
    while window is not None:
        _CloseWithWindow(window, dialog)
        above = window.parentWidget()
        window = above.window() if above is not None else None
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()  # never exec(): see the module docstring


def ask_yes_no(
    parent: QWidget, title: str, text: str, on_yes: Callable[[], object], *, name: str = ""
) -> QMessageBox:
    """A question whose Enter answers No (Yes is pressed on purpose); ``on_yes`` runs only
    when Yes is clicked. Returned open; closing it any other way answers No."""
    box = QMessageBox(parent)
    box.setObjectName(name or "question")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.setEscapeButton(QMessageBox.StandardButton.No)

    def answered(button: QAbstractButton) -> None:
        if box.standardButton(button) == QMessageBox.StandardButton.Yes:
            on_yes()

    box.buttonClicked.connect(answered)
    _open(parent, box)
    return box


def ask_save_path(
    parent: QWidget,
    title: str,
    file_name: str,
    filters: Sequence[str],
    on_chosen: Callable[[Path, str], object],
    *,
    suffix: str = "",
    name: str = "",
) -> QFileDialog:
    """Where to save: ``on_chosen(path, chosen filter)`` once a name is accepted, never when
    the dialog is canceled. ``file_name`` is offered (in the dialog's current folder unless it
    holds one); ``suffix`` is added to a name typed without one."""
    dialog = QFileDialog(parent, title)
    dialog.setObjectName(name or "saveFileDialog")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setNameFilters(list(filters))
    if suffix:
        dialog.setDefaultSuffix(suffix)
    dialog.selectFile(file_name)
    dialog.fileSelected.connect(
        lambda chosen: on_chosen(Path(chosen), dialog.selectedNameFilter()) if chosen else None
    )
    _open(parent, dialog)
    return dialog
