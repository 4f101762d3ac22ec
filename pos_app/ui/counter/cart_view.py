"""The cart table: quantities edited with a spin box, ``+``/``-`` and ``Delete`` on the keyboard.

It reads quantities through :data:`~pos_app.ui.counter.cart_model.QuantityRole`, never by parsing
the text it shows, and refuses nothing itself: the model decides (for instance while it is locked).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from pos_app.domain.validation import MAX_QUANTITY, MIN_QUANTITY
from pos_app.ui.counter.cart_model import (
    COL_LINE_TOTAL,
    COL_QUANTITY,
    COL_TITLE,
    COL_UNIT_PRICE,
    CartTableModel,
    QuantityRole,
)
from pos_app.ui.qtkit.workarounds import emit

_Index = QModelIndex | QPersistentModelIndex
# Below this width (the window at its 800 px minimum, or beside the demo's phone) the unit price
# column is left out, as on the customer display: the name needs the room more, and quantity
# and line total still say what each line costs.
NARROW = 440


class QuantityDelegate(QStyledItemDelegate):
    """A spin box from 1 to 9999 for the quantity column."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        from PySide6.QtWidgets import QSpinBox  # when a quantity is edited (start-up, issue 19)

        editor = QSpinBox(parent)
        editor.setObjectName("quantityEditor")
        editor.setRange(MIN_QUANTITY, MAX_QUANTITY)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight)
        editor.setAccessibleName(self.tr("Quantity"))
        return editor

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        from PySide6.QtWidgets import QSpinBox

        assert isinstance(editor, QSpinBox)
        value = index.data(QuantityRole)
        editor.setValue(int(value) if value is not None else MIN_QUANTITY)
        editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        from PySide6.QtWidgets import QSpinBox

        assert isinstance(editor, QSpinBox)
        editor.interpretText()
        model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)


def plain_viewport() -> QWidget:
    """The viewport a scroll area makes itself (a plain widget on the Base colour), made in
    Python. The empty cart's hint is painted on it in the first frame; the first time PySide6
    meets a widget C++ made (``viewport()``), it loads every widget class to find out which
    one it is: 10-15 ms before the first frame (start-up time, issue 19)."""
    viewport = QWidget()
    viewport.setObjectName("qt_scrollarea_viewport")
    viewport.setBackgroundRole(QPalette.ColorRole.Base)
    viewport.setAutoFillBackground(True)
    return viewport


class CartView(QTableView):
    """Keyboard: ``+``/``-`` change the selected line, ``Delete`` removes it, F2 edits it."""

    lineRemoved = Signal()
    escapePressed = Signal()  # back to the scan field

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cartView")
        self.setAccessibleName(self.tr("Cart"))  # what a screen reader says on Tab from the scan
        self._viewport = plain_viewport()
        self.setViewport(self._viewport)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        # A name too long for its column loses its middle, not its end: "Yerba mate…1 kg"
        # keeps the size that tells two products apart (the whole name is in the tooltip).
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.setTabKeyNavigation(False)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(44)  # touch-sized rows
        self.setItemDelegateForColumn(COL_QUANTITY, QuantityDelegate(self))

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        header = self.horizontalHeader()
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (COL_UNIT_PRICE, COL_QUANTITY, COL_LINE_TOTAL):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(80)
        if model is not None:
            # The header sizes "to contents" only when it lays itself out again, not when lines
            # arrive: without this an amount (or a translated "2 paq.") is elided to "$ 4.89…".
            for signal in (model.rowsInserted, model.rowsRemoved, model.dataChanged):
                signal.connect(self._fit_columns)
            model.modelReset.connect(self._fit_columns)

    def _fit_columns(self, *_args: object) -> None:
        self.horizontalHeader().resizeSections()

    def resizeEvent(self, event: QResizeEvent) -> None:
        narrow = event.size().width() < NARROW
        if narrow != self.isColumnHidden(COL_UNIT_PRICE):
            self.setColumnHidden(COL_UNIT_PRICE, narrow)
        super().resizeEvent(event)

    def cart_model(self) -> CartTableModel:
        model = self.model()
        assert isinstance(model, CartTableModel)
        return model

    def current_row(self) -> int | None:
        index = self.currentIndex()
        if not index.isValid():
            rows = self.selectionModel().selectedRows() if self.selectionModel() else []
            return rows[0].row() if rows else None
        return index.row()

    def select_row(self, row: int) -> None:
        if 0 <= row < self.cart_model().rowCount():
            self.setCurrentIndex(self.cart_model().index(row, COL_TITLE))
            self.selectRow(row)
            self.scrollTo(self.cart_model().index(row, COL_TITLE))

    def change_selected(self, delta: int) -> bool:
        row = self.current_row()
        model = self.cart_model()
        if row is None or model.locked:
            return False
        model.change_quantity(row, delta)
        return True

    def remove_selected(self) -> bool:
        row = self.current_row()
        model = self.cart_model()
        if row is None or model.locked:
            return False
        model.remove_row(row)
        if model.rowCount():
            self.select_row(min(row, model.rowCount() - 1))
        emit(self.lineRemoved)
        return True

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if model is not None and model.rowCount() == 0:
            # An empty table looks broken; say what to do instead.
            painter = QPainter(self._viewport)
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(
                self._viewport.rect().adjusted(16, 16, -16, -16),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self.tr("Scan a product or type its name to start a sale."),
            )
            painter.end()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal) and self.change_selected(+1):
            return
        if key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore) and self.change_selected(-1):
            return
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.remove_selected():
            return
        if key == Qt.Key.Key_Escape and self.state() != QAbstractItemView.State.EditingState:
            emit(self.escapePressed)
            return
        super().keyPressEvent(event)
