"""The "custom amount" line, for things that are not in the catalog.

An inline bar rather than a dialog: it opens under the scan field (F2), Enter moves from the
description to the amount and then adds the line, Esc closes it. The amount is read with the
site's own separators (``1.234,50`` in Argentina) by the shared :class:`MoneyEdit` and refused
with the reason beside the field (Chilean and Colombian pesos take no decimals). In Colombia
the line also gets an IVA rate (19 % unless the cashier picks 5 % or exempt).
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.cart import IVA_RATES, CartLine
from pos_app.domain.money import Site
from pos_app.domain.text_fields import ITEM_DESCRIPTION, check_text
from pos_app.domain.validation import ValidationError, check_unit_price
from pos_app.ui.qtkit.errors import translate_message
from pos_app.ui.qtkit.fitting import fit_placeholder
from pos_app.ui.qtkit.keyboard import install_mnemonics
from pos_app.ui.qtkit.style import set_state
from pos_app.ui.qtkit.workarounds import emit
from pos_app.ui.widgets.form_parts import limit_length
from pos_app.ui.widgets.money_edit import MoneyEdit

CUSTOM_SKU = "CUSTOM"


class CustomAmountBar(QFrame):
    lineReady = Signal(object)  # CartLine
    closed = Signal()

    def __init__(self, site: Site, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customAmountBar")
        self._site = site

        title = QLabel(self.tr("Custom amount"))
        title.setObjectName("customAmountTitle")
        self.description = QLineEdit()
        self.description.setObjectName("customDescription")
        self.description.setPlaceholderText(self.tr("Description"))
        self.description.setAccessibleName(self.tr("Description"))
        self.description.setText(self.default_description())
        limit_length(self.description, ITEM_DESCRIPTION)
        self.amount = MoneyEdit(site)
        self.amount.setObjectName("customAmount")
        example = self.amount.example()
        fit_placeholder(
            self.amount,
            self.tr("Amount, e.g. {example}").format(example=example),
            self.tr("e.g. {example}").format(example=example),
            example,
        )
        self.amount.setAccessibleName(self.tr("Amount"))
        # Colombia: prices include IVA and the order reports it, so the line needs a rate. The
        # general 19 % first: it is what Mercado Pago assumes when an order reports nothing.
        self.iva_rate: QComboBox | None = None
        if site.reports_iva:
            self.iva_rate = QComboBox()
            self.iva_rate.setObjectName("customIvaRate")
            self.iva_rate.setAccessibleName(self.tr("IVA rate"))
            for rate in sorted(IVA_RATES, reverse=True):
                label = (
                    self.tr("IVA {rate} %").format(rate=rate)
                    if rate
                    else self.tr("Exempt from IVA")
                )
                self.iva_rate.addItem(label, int(rate))  # ints compare in findData()
        self.add_button = QPushButton(self.tr("Add  (Enter)"))
        self.add_button.setObjectName("customAddButton")
        self.close_button = QPushButton(self.tr("Close  (Esc)"))
        self.close_button.setObjectName("customCloseButton")
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()

        row = QHBoxLayout()
        row.addWidget(title)
        row.addWidget(self.description, 2)  # the amount needs room for its hint too
        currency = QLabel(site.symbol)
        currency.setObjectName("currencySymbol")
        currency.setBuddy(self.amount)
        row.addWidget(currency)
        row.addWidget(self.amount, 2)
        if self.iva_rate is not None:
            row.addWidget(self.iva_rate)
        row.addWidget(self.add_button)
        row.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(row)
        layout.addWidget(self.error)

        self.description.returnPressed.connect(self._description_done)
        self.amount.returnPressed.connect(self.submit)
        self.amount.textEdited.connect(lambda _text: self._set_error(""))
        self.add_button.clicked.connect(self.submit)
        self.close_button.clicked.connect(self.close_bar)
        title.setBuddy(self.description)  # Alt+letter reaches the description
        install_mnemonics(self)

    def default_description(self) -> str:
        return self.tr("Miscellaneous")

    def open_bar(self) -> None:
        self.show()
        self.amount.clear()
        self._set_error("")
        self.amount.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def close_bar(self) -> None:
        self.hide()
        self._set_error("")
        emit(self.closed)

    def _description_done(self) -> None:
        self.amount.setFocus(Qt.FocusReason.TabFocusReason)

    def submit(self) -> None:
        try:
            price = check_unit_price(self.amount.amount(), self._site)
            title = check_text(
                self.description.text() or self.default_description(), ITEM_DESCRIPTION
            )
        except ValidationError as exc:
            self._set_error(translate_message(exc.msg))
            self.amount.setFocus()
            return
        rate = Decimal(self.iva_rate.currentData() if self.iva_rate is not None else 0)
        line = CartLine(sku=CUSTOM_SKU, title=title, unit_price=price, quantity=1, iva_rate=rate)
        self.amount.clear()
        self.description.setText(self.default_description())
        self._set_error("")
        emit(self.lineReady, line)

    def _set_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
        set_state(self.amount, "invalid" if text else "")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)
