"""A discount that would take more than the line (or the sale) has, or a "new price" above the
price: refused in the dialog, saying the most it can be. It was applied, clamped out of sight:
the cart showed "−$ 99.999,00" beside a $ 5.075,00 line (and the total beside the sale's),
while the line went to $ 0 and left the order; "now $ 20.000,00" on a $ 14.500/kg line changed
nothing but was shown as a discount."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pos_app.domain.money import site_for
from pos_app.domain.pricing import Discount, DiscountKind, check_discount_fits
from pos_app.domain.validation import ValidationError
from pos_app.ui.counter.price_dialogs import DiscountDialog

pytestmark = pytest.mark.gui

ARS = site_for("MLA")
CLP = site_for("MLC")


def dialog_for(
    qtbot: QtBot, *, on_line: bool, kind: DiscountKind
) -> tuple[DiscountDialog, list[Discount | None]]:
    dialog = DiscountDialog(
        ARS,
        what="Jamón cocido",
        gross=Decimal("5075.00"),  # 0,350 kg x $ 14.500,00
        measure=Decimal("0.350") if on_line else Decimal(1),
        on_line=on_line,
        current=None,
        limit=100,
        pin_hash="",
    )
    qtbot.addWidget(dialog)
    dialog.show()
    applied: list[Discount | None] = []
    dialog.applied.connect(applied.append)
    dialog.kind.setCurrentIndex(dialog.kind.findData(kind.value))
    return dialog, applied


@pytest.mark.parametrize("on_line", [True, False])
def test_an_amount_past_the_line_or_sale_is_refused(qtbot: QtBot, on_line: bool) -> None:
    dialog, applied = dialog_for(qtbot, on_line=on_line, kind=DiscountKind.AMOUNT)
    qtbot.keyClicks(dialog.value, "99999")
    qtbot.keyClick(dialog.value, Qt.Key.Key_Return)
    assert applied == [] and dialog.isVisible()
    assert "$\u00a05.075,00" in dialog.error.text()  # one piece: never wrapped apart
    # The whole of it is a discount that may be given (with the PIN above the limit).
    dialog.value.clear()
    qtbot.keyClicks(dialog.value, "5075")
    qtbot.keyClick(dialog.value, Qt.Key.Key_Return)
    assert applied == [Discount(DiscountKind.AMOUNT, Decimal("5075.00"))]


def test_a_new_price_above_the_price_is_refused(qtbot: QtBot) -> None:
    dialog, applied = dialog_for(qtbot, on_line=True, kind=DiscountKind.PRICE)
    qtbot.keyClicks(dialog.value, "20000")
    qtbot.keyClicks(dialog.reason, "cliente")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert applied == [] and dialog.isVisible()
    assert "$\u00a05.075,00" in dialog.error.text()  # one piece: never wrapped apart
    dialog.value.clear()
    qtbot.keyClicks(dialog.value, "10000")
    qtbot.keyClick(dialog.value, Qt.Key.Key_Return)
    assert applied == [Discount(DiscountKind.PRICE, Decimal("10000.00"), "cliente")]


def test_the_domain_check_in_every_currency() -> None:
    amount = Discount(DiscountKind.AMOUNT, Decimal(4353))
    with pytest.raises(ValidationError, match="\\$\u00a04\\.352"):
        check_discount_fits(amount, Decimal(4352), Decimal("0.335"), CLP)
    assert check_discount_fits(amount, Decimal(4353), Decimal(1), CLP) is amount
    percent = Discount(DiscountKind.PERCENT, Decimal(100))
    assert check_discount_fits(percent, Decimal(4352), Decimal(1), CLP) is percent
