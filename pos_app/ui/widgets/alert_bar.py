"""A loud bar across the top of the window for news the cashier must not miss.

Used for a payment that arrived after its sale had been canceled or had expired (found by a
re-check, possibly while the cashier is already on the next sale): the customer paid, so the
cashier must not charge again. It stays until the cashier acknowledges it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from pos_app.domain.money import Site, format_money_unbroken
from pos_app.ui.qtkit.lazy_qt import set_enum

if TYPE_CHECKING:
    from decimal import Decimal

    from pos_app.domain.records import SaleSnapshot  # after the first frame (issue 19)


class LatePaymentBar(QFrame):
    # The cash taken for a sale Mercado Pago then paid too: given back through a refund of the
    # cash part, so the drawer adds up (the close counts both amounts as taken).
    refundCashRequested = Signal(str)

    def __init__(self, site: Site, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("latePaymentBar")
        self._site = site
        self._references: list[str] = []
        self._cash_reference = ""
        self.label = QLabel()
        self.label.setObjectName("latePaymentText")
        self.label.setWordWrap(True)
        self.dismiss = QPushButton(self.tr("Understood"))
        self.dismiss.setObjectName("latePaymentDismiss")
        set_enum(self.dismiss, "focusPolicy", "NoFocus")
        self.dismiss.clicked.connect(self.acknowledge)
        self.refund_cash = QPushButton(self.tr("Give the cash back…"))
        self.refund_cash.setObjectName("latePaymentRefundCash")
        set_enum(self.refund_cash, "focusPolicy", "NoFocus")
        self.refund_cash.clicked.connect(self._refund_cash_clicked)
        self.refund_cash.hide()
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.refund_cash)
        layout.addWidget(self.dismiss)
        self.hide()

    @property
    def references(self) -> list[str]:
        return list(self._references)

    def add(self, sale: SaleSnapshot, cash_left: Decimal | None = None) -> None:
        """``cash_left``: of a sale taken in cash, its cash not given back yet (None: all of
        it, as far as the bar knows)."""
        if sale.external_reference not in self._references:
            self._references.append(sale.external_reference)
        from pos_app.domain.sale import Tender  # with the runtime: after the first frame

        amount = format_money_unbroken(sale.paid_amount or sale.total, self._site)
        left = sale.total if cash_left is None else min(cash_left, sale.total)
        offer_cash = False
        # Cash taken and a QR payment too (landed after the cash sale had ended): both are in
        # the books, so the cash goes back as a refund. A sale canceled without cash and paid
        # later is Mercado Pago's alone (its tender QR).
        if sale.tender is Tender.CASH and left <= 0:
            # Its cash already went back (a refund, before the payment was known): the
            # customer paid by QR alone; nothing is left to give back.
            text = self.tr(
                "The customer paid sale {reference} ({amount}) with Mercado Pago after its cash "
                "had been given back: the sale is paid, do not charge again. There is no cash "
                "to give back."
            )
        elif sale.tender is Tender.CASH and left < sale.total:
            offer_cash = True
            text = self.tr(
                "Sale {reference} was paid twice: {amount} arrived with Mercado Pago after you "
                "took cash, and {left} of that cash was not given back yet. Give it back with "
                "a refund, so the drawer adds up."
            )
        elif sale.tender is Tender.CASH:
            offer_cash = True
            text = self.tr(
                "Sale {reference} was paid twice: {amount} arrived with Mercado Pago after you "
                "took cash. Give the cash back with a refund, so the drawer adds up."
            )
        else:
            text = self.tr(
                "The customer DID pay sale {reference} ({amount}) after it was closed here — "
                "do not charge again. If you also took cash, give it back."
            )
        if offer_cash:
            self._cash_reference = sale.external_reference
        elif self._cash_reference == sale.external_reference:
            self._cash_reference = ""  # told again, now with its cash given back
        self.label.setText(
            text.format(
                reference=sale.external_reference,
                amount=amount,
                left=format_money_unbroken(left, self._site),
            )
        )
        self.refund_cash.setVisible(self._cash_reference == sale.external_reference)
        self.show()

    @property
    def cash_reference(self) -> str:
        """The sale whose cash the bar's button gives back ("" when it shows none)."""
        return self._cash_reference if self.refund_cash.isVisibleTo(self) else ""

    def _refund_cash_clicked(self) -> None:
        if self._cash_reference:
            self.refundCashRequested.emit(self._cash_reference)

    def acknowledge(self) -> None:
        self._references.clear()
        self._cash_reference = ""
        self.refund_cash.hide()
        self.hide()
