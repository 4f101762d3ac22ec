"""The cart table: quantities edited with a spin box, ``+``/``-`` and ``Delete`` on the keyboard.

It reads quantities through :data:`~pos_app.ui.counter.cart_model.QuantityRole`, never by parsing
the text it shows, and refuses nothing itself: the model decides (for instance while it is locked).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QTimer,
    Signal,
)
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QTableView,
    QWidget,
)

from pos_app.ui.counter.cart_model import (
    COL_LINE_TOTAL,
    COL_QUANTITY,
    COL_TITLE,
    COL_UNIT_PRICE,
    CartTableModel,
    QuantityRole,
    header_alignment,
    header_text,
)
from pos_app.ui.qtkit.lazy_qt import ALIGN_CENTER_WORD_WRAP, TEXT_ALIGNMENT_ROLE, Qt, set_enum
from pos_app.ui.qtkit.workarounds import emit

if TYPE_CHECKING:
    from PySide6.QtCore import QItemSelection
    from PySide6.QtGui import QKeyEvent, QPaintEvent, QResizeEvent, QStandardItemModel
    from PySide6.QtWidgets import QStyleOptionViewItem

_Index = QModelIndex | QPersistentModelIndex
# Below this width (the window at its 800 px minimum, or beside the demo's phone) the unit price
# column is left out, as on the customer display: the name needs the room more, and quantity
# and line total still say what each line costs.
NARROW = 440
# The quantity editor's mark: a digit past what a quantity holds was typed (a barcode).
OVERFLOWED = "posOverflowed"


class QuantityDelegate(QStyledItemDelegate):
    """A spin box from 1 to 9999 for the quantity column."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        from PySide6.QtWidgets import QSpinBox  # when a quantity is edited (start-up, issue 19)

        from pos_app.domain.validation import MAX_QUANTITY, MIN_QUANTITY

        editor = QSpinBox(parent)
        editor.setObjectName("quantityEditor")
        editor.setRange(MIN_QUANTITY, MAX_QUANTITY)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight)
        editor.setAccessibleName(self.tr("Quantity"))
        return editor

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        from PySide6.QtWidgets import QSpinBox

        from pos_app.domain.validation import MIN_QUANTITY

        assert isinstance(editor, QSpinBox)
        value = index.data(QuantityRole)
        editor.setValue(int(value) if value is not None else MIN_QUANTITY)
        editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        from PySide6.QtWidgets import QSpinBox

        assert isinstance(editor, QSpinBox)
        if editor.property(OVERFLOWED):  # a barcode typed here: the quantity stays as it was
            return
        editor.interpretText()
        model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A digit past what a quantity holds (a scanner fired into the editor: 13 digits and
        Enter) marks the editor, so Enter commits nothing. The spin box kept the digits that
        fit: ``2000201003501`` set the quantity to 2000."""
        if event.type() == QEvent.Type.KeyPress and watched.objectName() == "quantityEditor":
            text = cast("QKeyEvent", event).text()
            if text.isascii() and text.isdigit() and self._overflows(watched, text):
                watched.setProperty(OVERFLOWED, True)
                return True
        return super().eventFilter(watched, event)

    @staticmethod
    def _overflows(editor: QObject, digit: str) -> bool:
        from PySide6.QtWidgets import QLineEdit

        from pos_app.domain.validation import MAX_QUANTITY

        if editor.property(OVERFLOWED):
            return True
        line = editor.findChild(QLineEdit)
        if line is None:
            return False
        text = line.text()
        if line.hasSelectedText():
            start = line.selectionStart()
            new = text[:start] + digit + text[start + len(line.selectedText()) :]
        else:
            cursor = line.cursorPosition()
            new = text[:cursor] + digit + text[cursor:]
        new = new.strip()
        return not new.isdigit() or int(new) > MAX_QUANTITY


def header_stand_in(model: CartTableModel) -> QStandardItemModel:
    """The cart's column titles in a model of Qt's own, for the header of the first frame
    (start-up time, issue 19). The cart model's ``headerData`` is Python: Qt calls it with a
    ``Qt.Orientation``, and PySide6 builds the whole Qt namespace (93 enums, ~24 ms) to pass
    it. Same titles, same alignment; once the frame is painted the header reads the cart model
    again (:meth:`CartView.use_model_header`)."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel

    stand_in = QStandardItemModel(0, model.columnCount())
    for column in range(model.columnCount()):
        item = QStandardItem(header_text(column))
        alignment = header_alignment(column)
        if alignment is not None:
            item.setData(alignment, TEXT_ALIGNMENT_ROLE)
        stand_in.setHorizontalHeaderItem(column, item)
    return stand_in


def plain_viewport() -> QWidget:
    """The viewport a scroll area makes itself (a plain widget on the Base colour), made in
    Python. The empty cart's hint is painted on it in the first frame; the first time PySide6
    meets a widget C++ made (``viewport()``), it loads every widget class to find out which
    one it is: 10-15 ms before the first frame (start-up time, issue 19)."""
    viewport = QWidget()
    viewport.setObjectName("qt_scrollarea_viewport")
    viewport.setBackgroundRole(QPalette.ColorRole.Base)
    viewport.setAutoFillBackground(True)
    # A painter on it starts with this colour: the empty cart's hint is drawn in it without a
    # QColor argument, whose overloads (Qt.GlobalColor) would build the Qt namespace.
    viewport.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return viewport


class CartView(QTableView):
    """Keyboard: ``+``/``-`` change the selected line, ``Delete`` removes it, F2 edits it."""

    lineRemoved = Signal()
    escapePressed = Signal()  # back to the scan field
    # The selection changed: the selection model's own signal, re-emitted by the view, so
    # that no ``selectionModel()`` is wrapped for the first frame (its enums; issue 19).
    selectionMoved = Signal()

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
        set_enum(self, "textElideMode", "ElideMiddle")
        self.setTabKeyNavigation(False)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(44)  # touch-sized rows
        self.setItemDelegateForColumn(COL_QUANTITY, QuantityDelegate(self))
        self._header_stand_in: QStandardItemModel | None = None
        self._painted = False

    def setModel(self, model: QAbstractItemModel | None) -> None:
        self._drop_header_stand_in()
        header = self.horizontalHeader()
        if isinstance(model, CartTableModel) and not self._painted:
            stand_in = header_stand_in(model)
            stand_in.setParent(self)
            hidden = header.isHidden()
            header.hide()  # a hidden header does not read the model the view gives it
            super().setModel(model)
            header.setModel(stand_in)
            header.setHidden(hidden)
            self._header_stand_in = stand_in
        else:
            super().setModel(model)
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

    def use_model_header(self) -> None:
        """The header reads the cart model again (after the first frame: see
        :func:`header_stand_in`), with the view's selection, as Qt set it up."""
        if self._header_stand_in is None:
            return
        header = self.horizontalHeader()
        header.setModel(self.model())
        selection = self.selectionModel()
        if selection is not None:
            header.setSelectionModel(selection)  # its sections stand out for a chosen line
        self._drop_header_stand_in()

    def _drop_header_stand_in(self) -> None:
        stand_in, self._header_stand_in = self._header_stand_in, None
        if stand_in is not None:
            stand_in.deleteLater()

    def selectionChanged(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        super().selectionChanged(selected, deselected)
        emit(self.selectionMoved)

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
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.use_model_header)  # once this frame is done
        model = self.model()
        if model is not None and model.rowCount() == 0:
            # An empty table looks broken; say what to do instead.
            painter = QPainter(self._viewport)  # in the placeholder colour (plain_viewport)
            painter.drawText(
                self._viewport.rect().adjusted(16, 16, -16, -16),
                ALIGN_CENTER_WORD_WRAP,  # no Qt namespace in the first frame
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
