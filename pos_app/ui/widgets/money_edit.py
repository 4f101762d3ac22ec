"""The one money entry field: reads and shows amounts the way the site's country writes them.

Every place a person types an amount (the custom amount line, Settings → Charging's largest
sale) uses :class:`MoneyEdit`, so they all accept the same things: the site's decimal mark and
grouping (``1.234,50`` in Argentina, ``1,234.50`` in Mexico), the currency symbol, spaces; and
refuse the same things with the same translatable reasons, decimals in Chilean and Colombian
pesos among them (:func:`pos_app.domain.validation.read_amount`). The field does not block
keys: a cashier who types ``doce`` reads *why* it is not an amount beside the field.

When the cursor leaves a valid amount, the text is rewritten in the site's format (``1234,5``
becomes ``1.234,50``), so the cashier sees how it was read. Amounts put into the field are
never rounded (:func:`pos_app.domain.money.format_for_entry`).
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget

from pos_app.domain.money import Site, format_for_entry, format_money
from pos_app.domain.validation import AMOUNT_EXAMPLE, ValidationError, read_amount
from pos_app.ui.qtkit.errors import translate_message


class MoneyEdit(QLineEdit):
    """A right-aligned amount field for one site's money."""

    def __init__(self, site: Site, parent: QWidget | None = None, *, zero_ok: bool = False) -> None:
        """``zero_ok``: zero is an amount here (cash in a drawer), not only what can be charged."""
        super().__init__(parent)
        self._site = site
        self._zero_ok = zero_ok
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.setMaxLength(24)
        self.setInputMethodHints(Qt.InputMethodHint.ImhFormattedNumbersOnly)
        self.editingFinished.connect(self.tidy)

    @property
    def site(self) -> Site:
        return self._site

    def set_site(self, site: Site) -> None:
        """Another account, another country: the same text is read with the new rules."""
        self._site = site

    def example(self) -> str:
        """``1.234,50`` (Argentina), ``1,234.50`` (Mexico), ``1.235`` (Chile, Colombia)."""
        return format_money(AMOUNT_EXAMPLE, self._site, symbol=False)

    def amount(self) -> Decimal:
        """The amount typed; raises ``ValidationError`` saying what is wrong with it."""
        return read_amount(self.text(), self._site, zero_ok=self._zero_ok)

    def problem(self) -> str:
        """What is wrong with the text, translated ("" when it is a valid amount)."""
        try:
            self.amount()
        except ValidationError as exc:
            return translate_message(exc.msg)
        return ""

    def set_amount(self, amount: Decimal | None) -> None:
        """Show ``amount`` in the site's writing, unrounded (``None`` clears the field)."""
        self.setText("" if amount is None else format_for_entry(amount, self._site))

    def tidy(self) -> None:
        """Rewrite a valid amount in the site's format; leave anything else as typed."""
        try:
            amount = self.amount()
        except ValidationError:
            return
        text = format_for_entry(amount, self._site)
        if text != self.text():
            self.setText(text)
