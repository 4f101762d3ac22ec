"""The discount dialog's percentage field (F7 on a line, F8 on the sale): a number, with or
without "%", never a unit. It read the value with the weight reader, which drops a final kg, g,
l or m, so "10kg" applied a 10 % discount."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pos_app.domain.money import site_for
from pos_app.domain.pricing import Discount, DiscountKind
from pos_app.ui.counter.price_dialogs import DiscountDialog

pytestmark = pytest.mark.gui

ARS = site_for("MLA")


def dialog_for(qtbot: QtBot, *, on_line: bool) -> tuple[DiscountDialog, list[Discount | None]]:
    dialog = DiscountDialog(
        ARS,
        what="Yerba",
        gross=Decimal(1000),
        measure=Decimal(1),
        on_line=on_line,
        current=None,
        limit=100,
        pin_hash="",
    )
    qtbot.addWidget(dialog)
    dialog.show()
    applied: list[Discount | None] = []
    dialog.applied.connect(applied.append)
    assert dialog.kind_value is DiscountKind.PERCENT  # the first kind
    return dialog, applied


@pytest.mark.parametrize("on_line", [True, False])
@pytest.mark.parametrize("text", ["10kg", "10 g", "10 L", "10m", "10 u", "10%%"])
def test_a_percentage_with_a_unit_is_refused_with_the_reason(
    qtbot: QtBot, text: str, on_line: bool
) -> None:
    dialog, applied = dialog_for(qtbot, on_line=on_line)
    qtbot.keyClicks(dialog.value, text)
    assert dialog.preview.text() == ""  # no "Discount $ 100,00 → …" while it is typed
    qtbot.keyClick(dialog.value, Qt.Key.Key_Return)
    assert applied == [] and dialog.isVisible()
    assert dialog.error.isVisibleTo(dialog)
    assert dialog.error.text() == "Type the percentage like 10 or 12,5."


@pytest.mark.parametrize(("text", "value"), [("10", "10"), ("12,5 %", "12.5"), ("7%", "7")])
def test_a_percentage_with_or_without_the_sign_is_applied(
    qtbot: QtBot, text: str, value: str
) -> None:
    dialog, applied = dialog_for(qtbot, on_line=True)
    qtbot.keyClicks(dialog.value, text)
    qtbot.keyClick(dialog.value, Qt.Key.Key_Return)
    assert applied == [Discount(DiscountKind.PERCENT, Decimal(value))]


@pytest.mark.parametrize("on_line", [True, False])
def test_a_discount_at_the_limit_in_pesos_needs_no_pin(qtbot: QtBot, on_line: bool) -> None:
    """20 % of $ 999 takes $ 200 in Chilean pesos (20.02 %): the dialog asked for the PIN of a
    20 % limit, and without one refused the very percentage the limit allows."""
    dialog = DiscountDialog(
        site_for("MLC"),
        what="Empanada",
        gross=Decimal(999),
        measure=Decimal(1),
        on_line=on_line,
        current=None,
        limit=20,
        pin_hash="",
    )
    qtbot.addWidget(dialog)
    dialog.show()
    applied: list[Discount | None] = []
    dialog.applied.connect(applied.append)
    qtbot.keyClicks(dialog.value, "20")
    qtbot.keyClick(dialog.value, Qt.Key.Key_Return)
    assert applied == [Discount(DiscountKind.PERCENT, Decimal(20))], dialog.error.text()
