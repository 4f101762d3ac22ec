"""The cash drawer (shifts, cash in and out) and the day's close (Z report, reconciliation, PDF).

Both read and write the ledger's day book directly (local SQLite, instant). What needs Mercado
Pago — reconciling open sales before the close, listing the day's payments, adopting one — is a
signal the main window turns into an engine call, as everywhere else; it hands the result back
with :meth:`CloseDayDialog.show_closed` / :meth:`CloseDayDialog.show_reconciliation`.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QIODevice, QMarginsF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.day import CloseReport, HandOver, MovementKind, drawer_expected_now
from pos_app.domain.day_report import ReportRow, report_rows
from pos_app.domain.money import Site, format_money, format_money_unbroken
from pos_app.domain.reconciliation import Reconciliation
from pos_app.domain.text_fields import CASH_REASON, CASHIER_NAME, TextField, check_text
from pos_app.domain.validation import ValidationError
from pos_app.errors import UserFacingError
from pos_app.i18n import QT_TRANSLATE_NOOP
from pos_app.ledger.amounts import DamagedAmount
from pos_app.ledger.day import DayBook
from pos_app.ui.counter.sales_view import read_only_table
from pos_app.ui.qtkit.asking import ask_save_path, ask_yes_no
from pos_app.ui.qtkit.errors import describe_error, file_error_text, translate_message
from pos_app.ui.qtkit.fitting import fit_placeholder
from pos_app.ui.qtkit.keyboard import (
    assign_mnemonics,
    enter_on_buttons_only,
    install_mnemonics,
    no_tab_trap,
)
from pos_app.ui.qtkit.style import set_state
from pos_app.ui.qtkit.window_settings import resize_for_screen
from pos_app.ui.qtkit.workarounds import emit
from pos_app.ui.widgets.form_parts import limit_length
from pos_app.ui.widgets.money_edit import MoneyEdit

if TYPE_CHECKING:
    import asyncio

Clock = Callable[[], datetime]


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            if c == len(values) - 1:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)


class _PrintBar:
    """A Print button and the line that tells how the print went, for a report on the receipt
    printer (the close, the drawer's shift report). The job runs elsewhere (``requested``);
    the button is off while it runs and when no receipt printer is configured."""

    def __init__(self, button_text: str, tooltip: str, requested: Callable[[], None]) -> None:
        self._tooltip = tooltip
        self._available = False
        self.button = QPushButton(button_text)
        self.button.setToolTip(tooltip)
        self.button.setEnabled(False)  # until a receipt printer is configured
        self.button.clicked.connect(self._clicked)
        self.status = QLabel()
        self.status.setObjectName("printStatus")
        self.status.setWordWrap(True)
        self._requested = requested

    def set_printer(self, available: bool) -> None:
        self._available = available
        self.button.setEnabled(available)
        self.button.setToolTip(
            self._tooltip
            if available
            else _tr_close(
                QT_TRANSLATE_NOOP(
                    "CloseDayDialog", "Choose a receipt printer in Settings → Receipts"
                )
            )
        )

    def _clicked(self) -> None:
        self.button.setEnabled(False)  # one job at a time; never blocks the window
        self.status.setText(_tr_close(QT_TRANSLATE_NOOP("CloseDayDialog", "Printing…")))
        set_state(self.status, "")
        self._requested()

    def done(self, problem: str | None) -> None:
        self.button.setEnabled(self._available)
        if problem is None:
            self.status.setText(
                _tr_close(QT_TRANSLATE_NOOP("CloseDayDialog", "Report sent to the printer."))
            )
            set_state(self.status, "")
        else:
            self.status.setText(
                _tr_close(
                    QT_TRANSLATE_NOOP("CloseDayDialog", "The report did not print: {problem}")
                ).format(problem=problem)
            )
            set_state(self.status, "error")


def _tr_close(text: str) -> str:
    # The close dialog's words (its catalog context, marked where used), shared with the
    # drawer's shift report.
    return QCoreApplication.translate("CloseDayDialog", text)


# == cash drawer ===================================================================================
def _name_field(form: QFormLayout, row: QHBoxLayout, field: QWidget) -> None:
    """A form row holding a field and its buttons: its label names the field (and gives it
    its Alt+letter), as QFormLayout does by itself for a lone field."""
    label = form.labelForField(row)
    if isinstance(label, QLabel):
        label.setBuddy(field)


class CashDrawerDialog(QDialog):
    changed = Signal()
    printRequested = Signal()  # the shift report (the period so far) on the receipt printer

    def __init__(
        self, site: Site, day: DayBook, *, clock: Clock, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("cashDrawerDialog")
        self.setWindowTitle(self.tr("Cash drawer"))
        # The movements list shows several rows under the two forms (at 680 px, each form's
        # buttons on a row of their own, it showed one row and a half).
        resize_for_screen(self, 760, 640)
        self._site = site
        self._day = day
        self._clock = clock

        self.shift_label = QLabel()
        self.shift_label.setObjectName("shiftLabel")
        self.shift_label.setWordWrap(True)
        self.cashier = QLineEdit()
        self.cashier.setObjectName("cashierName")
        limit_length(self.cashier, CASHIER_NAME)
        self.cashier.setPlaceholderText(self.tr("Cashier's name"))
        self.starting_float = MoneyEdit(site, zero_ok=True)
        self.starting_float.setObjectName("startingFloat")
        self.open_shift_button = QPushButton(self.tr("Open shift"))
        self.open_shift_button.setObjectName("openShiftButton")
        self.open_shift_button.clicked.connect(self.open_shift)
        shift_box = QGroupBox(self.tr("Shift"))
        shift_form = QFormLayout(shift_box)
        shift_form.addRow(self.shift_label)
        shift_form.addRow(self.tr("Cashier"), self.cashier)
        # Each form's buttons beside its last field: under it, the dialog needed 670 px of
        # height, more than a 1024 x 600 counter screen has.
        float_row = QHBoxLayout()
        float_row.addWidget(self.starting_float, 1)
        float_row.addWidget(self.open_shift_button)
        shift_form.addRow(self.tr("Starting float"), float_row)
        _name_field(shift_form, float_row, self.starting_float)
        # With a shift open the same two fields hand the drawer over: the next cashier's name
        # and the cash counted now (the dialog keeps its size on a 1024 x 600 screen).
        self._cashier_label = shift_form.labelForField(self.cashier)
        self._float_label = shift_form.labelForField(float_row)
        self._handed = ""  # what the last hand-over found, until the dialog closes

        self.amount = MoneyEdit(site)
        self.amount.setObjectName("movementAmount")
        self.reason = QLineEdit()
        self.reason.setObjectName("movementReason")
        limit_length(self.reason, CASH_REASON)
        fit_placeholder(
            self.reason,
            self.tr("Why (change, a supplier paid, a withdrawal…)"),
            self.tr("Why (change, a supplier…)"),
            self.tr("Why"),
        )
        self.cash_in_button = QPushButton(self.tr("Cash in"))
        self.cash_in_button.setObjectName("cashInButton")
        self.cash_out_button = QPushButton(self.tr("Cash out"))
        self.cash_out_button.setObjectName("cashOutButton")
        self.cash_in_button.clicked.connect(lambda: self.add_movement(MovementKind.IN))
        self.cash_out_button.clicked.connect(lambda: self.add_movement(MovementKind.OUT))
        move_box = QGroupBox(self.tr("Cash in or out"))
        move_form = QFormLayout(move_box)
        move_form.addRow(self.tr("Amount"), self.amount)
        reason_row = QHBoxLayout()
        reason_row.addWidget(self.reason, 1)
        reason_row.addWidget(self.cash_in_button)
        reason_row.addWidget(self.cash_out_button)
        move_form.addRow(self.tr("Reason"), reason_row)
        _name_field(move_form, reason_row, self.reason)

        self.problem = QLabel()
        self.problem.setObjectName("drawerProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #8a1010;")
        self.movements = read_only_table(
            [self.tr("Time"), self.tr("Movement"), self.tr("Amount")], 1
        )
        self.movements.setObjectName("movementsTable")
        self.expected = QLabel()
        self.expected.setObjectName("expectedCash")
        font = QFont(self.expected.font())
        font.setBold(True)
        self.expected.setFont(font)
        close_button = QPushButton(self.tr("Close"))
        close_button.clicked.connect(self.close)
        # An "X report": the period so far (sales by shift, hand-overs), e.g. for the cashier
        # who just handed the drawer over; nothing is closed.
        self._print = _PrintBar(
            self.tr("Print shift report"),
            self.tr(
                "Print the day so far on the receipt printer (sales by shift, hand-overs); "
                "nothing is closed"
            ),
            lambda: emit(self.printRequested),
        )
        self._print.button.setObjectName("printShiftReportButton")

        layout = QVBoxLayout(self)
        layout.addWidget(shift_box)
        layout.addWidget(move_box)
        layout.addWidget(self.problem)
        since = QLabel(self.tr("Since the last close"))
        since.setBuddy(self.movements)  # the table's name, and Alt+letter reaches it
        layout.addWidget(since)
        layout.addWidget(self.movements, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.expected, 1)
        bottom.addWidget(self._print.button)
        bottom.addWidget(close_button)
        layout.addLayout(bottom)
        layout.addWidget(self._print.status)
        self._print.status.hide()  # until something was printed: the list keeps the room
        no_tab_trap(self.movements)
        # Enter in the shift's fields opens the shift; in a cash movement's it presses nothing
        # (in or out is the cashier's choice), where it used to press Open shift.
        enter_on_buttons_only(self)
        self.cashier.returnPressed.connect(self.open_shift)
        self.starting_float.returnPressed.connect(self.open_shift)
        install_mnemonics(self)
        self.refresh()

    def refresh(self) -> None:
        now = self._clock()
        shift = self._day.current_shift(now)
        self._shift_open = shift is not None
        if shift is None:
            self.shift_label.setText(self.tr("No shift open since the last close."))
            self._set_shift_labels(
                self.tr("Cashier"), self.tr("Starting float"), self.tr("Open shift")
            )
            self.cashier.setPlaceholderText(self.tr("Cashier's name"))
            self.open_shift_button.setToolTip("")
        else:
            # One shift at a time (the ledger refuses a second): the same fields now hand the
            # drawer to the next cashier, counted.
            how = self.tr(
                "One shift at a time. To hand the drawer to the next cashier, count the cash in "
                "it and press Hand over; the day's close ends the last shift."
            )
            # Two lines at most (the dialog fits a 1024 x 600 screen): who holds the drawer,
            # then what the last hand-over found, or how to hand it over.
            self.shift_label.setText(
                self.tr("{cashier} since {time}, starting float {amount}").format(
                    cashier=shift.cashier,
                    time=shift.opened_at.astimezone().strftime("%H:%M"),
                    amount=format_money_unbroken(shift.starting_float, self._site),
                )
                + "\n"
                + (self._handed or how)
            )
            self.open_shift_button.setToolTip(how)
            self._set_shift_labels(
                self.tr("Next cashier"), self.tr("Cash counted now"), self.tr("Hand over")
            )
            self.cashier.setPlaceholderText(self.tr("Next cashier's name"))
        report = self._day.preview(self._site, now=now)
        # Each row with its moment: sorted by it, not by its "HH:MM" (a day past midnight).
        rows: list[tuple[datetime, list[str]]] = [
            (
                s.opened_at,
                [
                    s.opened_at.astimezone().strftime("%H:%M"),
                    (
                        self.tr("Drawer handed to {cashier}, counted")
                        if s.handover
                        else self.tr("Shift opened: {cashier}")
                    ).format(cashier=s.cashier),
                    format_money(s.starting_float, self._site),
                ],
            )
            for s in report.shifts
        ]
        rows += [
            (
                m.at,
                [
                    m.at.astimezone().strftime("%H:%M"),
                    (
                        self.tr("In: {reason}")
                        if m.kind is MovementKind.IN
                        else self.tr("Out: {reason}")
                    ).format(reason=m.reason),
                    format_money(m.signed, self._site),
                ],
            )
            for m in report.movements
        ]
        rows.sort(key=lambda row: row[0])
        _fill(self.movements, [values for _, values in rows])
        self.expected.setText(
            self.tr("Expected in the drawer now: {amount}").format(
                amount=format_money_unbroken(drawer_expected_now(report), self._site)
            )
        )

    def _amount(self, edit: MoneyEdit, *, zero_ok: bool) -> Decimal | None:
        try:
            amount = edit.amount()
        except ValidationError as exc:
            self.problem.setText(translate_message(exc.msg))
            edit.setFocus()
            return None
        if amount < 0 or (amount == 0 and not zero_ok):
            self.problem.setText(self.tr("Type an amount greater than zero."))
            edit.setFocus()
            return None
        return amount

    def _text(self, edit: QLineEdit, field: TextField, missing: str) -> str | None:
        """The cleaned text, or None with the reason shown (the ledger checks it again)."""
        try:
            return check_text(edit.text(), field)
        except ValidationError as exc:
            self.problem.setText(missing if not edit.text().strip() else translate_message(exc.msg))
            edit.setFocus()
            return None

    def _set_shift_labels(self, cashier: str, amount: str, button: str) -> None:
        changed = False
        for widget, text in (
            (self._cashier_label, cashier),
            (self._float_label, amount),
            (self.open_shift_button, button),
        ):
            # Only when the meaning changes: the Alt+letters given on show stay otherwise.
            if isinstance(widget, QLabel | QPushButton) and widget.text().replace("&", "") != text:
                widget.setText(text)
                changed = True
        if changed and self.isVisible():
            assign_mnemonics(self)  # the new words get their letters

    def open_shift(self) -> None:
        """Open a shift, or, with one open, hand the drawer over to the next cashier."""
        self.problem.clear()
        cashier = self._text(self.cashier, CASHIER_NAME, self.tr("Type the cashier's name."))
        amount = self._amount(self.starting_float, zero_ok=True)
        if cashier is None or amount is None:
            return
        try:
            if self._shift_open:
                done = self._day.hand_over(self._site, cashier, amount, now=self._clock())
                self._handed = self._handed_text(done)
            else:
                self._day.open_shift(cashier, amount, now=self._clock())
        except UserFacingError as exc:
            self.problem.setText(describe_error(exc))
            return
        self.cashier.clear()
        self.starting_float.clear()
        self.refresh()
        emit(self.changed)

    def set_printer(self, available: bool) -> None:
        """A receipt printer is configured (Settings → Receipts): the shift report prints."""
        self._print.set_printer(available)

    def show_printed(self, problem: str | None) -> None:
        """The shift report's print job ended: ``None`` when it printed, else why not."""
        self._print.status.show()
        self._print.done(problem)

    def _handed_text(self, done: HandOver) -> str:
        m = functools.partial(format_money_unbroken, site=self._site)  # a wrapped label
        if done.difference < 0:
            how = self.tr("{amount} missing").format(amount=m(-done.difference))
        elif done.difference > 0:
            how = self.tr("{amount} more than expected").format(amount=m(done.difference))
        else:
            how = self.tr("exact")
        return self.tr(
            "{from_cashier} handed the drawer to {to_cashier}: expected {expected}, counted "
            "{counted} ({how})."
        ).format(
            from_cashier=done.from_cashier,
            to_cashier=done.to_cashier,
            expected=m(done.expected),
            counted=m(done.counted),
            how=how,
        )

    def add_movement(self, kind: MovementKind) -> None:
        self.problem.clear()
        amount = self._amount(self.amount, zero_ok=False)
        reason = self._text(self.reason, CASH_REASON, self.tr("Say why the cash goes in or out."))
        if amount is None or reason is None:
            return
        try:
            self._day.add_movement(kind, amount, reason, now=self._clock())
        except UserFacingError as exc:
            self.problem.setText(describe_error(exc))
            return
        self.amount.clear()
        self.reason.clear()
        self.refresh()
        emit(self.changed)


# == the day's close ===============================================================================
def report_html(report: CloseReport, site: Site, title: str) -> str:
    """The report as simple HTML (QTextDocument's subset), for the PDF."""
    rows = []
    for row in report_rows(report, site):
        label = html.escape(translate_message(row.label))
        value = html.escape(row.value)
        if row.kind == "heading":
            rows.append(f"<tr><td colspan=2><h3>{label} {value}</h3></td></tr>")
            continue
        style = {"total": "font-weight:bold", "warning": "font-weight:bold;color:#8a1010"}
        css = style.get(row.kind, "")
        rows.append(f'<tr style="{css}"><td>{label}</td><td align="right">{value}</td></tr>')
    return (
        f"<h2>{html.escape(title)}</h2>"
        '<table width="100%" cellspacing="0" cellpadding="4">' + "".join(rows) + "</table>"
    )


def save_report_pdf(report: CloseReport, site: Site, path: Path, title: str) -> None:
    """The report as an A4 PDF at ``path``, here and now, written whole or not at all, never
    onto a folder, a FIFO or a device (``OSError``; Qt's own writer waited on a FIFO, the window
    frozen). The dialog writes it on a worker thread (:meth:`CloseDayDialog.save_pdf`)."""
    from pos_app.ui.qtkit.user_files import save_through_memory

    save_through_memory(path, report_pdf(report, site, title))


def report_pdf(report: CloseReport, site: Site, title: str) -> Callable[[QIODevice], None]:
    """What paints the report's PDF into a buffer (Qt's painting: the window's thread)."""
    return lambda buffer: _report_pdf(report, site, buffer, title)


def _report_pdf(report: CloseReport, site: Site, buffer: QIODevice, title: str) -> None:
    writer = QPdfWriter(buffer)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
    writer.setTitle(title)
    writer.setCreator("pos-app")
    writer.setResolution(300)
    document = QTextDocument()
    # Fonts measured for the PDF's resolution, not the screen's (else the text is tiny).
    document.documentLayout().setPaintDevice(writer)
    font = QFont()
    font.setPointSize(11)
    document.setDefaultFont(font)
    document.setHtml(report_html(report, site, title))
    document.setPageSize(writer.pageLayout().paintRectPixels(writer.resolution()).size().toSizeF())
    document.print_(writer)


class CloseDayDialog(QDialog):
    closeRequested = Signal(object)  # counted cash: Decimal | None
    reconcileRequested = Signal()
    adoptRequested = Signal(int)  # payment id
    printRequested = Signal()  # the report as shown, on the receipt printer

    def __init__(
        self, site: Site, day: DayBook, *, clock: Clock, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("closeDayDialog")
        self.setWindowTitle(self.tr("Close the day"))
        resize_for_screen(self, 760, 760)
        self._site = site
        self._day = day
        self._clock = clock
        self.report: CloseReport | None = None  # once closed
        self.reconciliation: Reconciliation | None = None
        self._rows_shown: list[ReportRow] = []

        self.heading = QLabel()
        self.heading.setObjectName("closeHeading")
        self.heading.setWordWrap(True)
        self.counted = MoneyEdit(site, zero_ok=True)
        self.counted.setObjectName("countedCash")
        self.counted.textChanged.connect(lambda _t: self.refresh())
        counted_row = QHBoxLayout()
        counted_label = QLabel(self.tr("Cash counted in the drawer"))
        counted_label.setBuddy(self.counted)
        counted_row.addWidget(counted_label)
        counted_row.addWidget(self.counted)
        self.rows = read_only_table([self.tr("Item"), self.tr("Amount")], 0)
        self.rows.setObjectName("closeReportRows")
        self.rows.horizontalHeader().hide()
        self.rows.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.rows.setAccessibleName(self.tr("Report of the day"))

        self.reconcile_button = QPushButton(self.tr("Check Mercado Pago's payments"))
        self.reconcile_button.setObjectName("reconcileButton")
        self.reconcile_button.clicked.connect(self._reconcile_clicked)
        self.reconcile_status = QLabel()
        self.reconcile_status.setObjectName("reconcileStatus")
        self.reconcile_status.setWordWrap(True)
        self.missing = read_only_table(
            [self.tr("Payment"), self.tr("Reference"), self.tr("Amount")], 1
        )
        self.missing.setObjectName("missingPayments")
        self.missing.setMaximumHeight(150)
        self.missing.hide()
        self.adopt_button = QPushButton(self.tr("Record the chosen payment as a sale"))
        self.adopt_button.setObjectName("adoptButton")
        self.adopt_button.clicked.connect(self._adopt_clicked)
        self.adopt_button.hide()

        self.close_day_button = QPushButton(self.tr("Close the day"))
        self.close_day_button.setObjectName("closeDayButton")
        self.close_day_button.clicked.connect(self._close_clicked)
        self.pdf_button = QPushButton(self.tr("Save as PDF…"))
        self.pdf_button.setObjectName("savePdfButton")
        self.pdf_button.clicked.connect(self._pdf_clicked)
        self.pdf_button.setEnabled(False)
        self.pdf_status = QLabel()
        self.pdf_status.setObjectName("pdfStatus")
        self.pdf_status.setWordWrap(True)
        self._print = _PrintBar(
            self.tr("Print"),
            self.tr("Print the report on the receipt printer"),
            lambda: emit(self.printRequested),
        )
        self.print_button = self._print.button
        self.print_button.setObjectName("printReportButton")
        self.print_status = self._print.status
        done = QPushButton(self.tr("Done"))
        done.clicked.connect(self.close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(counted_row)
        layout.addWidget(self.rows, 1)
        reconcile_row = QHBoxLayout()
        reconcile_row.addWidget(self.reconcile_button)
        reconcile_row.addWidget(self.reconcile_status, 1)
        layout.addLayout(reconcile_row)
        layout.addWidget(self.missing)
        layout.addWidget(self.adopt_button, 0, Qt.AlignmentFlag.AlignLeft)
        buttons = QHBoxLayout()
        buttons.addWidget(self.close_day_button)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.print_button)
        said = QVBoxLayout()  # how the print went, and the PDF
        said.addWidget(self.print_status)
        said.addWidget(self.pdf_status)
        buttons.addLayout(said, 1)
        buttons.addStretch(1)
        buttons.addWidget(done)
        layout.addLayout(buttons)
        self.missing.setAccessibleName(self.tr("Payments not in the books"))
        no_tab_trap(self.rows, self.missing)
        install_mnemonics(self)
        self.refresh()

    def counted_cash(self) -> Decimal | None:
        if not self.counted.text().strip():
            return None
        try:
            return self.counted.amount()
        except ValidationError:
            return None

    def shown_report(self) -> CloseReport:
        if self.report is not None:
            return self.report
        return self._day.preview(self._site, now=self._clock(), counted_cash=self.counted_cash())

    def refresh(self) -> None:
        try:
            report = self.shown_report()
        except DamagedAmount as exc:
            # An amount the ledger cannot hold (ledger/amounts.py): said in place of the report,
            # and nothing closes with it; Mercado Pago's payments can still be checked (a payment
            # of a sale set aside for it is recorded as a sale of its own).
            self.heading.setText(describe_error(exc))
            self.rows.setRowCount(0)
            self._rows_shown = []
            self.close_day_button.setEnabled(False)
            return
        if self.report is None:
            self.heading.setText(
                self.tr(
                    "Preview of close number {number}, since {start}. Count the drawer, check "
                    "Mercado Pago's payments, then close: a closed day never changes."
                ).format(
                    number=report.number,
                    start=report.opened_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                )
            )
        else:
            self.heading.setText(
                self.tr("Day closed: close number {number}.").format(number=report.number)
            )
        self._show_rows(report_rows(report, self._site))

    def _show_rows(self, rows: list[ReportRow]) -> None:
        # Only the rows that changed are made again: the report is read again at each key typed
        # in the counted cash, which changes two or three of its rows.
        shown = self._rows_shown
        self.rows.setRowCount(len(rows))
        warning: int | None = None
        for r, row in enumerate(rows):
            if row.kind == "warning" and warning is None:
                warning = r
            if r < len(shown) and shown[r] == row:
                continue
            label = QTableWidgetItem(translate_message(row.label))
            value = QTableWidgetItem(row.value)
            value.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for item in (label, value):
                if row.kind in ("heading", "total", "warning"):
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                if row.kind == "warning":
                    item.setForeground(QBrush(QColor("#8a1010")))
                if row.kind == "heading":
                    item.setBackground(QBrush(QColor("#eeeeee")))
            self.rows.setItem(r, 0, label)
            self.rows.setItem(r, 1, value)
        self._rows_shown = list(rows)
        # The drawer is off (or a sale is open): shown, not below a long report's fold. The
        # scroll range first takes in the rows just added (Qt updates it later by itself).
        warning_item = None if warning is None else self.rows.item(warning, 0)
        if warning_item is not None:
            self.rows.updateGeometries()
            self.rows.scrollToItem(warning_item)

    # -- reconciliation --------------------------------------------------------------------------
    def _reconcile_clicked(self) -> None:
        self.reconcile_button.setEnabled(False)
        self.reconcile_status.setText(self.tr("Asking Mercado Pago…"))
        emit(self.reconcileRequested)

    def show_reconciliation(self, result: Reconciliation) -> None:
        self.reconciliation = result
        self.reconcile_button.setEnabled(True)
        parts = [
            self.tr("{seen} payments at Mercado Pago today, {matched} in the books.").format(
                seen=result.payments_seen, matched=result.matched
            )
        ]
        if result.orders_confirmed:
            parts.append(
                self.tr("1 Orders API sale confirmed by its order.")
                if result.orders_confirmed == 1
                else self.tr("{count} Orders API sales confirmed by their orders.").format(
                    count=result.orders_confirmed
                )
            )
        if result.all_match:
            parts.append(self.tr("Everything matches."))
        if result.missing_in_ledger:
            parts.append(
                self.tr("1 payment is not in the books:")
                if len(result.missing_in_ledger) == 1
                else self.tr("{count} payments are not in the books:").format(
                    count=len(result.missing_in_ledger)
                )
            )
        for sale in result.not_at_mercadopago:
            parts.append(
                self.tr("Sale {ref} is paid here but Mercado Pago does not show it.").format(
                    ref=sale.external_reference
                )
            )
        for diff in result.amount_differences:
            parts.append(
                self.tr("Sale {ref}: {ledger} here, {mp} at Mercado Pago.").format(
                    ref=diff.reference,
                    ledger=format_money_unbroken(diff.ledger_amount, self._site),
                    mp=format_money_unbroken(diff.mercadopago_amount, self._site),
                )
            )
        self.reconcile_status.setText(" ".join(parts))
        _fill(
            self.missing,
            [
                [str(p.id), p.external_reference or "—", format_money(p.amount, self._site)]
                for p in result.missing_in_ledger
            ],
        )
        self.missing.setVisible(bool(result.missing_in_ledger))
        self.adopt_button.setVisible(bool(result.missing_in_ledger))
        if result.missing_in_ledger:
            self.missing.selectRow(0)
        self.refresh()

    def show_reconcile_error(self, text: str) -> None:
        self.reconcile_button.setEnabled(True)
        self.reconcile_status.setText(text)

    def _adopt_clicked(self) -> None:
        rows = self.missing.selectionModel().selectedRows()
        if not rows or self.reconciliation is None:
            return
        payment = self.reconciliation.missing_in_ledger[rows[0].row()]
        self.adopt_button.setEnabled(False)
        emit(self.adoptRequested, payment.id)

    def adopted(self) -> None:
        """A payment was recorded: check again (the list shrinks, the totals grow)."""
        self.adopt_button.setEnabled(True)
        self._reconcile_clicked()

    # -- closing ---------------------------------------------------------------------------------
    def _close_clicked(self) -> None:
        if self.counted.text().strip() and self.counted_cash() is None:
            self.heading.setText(self.counted.problem())
            self.counted.setFocus()
            return
        # A closed day never changes: Enter answers No, Yes is pressed on purpose. Asked
        # without a nested loop (pos_app.ui.qtkit.asking).
        ask_yes_no(
            self,
            self.tr("Close the day"),
            self.tr("Close the day now? The report is frozen and the next sale starts a new day."),
            self._close_confirmed,
            name="confirmCloseDay",
        )

    def _close_confirmed(self) -> None:
        if self.report is None and self.close_day_button.isEnabled():  # not already closing
            self.request_close()

    def request_close(self) -> None:
        self.close_day_button.setEnabled(False)
        self.heading.setText(self.tr("Checking open sales with Mercado Pago, then closing…"))
        emit(self.closeRequested, self.counted_cash())

    def say_closing_first(self) -> None:
        """The window was closed while the day closes: it waits for the close."""
        self.heading.setText(self.tr("Closing the day: the window closes once the day is closed."))
        self.raise_()

    def say_checking_first(self) -> None:
        """The window was closed while Mercado Pago is asked (a check, an adoption): it waits."""
        self.reconcile_status.setText(
            self.tr("Asking Mercado Pago: the window closes once it has answered.")
        )
        self.raise_()

    def show_closed(self, report: CloseReport) -> None:
        self.report = report
        self.counted.setEnabled(False)
        self.close_day_button.setEnabled(False)
        self.pdf_button.setEnabled(True)
        self.refresh()

    def show_backup_failed(self, text: str) -> None:
        """The close is recorded; only its backup failed (folder missing, disk full)."""
        self.reconcile_status.setText(
            self.tr("The day is closed, but its backup could not be made: {reason}").format(
                reason=text
            )
        )

    def show_close_error(self, text: str) -> None:
        self.close_day_button.setEnabled(True)
        self.heading.setText(text)

    def set_printer(self, available: bool) -> None:
        """A receipt printer is configured (Settings → Receipts): Print can be used."""
        self._print.set_printer(available)

    def show_printed(self, problem: str | None) -> None:
        """The print job's end: ``None`` when it printed, else why not (the close is safe)."""
        self._print.done(problem)

    def report_title(self) -> str:
        report = self.shown_report()
        return QCoreApplication.translate(
            "CloseDayDialog", "Close number {number} — {date}"
        ).format(
            number=report.number, date=report.closed_at.astimezone().strftime("%Y-%m-%d %H:%M")
        )

    def save_pdf(self, path: Path) -> asyncio.Task[Path]:
        """The report as shown, as an A4 PDF at ``path``: made here, written on a worker thread
        (a USB stick or a share that hangs never freezes the window: the payment's status goes
        on). A failure is said in a box; closed meanwhile, the file is still written."""
        from pos_app.ui.qtkit.user_files import save_in_background

        self.pdf_button.setEnabled(False)  # one at a time
        self.pdf_status.setText(self.tr("Saving the PDF…"))
        self.pdf_status.setToolTip("")  # the last save's path, no longer what is said
        make = report_pdf(self.shown_report(), self._site, self.report_title())
        return save_in_background(
            self,
            path,
            make,
            saved=self._pdf_saved,
            failed=functools.partial(self._pdf_failed, path),
        )

    def _pdf_saved(self, path: Path) -> None:
        from pos_app.ui.qtkit.user_files import show_saved_path

        self.pdf_button.setEnabled(self.report is not None)
        show_saved_path(self.pdf_status, self.tr("Saved as {path}."), path)

    def _pdf_failed(self, path: Path, exc: OSError) -> None:
        """A full disk, a folder, a FIFO or a device named: said in a box (over the window when
        this dialog was closed meanwhile)."""
        self.pdf_button.setEnabled(self.report is not None)
        self.pdf_status.clear()
        box = QMessageBox(self if self.isVisible() else (self.parentWidget() or self))
        box.setObjectName("reportPdfFailed")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Save the report"))
        box.setText(
            self.tr("Could not write {path}: {error}").format(
                path=str(path), error=file_error_text(exc)
            )
        )
        box.finished.connect(box.deleteLater)
        box.open()

    def pdf_file_name(self) -> str:
        """The file name offered for the PDF, in the shop's language ("cierre-12.pdf")."""
        return self.tr("close-{number}.pdf").format(number=self.shown_report().number)

    def _pdf_clicked(self) -> QFileDialog:
        """Where to save the PDF, asked without a nested loop (:mod:`pos_app.ui.qtkit.asking`)."""
        return ask_save_path(
            self,
            self.tr("Save the report"),
            self.pdf_file_name(),
            [self.tr("PDF files (*.pdf)")],
            lambda path, _kind: self.save_pdf(path),
            suffix="pdf",
            name="reportPdfFile",
        )
