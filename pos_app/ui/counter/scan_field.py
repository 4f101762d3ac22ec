"""The scan/search field: where a barcode scanner "types" and where the cashier searches.

A scanner is a keyboard that types very fast and presses Enter, so this is a plain line edit that
turns the keys a cashier uses into signals: Enter submits, the arrows move through the search
results (or, while no list is open, through the cart lines), Esc clears, and ``+``/``-``/Delete
on an empty field act on the selected cart line (scan, then ``+`` for one more).
What the text *means* is decided by :mod:`pos_app.ui.counter.product_search`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from pos_app.ui.qtkit.fitting import PlaceholderFit, fit_placeholder
from pos_app.ui.qtkit.lazy_qt import Qt
from pos_app.ui.qtkit.workarounds import emit

if TYPE_CHECKING:
    from PySide6.QtGui import QFocusEvent, QKeyEvent, QResizeEvent


class ScanField(QLineEdit):
    submitted = Signal(str)
    navigate = Signal(int)  # -1 up, +1 down (page keys move by 5)
    escaped = Signal()
    quantityKey = Signal(int)  # +1 / -1 while the field is empty
    deleteKey = Signal()  # Delete while the field is empty: remove the selected cart line
    focusLost = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scanField")
        self._fit: PlaceholderFit | None = None
        self.set_locked(False)
        self.setAccessibleName(self.tr("Scan or search"))
        self.setClearButtonEnabled(True)
        self.setMinimumHeight(52)
        self.setMaxLength(120)

    def set_locked(self, locked: bool, ended: bool = False) -> None:
        """While the customer pays, the field is disabled and says why; once the sale has
        ended it says what comes next."""
        self.setEnabled(not locked)
        # Longest first; the field shows the longest that fits (never a hint cut in half).
        if locked and ended:
            variants = (
                self.tr("Sale finished: press Enter for the next one"),
                self.tr("Press Enter for the next sale"),
                self.tr("Enter: next sale"),
            )
        elif locked:
            variants = (
                self.tr("The customer is paying: the cart is locked"),
                self.tr("Customer paying: cart locked"),
                self.tr("Cart locked"),
            )
        else:
            variants = (
                self.tr("Scan a barcode or type a product name or SKU"),
                self.tr("Scan or type a product name or SKU"),
                self.tr("Scan or search"),
            )
        # Refit by resizeEvent until the window's first frame is painted, then by the fitter's
        # own event filter (watch_events): start-up time, issue 19.
        self._fit = fit_placeholder(self, *variants, watch=False)

    def watch_events(self) -> None:
        """From now on the hint also follows font and style changes (the first frame is up).
        Once the events queued with the first frame are handled: watching measures the room
        again, exactly, through QStyle (start-up time, issue 19; see qtkit.fitting)."""
        if self._fit is not None:
            QTimer.singleShot(0, self._fit.watch)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fit is not None:
            self._fit.refit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            emit(self.submitted, self.text())
            return
        if key == Qt.Key.Key_Down:
            emit(self.navigate, +1)
            return
        if key == Qt.Key.Key_Up:
            emit(self.navigate, -1)
            return
        if key == Qt.Key.Key_PageDown:
            emit(self.navigate, +5)
            return
        if key == Qt.Key.Key_PageUp:
            emit(self.navigate, -5)
            return
        if key == Qt.Key.Key_Escape:
            if self.text():
                self.clear()
            emit(self.escaped)
            event.accept()
            return
        if not self.text() and key in (Qt.Key.Key_Plus, Qt.Key.Key_Minus):
            emit(self.quantityKey, +1 if key == Qt.Key.Key_Plus else -1)
            return
        if not self.text() and key == Qt.Key.Key_Delete:
            emit(self.deleteKey)
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        emit(self.focusLost)
