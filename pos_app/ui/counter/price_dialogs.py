"""Weight entry, scale labels and discounts at the counter (issue 20), keyboard-only.

- :class:`WeightDialog`: a product sold by measure asks how much (``0,350``, either decimal
  mark), shows the total as it is typed; Enter adds the line, Esc gives up.
- :class:`~pos_app.ui.counter.price_text.ScaleLabels` (the scan field's lookup, reading a
  scale's label first) and the prices' and discounts' texts live in :mod:`price_text`: the
  window's first frame needs them, not these dialogs (start-up time, issue 19).
- :class:`DiscountDialog`: F7 on a line, F8 on the sale. The kind (percentage, amount off, new
  unit price for a line) is picked with the arrows, the value typed, Enter applies; an empty
  value removes the discount. Above the limit set in Settings the supervisor types the PIN.

Dialogs are opened with ``open()``, never ``exec()`` (nested loops break qasync tasks).
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.catalog import Product
from pos_app.domain.money import Site, format_money, format_money_unbroken
from pos_app.domain.pricing import (
    Discount,
    DiscountKind,
    SaleUnit,
    check_discount,
    check_discount_fits,
    check_measure,
    check_one_reading,
    format_measure,
    line_gross,
    parse_measure,
    parse_percent,
)
from pos_app.domain.text_fields import DISCOUNT_REASON
from pos_app.domain.validation import ValidationError, read_amount
from pos_app.i18n import QT_TRANSLATE_NOOP, message
from pos_app.settings.supervisor import check_pin
from pos_app.ui.counter.price_text import percent_text, price_per_unit
from pos_app.ui.qtkit.errors import translate_message
from pos_app.ui.qtkit.keyboard import install_mnemonics
from pos_app.ui.qtkit.style import set_state
from pos_app.ui.qtkit.workarounds import emit
from pos_app.ui.widgets.form_parts import limit_length


class _Dialog(QDialog):
    """Shared look: a heading, a form, a preview line and an error line."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.heading = QLabel()
        self.heading.setObjectName("dialogHeading")
        self.heading.setWordWrap(True)
        self.form = QFormLayout()
        self.preview = QLabel()
        self.preview.setObjectName("dialogPreview")
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.keys = QLabel()
        self.keys.setObjectName("keysHelp")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.form)
        layout.addWidget(self.preview)
        layout.addWidget(self.error)
        layout.addWidget(self.keys)
        install_mnemonics(self)

    def set_error(self, text: str, field: QWidget | None = None) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
        if field is not None:
            set_state(field, "invalid" if text else "")
        if text and self.isVisible():
            # Taller for the wrapped words: the weight dialog (238 px wide) kept its height and
            # cut a two-line message to its first line and a half.
            self.resize(self.width(), max(self.height(), self.heightForWidth(self.width())))
            layout = self.layout()
            if layout is not None:
                layout.activate()
            short = self.error.heightForWidth(self.error.width()) - self.error.height()
            if short > 0:  # the style's margins, not in the dialog's own height for width
                self.resize(self.width(), self.height() + short)


def _example(unit: SaleUnit) -> Decimal:
    """A weight to show as an example: 350 g for a product priced per gram ("0,350" there is a
    third of a gram, a thousandth of what is meant), 0,350 of a kg, litre or metre."""
    return Decimal(350) if unit is SaleUnit.G else Decimal("0.350")


class WeightDialog(_Dialog):
    """How much of a product sold by measure: Enter adds the line."""

    lineReady = Signal(object)  # CartLine

    def __init__(self, product: Product, site: Site, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Weight"), parent)
        self.setObjectName("weightDialog")
        self.product = product
        self._site = site
        unit = product.sale_unit.value
        self.heading.setText(
            self.tr("{title} — {price}").format(
                title=product.title,
                price=price_per_unit(product.unit_price, unit, site, unbroken=True),
            )
        )
        self.measure = QLineEdit()
        self.measure.setObjectName("weightField")
        self.measure.setAccessibleName(self.tr("Weight or measure in {unit}").format(unit=unit))
        self.measure.setPlaceholderText(
            format_measure(_example(product.sale_unit), product.sale_unit, site).split()[0]
        )
        self.measure.setMaxLength(14)  # a 13-digit barcode arrives whole, to be named as one
        self.form.addRow(self.tr("How much ({unit})").format(unit=unit), self.measure)
        self.keys.setText(self.tr("Enter add · Esc cancel"))
        self.measure.textEdited.connect(self._update_preview)
        self._update_preview()
        self.measure.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()  # the one path for Enter (see DiscountDialog)
            return
        super().keyPressEvent(event)

    def _read(self) -> Decimal | None:
        value = parse_measure(self.measure.text(), self._site)
        if value is None:
            return None
        try:
            check_one_reading(self.measure.text(), self._site)
            return check_measure(value, self._site.decimal_sep)
        except ValidationError:
            return None

    def _update_preview(self, *_args: object) -> None:
        self.set_error("", self.measure)
        value = self._read()
        if value is None:
            self.preview.setText("")
            return
        total = line_gross(self.product.unit_price, value, self._site)
        self.preview.setText(
            self.tr("{measure} = {total}").format(
                measure=format_measure(value, self.product.sale_unit, self._site),
                total=format_money(total, self._site),
            )
        )

    def submit(self) -> None:
        typed = self.measure.text().strip()
        example = format_measure(
            _example(self.product.sale_unit), self.product.sale_unit, self._site
        )
        if len(typed) >= 8 and typed.isascii() and typed.isdigit():
            # 8 digits or more is no weight a line sells (past 9999,999): a barcode scanned or
            # pasted while the weight is asked. Said so, not "between 0,001 and 9999,999".
            self.set_error(
                self.tr(
                    "That is a barcode, not a weight: type the weight like {example}, or press "
                    "Esc and scan the label in the scan field."
                ).format(example=example),
                self.measure,
            )
            self.measure.selectAll()
            return
        value = parse_measure(self.measure.text(), self._site)
        if value is None:
            self.set_error(
                self.tr("Type the weight like {example}.").format(
                    example=format_measure(
                        _example(self.product.sale_unit), self.product.sale_unit, self._site
                    )
                ),
                self.measure,
            )
            return
        try:
            check_one_reading(self.measure.text(), self._site)
            line = self.product.to_line(measure=check_measure(value, self._site.decimal_sep))
        except ValidationError as exc:
            self.set_error(translate_message(exc.msg), self.measure)
            return
        emit(self.lineReady, line)
        self.accept()


class DiscountDialog(_Dialog):
    """A discount on one line (any kind) or on the whole sale (percentage or amount)."""

    applied = Signal(object)  # Discount | None (None: remove the discount)

    def __init__(
        self,
        site: Site,
        *,
        what: str,
        gross: Decimal,
        measure: Decimal,
        on_line: bool,
        current: Discount | None,
        limit: int,
        pin_hash: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Line discount") if on_line else self.tr("Sale discount"), parent)
        self.setObjectName("lineDiscountDialog" if on_line else "saleDiscountDialog")
        self._site = site
        self._gross = gross
        self._measure = measure
        self._on_line = on_line
        self._current = current
        self._limit = limit
        self._pin_hash = pin_hash
        self.heading.setText(
            self.tr("{what}: {amount}").format(what=what, amount=format_money_unbroken(gross, site))
        )
        self.kind = QComboBox()
        self.kind.setObjectName("discountKind")
        self.kind.addItem(self.tr("Percentage (%)"), DiscountKind.PERCENT.value)
        self.kind.addItem(self.tr("Amount off ({symbol})").format(symbol=site.symbol), "amount")
        if on_line:
            self.kind.addItem(self.tr("New unit price"), DiscountKind.PRICE.value)
        self.value = QLineEdit()
        self.value.setObjectName("discountValue")
        self.value.setMaxLength(20)
        self.reason = QLineEdit()
        self.reason.setObjectName("discountReason")
        limit_length(self.reason, DISCOUNT_REASON)
        self.pin = QLineEdit()
        self.pin.setObjectName("supervisorPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(8)
        self.pin_label = QLabel(self.tr("Supervisor PIN"))
        self.pin_label.setBuddy(self.pin)  # its name, and Alt+letter to it (addRow sets none)
        self.form.addRow(self.tr("Kind (↑ ↓)"), self.kind)
        self.form.addRow(self.tr("Value"), self.value)
        self.form.addRow(self.tr("Reason"), self.reason)
        self.form.addRow(self.pin_label, self.pin)
        self._show_pin(False)
        self.keys.setText(
            self.tr("↑ ↓ kind · Enter apply · empty value removes the discount · Esc cancel")
        )
        if current is not None:
            self.kind.setCurrentIndex(max(0, self.kind.findData(current.kind.value)))
            self.value.setText(self._written(current))
            self.reason.setText(current.reason)
        self.value.selectAll()
        # Enter reaches keyPressEvent (a line edit passes it on after returnPressed): one path,
        # so a discount is never applied twice.
        for field in (self.value, self.reason, self.pin):
            field.textEdited.connect(self._update_preview)
        self.kind.currentIndexChanged.connect(self._update_preview)
        self._update_preview()
        self.value.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Up and down pick the kind from any field: no mouse, no Tab needed.
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not self.kind.hasFocus():
            step = -1 if event.key() == Qt.Key.Key_Up else 1
            self.kind.setCurrentIndex((self.kind.currentIndex() + step) % self.kind.count())
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()  # also from the kind box: never the default button's accept()
            return
        super().keyPressEvent(event)

    def _written(self, discount: Discount) -> str:
        if discount.kind is DiscountKind.PERCENT:
            return percent_text(discount.value, self._site)
        return format_money(discount.value, self._site, symbol=False)

    def _show_pin(self, show: bool) -> None:
        self.pin.setVisible(show)
        self.pin_label.setVisible(show)

    @property
    def kind_value(self) -> DiscountKind:
        return DiscountKind(self.kind.currentData())

    def _read(self) -> Discount:
        """The discount typed; raises ValidationError with the reason."""
        text = self.value.text().strip()
        kind = self.kind_value
        if kind is DiscountKind.PERCENT:
            value = parse_percent(text)
            if value is None:
                raise ValidationError(
                    message(
                        "PriceDialogs",
                        QT_TRANSLATE_NOOP("PriceDialogs", "Type the percentage like 10 or 12,5."),
                    )
                )
        else:
            value = read_amount(text, self._site)
        # check_discount cleans the reason and refuses one over its limit; check_discount_fits
        # one that would take more than the line or sale has (never shown clamped).
        discount = check_discount(
            Discount(kind, value, self.reason.text()), self._site, on_line=self._on_line
        )
        return check_discount_fits(discount, self._gross, self._measure, self._site)

    def _update_preview(self, *_args: object) -> None:
        self.set_error("", self.value)
        self.value.setPlaceholderText(
            self.tr("e.g. 10") if self.kind_value is DiscountKind.PERCENT else self.tr("amount")
        )
        try:
            discount = self._read()
        except ValidationError:
            self.preview.setText("")
            return
        off = discount.amount_off(self._gross, self._measure, self._site)
        self.preview.setText(
            self.tr("Discount {off} → {total}").format(
                off=format_money(off, self._site),
                total=format_money(self._gross - off, self._site),
            )
        )
        over = discount.above_limit(self._gross, self._measure, self._site, self._limit)
        self._show_pin(over and bool(self._pin_hash))

    def submit(self) -> None:
        if not self.value.text().strip():
            if self._current is not None:
                emit(self.applied, None)
                self.accept()
            else:
                self.reject()
            return
        try:
            discount = self._read()
        except ValidationError as exc:
            self.set_error(translate_message(exc.msg), self.value)
            self.value.setFocus()
            return
        if discount.kind is DiscountKind.PRICE and not discount.reason:
            self.set_error(self.tr("Say why the price changes (damaged, expires today…)."))
            self.reason.setFocus()
            return
        if discount.above_limit(self._gross, self._measure, self._site, self._limit):
            if not self._pin_hash:
                self.set_error(
                    self.tr(
                        "Discounts above {limit} % need the supervisor's PIN, and none is set "
                        "on this till."
                    ).format(limit=self._limit),
                    self.value,
                )
                return
            self._show_pin(True)
            if not self.pin.text():
                self.set_error(
                    self.tr("Above {limit} %: the supervisor types the PIN.").format(
                        limit=self._limit
                    )
                )
                self.pin.setFocus()
                return
            if not check_pin(self.pin.text(), self._pin_hash):
                self.pin.clear()
                self.set_error(self.tr("Wrong PIN."), self.pin)
                self.pin.setFocus()
                return
        emit(self.applied, discount)
        self.accept()
