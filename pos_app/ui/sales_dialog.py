"""Today's sales (F3): the list, one sale's lines and history, re-check or cancel a pending one.

The dialog reads the ledger (local SQLite, fast) and never calls Mercado Pago itself: "Check
again" and "Cancel sale" are signals the main window turns into engine calls, with the same
error handling and "answering slowly" notice as everywhere else. It refreshes itself whenever the
engine reports a sale change.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QItemSelection,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app.checkout.refunds import is_paid
from pos_app.domain.money import Site, format_money
from pos_app.domain.records import SaleEvent, SaleSnapshot
from pos_app.domain.sale import SaleStatus, Tender
from pos_app.i18n import QT_TRANSLATE_NOOP
from pos_app.ui.qt_workarounds import emit
from pos_app.ui.sale_banner import is_late_payment, money, status_label

# Status before reference: it is what the cashier looks for; the long reference comes last.
COL_TIME = 0
COL_TOTAL = 1
COL_STATUS = 2
COL_REFERENCE = 3
_HEADERS = (
    QT_TRANSLATE_NOOP("SalesDialog", "Time"),
    QT_TRANSLATE_NOOP("SalesDialog", "Total"),
    QT_TRANSLATE_NOOP("SalesDialog", "Status"),
    QT_TRANSLATE_NOOP("SalesDialog", "Reference"),
)

# The ledger's history kinds and causes are stable English keys; the cashier reads these.
_EVENT_KINDS = {
    "created": QT_TRANSLATE_NOOP("SalesDialog", "Sale recorded"),
    "status": QT_TRANSLATE_NOOP("SalesDialog", "Status changed"),
    "rejected": QT_TRANSLATE_NOOP("SalesDialog", "Card rejected"),
    "partially_paid": QT_TRANSLATE_NOOP("SalesDialog", "Partly paid"),
    "checked": QT_TRANSLATE_NOOP("SalesDialog", "Checked"),
    "trouble": QT_TRANSLATE_NOOP("SalesDialog", "Connection trouble"),
    "cancel_requested": QT_TRANSLATE_NOOP("SalesDialog", "Cancel requested"),
    "box_cleared": QT_TRANSLATE_NOOP("SalesDialog", "Order removed from the box"),
    "refund": QT_TRANSLATE_NOOP("SalesDialog", "Refund"),
}
_CAUSES = {
    "charge": QT_TRANSLATE_NOOP("SalesDialog", "charge"),
    "poll": QT_TRANSLATE_NOOP("SalesDialog", "automatic check"),
    "notification": QT_TRANSLATE_NOOP("SalesDialog", "notification"),
    "cancel": QT_TRANSLATE_NOOP("SalesDialog", "cashier canceled"),
    "resume": QT_TRANSLATE_NOOP("SalesDialog", "start-up"),
    "recheck": QT_TRANSLATE_NOOP("SalesDialog", "checked by hand"),
    "network": QT_TRANSLATE_NOOP("SalesDialog", "network"),
    "auth": QT_TRANSLATE_NOOP("SalesDialog", "credentials"),
    "trouble": QT_TRANSLATE_NOOP("SalesDialog", "connection trouble"),
    # refunds (pos_app.ledger.refunds.RefundStatus)
    "pending": QT_TRANSLATE_NOOP("SalesDialog", "written, waiting for Mercado Pago"),
    "refunded": QT_TRANSLATE_NOOP("SalesDialog", "refunded"),
    "refused": QT_TRANSLATE_NOOP("SalesDialog", "refused by Mercado Pago"),
}

SaleRole = Qt.ItemDataRole.UserRole + 1
"""The row's :class:`SaleSnapshot`."""
StatusRole = Qt.ItemDataRole.UserRole + 2
"""The row's :class:`SaleStatus`."""

_Index = QModelIndex | QPersistentModelIndex


def start_of_today() -> datetime:
    return datetime.now().astimezone().replace(hour=0, minute=0, second=0, microsecond=0)


def _tr(text: str) -> str:
    return QCoreApplication.translate("SalesDialog", text)


def sale_status_text(sale: SaleSnapshot) -> str:
    if is_late_payment(sale):
        return QCoreApplication.translate("SalesDialog", "Paid late — do not charge again")
    if sale.status is SaleStatus.CANCELED and sale.tender is Tender.CASH:
        return QCoreApplication.translate("SalesDialog", "Paid in cash")
    return status_label(sale.status)


class SalesTableModel(QAbstractTableModel):
    def __init__(self, site: Site, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._site = site
        self._sales: list[SaleSnapshot] = []

    def set_sales(self, sales: list[SaleSnapshot]) -> None:
        self.beginResetModel()
        self._sales = list(sales)
        self.endResetModel()

    def sale(self, row: int) -> SaleSnapshot:
        return self._sales[row]

    def row_of(self, reference: str) -> int | None:
        for row, sale in enumerate(self._sales):
            if sale.external_reference == reference:
                return row
        return None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self._sales)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(_HEADERS)
        ):
            return _tr(_HEADERS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._sales):
            return None
        sale = self._sales[index.row()]
        if role == SaleRole:
            return sale
        if role == StatusRole:
            return sale.status
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == COL_TIME:
                return sale.created_at.astimezone().strftime("%H:%M")
            if column == COL_REFERENCE:
                return sale.external_reference
            if column == COL_TOTAL:
                return format_money(sale.total, self._site)
            if column == COL_STATUS:
                return sale_status_text(sale)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == COL_TOTAL:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class TodaySalesDialog(QDialog):
    recheckRequested = Signal(str)
    cancelRequested = Signal(str)
    reprintRequested = Signal(str)  # the receipt of a paid sale: preview, print, PDF
    refundRequested = Signal(str)  # open the Refund dialog for a paid sale

    def __init__(
        self,
        site: Site,
        *,
        sales_since: Callable[[datetime], list[SaleSnapshot]],
        get_sale: Callable[[str], SaleSnapshot | None],
        sale_events: Callable[[str], list[SaleEvent]],
        parent: QWidget | None = None,
        refunds: Callable[[SaleSnapshot], tuple[Decimal, Decimal]] | None = None,
    ) -> None:
        """``refunds``: (refunded, left to refund) of a sale, when refunds are available."""
        super().__init__(parent)
        self.setObjectName("salesDialog")
        self.setWindowTitle(self.tr("Today's sales"))
        self.resize(1000, 680)
        self._site = site
        self._sales_since = sales_since
        self._get_sale = get_sale
        self._sale_events = sale_events
        self._refunds = refunds

        self.model = SalesTableModel(site, self)
        self.table = QTableView()
        self.table.setObjectName("salesTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(36)
        # The reference is always whole (a support call reads it out); the status column
        # takes what is left.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_STATUS, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.summary = QLabel()
        self.summary.setObjectName("daySummary")

        self.heading = QLabel(self.tr("Pick a sale to see its lines and history."))
        self.heading.setObjectName("saleHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.lines = _read_only_table(
            [self.tr("Item"), self.tr("Qty"), self.tr("Unit price"), self.tr("Total")], stretch=0
        )
        self.lines.setObjectName("saleLines")
        self.lines.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # "Yerba mate…1 kg"
        self.events = _read_only_table(
            [
                self.tr("Time"),
                self.tr("What"),
                self.tr("Status"),
                self.tr("Why"),
                self.tr("Detail"),
            ],
            stretch=4,
        )
        self.events.setObjectName("saleEvents")
        self.recheck_button = QPushButton(self.tr("Check again with Mercado Pago"))
        self.recheck_button.setObjectName("recheckSaleButton")
        self.cancel_button = QPushButton(self.tr("Cancel this sale"))
        self.cancel_button.setObjectName("cancelSaleButton")
        self.reprint_button = QPushButton(self.tr("Reprint receipt"))
        self.reprint_button.setObjectName("reprintReceiptButton")
        self.reprint_button.setToolTip(self.tr("See, print again or save the receipt"))
        self.reprint_button.clicked.connect(self._reprint)
        self.refund_button = QPushButton(self.tr("Refund…"))
        self.refund_button.setObjectName("refundSaleButton")
        self.refund_button.clicked.connect(self._refund)
        self.refund_button.setVisible(refunds is not None)
        self.close_button = QPushButton(self.tr("Close"))
        self.recheck_button.clicked.connect(self._recheck)
        self.cancel_button.clicked.connect(self._cancel)
        self.close_button.clicked.connect(self.close)

        # Sales beside the chosen sale's lines; its history below, across the whole width
        # (the history has the most columns).
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table)
        left_layout.addWidget(self.summary)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.heading)
        detail_layout.addWidget(self.lines, 1)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(left)
        top.addWidget(detail)
        top.setStretchFactor(0, 4)
        top.setStretchFactor(1, 5)
        top.setSizes([580, 420])  # the list's four columns whole, references included
        history = QWidget()
        history_layout = QVBoxLayout(history)
        history_layout.setContentsMargins(0, 0, 0, 0)
        history_layout.addWidget(QLabel(self.tr("History of the chosen sale")))
        history_layout.addWidget(self.events)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(history)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.recheck_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.reprint_button)
        buttons.addWidget(self.refund_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self._show_detail(None)

    # -- data ----------------------------------------------------------------------------------
    def selected_reference(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.sale(rows[0].row()).external_reference if rows else None

    def refresh(self) -> None:
        """Reload from the ledger, keeping the selected sale selected."""
        keep = self.selected_reference()
        sales = self._sales_since(start_of_today())
        self.model.set_sales(sales)
        paid = [s for s in sales if s.status is SaleStatus.PAID]
        total = sum((s.paid_amount or s.total for s in paid), start=Decimal(0))
        if not sales:
            self.summary.setText(self.tr("No sales yet today."))
        else:
            self.summary.setText(
                self.tr("Sales today: {count} · paid with QR: {paid} · {total} received").format(
                    count=len(sales), paid=len(paid), total=format_money(total, self._site)
                )
            )
        row = self.model.row_of(keep) if keep else None
        if row is None and sales:
            row = 0
        if row is not None:
            self.table.selectRow(row)
        self._show_detail(self._get_sale(keep) if keep else (sales[0] if sales else None))

    def select_reference(self, reference: str) -> None:
        row = self.model.row_of(reference)
        if row is not None:
            self.table.selectRow(row)

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        ref = self.selected_reference()
        self._show_detail(self._get_sale(ref) if ref else None)

    def _show_detail(self, sale: SaleSnapshot | None) -> None:
        self.recheck_button.setEnabled(sale is not None and sale.is_open)
        self.cancel_button.setEnabled(
            sale is not None and sale.is_open and not sale.cancel_requested
        )
        self.reprint_button.setEnabled(sale is not None and is_paid(sale))
        refunded, left = (
            self._refunds(sale)
            if sale is not None and self._refunds is not None
            else (Decimal(0), Decimal(0))
        )
        self.refund_button.setEnabled(left > 0)
        if sale is None:
            self.lines.setRowCount(0)
            self.events.setRowCount(0)
            return
        heading = self.tr("{status} — {total}\nSale {reference}").format(
            reference=sale.external_reference,
            status=sale_status_text(sale),
            total=money(sale.total, self._site),
        )
        if sale.iva_total is not None:  # Colombia: the IVA the order reported
            heading += "\n" + self.tr("IVA included: {amount}").format(
                amount=format_money(sale.iva_total, self._site)
            )
        if refunded or left:
            heading += "\n" + self.tr("Refunded {refunded} — left to refund {left}").format(
                refunded=format_money(refunded, self._site), left=format_money(left, self._site)
            )
        self.heading.setText(heading)
        self.lines.setRowCount(len(sale.lines))
        for row, line in enumerate(sale.lines):
            _set_row(
                self.lines,
                row,
                [
                    line.title,
                    str(line.quantity),
                    format_money(line.unit_price, self._site),
                    format_money(line.total(self._site), self._site),
                ],
            )
        events = self._sale_events(sale.external_reference)
        self.events.setRowCount(len(events))
        for row, event in enumerate(events):
            _set_row(
                self.events,
                row,
                [
                    event.at.astimezone().strftime("%H:%M:%S"),
                    _tr(_EVENT_KINDS[event.kind]) if event.kind in _EVENT_KINDS else event.kind,
                    _status_change(event),
                    _tr(_CAUSES[event.cause]) if event.cause in _CAUSES else event.cause,
                    event.detail,
                ],
            )
        self.events.scrollToBottom()

    def _recheck(self) -> None:
        ref = self.selected_reference()
        if ref:
            emit(self.recheckRequested, ref)

    def _reprint(self) -> None:
        ref = self.selected_reference()
        if ref:
            emit(self.reprintRequested, ref)

    def _refund(self) -> None:
        ref = self.selected_reference()
        if ref:
            emit(self.refundRequested, ref)

    def _cancel(self) -> None:
        ref = self.selected_reference()
        if ref:
            self.cancel_button.setEnabled(False)
            emit(self.cancelRequested, ref)


def _status_change(event: SaleEvent) -> str:
    if event.new_status is None:
        return ""
    new = status_label(event.new_status)
    if event.old_status is None:
        return new
    return f"{status_label(event.old_status)} → {new}"


def _read_only_table(headers: list[str], stretch: int) -> QTableWidget:
    """A plain table; column ``stretch`` takes the spare width, so nothing scrolls sideways."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def _set_row(table: QTableWidget, row: int, values: list[str]) -> None:
    for column, value in enumerate(values):
        item = QTableWidgetItem(value)
        item.setToolTip(value)  # the whole text of a cell its column elides
        table.setItem(row, column, item)
