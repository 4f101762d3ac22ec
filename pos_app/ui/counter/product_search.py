"""Turning what was typed in the scan field into a product.

Enter with an exact barcode or SKU adds it at once (that is what a scanner sends). Typed text
shows the matching products (name, SKU, price) in a list under the field; Enter adds the
highlighted one (the first, unless the arrows moved), a tap adds the one tapped. While no list is
open the arrows move through the cart lines instead (``cartNavigate``).
The list is a child of the window laid over the cart rather than a separate
popup window, so keyboard focus never leaves the field and a screenshot of the window shows it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from pos_app.domain.money import Site, format_money
from pos_app.ui.counter.scan_field import ScanField
from pos_app.ui.qtkit.errors import translate_message
from pos_app.ui.qtkit.lazy_qt import ALIGN_RIGHT_VCENTER, DISPLAY_ROLE, USER_ROLE, Qt
from pos_app.ui.qtkit.workarounds import emit

if TYPE_CHECKING:
    from pos_app.domain.catalog import Product  # with the runtime (start-up time, issue 19)

COL_NAME = 0
COL_SKU = 1
COL_PRICE = 2

ProductRole = USER_ROLE + 1
"""The row's :class:`Product`."""

_Index = QModelIndex | QPersistentModelIndex
SEARCH_DELAY_MS = 120  # a scanner types a whole code faster than this: search once, not 13 times
MAX_RESULTS = 20


class ProductResultsModel(QAbstractTableModel):
    def __init__(self, site: Site, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._site = site
        self._products: list[Product] = []

    def set_products(self, products: Sequence[Product]) -> None:
        self.beginResetModel()
        self._products = list(products)
        self.endResetModel()

    def product(self, row: int) -> Product:
        return self._products[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self._products)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def data(self, index: _Index, role: int = DISPLAY_ROLE) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._products):
            return None
        product = self._products[index.row()]
        if role == ProductRole:
            return product
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == COL_NAME:
                return product.title
            if index.column() == COL_SKU:
                return product.sku
            if index.column() == COL_PRICE:
                if product.damaged:
                    return QCoreApplication.translate("ProductSearch", "Price damaged")
                return format_money(product.unit_price, self._site)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == COL_PRICE:
            return ALIGN_RIGHT_VCENTER
        if role == Qt.ItemDataRole.ToolTipRole and product.damaged:
            return translate_message(product.problem().msg)
        if role == Qt.ItemDataRole.ToolTipRole and product.barcode:
            return QCoreApplication.translate("ProductSearch", "Code {code}").format(
                code=product.barcode
            )
        return None


class ProductSearch(QObject):
    """Drives the results list from the field's signals; emits the product the cashier chose."""

    productChosen = Signal(object)  # Product
    notFound = Signal(str)
    hint = Signal(str)  # a short sentence for the label beside the field ("" clears it)
    cartNavigate = Signal(int)  # an arrow key while no list is open: move in the cart

    def __init__(
        self,
        field: ScanField,
        overlay_parent: QWidget,
        site: Site,
        *,
        search: Callable[[str, int], list[Product]],
        lookup: Callable[[str], Product | None],
    ) -> None:
        super().__init__(field)
        self._field = field
        self._overlay_parent = overlay_parent
        self._search = search
        self._lookup = lookup
        # True once the cashier moved through the list: Enter then means "this one".
        self._navigated = False

        self.model = ProductResultsModel(site, self)
        self._view: QTableView | None = None  # the list: made when first needed (see view)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._run_search)

        field.textEdited.connect(self._text_edited)
        field.submitted.connect(self.submit)
        field.navigate.connect(self._navigate)
        field.escaped.connect(self.close)
        field.focusLost.connect(self._focus_lost)

    # -- the list ------------------------------------------------------------------------------
    @property
    def view(self) -> QTableView:
        """The results list over the window, hidden until a search finds something: made then,
        not for the window's first frame (start-up time, issue 19)."""
        if self._view is None:
            view = QTableView(self._overlay_parent)
            view.setObjectName("searchResults")
            view.setModel(self.model)
            view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typing continues in the field
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.verticalHeader().hide()
            view.horizontalHeader().hide()
            view.verticalHeader().setDefaultSectionSize(40)
            view.setShowGrid(False)
            view.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # keep "… 1 kg" visible
            header = view.horizontalHeader()
            header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
            header.setSectionResizeMode(COL_SKU, QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(COL_PRICE, QHeaderView.ResizeMode.ResizeToContents)
            view.hide()
            view.clicked.connect(self._clicked)
            self._view = view
            self._overlay_parent.installEventFilter(self)  # follows the window's size
        return self._view

    @property
    def is_open(self) -> bool:
        return self._view is not None and self._view.isVisible()

    def close(self) -> None:
        self._timer.stop()
        if self._view is not None:
            self._view.hide()
        self._navigated = False

    def _text_edited(self, text: str) -> None:
        self._navigated = False
        emit(self.hint, "")
        if len(text.strip()) < 2:
            self._timer.stop()
            self.close()
            return
        self._timer.start()

    def _run_search(self) -> list[Product]:
        self._timer.stop()  # the list now shows what the field says
        text = self._field.text().strip()
        products = self._search(text, MAX_RESULTS) if len(text) >= 2 else []
        self.model.set_products(products)
        if products:
            self.view.selectRow(0)
            self._place()
            self.view.show()
            self.view.raise_()
        else:
            self.view.hide()
        return products

    def _place(self) -> None:
        parent = self._overlay_parent
        below = self._field.mapTo(parent, QPoint(0, self._field.height()))
        width = max(self._field.width(), min(560, parent.width() - below.x()))
        rows = min(self.model.rowCount(), 8)
        height = rows * self.view.verticalHeader().defaultSectionSize() + 2 * self.view.frameWidth()
        height = min(height, max(120, parent.height() - below.y() - 8))
        self.view.setGeometry(below.x(), below.y() + 2, width, height)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._overlay_parent and event.type() == QEvent.Type.Resize and self.is_open:
            self._place()
        return super().eventFilter(watched, event)

    def _navigate(self, step: int) -> None:
        if not self.is_open:
            emit(self.cartNavigate, step)
            return
        rows = self.model.rowCount()
        if not rows:
            return
        current = self.view.currentIndex().row() if self.view.currentIndex().isValid() else -1
        row = max(0, min(rows - 1, current + step)) if current >= 0 else 0
        self.view.selectRow(row)
        self.view.scrollTo(self.model.index(row, 0))
        self._navigated = True

    def _focus_lost(self) -> None:
        # A tap on the list does not move focus (the list takes none), so this is a real exit.
        if not self._field.hasFocus():
            self.close()

    def _clicked(self, index: QModelIndex) -> None:
        self._choose(self.model.product(index.row()))

    # -- Enter ---------------------------------------------------------------------------------
    def submit(self, text: str) -> None:
        text = text.strip()
        current = self.view.currentIndex()
        # The list on screen shows what the field says (no search pending): its highlighted row
        # is what the cashier sees selected, so Enter takes it...
        shown = self.view.isVisible() and not self._timer.isActive() and current.isValid()
        if shown and self._navigated:
            self._choose(self.model.product(current.row()))
            return
        if not text:
            return
        # ... unless the text is an exact code (a scanner, or a SKU typed in full).
        product = self._lookup(text)
        if product is not None:
            self._choose(product)
            return
        if shown:
            self._choose(self.model.product(current.row()))
            return
        # Enter before the list showed (or while it showed an older text): never pick blind
        # among several products the cashier has not seen.
        products = self._run_search()
        if len(products) == 1:
            self._choose(products[0])
        elif products:
            emit(
                self.hint,
                QCoreApplication.translate(
                    "ProductSearch", "{n} products match: pick one with ↑ ↓ and Enter, or tap it."
                ).format(n=len(products)),
            )
        else:
            emit(self.notFound, text)

    def _choose(self, product: Product) -> None:
        self.close()
        self._field.clear()
        emit(self.hint, "")
        emit(self.productChosen, product)
