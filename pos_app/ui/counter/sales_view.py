"""Sales history (F3): any period (today, yesterday, a date range), filtered by status and tender,
searched by reference, amount or product; one sale's lines, refunds and history; re-check or
cancel a pending one; the period exported as CSV.

The dialog reads the ledger (local SQLite, fast) and never calls Mercado Pago itself: "Check
again" and "Cancel sale" are signals the main window turns into engine calls, with the same
error handling and "answering slowly" notice as everywhere else. It refreshes itself whenever the
engine reports a sale change.
"""

from __future__ import annotations

import concurrent.futures
import functools
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QDateTime,
    QItemSelection,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QHideEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app.checkout.refunds import is_paid
from pos_app.domain import sale_rows as rows_
from pos_app.domain.cart import Cart, CartLine
from pos_app.domain.day import RefundFact
from pos_app.domain.history_words import detail_words
from pos_app.domain.money import MINUS, Site, format_money
from pos_app.domain.money import format_money_unbroken as money
from pos_app.domain.pricing import DiscountKind, format_measure
from pos_app.domain.records import SaleEvent, SaleSnapshot
from pos_app.domain.sale import SaleStatus, Tender
from pos_app.domain.sale_rows import STATUS as _ST
from pos_app.domain.sale_rows import TENDER as _TE
from pos_app.domain.sale_rows import SaleRow, sale_row
from pos_app.domain.sales_csv import sales_csv
from pos_app.i18n import QT_TRANSLATE_NOOP
from pos_app.ledger.amounts import DamagedAmount
from pos_app.system.files import write_user_file
from pos_app.ui.counter.sale_banner import status_label
from pos_app.ui.qtkit.asking import ask_save_path, ask_yes_no
from pos_app.ui.qtkit.errors import file_error_text, translate_message
from pos_app.ui.qtkit.keyboard import enter_on_buttons_only, install_mnemonics, no_tab_trap
from pos_app.ui.qtkit.style import set_state
from pos_app.ui.qtkit.window_settings import resize_for_screen
from pos_app.ui.qtkit.workarounds import emit
from pos_app.ui.widgets.csv_kinds import export_filters, is_excel_kind

# Status before reference: it is what the cashier looks for; the long reference comes last.
COL_TIME = 0
COL_TOTAL = 1
COL_STATUS = 2
COL_REFERENCE = 3
COL_LINE_DISCOUNT = 3  # in the chosen sale's lines
COL_EVENT_DETAIL = 4  # in the chosen sale's history
_HEADERS = (
    QT_TRANSLATE_NOOP("SalesDialog", "Time"),
    QT_TRANSLATE_NOOP("SalesDialog", "Total"),
    QT_TRANSLATE_NOOP("SalesDialog", "Status"),
    QT_TRANSLATE_NOOP("SalesDialog", "Reference"),
)

# The ledger's history kinds and causes (pos_app.domain.history, and a refund's status as the
# cause of its line) are stable English keys; the cashier reads these. One label per member.
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
    "adopted": QT_TRANSLATE_NOOP("SalesDialog", "Recorded from Mercado Pago's payments"),
    "key": QT_TRANSLATE_NOOP("SalesDialog", "Request key saved"),
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
    "status": QT_TRANSLATE_NOOP("SalesDialog", "checked from the command line"),
    "after cancel": QT_TRANSLATE_NOOP("SalesDialog", "check after the cancel"),
    # refunds (pos_app.ledger.refunds.RefundStatus)
    "pending": QT_TRANSLATE_NOOP("SalesDialog", "written, waiting for Mercado Pago"),
    "refunded": QT_TRANSLATE_NOOP("SalesDialog", "refunded"),
    "refused": QT_TRANSLATE_NOOP("SalesDialog", "refused by Mercado Pago"),
    "reconcile": QT_TRANSLATE_NOOP("SalesDialog", "day's reconciliation"),
    "close": QT_TRANSLATE_NOOP("SalesDialog", "day's close"),
}

SaleRole = Qt.ItemDataRole.UserRole + 1
"""The row's :data:`~pos_app.domain.sale_rows.SaleRow` (the whole sale: ``get_sale``)."""
StatusRole = Qt.ItemDataRole.UserRole + 2
"""The row's :class:`SaleStatus`."""

_Index = QModelIndex | QPersistentModelIndex
# The roles the sales model answers, as plain ints: a header sizing its columns to their contents
# asks every row for about eight roles, and most questions are answered by this set alone.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole.value)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_ANSWERED = frozenset(
    {SaleRole, StatusRole, _DISPLAY, _FOREGROUND, _BACKGROUND, _ALIGNMENT, _TOOLTIP}
)
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)


# How long the window waits for a period's sales before it says it is reading them (and keeps
# painting): a week of a busy box is read in ~0.25 s, a month in ~1 s.
READ_WAIT_S = 0.15
# A period read: its rows, and their confirmed refunds when read with them (else None).
_Read = tuple[list[SaleRow], dict[str, Decimal] | None]


def local_midnight(day: date) -> datetime:
    """Midnight of ``day`` (a ``date``) on this computer's clock, DST included."""
    return datetime(day.year, day.month, day.day).astimezone()


# Periods of the history
PERIOD_TODAY, PERIOD_YESTERDAY, PERIOD_WEEK, PERIOD_RANGE = range(4)
_PERIODS = (
    QT_TRANSLATE_NOOP("SalesDialog", "Today"),
    QT_TRANSLATE_NOOP("SalesDialog", "Yesterday"),
    QT_TRANSLATE_NOOP("SalesDialog", "Last 7 days"),
    QT_TRANSLATE_NOOP("SalesDialog", "Dates…"),
)
# Status filter: (label, predicate)
_STATUS_FILTERS: tuple[tuple[str, Callable[[SaleRow], bool]], ...] = (
    (QT_TRANSLATE_NOOP("SalesDialog", "All statuses"), lambda s: True),
    (QT_TRANSLATE_NOOP("SalesDialog", "Paid"), lambda s: s[_ST] == rows_.PAID),
    (
        QT_TRANSLATE_NOOP("SalesDialog", "Paid in cash"),
        lambda s: s[_ST] == rows_.CANCELED and s[_TE] == rows_.CASH,
    ),
    (QT_TRANSLATE_NOOP("SalesDialog", "Waiting"), rows_.is_open),
    (
        QT_TRANSLATE_NOOP("SalesDialog", "Canceled"),
        lambda s: s[_ST] == rows_.CANCELED and s[_TE] != rows_.CASH,
    ),
    (QT_TRANSLATE_NOOP("SalesDialog", "Expired"), lambda s: s[_ST] == rows_.EXPIRED),
    (QT_TRANSLATE_NOOP("SalesDialog", "Refused"), lambda s: s[_ST] == rows_.FAILED),
    # Read against the period's refunds (_filter): the month's refunds an accountant asks for.
    (QT_TRANSLATE_NOOP("SalesDialog", "With refunds"), lambda s: True),
)
_REFUNDED_FILTER = len(_STATUS_FILTERS) - 1
_TENDER_FILTERS: tuple[tuple[str, Callable[[SaleRow], bool]], ...] = (
    (QT_TRANSLATE_NOOP("SalesDialog", "Any tender"), lambda s: True),
    (QT_TRANSLATE_NOOP("SalesDialog", "Mercado Pago QR"), lambda s: s[_TE] == rows_.QR),
    (QT_TRANSLATE_NOOP("SalesDialog", "Cash"), lambda s: s[_TE] == rows_.CASH),
)

# Status colours (text, background): read at a glance, and never the only sign (the word is there).
_COLOURS = {
    "paid": ("#0b5d1e", "#dcf5e3"),
    "cash": ("#0b4a6f", "#dceefa"),
    "open": ("#7a4b00", "#fff1cc"),
    "late": ("#8a1010", "#fde0e0"),
    "refunded": ("#5b2a86", "#efe3fa"),
    "ended": ("#555555", "#eeeeee"),
}


def refund_state(row: SaleRow, refunded: Decimal) -> str:
    """ "" (nothing given back), "partly" or "fully": money that left the shop for the sale."""
    if refunded <= 0:
        return ""
    return "fully" if refunded >= rows_.amount_paid(row) else "partly"


def status_colour_key(row: SaleRow, refunded: Decimal = Decimal(0)) -> str:
    if rows_.is_late(row) and not refund_state(row, refunded):
        return "late"
    if refund_state(row, refunded):  # partly too: a sale with money given back stands out
        return "refunded"
    if row[_ST] == rows_.PAID:
        return "paid"
    if row[_ST] == rows_.CANCELED and row[_TE] == rows_.CASH:
        return "cash"
    if rows_.is_open(row):
        return "open"
    return "ended"


def matches_search(sale: SaleSnapshot, text: str, site: Site) -> bool:
    """Reference, amount (``3450.50``, ``3.450,50``, ``3450``) or a product's name or code."""
    return SaleSearch(text, site).matches(sale_row(sale))


class SaleSearch:
    """One search text, read once: its amount is parsed once per keystroke, not once per sale
    (a month of a busy box is 12,000 sales: each keystroke parsed the text 12,000 times)."""

    def __init__(self, text: str, site: Site) -> None:
        self.needle = text.strip().casefold()
        self.amount = _search_amount(text, site) if self.needle else None
        # rows_.matches_text, its parts made once per keystroke rather than once per sale
        self._text = self.needle if rows_.SEP not in self.needle else None
        self._code = f"{rows_.SEP}{self.needle}{rows_.SEP}"

    def matches(self, row: SaleRow) -> bool:
        needle = self._text
        if not self.needle:
            return True
        if needle is not None and (needle in row[rows_.TEXTS] or self._code in row[rows_.CODES]):
            return True
        return self.amount is not None and self.amount in (
            row[rows_.TOTAL],
            row[rows_.PAID_AMOUNT],
        )


def _search_amount(text: str, site: Site) -> Decimal | None:
    from pos_app.domain.money import parse_money

    amount = parse_money(text, site)
    if amount is None:
        # A plain number (``3450.50`` in any country); never Decimal() of anything: "sNaN"
        # raised InvalidOperation when compared with a total, inside the keystroke's slot.
        plain = text.strip()
        if not re.fullmatch(r"[0-9]{1,20}(?:\.[0-9]{1,20})?", plain, re.ASCII):
            return None
        amount = Decimal(plain)
    return amount


def _tr(text: str) -> str:
    return QCoreApplication.translate("SalesDialog", text)


def sale_status_text(row: SaleRow, refunded: Decimal = Decimal(0)) -> str:
    """The status column; a sale given back reads "Refunded", never "Paid". A late payment
    with money given back since (a sale paid twice, one part returned) says the refund: the
    "do not charge again" warning has been acted on."""
    if rows_.is_late(row) and not refund_state(row, refunded):
        return QCoreApplication.translate("SalesDialog", "Paid late — do not charge again")
    state = refund_state(row, refunded)
    if state == "fully":
        return QCoreApplication.translate("SalesDialog", "Refunded")
    if state == "partly":
        return QCoreApplication.translate("SalesDialog", "Paid, partly refunded")
    if rows_.is_counted_elsewhere(row):
        return QCoreApplication.translate(
            "SalesDialog",
            "Paid; its Mercado Pago payment is in the books as another sale (see its history), "
            "counted there: not twice",
        )
    if row[_ST] == rows_.CANCELED and row[_TE] == rows_.CASH:
        return QCoreApplication.translate("SalesDialog", "Paid in cash")
    return status_label(SaleStatus(row[_ST]))


def sale_status_word(row: SaleRow, refunded: Decimal = Decimal(0)) -> str:
    """The list's status cell: a few words that fit its column at 1024 px in every language
    ("Pagada, devuelta en parte" and "Pagada tarde: no cobre de nuevo" were cut to "Pagada, …").
    The chosen sale's heading says it whole (:func:`sale_status_text`)."""
    if rows_.is_late(row) and not refund_state(row, refunded):
        return QCoreApplication.translate("SalesDialog", "Paid late")
    state = refund_state(row, refunded)
    if state == "partly":
        return QCoreApplication.translate("SalesDialog", "Partly refunded")
    if not state and rows_.is_counted_elsewhere(row):
        return QCoreApplication.translate("SalesDialog", "Counted elsewhere")
    return sale_status_text(row, refunded)


class _Totals:
    """The summary of the listed sales: how many, QR payments and cash the drawer took, and
    what was given back of them (their confirmed refunds, whenever given), per tender."""

    def __init__(self) -> None:
        self.count = self.paid = self.cash = 0
        self.qr_total = self.cash_total = Decimal(0)
        self.qr_back = self.cash_back = Decimal(0)
        # What each listed sale's refunds added (taken off again as it was added, whatever
        # its refunds are when it leaves the list or changes).
        self._back: dict[str, tuple[Decimal, Decimal]] = {}

    def add(self, sale: SaleRow, sign: int, back: tuple[Decimal, Decimal] | None = None) -> None:
        """``back``: (QR, cash) given back of ``sale`` when it is added (``sign`` 1)."""
        self.count += sign
        # A payment counted on another sale of the books (MP-…) is that sale's, as the close
        # counts it: a sale, not a QR payment of its own.
        if sale[_ST] == rows_.PAID and not rows_.is_counted_elsewhere(sale):
            self.paid += sign
            self.qr_total += sign * (sale[rows_.PAID_AMOUNT] or sale[rows_.TOTAL])
        # Cash the drawer took, including a sale whose QR payment also arrived late (paid
        # twice: both amounts came in, as the day's close counts them).
        if sale[_TE] == rows_.CASH and sale[_ST] in (rows_.CANCELED, rows_.PAID):
            self.cash += sign
            self.cash_total += sign * sale[rows_.TOTAL]
        reference = sale[rows_.REFERENCE]
        if sign > 0:
            qr, cash = back or (Decimal(0), Decimal(0))
            if qr or cash:
                self._back[reference] = (qr, cash)
        else:
            qr, cash = self._back.pop(reference, (Decimal(0), Decimal(0)))
        self.qr_back += sign * qr
        self.cash_back += sign * cash


class SalesTableModel(QAbstractTableModel):
    """The listed sales as :data:`~pos_app.domain.sale_rows.SaleRow` tuples: nothing per sale
    that the garbage collector walks (a month of a busy box is ~12,000 rows)."""

    def __init__(self, site: Site, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._site = site
        self._sales: list[SaleRow] = []
        self._time_format = "%H:%M"
        self._refunded: dict[str, Decimal] = {}

    def set_sales(
        self,
        sales: list[SaleRow],
        *,
        time_format: str = "%H:%M",
        refunded: dict[str, Decimal] | None = None,
    ) -> None:
        """``refunded``: confirmed refunds by sale reference (a refunded sale says so)."""
        self.beginResetModel()
        self._sales = list(sales)
        self._time_format = time_format
        self._refunded = dict(refunded or {})
        self.endResetModel()

    def rows(self) -> list[SaleRow]:
        return list(self._sales)

    def set_refunded(self, reference: str, amount: Decimal | None) -> None:
        """One sale's confirmed refunds (its row is then replaced or inserted)."""
        if amount is None:
            self._refunded.pop(reference, None)
        else:
            self._refunded[reference] = amount

    def replace_row(self, row: int, sale: SaleRow) -> None:
        """One listed sale changed: its cells are repainted, the selection and scroll stay."""
        self._sales[row] = sale
        emit(
            self.dataChanged,
            self.index(row, 0),
            self.index(row, self.columnCount() - 1),
        )

    def insert_row(self, row: int, sale: SaleRow) -> None:
        self.beginInsertRows(QModelIndex(), row, row)
        self._sales.insert(row, sale)
        self.endInsertRows()

    def remove_row(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._sales[row]
        self.endRemoveRows()

    def row(self, row: int) -> SaleRow:
        return self._sales[row]

    def reference(self, row: int) -> str:
        return self._sales[row][rows_.REFERENCE]

    def status(self, row: int) -> SaleStatus:
        return SaleStatus(self._sales[row][_ST])

    def row_of(self, reference: str) -> int | None:
        for row, sale in enumerate(self._sales):
            if sale[rows_.REFERENCE] == reference:
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
        if int(role) not in _ANSWERED:
            return None  # font, icon, check state, size, tooltip...: before any lookup
        if not index.isValid() or not 0 <= index.row() < len(self._sales):
            return None
        sale = self._sales[index.row()]
        if role == SaleRole:
            return sale
        if role == StatusRole:
            return SaleStatus(sale[_ST])
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == COL_TIME:
                return sale[rows_.CREATED].astimezone().strftime(self._time_format)
            if column == COL_REFERENCE:
                return sale[rows_.REFERENCE]
            if column == COL_TOTAL:
                return format_money(sale[rows_.TOTAL], self._site)
            if column == COL_STATUS:
                return sale_status_word(sale, self._refunded_of(sale))
        if index.column() == COL_STATUS and role in (
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.BackgroundRole,
        ):
            fg, bg = _COLOURS[status_colour_key(sale, self._refunded_of(sale))]
            return QBrush(QColor(fg if role == Qt.ItemDataRole.ForegroundRole else bg))
        if role == _ALIGNMENT and index.column() == COL_TOTAL:
            return _RIGHT
        if role == _TOOLTIP:
            return self._tooltip(sale, index.column())
        return None

    def _tooltip(self, sale: SaleRow, column: int) -> str | None:
        """What a cell shortens, said whole on hover: at 1024 px the reference loses its
        start, a day's list shows only the time, and the status cell says "Paid late" where
        the sale's heading says "Paid late — do not charge again"."""
        if column == COL_REFERENCE:
            return sale[rows_.REFERENCE]
        if column == COL_TIME:
            moment = QDateTime.fromMSecsSinceEpoch(int(sale[rows_.CREATED].timestamp() * 1000))
            return QLocale().toString(moment, QLocale.FormatType.LongFormat)
        if column == COL_STATUS:
            refunded = self._refunded_of(sale)
            text = sale_status_text(sale, refunded)
            if refund_state(sale, refunded) == "partly":
                text += "\n" + QCoreApplication.translate(
                    "SalesDialog", "Refunded {refunded} of {total}"
                ).format(
                    refunded=format_money(refunded, self._site),
                    total=format_money(sale[rows_.TOTAL], self._site),
                )
            return text
        return None

    def _refunded_of(self, sale: SaleRow) -> Decimal:
        return self._refunded.get(sale[rows_.REFERENCE], Decimal(0))


class TodaySalesDialog(QDialog):
    """The sales history (F3). It keeps its first name: its translations and the other
    branches' additions (a Reprint button in :attr:`action_buttons`) refer to it."""

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
        sales_between: Callable[[datetime, datetime], list[SaleSnapshot]] | None = None,
        refunds_of: Callable[[str], list[RefundFact]] | None = None,
        parent: QWidget | None = None,
        refunds: Callable[[SaleSnapshot], tuple[Decimal, Decimal]] | None = None,
        refunded_totals: Callable[[list[str]], dict[str, Decimal]] | None = None,
        sale_rows_between: Callable[[datetime, datetime], list[SaleRow]] | None = None,
        sale_row_of: Callable[[str], SaleRow | None] | None = None,
        period_refunded: Callable[[datetime, datetime], dict[str, Decimal]] | None = None,
    ) -> None:
        """``refunds``: (refunded, left to refund) of a sale, when refunds are available;
        ``refunded_totals``: the confirmed refunds of many sales at once (the status column);
        ``sale_rows_between``: the period's rows read without whole sales (the ledger's
        ``sale_rows_between_apart``); without it, rows of ``sales_between``'s sales;
        ``sale_row_of``: one sale's row (the ledger's ``sale_row``), read when that sale
        changes (:meth:`sale_changed`); without it, the row of ``get_sale``'s sale;
        ``period_refunded``: the confirmed refunds of a period's sales (the ledger's
        ``refunded_between_apart``), read with its rows, on the worker for several days;
        without it, ``refunded_totals`` of the rows read, on this thread."""
        super().__init__(parent)
        self.setObjectName("salesDialog")
        self.setWindowTitle(self.tr("Sales"))
        resize_for_screen(self, 1100, 720)
        self._site = site
        self._sales_between = sales_between or (
            lambda start, end: [s for s in sales_since(start) if s.created_at < end]
        )
        self._refunds_of = refunds_of
        self._get_sale = get_sale
        self._sale_events = sale_events
        self._refunds = refunds
        self._refunded_totals = refunded_totals
        self._rows_between = sale_rows_between or (
            lambda start, end: [sale_row(s) for s in self._sales_between(start, end)]
        )
        self._period_refunds = period_refunded
        self._row_of = sale_row_of or (
            lambda reference: sale_row(s) if (s := self._get_sale(reference)) else None
        )
        self._period_sales: list[SaleRow] = []
        self._totals = _Totals()  # of the listed sales (the summary line)
        self._bounds: tuple[datetime, datetime] | None = None  # of the newest period read
        self._damaged = False  # the period's read met a damaged amount (_read_failed)
        self._period_refunded: dict[str, Decimal] = {}  # read with the period, not per keystroke
        # The period's sales are read on this thread (one at a time, newest shown).
        self._reader = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="sales-read")
        self._reads = self._shown_read = 0
        self.destroyed.connect(lambda _obj=None, reader=self._reader: reader.shutdown(wait=False))
        self._reselecting = False  # _reselect shows the chosen sale itself, once
        self._let_go = False  # hidden: the rows were let go, to be read again when shown
        self._keep_place = False  # the read asked for keeps the list's scroll (_period_read)

        # -- which sales: period, status, tender, search ---------------------------------------
        self.period = QComboBox()
        self.period.setObjectName("salesPeriod")
        self.period.addItems([_tr(p) for p in _PERIODS])
        today = datetime.now().date()
        self.date_from = QDateEdit(QDate(today.year, today.month, today.day))
        self.date_from.setObjectName("salesFrom")
        self.date_to = QDateEdit(QDate(today.year, today.month, today.day))
        self.date_to.setObjectName("salesTo")
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(lambda _d: self._period_changed())
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.addItems([_tr(label) for label, _ in _STATUS_FILTERS])
        self.tender_filter = QComboBox()
        self.tender_filter.setObjectName("tenderFilter")
        self.tender_filter.addItems([_tr(label) for label, _ in _TENDER_FILTERS])
        self.search = QLineEdit()
        self.search.setObjectName("salesSearch")
        self.search.setPlaceholderText(self.tr("Reference, amount or product"))
        self.search.setClearButtonEnabled(True)
        self.period.currentIndexChanged.connect(lambda _i: self._period_changed())
        self.status_filter.currentIndexChanged.connect(lambda _i: self._apply_filters())
        self.tender_filter.currentIndexChanged.connect(lambda _i: self._apply_filters())
        self.search.textChanged.connect(lambda _t: self._apply_filters())

        self.model = SalesTableModel(site, self)
        self.table = QTableView()
        self.table.setObjectName("salesTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(36)
        # Time, total and status are whole, fitted to their widest text by _fit_columns
        # (ResizeToContents asked the model for ~1,000 rows' texts at each keystroke of a
        # search: ~60-100 ms with a week of a busy box). The reference takes what is left and
        # loses its start first ("…000123XBVQVYRWW": the box's name is the same on every row);
        # the chosen sale's heading has it whole, for a support call. At 1024 px the status
        # took what was left and read "Pagada, …".
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_REFERENCE, QHeaderView.ResizeMode.Stretch)
        self.table.setTextElideMode(Qt.TextElideMode.ElideLeft)
        self.table.setWordWrap(False)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.summary = QLabel()
        self.summary.setObjectName("daySummary")
        self.summary.setWordWrap(True)  # a damaged amount's message is a few lines long
        # What was given back of the listed sales, and the net: shown when there is some.
        self.given_back = QLabel()
        self.given_back.setObjectName("givenBack")
        self.given_back.setWordWrap(True)
        self.given_back.setVisible(False)

        self.heading = QLabel(self.tr("Pick a sale to see its lines and history."))
        self.heading.setObjectName("saleHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.lines = read_only_table(
            [
                self.tr("Item"),
                self.tr("Qty"),
                self.tr("Price"),
                self.tr("Discount"),
                self.tr("Total"),
            ],
            stretch=0,
        )
        self.lines.setObjectName("saleLines")
        self.lines.setColumnHidden(COL_LINE_DISCOUNT, True)  # shown for a sale with discounts
        # A long name wraps onto a second line of its row: at 1024 px the pane is ~420 px and
        # the name column what the numbers leave (~190 px in Spanish): "Dulce de lec…nísima
        # 400 g". Elided in the middle only if a single word is wider than the column.
        self.lines.setWordWrap(True)
        rows = self.lines.verticalHeader()
        rows.setMinimumSectionSize(rows.defaultSectionSize())  # one line as tall as before
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.lines.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        for column in range(1, self.lines.columnCount()):  # fitted by _fit_lines
            self.lines.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.Interactive
            )
        self.events = read_only_table(
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
        # At 1024 px the What, Status and Why columns took the width and the Detail read
        # "orden de Me…" (whole only in its tooltip): their texts wrap onto a second line of
        # their row instead, and the Detail keeps a share of the width (_fit_events).
        self.events.setWordWrap(True)
        self.events.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a request key's two ends
        event_rows = self.events.verticalHeader()
        event_rows.setMinimumSectionSize(event_rows.defaultSectionSize())
        event_rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in range(COL_EVENT_DETAIL):
            self.events.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.Interactive
            )
        self.refunds_label = QLabel(self.tr("Refunds"))
        # Each confirmed refund and the cashier's note on it (why the money went back).
        self.refunds = read_only_table(
            [self.tr("Time"), self.tr("Amount"), self.tr("Reason")], stretch=2
        )
        self.refunds.setObjectName("saleRefunds")
        self.refunds.setMaximumHeight(110)
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.export_button.setObjectName("exportSalesButton")
        self.export_button.clicked.connect(self._export_clicked)
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
        if refunds is None:  # hidden; shown while loose, it would be a window of its own
            self.refund_button.hide()
        self.close_button = QPushButton(self.tr("Close"))
        self.recheck_button.clicked.connect(self._recheck)
        self.cancel_button.clicked.connect(self._cancel)
        self.close_button.clicked.connect(self.close)

        # Sales beside the chosen sale's lines; its history below, across the whole width
        # (the history has the most columns). Each container is put in its place before it is
        # filled: every move re-styles the whole subtree (the app has a stylesheet), and built
        # loose the tables moved four times (into their box, the box into a splitter, that one
        # into the outer splitter, the splitter into the dialog). Same order as before, so the
        # focus chain is the same.
        layout = QVBoxLayout(self)
        filters = QHBoxLayout()
        layout.addLayout(filters)
        filters.addWidget(self.period)
        filters.addWidget(self.date_from)
        filters.addWidget(self.date_to)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.tender_filter)
        filters.addWidget(self.search, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        layout.addWidget(split, 1)
        top = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(top)
        left = QWidget()
        top.addWidget(left)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table)
        # Export beside the list's summary: it writes the sales listed. In the bottom row with
        # the sale's actions it made the dialog 1,176 px wide in Spanish (a 1024 px screen).
        summary_row = QHBoxLayout()
        left_layout.addLayout(summary_row)
        summary_row.addWidget(self.summary, 1)
        summary_row.addWidget(self.export_button)
        left_layout.addWidget(self.given_back)  # the list's whole width: two lines, not five
        detail = QWidget()
        top.addWidget(detail)
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.heading)
        detail_layout.addWidget(self.lines, 1)
        detail_layout.addWidget(self.refunds_label)
        detail_layout.addWidget(self.refunds)
        top.setStretchFactor(0, 4)
        top.setStretchFactor(1, 5)
        # The list's time, total and status whole and some of the reference; the lines' names
        # their room (at 1024 px: ~560 and ~440).
        top.setSizes([560, 440])
        history = QWidget()
        split.addWidget(history)
        history_layout = QVBoxLayout(history)
        history_layout.setContentsMargins(0, 0, 0, 0)
        history_layout.addWidget(QLabel(self.tr("History of the chosen sale")))
        history_layout.addWidget(self.events)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        # Actions on the chosen sale: more buttons (Reprint, Refund...) go into ``action_buttons``.
        buttons = QHBoxLayout()
        layout.addLayout(buttons)
        self.action_buttons = QHBoxLayout()
        buttons.addLayout(self.action_buttons)
        self.action_buttons.addWidget(self.recheck_button)
        self.action_buttons.addWidget(self.cancel_button)
        self.action_buttons.addWidget(self.reprint_button)
        self.action_buttons.addWidget(self.refund_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        self._sync_date_edits()
        self._show_detail(None)
        self.search.setAccessibleName(self.tr("Search the sales"))
        self.table.setAccessibleName(self.tr("Sales"))
        self.lines.setAccessibleName(self.tr("Lines of the chosen sale"))
        self.refunds.setAccessibleName(self.tr("Refunds"))
        self.events.setAccessibleName(self.tr("History of the chosen sale"))
        self.refunds_label.setBuddy(self.refunds)
        no_tab_trap(self.table, self.lines, self.refunds, self.events)
        # Enter in the search box goes to the list (arrows pick a sale there).
        self.search.returnPressed.connect(self._to_list)
        # No default button: Enter from a field or the list must not ask Mercado Pago again,
        # cancel a sale or open a refund. A focused button still takes Enter itself.
        enter_on_buttons_only(self)
        install_mnemonics(self)
        self.search.setFocus()

    def hideEvent(self, event: QHideEvent) -> None:
        """Closed (not minimized): the period's rows are let go (a month of a busy box is
        ~12,000), and so is a read still under way; shown again, the period is read again."""
        super().hideEvent(event)
        if not event.spontaneous():
            self._reads += 1
            self._shown_read = self._reads
            self._period_sales = []
            self._period_refunded = {}
            self.model.set_sales([])
            self._show_detail(None)
            self._let_go = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._let_go and not event.spontaneous():
            self.refresh()

    def _to_list(self) -> None:
        if self.model.rowCount() and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)
        self.table.setFocus(Qt.FocusReason.TabFocusReason)

    # -- data ----------------------------------------------------------------------------------
    def selected_reference(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.reference(rows[0].row()) if rows else None

    def period_bounds(self) -> tuple[datetime, datetime]:
        """The chosen period, ``[start, end)`` on this computer's clock."""
        today = datetime.now().date()
        index = self.period.currentIndex()
        if index == PERIOD_YESTERDAY:
            first, last = today - timedelta(days=1), today - timedelta(days=1)
        elif index == PERIOD_WEEK:
            first, last = today - timedelta(days=6), today
        elif index == PERIOD_RANGE:
            a, b = self.date_from.date(), self.date_to.date()
            first = date(a.year(), a.month(), a.day())
            last = date(b.year(), b.month(), b.day())
            if last < first:
                first, last = last, first
        else:
            first = last = today
        return local_midnight(first), local_midnight(last + timedelta(days=1))

    def set_period(self, index: int) -> None:
        self.period.setCurrentIndex(index)

    def _sync_date_edits(self) -> None:
        custom = self.period.currentIndex() == PERIOD_RANGE
        self.date_from.setVisible(custom)
        self.date_to.setVisible(custom)

    def _period_changed(self) -> None:
        self._sync_date_edits()
        self.refresh(keep_place=False)

    def visible_sales(self) -> list[SaleSnapshot]:
        """The sales shown, whole (lines and all): read again (the list keeps only rows)."""
        return self._whole_sales(self.visible_references(), *self.period_bounds())

    def _whole_sales(self, shown: list[str], start: datetime, end: datetime) -> list[SaleSnapshot]:
        if not shown:
            return []
        by_reference = {s.external_reference: s for s in self._sales_between(start, end)}
        return [by_reference[ref] for ref in shown if ref in by_reference]

    def visible_references(self) -> list[str]:
        return [row[rows_.REFERENCE] for row in self.model.rows()]

    def _apply_filters(self) -> None:
        keep = self.selected_reference()
        passes = self._filter()
        sales = [s for s in self._period_sales if passes(s)]
        start, end = self.period_bounds()
        self.model.set_sales(
            sales, time_format=self._time_format(start, end), refunded=self._period_refunded
        )
        self._fit_columns(sales)
        self._show_summary(sales)
        self._reselect(keep, sales)

    def _filter(self) -> Callable[[SaleRow], bool]:
        """Whether a sale passes the status, tender and search filters as they are now."""
        chosen = max(0, self.status_filter.currentIndex())
        status_ok = _STATUS_FILTERS[chosen][1]
        if chosen == _REFUNDED_FILTER:
            refunded = self._period_refunded  # kept up to date as sales change

            def status_ok(sale: SaleRow) -> bool:
                return refunded.get(sale[rows_.REFERENCE], 0) > 0

        tender_ok = _TENDER_FILTERS[max(0, self.tender_filter.currentIndex())][1]
        search = SaleSearch(self.search.text(), self._site)
        return lambda sale: status_ok(sale) and tender_ok(sale) and search.matches(sale)

    def _show_summary(self, sales: list[SaleRow]) -> None:
        """The listed sales' count and totals, counted from ``sales`` (a period's read, a
        filter); one changed sale moves them by its own share (:meth:`_count_in`)."""
        self._totals = _Totals()
        for sale in sales:
            self._totals.add(sale, 1, self._given_back(sale))
        self._write_summary()

    def _count_in(self, old: SaleRow | None, new: SaleRow | None) -> None:
        if old is not None:
            self._totals.add(old, -1)
        if new is not None:
            self._totals.add(new, 1, self._given_back(new))
        self._write_summary()

    def _given_back(self, sale: SaleRow) -> tuple[Decimal, Decimal]:
        """(QR, cash) of the sale's confirmed refunds: each goes back the way its money came;
        a sale paid both ways (cash, then a late QR payment) is split as its refunds went."""
        refunded = self._period_refunded.get(sale[rows_.REFERENCE], Decimal(0))
        if refunded <= 0:
            return Decimal(0), Decimal(0)
        in_cash = sale[_TE] == rows_.CASH and sale[_ST] in (rows_.CANCELED, rows_.PAID)
        if not in_cash:
            return refunded, Decimal(0)
        if not rows_.is_late(sale):
            return Decimal(0), refunded
        if self._refunds_of is None:  # no way to tell: the cash part first
            cash = min(refunded, sale[rows_.TOTAL])
            return refunded - cash, cash
        facts = self._refunds_of(sale[rows_.REFERENCE])
        cash = sum((f.amount for f in facts if f.tender is Tender.CASH), Decimal(0))
        return sum((f.amount for f in facts if f.tender is not Tender.CASH), Decimal(0)), cash

    def _write_summary(self) -> None:
        totals = self._totals
        if not totals.count:
            self.summary.setText(self.tr("No sales in this period."))
        else:
            # One source per number form ("1 item" / "{n} items", as the totals do).
            count = (
                self.tr("1 sale")
                if totals.count == 1
                else self.tr("{count} sales").format(count=totals.count)
            )
            self.summary.setText(
                self.tr("{count} · QR: {paid} ({qr_total}) · cash: {cash} ({cash_total})").format(
                    count=count,
                    paid=totals.paid,
                    qr_total=money(totals.qr_total, self._site),  # wrapped, never after "$"
                    cash=totals.cash,
                    cash_total=money(totals.cash_total, self._site),
                )
            )
        self._write_given_back()

    def _write_given_back(self) -> None:
        """Refunds of the sales listed (whenever given: the list's "refunded" words), per
        tender, and what the listed sales leave. The close takes off the refunds given in its
        period instead (of any day's sales): for a day whose refunds were given that day, the
        same net."""
        totals = self._totals
        shown = bool(totals.count and (totals.qr_back or totals.cash_back))
        self.given_back.setVisible(shown)
        if not shown:
            self.given_back.clear()
            return
        self.given_back.setText(
            self.tr(
                "Given back on these sales: QR {qr_back} · cash {cash_back}\n"
                "Net: {net} (QR {qr_net} · cash {cash_net})"
            ).format(
                qr_back=money(totals.qr_back, self._site),
                cash_back=money(totals.cash_back, self._site),
                net=money(
                    totals.qr_total + totals.cash_total - totals.qr_back - totals.cash_back,
                    self._site,
                ),
                qr_net=money(totals.qr_total - totals.qr_back, self._site),
                cash_net=money(totals.cash_total - totals.cash_back, self._site),
            )
        )

    def _time_format(self, start: datetime, end: datetime) -> str:
        """A day: the time. Several days of this year: day and month in the reader's order,
        no year (``2026-12-02 03:25`` took ~160 px of a 1024 px screen's ~520 px list). A
        period reaching another year: the whole date."""
        if end - start <= timedelta(hours=25):
            return "%H:%M"
        if start.year == (end - timedelta(days=1)).year == datetime.now().year:
            # Day and month in the order of the app's language (its QLocale: es and pt_BR
            # "02/12", en "12/02"); never a translated strftime text (a wrong one would fail
            # in the middle of painting).
            short = QLocale().dateFormat(QLocale.FormatType.ShortFormat)
            day_first = short.find("d") < short.find("M")
            return "%d/%m %H:%M" if day_first else "%m/%d %H:%M"
        return "%Y-%m-%d %H:%M"

    def _fit_columns(self, sales: list[SaleRow]) -> None:
        """Time, total and status as wide as their widest text, found without asking the
        model for every row: the first rows, the largest total, one row of each status."""
        header = self.table.horizontalHeader()
        first = list(range(min(len(sales), 20)))
        widest = {
            COL_TIME: first,
            COL_TOTAL: first + self._widest_row(sales, lambda s: s[rows_.TOTAL]),
            COL_STATUS: self._status_rows(sales),
        }
        grid = 1 if self.table.showGrid() else 0
        for column, rows in widest.items():
            hints = [header.sectionSizeHint(column)]
            hints += [
                self.table.sizeHintForIndex(self.model.index(row, column)).width() + grid
                for row in rows
            ]
            header.resizeSection(column, max(hints))

    def _status_rows(self, sales: list[SaleRow]) -> list[int]:
        """One row of each status word the list shows (a handful of kinds among ~12,000)."""
        refunded = self._period_refunded
        found: dict[tuple[str, str, bool, str, bool], int] = {}
        for row, sale in enumerate(sales):
            amount = refunded.get(sale[rows_.REFERENCE]) if refunded else None
            key = (
                sale[_ST],
                sale[_TE],
                sale[rows_.LATE],
                refund_state(sale, amount) if amount is not None else "",
                sale[rows_.COUNTED_ELSEWHERE],
            )
            if key not in found:
                found[key] = row
        return list(found.values())

    @staticmethod
    def _widest_row(sales: list[SaleRow], size: Callable[[SaleRow], Any]) -> list[int]:
        if not sales:
            return []
        return [max(range(len(sales)), key=lambda row: size(sales[row]))]

    def sale_changed(self, reference: str) -> None:
        """One sale changed (a charge, a payment, a check, a refund): only its row is read
        again (two indexed reads), then replaced, inserted (a new sale: on top, as the period's
        read lists it) or taken out of the list, and the summary moved by its share. A month
        of a busy box was read whole for every change (12,400 rows: ~0.4 s until shown, ~70 ms
        of this thread); now ~1 ms (README, Performance). The whole period is read when the
        period moved on (midnight: a different "today"), a read is under way (it may predate
        the change) or the last one met a damaged amount."""
        if self._let_go or self.reading or self._damaged or self._bounds != self.period_bounds():
            self.refresh(in_background=True)
            return
        try:
            row = self._row_of(reference)
        except DamagedAmount:
            self.refresh(in_background=True)  # the period's read names it and shows no sale
            return
        start, end = self._bounds
        if row is not None and not start <= row[rows_.CREATED] < end:
            row = None  # not this period's
        at = next(
            (i for i, s in enumerate(self._period_sales) if s[rows_.REFERENCE] == reference),
            None,
        )
        if row is None and at is None:
            return
        if self._refunded_totals is not None and row is not None:
            amount = self._refunded_totals([reference]).get(reference)
            if amount is None:
                self._period_refunded.pop(reference, None)
            else:
                self._period_refunded[reference] = amount
            self.model.set_refunded(reference, amount)
        if at is None:
            assert row is not None
            self._period_sales.insert(0, row)  # the newest id: first, as the period's read
        elif row is None:
            del self._period_sales[at]
        else:
            self._period_sales[at] = row
        self._show_row(reference, row)

    def _show_row(self, reference: str, row: SaleRow | None) -> None:
        """The list after one sale of the period changed: its row replaced, inserted where the
        period's order puts it, or taken out when the filters no longer let it through."""
        shown = row is not None and self._filter()(row)
        listed = self.model.row_of(reference)
        before = self.model.row(listed) if listed is not None else None
        keep = self.selected_reference()
        bar = self.table.verticalScrollBar()
        at_top = bar.value() == 0
        top = self.table.rowAt(0)
        place = self.model.reference(top) if 0 <= top < self.model.rowCount() else None
        if listed is not None and shown:
            assert row is not None
            self.model.replace_row(listed, row)
        elif listed is not None:
            self.model.remove_row(listed)
        elif shown:
            assert row is not None
            self.model.insert_row(self._listed_position(reference), row)
        else:
            return
        self._count_in(before, row if shown else None)
        if row is not None and shown:
            self._widen_for(self.model.row_of(reference))
        # The cashier's place, as after a period's read (_period_read): at the very top a new
        # sale comes into sight; further down the sale that was at the top stays there.
        if at_top:
            bar.setValue(0)
        elif place is not None and place != reference:
            at = self.model.row_of(place)
            if at is not None:
                self.table.scrollTo(
                    self.model.index(at, 0), QAbstractItemView.ScrollHint.PositionAtTop
                )
        if keep is None or self.model.row_of(keep) is None:
            self._reselect(None, self.model.rows())  # the chosen sale left the list
        elif keep == reference:
            self._show_detail(self._get_sale(reference))  # what changed in it, shown

    def _listed_position(self, reference: str) -> int:
        """Where a sale coming into the filtered list goes: after the listed sales that come
        before it in the period's order."""
        order = {s[rows_.REFERENCE]: i for i, s in enumerate(self._period_sales)}
        mine = order[reference]
        position = 0
        for listed in range(self.model.rowCount()):
            if order.get(self.model.reference(listed), -1) < mine:
                position = listed + 1
            else:
                break
        return position

    def _widen_for(self, row: int | None) -> None:
        """A changed or new row's time, total and status stay whole (never narrowed here)."""
        if row is None:
            return
        header = self.table.horizontalHeader()
        grid = 1 if self.table.showGrid() else 0
        for column in (COL_TIME, COL_TOTAL, COL_STATUS):
            need = self.table.sizeHintForIndex(self.model.index(row, column)).width() + grid
            if need > header.sectionSize(column):
                header.resizeSection(column, need)

    def refresh(self, *, in_background: bool = False, keep_place: bool = True) -> None:
        """Reload the period from the ledger, keeping the selected sale selected.

        A day (today, yesterday: a busy box's ~400 sales, ~40 ms) is read here. Several days
        are read on a worker thread: waited for up to :data:`READ_WAIT_S` (then shown before
        this returns, as a day is); longer (a month of a busy box, ~12,000 sales: ~1 s), the
        window keeps painting, says "Reading the sales…", and shows them once read. Only the
        newest request is shown. ``in_background`` (a sale changed while the cashier sells):
        several days are never waited for, and the list says nothing until they are read.
        ``keep_place``: the list stays scrolled where the cashier left it (:meth:`_period_read`)."""
        self._keep_place = keep_place
        start, end = self.period_bounds()
        self._bounds = (start, end)
        self._reads += 1
        self._let_go = False
        try:
            if end - start <= timedelta(hours=25):
                self._period_read(*self._read_period(start, end), self._reads)
                return
            reading = self._reader.submit(self._read_period, start, end)
            if in_background:
                self._wait_for(reading, self._reads)
                return
            try:
                read = reading.result(timeout=READ_WAIT_S)
            except concurrent.futures.TimeoutError:
                self.summary.setText(self.tr("Reading the sales…"))
                self.given_back.setVisible(False)  # the period before's
                self._wait_for(reading, self._reads)
                return
            self._period_read(*read, self._reads)
        except DamagedAmount as exc:
            self._read_failed(exc, self._reads)

    def _read_period(
        self, start: datetime, end: datetime
    ) -> tuple[list[SaleRow], dict[str, Decimal] | None]:
        """The period's rows and, when it can be read apart, their confirmed refunds (a year's
        refunds were read on the window's thread at each period change: ~10 ms)."""
        rows = self._rows_between(start, end)
        refunded = self._period_refunds(start, end) if self._period_refunds else None
        return rows, refunded

    def _read_failed(self, exc: DamagedAmount, number: int) -> None:
        """A stored amount no till could have written: the period shows no sale (never some of
        them, with totals that leave one out) and says which one and what to do; another
        period can still be chosen."""
        self._period_read([], {}, number)
        self.summary.setText(translate_message(exc.msg))
        set_state(self.summary, "error")
        self._damaged = True

    def _wait_for(self, reading: concurrent.futures.Future[_Read], number: int) -> None:
        # A partial, not a closure that schedules itself: that closure and its cell were a
        # reference cycle holding the read (a month: ~12,000 rows) until a full collection,
        # which then freed them inside its pause.
        QTimer.singleShot(20, self, functools.partial(self._check_read, reading, number))

    def _check_read(self, reading: concurrent.futures.Future[_Read], number: int) -> None:
        if number != self._reads:
            return  # a newer read was asked for: this one is not shown
        if not reading.done():
            self._wait_for(reading, number)
            return
        try:
            self._period_read(*reading.result(), number)  # its error as a direct read's
        except DamagedAmount as exc:
            self._read_failed(exc, number)

    @property
    def reading(self) -> bool:
        """A period is being read (it was not read within READ_WAIT_S)."""
        return self._shown_read != self._reads

    def _period_read(
        self, sales: list[SaleRow], refunded: dict[str, Decimal] | None, number: int
    ) -> None:
        self._shown_read = number
        self._damaged = False
        set_state(self.summary, "")  # a damaged amount's message (_read_failed) is over
        self._period_sales = sales
        if refunded is None:  # not read with the rows
            refunded = (
                self._refunded_totals([s[rows_.REFERENCE] for s in self._period_sales])
                if self._refunded_totals is not None
                else {}
            )
        self._period_refunded = refunded
        # Where the cashier was reading, taken when the read is shown (not when it was asked
        # for: the cashier may scroll while it is read): a sale that changed while the cashier
        # looked further down reset the model, and the chosen sale was scrolled into sight
        # (the list jumped away). The list is scrolled back to the sale that was at its top;
        # at the very top it stays there (a new sale comes into sight above the others).
        bar = self.table.verticalScrollBar()
        at_top = bar.value() == 0
        top = self.table.rowAt(0)
        place = self.model.reference(top) if 0 <= top < self.model.rowCount() else None
        self._apply_filters()
        if not self._keep_place:
            return
        row = self.model.row_of(place) if place and not at_top else None
        if at_top:
            bar.setValue(0)
        elif row is not None:
            self.table.scrollTo(
                self.model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop
            )

    def _reselect(self, keep: str | None, sales: list[SaleRow]) -> None:
        row = self.model.row_of(keep) if keep else None
        if row is None and sales:
            row = 0
        if row is not None:
            # Shown once, below: the selection's own handler used to read and show the sale
            # first (its lines, history and refunds: twice on every refresh).
            self._reselecting = True
            try:
                self.table.selectRow(row)
            finally:
                self._reselecting = False
        if row is None:
            self._show_detail(None)
            return
        self._show_detail(self._get_sale(self.model.reference(row)))

    def select_reference(self, reference: str) -> None:
        row = self.model.row_of(reference)
        if row is not None:
            self.table.selectRow(row)

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._reselecting:
            return
        ref = self.selected_reference()
        self._show_detail(self._get_sale(ref) if ref else None)

    def _show_detail(self, sale: SaleSnapshot | None) -> None:
        # A canceled sale too: a customer who had scanned its order can still pay it (until it
        # expires: the after-cancel watch looks only every 15 s), and one who shows a payment on
        # the phone must be checked at once, not argued with.
        self.recheck_button.setEnabled(
            sale is not None and (sale.is_open or sale.status is SaleStatus.CANCELED)
        )
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
            self.heading.setText(self.tr("Pick a sale to see its lines and history."))
            self.lines.setRowCount(0)
            self.events.setRowCount(0)
            self.refunds.setRowCount(0)
            return
        refunds = self._refunds_of(sale.external_reference) if self._refunds_of else []
        self.refunds.setRowCount(len(refunds))
        for row, refund in enumerate(refunds):
            _set_row(
                self.refunds,
                row,
                [
                    refund.at.astimezone().strftime("%Y-%m-%d %H:%M"),
                    format_money(refund.amount, self._site),
                    refund.note,
                ],
            )
        self.refunds.setVisible(bool(refunds))
        self.refunds_label.setVisible(bool(refunds))
        heading = self.tr("{status} — {total}\nSale {reference}").format(
            reference=sale.external_reference,
            status=sale_status_text(sale_row(sale), refunded),
            total=money(sale.total, self._site),
        )
        if sale.iva_total is not None:  # Colombia: the IVA the order reported
            heading += "\n" + self.tr("IVA included: {amount}").format(
                amount=money(sale.iva_total, self._site)
            )
        off = _sale_discount_amount(sale, self._site)
        if off:
            heading += "\n" + self.tr("Sale discount: {amount}").format(
                amount=money(off, self._site)
            )
        if refunded or left:  # wrapped, never between "$" and its number (money())
            heading += "\n" + self.tr("Refunded {refunded} — left to refund {left}").format(
                refunded=money(refunded, self._site), left=money(left, self._site)
            )
        self.heading.setText(heading)
        self.lines.setRowCount(len(sale.lines))
        discounts = [_line_discount_text(line, self._site) for line in sale.lines]
        for row, (line, discount) in enumerate(zip(sale.lines, discounts, strict=True)):
            _set_row(
                self.lines,
                row,
                [
                    line.title,
                    # A weighed line: how much was sold (``0,350 kg``), not its quantity of 1.
                    format_measure(line.measure, line.sale_unit, self._site)
                    if line.measure is not None
                    else str(line.quantity),
                    format_money(line.unit_price, self._site),
                    discount,
                    format_money(line.total(self._site), self._site),
                ],
            )
        # An empty Discount column only takes the item names' room ("Yerb…1 kg").
        self.lines.setColumnHidden(COL_LINE_DISCOUNT, not any(discounts))
        self._fit_lines()
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
                    event_detail_text(event, self._site),
                ],
            )
            item = self.events.item(row, COL_EVENT_DETAIL)
            assert item is not None  # set by _set_row just above
            _keep_raw(item, event.detail)
        self._fit_events()
        self.events.scrollToBottom()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_events()

    def _fit_events(self) -> None:
        fit_wrapped_columns(self.events, COL_EVENT_DETAIL, keep_whole=(0,))
        self._fit_lines()

    def _fit_lines(self) -> None:
        # A discount's "(10 %)" goes under its amount before the item's name is cut to "Y…"
        # (at 1024 px with a discount, the names had ~40 px).
        fit_wrapped_columns(self.lines, 0, keep_whole=(1,), share=0.4)

    def export_csv(self, path: Path, *, excel_comma: bool = False) -> int:
        """The sales shown (period and filters) to ``path``; returns how many. ``excel_comma``:
        semicolons and decimal commas, as Excel opens a ``.csv`` where the comma is the
        decimal mark (:mod:`pos_app.domain.sales_csv`)."""
        return self._write_csv(
            path,
            self.visible_references(),
            dict(self._period_refunded),
            *self.period_bounds(),
            excel_comma=excel_comma,
        )

    def _write_csv(
        self,
        path: Path,
        shown: list[str],
        refunded: dict[str, Decimal],
        start: datetime,
        end: datetime,
        *,
        excel_comma: bool = False,
    ) -> int:
        """``refunded``: the confirmed refunds the list shows, read on the GUI thread."""
        sales = self._whole_sales(shown, start, end)
        text = sales_csv(sales, refunded, excel_comma=excel_comma)
        # As pos-app sales --csv: whole or not at all, never onto a folder, a FIFO or a device.
        write_user_file(path, text.encode("utf-8-sig"))
        return len(sales)

    def export_in_background(
        self, path: Path, *, excel_comma: bool = False
    ) -> concurrent.futures.Future[int]:
        """:meth:`export_csv` on the worker thread (a month's sales are read whole again:
        ~1 s); the summary says how many were exported when it is done."""
        job = self._reader.submit(
            functools.partial(self._write_csv, excel_comma=excel_comma),
            path,
            self.visible_references(),
            dict(self._period_refunded),
            *self.period_bounds(),
        )
        QTimer.singleShot(20, self, functools.partial(self._check_export, job, str(path)))
        return job

    def _check_export(self, job: concurrent.futures.Future[int], name: str) -> None:
        if not job.done():
            QTimer.singleShot(20, self, functools.partial(self._check_export, job, name))
            return
        try:
            count = job.result()
        except OSError as exc:  # a full disk, a folder, a FIFO or a device chosen by name
            self.summary.setText(
                self.tr("Could not write {path}: {error}").format(
                    path=name, error=file_error_text(exc)
                )
            )
            return
        self.summary.setText(
            self.tr("1 sale exported to {path}").format(path=name)
            if count == 1
            else self.tr("{count} sales exported to {path}").format(count=count, path=name)
        )

    def export_file_name(self) -> str:
        """The file name offered for the export, in the shop's language ("vendas-…" in Brazil)."""
        start, _ = self.period_bounds()
        return self.tr("sales-{date}.csv").format(date=f"{start:%Y-%m-%d}")

    def export_filters(self) -> list[str]:
        """The export's file types, the first offered first. Where the decimal mark is a comma,
        Excel opens a standard ``.csv`` in one column: its own kind comes first there."""
        return export_filters(self._site)

    def _export_clicked(self) -> QFileDialog:
        """Where to export, asked without a nested loop (:mod:`pos_app.ui.qtkit.asking`)."""
        filters = self.export_filters()

        def chosen(path: Path, kind: str) -> None:
            self.export_in_background(path, excel_comma=is_excel_kind(filters, kind))

        return ask_save_path(
            self,
            self.tr("Export sales"),
            self.export_file_name(),
            filters,
            chosen,
            suffix="csv",
            name="exportSalesFile",
        )

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
            self.confirm_cancel(ref)

    def confirm_cancel(self, reference: str) -> QMessageBox:
        """The history lists every sale: one click next to another sale's must not take the
        order off the box while its customer may be paying. Enter answers No. Asked without a
        nested loop (:mod:`pos_app.ui.qtkit.asking`): Yes cancels the sale."""

        def yes() -> None:
            self.cancel_button.setEnabled(False)
            emit(self.cancelRequested, reference)

        return ask_yes_no(
            self,
            self.tr("Cancel this sale"),
            self.tr(
                "Cancel sale {reference}? Its order leaves the box: a customer about to pay it "
                "can no longer do so. A payment that arrives anyway is still recorded."
            ).format(reference=reference),
            yes,
            name="confirmCancel",
        )


def event_detail_text(event: SaleEvent, site: Site) -> str:
    """The event's detail in the cashier's words (:mod:`pos_app.domain.history_words`)."""
    words = detail_words(event.kind, event.cause, event.new_status, event.detail, site)
    if words is None:
        return ""
    # A table's cell, as the ledger's other amounts there: the amounts as written (plain).
    return words.render(lambda context, source: QCoreApplication.translate(context, source))


RawDetailRole = Qt.ItemDataRole.UserRole + 3
"""A history line's detail as the ledger keeps it (for support)."""


def _keep_raw(item: QTableWidgetItem, raw: str) -> None:
    """The stored form stays at hand for support: in the tooltip (under the words when they
    differ) and in :data:`RawDetailRole`."""
    item.setData(RawDetailRole, raw)
    shown = item.text()
    if raw and raw != shown:
        item.setToolTip(f"{shown}\n\n{raw}" if shown else raw)


def _status_change(event: SaleEvent) -> str:
    if event.new_status is None:
        return ""
    new = status_label(event.new_status)
    if event.old_status is None:
        return new
    return f"{status_label(event.old_status)} → {new}"


def read_only_table(headers: list[str], stretch: int) -> QTableWidget:
    """A plain table; column ``stretch`` takes the spare width, so nothing scrolls sideways."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(False)
    table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


_WORDS = r"\s+"  # where a wrapped cell may break: Qt breaks at spaces, never at a no-break one
_WORDS_AND_AMOUNTS = r"(?<![$/])\s+"
DETAIL_SHARE = 0.3  # of a wrapped table's width, kept for its last (stretching) column


def fit_wrapped_columns(
    table: QTableWidget,
    stretch: int,
    keep_whole: tuple[int, ...] = (),
    share: float = DETAIL_SHARE,
) -> None:
    """Columns of a word-wrapping ``table`` as wide as their longest line when that fits;
    when not, the widest ones are narrowed (their texts wrap, never below their longest
    word) until ``stretch`` keeps ``share`` of the width or all it needs. Should ``stretch``
    still be narrower than its own longest word, an amount wraps too ("$" above its number)
    rather than a name being cut. ``keep_whole``: columns never narrowed (a time)."""
    header = table.horizontalHeader()
    room = table.viewport().width()
    columns = [
        c for c in range(table.columnCount()) if c != stretch and not table.isColumnHidden(c)
    ]
    need = {c: max(header.sectionSizeHint(c), table.sizeHintForColumn(c)) for c in columns}
    detail = max(header.sectionSizeHint(stretch), table.sizeHintForColumn(stretch))
    left = room - min(detail, int(room * share))
    if sum(need.values()) > left:
        # An amount ("$ 12,00", "R$ 12,00", "S/ 12,00") is one word, unless a name is cut.
        least = _longest_words(table, columns, need, keep_whole, _WORDS_AND_AMOUNTS)
        floor = _longest_words(table, [stretch], {}, (), _WORDS)[stretch]
        if sum(least.values()) > room - floor:
            least = _longest_words(table, columns, need, keep_whole, _WORDS)
        # The largest cap at which the narrowed columns fit what is left.
        cap = max(need.values())
        while cap > 0 and sum(max(least[c], min(need[c], cap)) for c in columns) > left:
            cap -= 4
        need = {c: max(least[c], min(need[c], cap)) for c in columns}
    for c in columns:
        header.resizeSection(c, need[c])


def _longest_words(
    table: QTableWidget,
    columns: list[int],
    need: dict[int, int],
    keep_whole: tuple[int, ...],
    spaces: str,
) -> dict[int, int]:
    """Each column's narrowest width: its header, its longest word (``spaces`` between them)."""
    header = table.horizontalHeader()
    metrics = table.fontMetrics()
    pad = 12  # the cell's margins and the grid line
    least = {c: need[c] if c in keep_whole else header.sectionSizeHint(c) for c in columns}
    for row in range(table.rowCount()):
        for c in columns:
            item = table.item(row, c)
            words = re.split(spaces, item.text()) if item is not None else []
            widest = max((metrics.horizontalAdvance(w) for w in words), default=0)
            least[c] = max(least[c], widest + pad)
    return least


def _set_row(table: QTableWidget, row: int, values: list[str]) -> None:
    for column, value in enumerate(values):
        item = QTableWidgetItem(value)
        item.setToolTip(value)  # the whole text of a cell its column elides
        table.setItem(row, column, item)


def _sale_discount_amount(sale: SaleSnapshot, site: Site) -> Decimal:
    """What the sale's own discount took off (on top of its lines' discounts)."""
    if sale.sale_discount is None:
        return Decimal(0)
    cart = Cart(site)
    cart.restore(list(sale.lines))
    cart.sale_discount = sale.sale_discount
    return cart.sale_discount_amount()


def _line_discount_text(line: CartLine, site: Site) -> str:
    """``−$ 900,00 (10 %)``, or nothing for a line without a discount."""
    off = line.discount_amount(site)
    if not off or line.discount is None:
        return ""
    text = MINUS + format_money(off, site)
    if line.discount.kind is DiscountKind.PERCENT:
        text += f" ({line.discount.value.normalize():f}\u00a0%)"
    return text
