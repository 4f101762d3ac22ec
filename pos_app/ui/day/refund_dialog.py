"""The Refund dialog (Today's sales → Refund…): all that is left, an amount, or chosen lines.

It shows what the sale was paid, what was refunded already and what is left, takes the
cashier's note (optional: why the money goes back; on the refund ticket and the close), and
asks the refund service (:mod:`pos_app.checkout.refunds`) for the refund: local refusals show
beside the form with nothing sent; Mercado Pago's refusals in its words; a refund without an
answer is kept and checked before anything else (the dialog says so). After a refund, the
refund ticket can be previewed, printed or saved as PDF. Opened with ``open()``; the work runs
as a task.
"""

from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app.checkout.refunds import RefundNotAllowed, RefundResult, RefundService
from pos_app.domain.money import format_money, format_money_unbroken, site_for
from pos_app.domain.pricing import (
    check_measure,
    check_one_reading,
    format_measure,
    parse_measure,
)
from pos_app.domain.records import SaleSnapshot
from pos_app.domain.refund_iva import Given, example_weight, sold_amount
from pos_app.domain.sale import Tender
from pos_app.domain.text_fields import REFUND_NOTE
from pos_app.domain.validation import ValidationError
from pos_app.errors import UserFacingError
from pos_app.ledger.refunds import RefundRecord, RefundStatus
from pos_app.mercadopago.refunds import refusal_message
from pos_app.ui.qtkit.async_utils import TaskKeeper
from pos_app.ui.qtkit.errors import translate_message
from pos_app.ui.qtkit.fitting import fit_placeholder
from pos_app.ui.qtkit.keyboard import install_mnemonics, no_tab_trap, tab_order
from pos_app.ui.qtkit.style import set_state
from pos_app.ui.qtkit.window_settings import resize_for_screen
from pos_app.ui.qtkit.workarounds import emit
from pos_app.ui.widgets.form_parts import limit_length
from pos_app.ui.widgets.money_edit import MoneyEdit

WHOLE, AMOUNT, LINES = range(3)


class RefundDialog(QDialog):
    refunded = Signal(object)  # RefundResult, after each attempt that wrote something
    ticketRequested = Signal(object)  # RefundRecord: preview its refund ticket

    def __init__(
        self,
        sale: SaleSnapshot,
        service: RefundService,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("refundDialog")
        self.sale = sale
        self.service = service
        self.site = site_for(sale.site_id)
        self.tasks = TaskKeeper(self)
        self.canceled: list[asyncio.Task[Any]] = []  # the calls its close canceled
        self.last: RefundResult | None = None
        self._amount_note = False  # the status line shows why the amount is not one
        self.setWindowTitle(
            self.tr("Refund sale {reference}").format(reference=sale.external_reference)
        )

        self.summary = QLabel()
        self.summary.setObjectName("refundSummary")
        self.summary.setWordWrap(True)
        self.whole = QRadioButton()
        self.whole.setObjectName("refundWhole")
        self.by_amount = QRadioButton(self.tr("This amount:"))
        self.by_amount.setObjectName("refundByAmount")
        self.amount = MoneyEdit(self.site)
        self.amount.setObjectName("refundAmount")
        self.amount.setMaximumWidth(220)
        self.amount.setAccessibleName(self.tr("Amount to refund"))
        self.by_lines = QRadioButton(self.tr("These items:"))
        self.by_lines.setObjectName("refundByLines")
        self.choice = QButtonGroup(self)
        for index, button in enumerate((self.whole, self.by_amount, self.by_lines)):
            self.choice.addButton(button, index)
        self.whole.setChecked(True)
        # A sale paid both in cash and with Mercado Pago: each part goes back the way it came,
        # chosen here (shown for such a sale only; no way is chosen for the cashier).
        self.way_label = QLabel(self.tr("Give back:"))
        self.way_cash = QRadioButton()
        self.way_cash.setObjectName("refundWayCash")
        self.way_qr = QRadioButton()
        self.way_qr.setObjectName("refundWayQr")
        self.ways = QButtonGroup(self)
        self.ways.addButton(self.way_cash)
        self.ways.addButton(self.way_qr)
        self.lines = QTableWidget(0, 4)
        self.lines.setObjectName("refundLines")
        self.lines.setHorizontalHeaderLabels(
            [self.tr("Item"), self.tr("Sold"), self.tr("Paid"), self.tr("Give back")]
        )
        self.lines.verticalHeader().hide()
        self.lines.verticalHeader().setDefaultSectionSize(44)  # room for the spin boxes
        self.lines.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lines.setAccessibleName(self.tr("Items of the sale"))
        no_tab_trap(self.lines)
        header = self.lines.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # The others as wide as their title or contents (at Qt's default 100 px a longer title
        # showed cut, and longer in Spanish and Portuguese).
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # Per item: how many units go back, or a weighed item's weight (typed: ``0,200``).
        self.spins: list[QSpinBox | QLineEdit] = []
        # What the chosen items give back, worked out as the refund will: a line's paid share
        # by units (three units of $ 2.999 give back $ 1.000, $ 999 and $ 1.000), never a
        # rounded price per unit times the units ($ 1.000 × 3 = $ 3.000, more than was paid).
        self.lines_amount = QLabel()
        self.lines_amount.setObjectName("refundLinesAmount")
        self.lines_amount.setWordWrap(True)
        # Why the money goes back: optional, cleaned by the service like every free text.
        self.note = limit_length(QLineEdit(), REFUND_NOTE)
        self.note.setObjectName("refundNote")
        # The longest hint that fits (the Spanish one was cut at the dialog's own size).
        fit_placeholder(
            self.note,
            self.tr("Optional: defective, changed their mind, charged twice…"),
            self.tr("Optional: defective, charged twice…"),
            self.tr("Optional"),
        )
        self.note.setClearButtonEnabled(True)
        self.note_label = QLabel(self.tr("Reason for the refund:"))
        self.note_label.setObjectName("refundNoteLabel")
        self.note_label.setBuddy(self.note)
        self.status = QLabel()
        self.status.setObjectName("refundStatus")
        self.status.setWordWrap(True)
        self.refund_button = QPushButton(self.tr("Refund"))
        self.refund_button.setObjectName("primaryButton")
        self.ticket_button = QPushButton(self.tr("Refund receipt…"))
        self.ticket_button.setObjectName("refundTicketButton")
        self.ticket_button.setEnabled(False)
        self.close_button = QPushButton(self.tr("Close"))
        self.refund_button.clicked.connect(self.start_refund)
        self.ticket_button.clicked.connect(self._ticket)
        self.close_button.clicked.connect(self.reject)
        # Enter in a field never refunds: the refund button is pressed on purpose (Tab to it,
        # or Alt+its letter). Enter gives the refund's receipt once there is one.
        self.ticket_button.setDefault(True)
        self.choice.idToggled.connect(lambda *_: self._update())
        self.ways.buttonToggled.connect(self._way_toggled)
        self.amount.textChanged.connect(lambda *_: self._update())

        amount_row = QHBoxLayout()
        amount_row.addWidget(self.by_amount)
        amount_row.addWidget(self.amount)
        amount_row.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.ticket_button)
        buttons.addStretch(1)
        buttons.addWidget(self.refund_button)
        buttons.addWidget(self.close_button)
        self.way_row = QWidget()
        way_layout = QHBoxLayout(self.way_row)
        way_layout.setContentsMargins(0, 0, 0, 0)
        way_layout.addWidget(self.way_label)
        way_layout.addWidget(self.way_cash)
        way_layout.addWidget(self.way_qr)
        way_layout.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.way_row)
        layout.addWidget(self.whole)
        layout.addLayout(amount_row)
        layout.addWidget(self.by_lines)
        layout.addWidget(self.lines, 1)
        layout.addWidget(self.lines_amount)
        note_row = QHBoxLayout()
        note_row.addWidget(self.note_label)
        note_row.addWidget(self.note, 1)
        layout.addLayout(note_row)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        resize_for_screen(self, 720, 560)
        self._fill()
        install_mnemonics(self)

    # -- state ----------------------------------------------------------------------------------
    def _money(self, amount: Decimal) -> str:
        return format_money(amount, self.site)

    def _said(self, amount: Decimal) -> str:
        """An amount in a wrapped sentence (the summary, what items give back, the outcome):
        its symbol and number never on two lines."""
        return format_money_unbroken(amount, self.site)

    def tender(self) -> Tender | None:
        """How the money goes back: the sale's one way, or the way chosen for a sale paid both
        in cash and with Mercado Pago (None until one is chosen)."""
        ways = self.service.tenders(self.sale)
        if len(ways) < 2:
            return ways[0] if ways else None
        if self.way_cash.isChecked():
            return Tender.CASH
        return Tender.QR if self.way_qr.isChecked() else None

    def _left(self) -> Decimal:
        """What is left to refund the chosen way (nothing until a sale paid both ways has one)."""
        ways = self.service.tenders(self.sale)
        if len(ways) < 2:
            return self.service.refundable(self.sale)
        tender = self.tender()
        return self.service.refundable(self.sale, tender) if tender else Decimal(0)

    def _show_whole(self) -> None:
        if self.tender() is None:  # paid both ways, no way chosen yet
            self.whole.setText(self.tr("Everything left"))
        else:
            self.whole.setText(
                self.tr("Everything left ({amount})").format(amount=self._money(self._left()))
            )

    def _way_toggled(self, _button: object, on: bool) -> None:
        if on:
            self._show_whole()
            self._update()

    def _fill(self) -> None:
        sale = self.service.ledger.get_sale(self.sale.external_reference) or self.sale
        self.sale = sale
        refunds = self.service.store.for_sale(sale.external_reference)
        refunded = sum((r.amount for r in refunds if r.status is RefundStatus.REFUNDED), Decimal(0))
        text = self.tr("Paid {paid}. Refunded {refunded}. Left to refund: {left}.").format(
            paid=self._said(self.service.paid_amount(sale)),
            refunded=self._said(refunded),
            left=self._said(self.service.refundable(sale)),
        )
        both = len(self.service.tenders(sale)) > 1
        self.way_row.setVisible(both)
        if both:
            cash = self.service.refundable(sale, Tender.CASH)
            qr = self.service.refundable(sale, Tender.QR)
            text += "\n" + self.tr(
                "Paid twice: in cash and with Mercado Pago. Each part goes back the way it came: "
                "choose which."
            )
            self.way_cash.setText(
                self.tr("In cash (up to {amount})").format(amount=self._money(cash))
            )
            self.way_qr.setText(
                self.tr("Through Mercado Pago (up to {amount})").format(amount=self._money(qr))
            )
        if any(r.status is RefundStatus.PENDING for r in refunds):
            text += "\n" + self.tr(
                "A refund has no answer from Mercado Pago yet: it is checked before the next one."
            )
        self.summary.setText(text)
        self._show_whole()
        done = self.service.refunded_quantities(sale.external_reference)
        self.lines.setRowCount(len(sale.lines))
        self.spins = []
        # What the customer paid per unit: discounts taken off (what a refund by line gives).
        charged = self.service.ledger.charged_amounts(sale.external_reference)
        for row, line in enumerate(sale.lines):
            # The line's paid share: what all its units give back (a price per unit would be
            # rounded: $ 2.999 for three is not $ 1.000 each).
            paid = charged[row] if row < len(charged) else line.unit_price * line.quantity
            # A weighed line: how much was sold (``0,350 kg``); all or part of it goes back.
            sold = (
                format_measure(line.measure, line.sale_unit, self.site)
                if line.measure is not None
                else str(line.quantity)
            )
            values = [line.title, sold, self._money(paid)]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.lines.setItem(row, column, item)
            left = max(Decimal(0), sold_amount(line) - done.get(row, Decimal(0)))
            field: QSpinBox | QLineEdit
            if line.measure is not None:
                # Part of a weighed item: its weight given back (0,200 of 0,350 kg), at what
                # the sale charged for it; what is left of it as the hint.
                field = QLineEdit()
                field.setObjectName("refundWeight")
                field.setMaxLength(14)
                field.setPlaceholderText(format_measure(left, line.sale_unit, self.site).split()[0])
                field.setEnabled(left > 0)
                field.textEdited.connect(lambda *_: self._pick_lines())
                field.setAccessibleName(
                    self.tr("Weight to give back ({unit}): {item}").format(
                        unit=line.sale_unit.value, item=line.title
                    )
                )
            else:
                field = QSpinBox()
                field.setRange(0, max(0, int(left)))
                field.valueChanged.connect(lambda *_: self._pick_lines())
                field.setAccessibleName(self.tr("Give back: {item}").format(item=line.title))
            self.lines.setCellWidget(row, 3, field)
            self.spins.append(field)
        # As a person reads it: the choices, the items' quantities, the note, then the buttons.
        tab_order(
            self.way_cash,
            self.way_qr,
            self.whole,
            self.by_amount,
            self.amount,
            self.by_lines,
            self.lines,
            *self.spins,
            self.note,
            self.ticket_button,
            self.refund_button,
            self.close_button,
        )
        self._update()

    def _pick_lines(self) -> None:
        if any(
            field.value() if isinstance(field, QSpinBox) else field.text().strip()
            for field in self.spins
        ):
            self.by_lines.setChecked(True)
        self._update()

    def _weight(self, row: int, field: QLineEdit) -> tuple[Decimal | None, str]:
        """The weight typed for a weighed item (None: none typed, or not one) and why it is not
        one ("" when it is): ``0,200`` or ``0.200`` are; ``1.250`` where a dot groups thousands
        is two readings; no more than three decimals."""
        text = field.text().strip()
        if not text:
            return None, ""
        line = self.sale.lines[row]
        value = parse_measure(text, self.site)
        if value is None:
            return None, self.tr("{item}: type the weight given back like {example}.").format(
                item=line.title,
                example=format_measure(example_weight(line), line.sale_unit, self.site),
            )
        try:
            check_one_reading(text, self.site)
            return check_measure(value, self.site.decimal_sep), ""
        except ValidationError as exc:
            return None, f"{line.title}: {translate_message(exc.msg)}"

    def _weights_problem(self) -> str:
        """Why a typed weight is not one ("" when every one is)."""
        for row, field in enumerate(self.spins):
            if isinstance(field, QLineEdit):
                _weight, problem = self._weight(row, field)
                if problem:
                    return problem
        return ""

    def chosen_lines(self) -> list[tuple[int, Given]]:
        """The items chosen: ``(row, units)``, or ``(row, weight)`` of a weighed one (a weight
        that is not one is left out: :meth:`_weights_problem` says why)."""
        chosen: list[tuple[int, Given]] = []
        for row, field in enumerate(self.spins):
            if isinstance(field, QSpinBox):
                if field.value():
                    chosen.append((row, field.value()))
                continue
            weight, _problem = self._weight(row, field)
            if weight is not None:
                chosen.append((row, weight))
        return chosen

    def _update(self) -> None:
        left = self._left()
        busy = bool(self.tasks.busy)
        ready = left > 0 and not busy
        problem = ""
        if self.choice.checkedId() == AMOUNT:
            typed = bool(self.amount.text().strip())
            problem = self.amount.problem() if typed else ""
            ready = ready and typed and not problem
        # An amount that is not one says why (the button only greyed out); the answer of the
        # last refund stays until the amount is edited.
        if problem or self._amount_note:
            self.status.setText(problem)
            set_state(self.status, "error" if problem else "")
            self._amount_note = bool(problem)
        # Not an ``elif`` of the note above: the call that clears the note checks the items too
        # (it left the button on, with no item chosen, until the next call).
        by_lines = self.choice.checkedId() == LINES
        # A weight typed that is not one says why, even with no other item chosen.
        weight_problem = self._weights_problem() if by_lines else ""
        if weight_problem:
            self.lines_amount.setText(weight_problem)
            set_state(self.lines_amount, "error")
            ready = False
        elif by_lines:
            ready = ready and bool(self.chosen_lines()) and self._show_lines_amount(left)
        if not weight_problem and (not by_lines or not self.chosen_lines()):
            self.lines_amount.setText("")
            set_state(self.lines_amount, "")
        self.refund_button.setEnabled(ready)
        self.amount.setEnabled(self.choice.checkedId() == AMOUNT)
        # Off while a refund is asked, the reason beside it and in its tooltip: Esc and the
        # title bar's button (never off) keep the dialog too and say to wait (see reject()).
        self.close_button.setEnabled(not busy)
        self.close_button.setToolTip(self._wait_text() if busy else "")

    def _show_lines_amount(self, left: Decimal) -> bool:
        """Say what the chosen items give back; False when they cannot be (more than is left,
        or fewer units or less weight left than chosen), saying why."""
        try:
            amount = self.service.lines_amount(self.sale, self.chosen_lines())
        except RefundNotAllowed as exc:
            self.lines_amount.setText(translate_message(exc.msg))
            set_state(self.lines_amount, "error")
            return False
        if amount > left:
            self.lines_amount.setText(
                self.tr(
                    "These items were paid {amount}: more than the {left} left to refund. "
                    "Choose fewer, or refund an amount."
                ).format(amount=self._said(amount), left=self._said(left))
            )
            set_state(self.lines_amount, "error")
            return False
        self.lines_amount.setText(
            self.tr("These items give back {amount}.").format(amount=self._said(amount))
        )
        set_state(self.lines_amount, "")
        return True

    # -- refunding ------------------------------------------------------------------------------
    def start_refund(self) -> asyncio.Task[None] | None:
        choice = self.choice.checkedId()
        lines = self.chosen_lines() if choice == LINES else []
        self._update()
        if not self.refund_button.isEnabled():
            # Only what the button offers: no amount or no item is never "everything left"
            # (the service's default), items worth more than is left are not sent.
            return None
        amount = self.amount.amount() if choice == AMOUNT else None
        self.status.setText(self.tr("Refunding… (asking Mercado Pago)"))
        set_state(self.status, "")
        task = self.tasks.spawn(
            self._refund(amount, lines, self.note.text()), on_error=self._failed
        )
        # Once it has ended: its own last step ran while it was still busy (Refund and Close
        # stayed off until something was touched).
        task.add_done_callback(lambda done: None if done.cancelled() else self._update())
        self._update()
        return task

    async def _refund(
        self, amount: Decimal | None, lines: list[tuple[int, Given]], note: str
    ) -> None:
        result = await self.service.refund(
            self.sale.external_reference, amount, lines=lines, note=note, tender=self.tender()
        )
        self.last = result
        if result.ok:  # the next refund of this sale says its own reason, and its own amount
            self.note.clear()
            self.amount.clear()  # (Refund is on again once this ends: never the same one twice)
        self._show(result)
        emit(self.refunded, result)
        self._fill()

    def _show(self, result: RefundResult) -> None:
        texts: list[str] = []
        state = ""
        for row in result.refunds:
            money = self._said(row.amount)
            if row.status is RefundStatus.REFUNDED:
                texts.append(self.tr("{amount} refunded.").format(amount=money))
            elif row.status is RefundStatus.REFUSED:
                state = "error"
                texts.append(
                    self.tr("{amount} not refunded. {why}").format(
                        amount=money, why=translate_message(refusal_message(row.reason))
                    )
                )
            else:
                state = "error"
                texts.append(
                    self.tr(
                        "{amount}: Mercado Pago did not answer. The refund is kept and checked "
                        "before anything else: do not give the money back by other means."
                    ).format(amount=money)
                )
        self.status.setText(" ".join(texts))
        set_state(self.status, state)
        self.ticket_button.setEnabled(self._ticket_refund() is not None)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, RefundNotAllowed | UserFacingError):
            self.status.setText(translate_message(exc.msg))
        else:
            self.status.setText(self.tr("The refund failed unexpectedly; nothing was recorded."))
        set_state(self.status, "error")
        self._update()

    def _ticket_refund(self) -> RefundRecord | None:
        if self.last is None:
            return None
        done = [r for r in self.last.refunds if r.status is RefundStatus.REFUNDED]
        return done[-1] if done else None

    def _ticket(self) -> None:
        record = self._ticket_refund()
        if record is not None:
            emit(self.ticketRequested, record)

    def is_refunding(self) -> bool:
        """A refund is being asked of Mercado Pago (or written): not to be cut short."""
        return bool(self.tasks.busy)

    def _wait_text(self) -> str:
        return self.tr("Wait for Mercado Pago's answer: the refund is under way.")

    def say_wait(self) -> None:
        self.status.setText(self._wait_text())
        set_state(self.status, "")
        self.raise_()

    def reject(self) -> None:
        """Esc, Close or the title bar's button: not while a refund is being asked. Closing
        canceled it half-way, so the cashier never saw whether the money went back (the row
        stayed pending, checked only at the next start or the sale's next refund): money
        leaving the shop is never abandoned mid-call, and its answer comes here in seconds."""
        if self.is_refunding():
            self.say_wait()
            return
        super().reject()

    def done(self, result: int) -> None:
        self.canceled = self.tasks.cancel_all()
        super().done(result)
