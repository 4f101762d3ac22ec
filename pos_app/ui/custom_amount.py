"""The "custom amount" line, for things that are not in the catalog.

An inline bar rather than a dialog: it opens under the scan field (F2), Enter moves from the
description to the amount and then adds the line, Esc closes it. The amount is read with the
site's own separators (``1.234,50`` in Argentina) and refused with the reason beside the field.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.cart import CartLine
from pos_app.domain.money import Site, format_money, parse_money
from pos_app.domain.validation import ValidationError, check_unit_price, clean_title
from pos_app.ui.errors import translate_message
from pos_app.ui.qt_workarounds import emit
from pos_app.ui.style import set_state

CUSTOM_SKU = "CUSTOM"
_EXAMPLE = Decimal("1234.50")  # shown as the site writes it: "1.234,50" in Argentina


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
        self.description.setMaxLength(150)
        self.amount = QLineEdit()
        self.amount.setObjectName("customAmount")
        example = format_money(_EXAMPLE, site, symbol=False)
        self.amount.setPlaceholderText(self.tr("Amount, e.g. {example}").format(example=example))
        self.amount.setAccessibleName(self.tr("Amount"))
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight)
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
        row.addWidget(self.description, 3)
        currency = QLabel(site.symbol)
        currency.setObjectName("currencySymbol")
        currency.setBuddy(self.amount)
        row.addWidget(currency)
        row.addWidget(self.amount, 2)
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
        text = self.amount.text()
        amount = parse_money(text, self._site)
        if amount is None:
            self._set_error(
                self.tr("“{text}” is not an amount. Write it like {example}.").format(
                    text=text.strip(), example=format_money(_EXAMPLE, self._site, symbol=False)
                )
                if text.strip()
                else self.tr("Type the amount.")
            )
            self.amount.setFocus()
            return
        try:
            title = clean_title(self.description.text() or self.default_description())
            price = check_unit_price(amount, self._site)
        except ValidationError as exc:
            self._set_error(translate_message(exc.msg))
            self.amount.setFocus()
            return
        line = CartLine(sku=CUSTOM_SKU, title=title, unit_price=price, quantity=1)
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
