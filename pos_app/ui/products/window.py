"""Tools → Products: the shop's catalog in the window.

List and search (the list reads the catalog a page at a time in name order, and searching uses
the counter's own search, so 100,000 products stay instant), add, change and delete a product,
import a CSV with a preview, export to CSV. A non-modal dialog (``open()``, never ``exec()``).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence, QPainter, QPaintEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.cart import UnitMeasure
from pos_app.domain.catalog import Product
from pos_app.domain.money import Site, format_money
from pos_app.ledger.catalog import CatalogRepository, page_key
from pos_app.ui.products.editor import ProductEditor
from pos_app.ui.products.importing import ImportPreview
from pos_app.ui.qtkit.async_utils import delete_when_settled
from pos_app.ui.qtkit.errors import file_error_text, translate_message
from pos_app.ui.qtkit.fitting import fit_placeholder
from pos_app.ui.qtkit.keyboard import enter_on_buttons_only, install_mnemonics, no_tab_trap
from pos_app.ui.qtkit.window_settings import restore_geometry, save_geometry
from pos_app.ui.qtkit.workarounds import emit
from pos_app.ui.widgets.csv_kinds import export_filters, is_excel_kind
from pos_app.ui.widgets.form_parts import SETTINGS_QSS

log = logging.getLogger(__name__)

_Index = QModelIndex | QPersistentModelIndex
# Plain ints: the header sizes its columns by asking every row for about eight roles, and
# comparing an int with a Qt enum member costs far more than with an int.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
PAGE = 200
SEARCH_LIMIT = 500
SEARCH_DELAY_MS = 120


class ProductsModel(QAbstractTableModel):
    """The catalog, a page at a time (``fetchMore``), or the products matching a search."""

    def __init__(self, catalog: CatalogRepository, site: Site, parent: QObject | None = None):
        super().__init__(parent)
        self._catalog = catalog
        self._site = site
        self._rows: list[Product] = []
        self._search = ""
        self._more = True  # more pages to read (browsing, not searching)
        self._columns = ["title", "sku", "barcode", "price", "category", "unit"]
        if site.reports_iva:
            self._columns.append("iva")
        self.reload()

    # -- contents ------------------------------------------------------------------------------
    @property
    def searching(self) -> bool:
        return bool(self._search)

    def reload(self, search: str | None = None) -> None:
        if search is not None:
            self._search = search.strip()
        self.beginResetModel()
        if self._search:
            self._rows = self._catalog.search(self._search, SEARCH_LIMIT)
            self._more = False
        else:
            self._rows = self._catalog.list_page(None, PAGE)
            self._more = len(self._rows) == PAGE
        self.endResetModel()

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008 (Qt)
        return not parent.isValid() and self._more

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more or not self._rows:
            return
        page = self._catalog.list_page(page_key(self._rows[-1]), PAGE)
        self._more = len(page) == PAGE
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    def product(self, row: int) -> Product:
        return self._rows[row]

    def row_of(self, sku: str) -> int | None:
        return next((i for i, p in enumerate(self._rows) if p.sku == sku), None)

    # -- Qt ------------------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            if role == Qt.ItemDataRole.TextAlignmentRole and self._columns[section] == "price":
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        return {
            "title": QCoreApplication.translate("ProductsModel", "Name"),
            "sku": QCoreApplication.translate("ProductsModel", "SKU"),
            "barcode": QCoreApplication.translate("ProductsModel", "Barcode"),
            "price": QCoreApplication.translate("ProductsModel", "Price"),
            "category": QCoreApplication.translate("ProductsModel", "Category"),
            "unit": QCoreApplication.translate("ProductsModel", "Sold by"),
            "iva": QCoreApplication.translate("ProductsModel", "IVA"),
        }[self._columns[section]]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        role = int(role)
        if role != _DISPLAY and role != _TOOLTIP and role != _ALIGNMENT:
            return None  # most of the questions: font, colours, icon, check state, size...
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._rows):
            return None
        product = self._rows[row]
        column = self._columns[index.column()]
        if role != _ALIGNMENT:
            if column == "title":
                return product.title
            if column == "sku":
                return product.sku
            if column == "barcode":
                return product.barcode
            if product.damaged and (column == "price" or role == _TOOLTIP):
                # Listed so it can be fixed here (open it, type the price again).
                if role == _TOOLTIP:
                    return translate_message(product.problem().msg)
                return QCoreApplication.translate("ProductsModel", "Price damaged")
            if column == "price":
                return format_money(product.unit_price, self._site)
            if column == "category":
                return product.category
            if column == "unit":
                if product.unit_measure is UnitMeasure.PACK:
                    return QCoreApplication.translate("ProductsModel", "Pack")
                return QCoreApplication.translate("ProductsModel", "Unit")
            if column == "iva":
                rate = product.iva_rate
                if rate:
                    return f"{rate.normalize()} %"
                return QCoreApplication.translate("ProductsModel", "Exempt")
        if column == "price":
            return _RIGHT
        return None


class ProductsView(QTableView):
    """The list; while the catalog is empty it says how to fill it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty_text = ""

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if model is not None and model.rowCount() == 0 and self.empty_text:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(
                self.viewport().rect().adjusted(24, 24, -24, -24),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self.empty_text,
            )
            painter.end()


class ProductsWindow(QDialog):
    changed = Signal()  # the catalog changed (a product saved, deleted, or a file imported)

    def __init__(
        self,
        catalog: CatalogRepository,
        site: Site,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("productsWindow")
        self.setStyleSheet(SETTINGS_QSS)
        self.setWindowTitle(self.tr("Products"))
        self._catalog = catalog
        self._site = site
        self._children: list[QDialog] = []
        self._forgotten: list[asyncio.Task[Any]] = []  # its dialogs' calls canceled at the close
        self._exporter: concurrent.futures.ThreadPoolExecutor | None = None  # made when used

        self.search = QLineEdit()
        self.search.setObjectName("productsSearch")
        self.search.setClearButtonEnabled(True)
        fit_placeholder(
            self.search,
            self.tr("Search by name, SKU or barcode"),
            self.tr("Search"),
        )
        self.add_button = QPushButton(self.tr("Add…"))
        self.add_button.setObjectName("addProductButton")
        self.edit_button = QPushButton(self.tr("Change…"))
        self.edit_button.setObjectName("editProductButton")
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setObjectName("deleteProductButton")
        self.import_button = QPushButton(self.tr("Import CSV…"))
        self.import_button.setObjectName("importButton")
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.export_button.setObjectName("exportButton")
        self.close_button = QPushButton(self.tr("Close"))

        self.model = ProductsModel(catalog, site, self)
        self.view = ProductsView()
        self.view.setObjectName("productsTable")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(36)
        self.summary = QLabel()
        self.summary.setObjectName("productsSummary")
        self.summary.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.add_button)
        top.addWidget(self.edit_button)
        top.addWidget(self.delete_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.import_button)
        bottom.addWidget(self.export_button)
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        # The list gets its rows only once it is in the window: moving a widget re-styles its
        # whole subtree (the app has a stylesheet), and every re-style of a header that sizes
        # its columns to their contents measures every row again (5 times 200 rows: 0.34 s).
        self.view.setModel(self.model)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._run_search)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self._run_search)
        self.add_button.clicked.connect(lambda: self.add_product())
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.import_button.clicked.connect(self.choose_import_file)
        self.export_button.clicked.connect(self.choose_export_file)
        self.close_button.clicked.connect(self.close)
        self.view.doubleClicked.connect(lambda _i: self.edit_selected())
        self.view.activated.connect(lambda _i: self.edit_selected())  # Enter on a row
        # Enter in the search field searches, on a row changes the product; it must not press a
        # button of the dialog (a focused button still takes Enter: autoDefault stays on).
        enter_on_buttons_only(self)
        self.search.setAccessibleName(self.tr("Search the products"))
        self.view.setAccessibleName(self.tr("Products"))
        no_tab_trap(self.view)
        self.view.selectionModel().selectionChanged.connect(self._update)
        self.model.modelReset.connect(self._update)
        self.model.rowsInserted.connect(self._update)
        for key in ("Ctrl+N", "Insert"):
            QShortcut(QKeySequence(key), self, lambda: self.add_product())
        # On the list only: in the search field Delete deletes characters.
        delete = QShortcut(QKeySequence("Delete"), self.view, self.delete_selected)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        self._total = 0
        self.model.modelReset.connect(self._recount)
        self.finished.connect(lambda _r: save_geometry(self, "products"))
        restore_geometry(self, "products", (1000, 680))
        self._recount()
        install_mnemonics(self)
        self.search.setFocus()

    # -- list ----------------------------------------------------------------------------------
    def _run_search(self) -> None:
        self._timer.stop()
        self.model.reload(self.search.text())

    def refresh(self, select: str | None = None) -> None:
        self.model.reload()
        if select is not None:
            self.select(select)

    def select(self, sku: str) -> None:
        row = self.model.row_of(sku)
        while row is None and self.model.canFetchMore():
            self.model.fetchMore()
            row = self.model.row_of(sku)
        if row is not None:
            self.view.selectRow(row)
            self.view.scrollTo(self.model.index(row, 0))

    def selected(self) -> Product | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.product(rows[0].row()) if rows else None

    def _recount(self) -> None:
        self._total = self._catalog.count()  # once per reload, not per click
        self._update()

    def _update(self, *_args: object) -> None:
        total = self._total
        has = self.selected() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)
        self.export_button.setEnabled(total > 0)
        if total == 0:
            self.view.empty_text = self.tr(
                "No products yet. Add them one by one with “Add…”, or bring your whole list "
                "with “Import CSV…” (columns sku, title, unit_price; optional barcode, "
                "category, unit_measure, iva_rate)."
            )
            self.summary.setText("")
        elif self.model.searching:
            self.view.empty_text = self.tr("No product matches “{text}”.").format(
                text=self.search.text().strip()
            )
            self.summary.setText(
                (
                    self.tr("{shown} found, of 1 product")
                    if total == 1
                    else self.tr("{shown} found, of {total} products")
                ).format(shown=self.model.rowCount(), total=total)
            )
        else:
            self.view.empty_text = ""
            self.summary.setText(
                self.tr("1 product")
                if total == 1
                else self.tr("{total} products").format(total=total)
            )
        self.view.viewport().update()

    # -- closing -------------------------------------------------------------------------------
    def importing(self) -> ImportPreview | None:
        """The import being written, if one is (never cut short: :meth:`ImportPreview.reject`)."""
        return next(
            (c for c in self._children if isinstance(c, ImportPreview) and c.is_importing()), None
        )

    def done(self, result: int) -> None:
        """Closed (the counter window closing, Ctrl-C, SIGTERM): its own dialogs close with it,
        their calls canceled; an editor's typed changes are discarded without asking, as
        Settings' are. The window is deleted only after those calls ended
        (:meth:`delete_when_settled`): an import's preview deleted with it kept reading its
        file into the deleted dialog ("Internal C++ object already deleted")."""
        for child in list(self._children):
            if isinstance(child, ImportPreview):
                self._forgotten += child.tasks.cancel_all()
            child.done(QDialog.DialogCode.Rejected)
        super().done(result)

    def delete_when_settled(self) -> None:
        """``deleteLater()`` once its dialogs' calls canceled at the close have ended."""
        forgotten, self._forgotten = self._forgotten, []
        delete_when_settled(self, forgotten)

    # -- one product ---------------------------------------------------------------------------
    def _open(self, dialog: QDialog) -> QDialog:
        self._children.append(dialog)
        dialog.finished.connect(lambda _r, d=dialog: self._closed(d))
        dialog.open()
        return dialog

    def _closed(self, dialog: QDialog) -> None:
        if dialog in self._children:
            self._children.remove(dialog)
        dialog.deleteLater()

    def add_product(self, barcode: str = "") -> ProductEditor:
        editor = ProductEditor(self._catalog, self._site, barcode=barcode, parent=self)
        editor.saved.connect(self._saved)
        self._open(editor)
        return editor

    def edit_selected(self) -> ProductEditor | None:
        product = self.selected()
        if product is None:
            return None
        editor = ProductEditor(self._catalog, self._site, product=product, parent=self)
        editor.saved.connect(self._saved)
        self._open(editor)
        return editor

    def _saved(self, product: Product) -> None:
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.refresh(select=product.sku)
        emit(self.changed)

    def delete_selected(self) -> QMessageBox | None:
        product = self.selected()
        if product is None:
            return None
        box = QMessageBox(self)
        box.setObjectName("confirmDelete")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Delete product"))
        box.setText(
            self.tr(
                "Delete {title} ({sku})? Past sales keep it; it just cannot be sold any more."
            ).format(title=product.title, sku=product.sku)
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.finished.connect(box.deleteLater)

        def answered(button: QAbstractButton) -> None:
            if box.standardButton(button) == QMessageBox.StandardButton.Yes:
                self._catalog.delete(product.sku)
                self.model.reload()
                emit(self.changed)

        box.buttonClicked.connect(answered)
        box.open()
        return box

    # -- files ---------------------------------------------------------------------------------
    def _file_dialog(self, save: bool, done: Callable[[Path], object]) -> QFileDialog:
        dialog = QFileDialog(self)
        dialog.setObjectName("productsFile")
        if save:
            # Where the decimal mark is a comma, Excel's kind first (as the sales export).
            dialog.setNameFilters(export_filters(self._site))
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            dialog.setDefaultSuffix("csv")
            dialog.selectFile(self.tr("products.csv"))
        else:
            dialog.setNameFilter(self.tr("CSV files (*.csv)"))
            dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda name: done(Path(name)))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def choose_import_file(self) -> QFileDialog:
        return self._file_dialog(False, self.preview_import)

    def preview_import(self, path: Path) -> ImportPreview:
        preview = ImportPreview(path, self._catalog, self._site, parent=self)
        preview.imported.connect(self._imported)
        self._open(preview)
        return preview

    def _imported(self, count: int) -> None:
        self.refresh()
        emit(self.changed)

    def choose_export_file(self) -> QFileDialog:
        def chosen(path: Path) -> object:
            kind = is_excel_kind(dialog.nameFilters(), dialog.selectedNameFilter())
            return self.export_in_background(path, excel_comma=kind)

        dialog = self._file_dialog(True, chosen)
        return dialog

    def export_to(self, path: Path, *, excel_comma: bool = False) -> int:
        """Every product to ``path``, here; ``excel_comma``: semicolons and decimal commas, as
        Excel opens a ``.csv`` where the comma is the decimal mark."""
        damaged: list[Product] = []
        try:
            count = self._catalog.export_csv(path, damaged, excel_comma=excel_comma)
        except OSError as exc:
            self._export_failed(path, exc)
            return 0
        self._exported(path, count, damaged)
        return count

    def export_in_background(
        self, path: Path, *, excel_comma: bool = False
    ) -> concurrent.futures.Future[int]:
        """:meth:`export_to` on a worker thread with a connection of its own (the window froze
        1.5-3 s for 100,000 products); the summary says when it is done."""
        if self._exporter is None:
            self._exporter = concurrent.futures.ThreadPoolExecutor(
                1, thread_name_prefix="products-export"
            )
            self.destroyed.connect(lambda _obj=None, pool=self._exporter: pool.shutdown(wait=False))
        damaged: list[Product] = []
        self.summary.setText(self.tr("Saving the products to {file}…").format(file=path.name))
        job = self._exporter.submit(
            self._catalog.export_csv_apart, path, damaged, excel_comma=excel_comma
        )
        # In the log too, from the worker: closed meanwhile, the window never says it failed.
        job.add_done_callback(functools.partial(_log_export_failure, path))
        QTimer.singleShot(20, self, functools.partial(self._check_export, job, path, damaged))
        return job

    def _check_export(
        self, job: concurrent.futures.Future[int], path: Path, damaged: list[Product]
    ) -> None:
        if not job.done():
            QTimer.singleShot(20, self, functools.partial(self._check_export, job, path, damaged))
            return
        try:
            count = job.result()
        except OSError as exc:
            self._export_failed(path, exc)
            return
        self._exported(path, count, damaged)

    def _export_failed(self, path: Path, exc: OSError) -> None:
        self.summary.setText(
            self.tr("Could not write {file}: {error}").format(
                file=path.name, error=file_error_text(exc)
            )
        )

    def _exported(self, path: Path, count: int, damaged: list[Product]) -> None:
        saved = (
            self.tr("1 product saved to {file}.").format(file=path.name)
            if count == 1
            else self.tr("{n} products saved to {file}.").format(n=count, file=path.name)
        )
        if damaged:
            names = ", ".join(f"{p.title} ({p.sku})" for p in damaged[:5])
            names += "…" if len(damaged) > 5 else ""
            saved += " " + self.tr(
                "Damaged prices, saved as they are stored (the import refuses those rows until "
                "fixed): {products}. Open each one here and type its price again."
            ).format(products=names)
        self.summary.setText(saved)


def _log_export_failure(path: Path, job: concurrent.futures.Future[int]) -> None:
    error = None if job.cancelled() else job.exception()
    if error is not None:
        log.warning("products not exported to %s: %s", path, error)
