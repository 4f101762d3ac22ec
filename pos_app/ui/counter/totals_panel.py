"""The right-hand side while the cart is being filled: the total, big, and the Charge button.

Touch users get large ``+``, ``−`` and Remove buttons for the selected line; keyboard users get
the list of keys at the bottom. In Colombia, prices include IVA and the order reports it, so the
panel also shows the IVA the total contains, per rate when there is more than one
(:meth:`pos_app.domain.cart.Cart.iva_by_rate`).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from pos_app.domain.money import Site, format_money
from pos_app.ui.qtkit.lazy_qt import set_enum


class TotalsPanel(QWidget):
    chargeRequested = Signal()
    plusRequested = Signal()
    minusRequested = Signal()
    removeRequested = Signal()

    def __init__(self, site: Site, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("totalsPanel")
        self._site = site

        caption = QLabel(self.tr("Total"))
        caption.setObjectName("totalCaption")
        set_enum(caption, "alignment", "AlignRight")
        self.total = QLabel()
        self.total.setObjectName("totalAmount")
        set_enum(self.total, "alignment", "AlignRight|AlignVCenter")
        self.total.setAccessibleName(self.tr("Total"))
        self.count = QLabel()
        self.count.setObjectName("itemCount")
        set_enum(self.count, "alignment", "AlignRight")
        self.iva = QLabel()
        self.iva.setObjectName("ivaIncluded")
        set_enum(self.iva, "alignment", "AlignRight")
        self.iva.setVisible(site.reports_iva)
        # Issue 20: the discounts in the total (the lines' own and the sale's).
        self.discount = QLabel()
        self.discount.setObjectName("discountTotal")
        set_enum(self.discount, "alignment", "AlignRight")
        self.discount.hide()

        self.charge_button = QPushButton(self.tr("Charge with QR  (F5)"))
        self.charge_button.setObjectName("chargeButton")
        set_enum(self.charge_button, "focusPolicy", "NoFocus")
        self.charge_button.clicked.connect(self.chargeRequested)

        self.minus_button = QPushButton("−")
        self.minus_button.setObjectName("minusButton")
        self.minus_button.setToolTip(self.tr("One less of the selected line  (-)"))
        self.plus_button = QPushButton("+")
        self.plus_button.setObjectName("plusButton")
        self.plus_button.setToolTip(self.tr("One more of the selected line  (+)"))
        self.remove_button = QPushButton(self.tr("Remove line"))
        self.remove_button.setObjectName("removeButton")
        self.remove_button.setToolTip(self.tr("Remove the selected line  (Delete)"))
        for button in (self.minus_button, self.plus_button, self.remove_button):
            # Touch buttons must not steal focus from the scan field.
            set_enum(button, "focusPolicy", "NoFocus")  # heights: the stylesheet's
        self.minus_button.clicked.connect(self.minusRequested)
        self.plus_button.clicked.connect(self.plusRequested)
        self.remove_button.clicked.connect(self.removeRequested)

        keys = QLabel(
            self.tr(
                "F2 custom amount · F3 sales history · F5 charge\n"
                "+ / − quantity · Delete remove · ↑ ↓ line or product\n"
                "F6 products · F7 line discount · F8 sale discount · F9 settings"
            )
        )
        keys.setObjectName("keysHelp")
        set_enum(keys, "alignment", "AlignCenter")
        keys.setWordWrap(True)

        edit = QGridLayout()
        edit.addWidget(self.minus_button, 0, 0)
        edit.addWidget(self.plus_button, 0, 1)
        edit.addWidget(self.remove_button, 0, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(edit)
        layout.addStretch(1)
        layout.addWidget(self.discount)
        layout.addWidget(caption)
        layout.addWidget(self.total)
        layout.addWidget(self.count)
        layout.addWidget(self.iva)
        layout.addSpacing(12)
        layout.addWidget(self.charge_button)
        layout.addWidget(keys)
        self.set_totals(Decimal(0), 0, has_selection=False)

    def set_totals(
        self,
        total: Decimal,
        items: int,
        *,
        has_selection: bool,
        iva: Sequence[tuple[Decimal, Decimal]] = (),
        discount: Decimal = Decimal(0),
        sale_discount: str = "",
    ) -> None:
        """``iva``: ``(rate, amount)`` pairs adding up to the IVA the total contains;
        ``discount``: every discount in the total; ``sale_discount``: the sale's, as shown."""
        self.total.setText(format_money(total, self._site))
        self.discount.setVisible(bool(discount))
        if discount:
            text = self.tr("Discounts: −{amount}").format(amount=format_money(discount, self._site))
            if sale_discount:
                text += "\n" + self.tr("Sale discount {what}").format(what=sale_discount)
            self.discount.setText(text)
        if self._site.reports_iva:
            self.iva.setText(self._iva_text(iva))
        if items == 0:
            self.count.setText(self.tr("The cart is empty"))
        else:
            # Two sources rather than "%n item(s)": readable even before a .qm is loaded.
            text = self.tr("1 item") if items == 1 else self.tr("{n} items").format(n=items)
            self.count.setText(text)
        self.charge_button.setEnabled(items > 0)
        for button in (self.minus_button, self.plus_button, self.remove_button):
            button.setEnabled(has_selection)

    def _iva_text(self, iva: Sequence[tuple[Decimal, Decimal]]) -> str:
        total = sum((amount for _, amount in iva), Decimal(0))
        text = self.tr("IVA included: {amount}").format(amount=format_money(total, self._site))
        if len(iva) > 1:
            text += "\n" + " · ".join(
                self.tr("{rate} %: {amount}").format(
                    rate=rate.normalize(), amount=format_money(amount, self._site)
                )
                for rate, amount in iva
            )
        return text
