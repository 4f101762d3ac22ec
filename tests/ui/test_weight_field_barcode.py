"""A barcode in the weight field (the label scanned, or pasted, while the weight is asked): said
as a barcode, not as a weight out of range. The field took its first 12 digits and answered
"The weight or measure must be between 0,001 and 9999,999."."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pos_app.domain.catalog import Product
from pos_app.domain.money import site_for
from pos_app.domain.pricing import SaleUnit
from pos_app.ui.counter.price_dialogs import WeightDialog

pytestmark = pytest.mark.gui

HAM = Product("201", "Jamón cocido", Decimal("14500.00"), sale_unit=SaleUnit.KG)


@pytest.mark.parametrize("text", ["2000201003501", "7790580001018", "77901234"])
def test_a_barcode_typed_as_a_weight_is_named(qtbot: QtBot, text: str) -> None:
    dialog = WeightDialog(HAM, site_for("MLA"))
    qtbot.addWidget(dialog)
    dialog.show()
    lines: list[object] = []
    dialog.lineReady.connect(lines.append)
    qtbot.keyClicks(dialog.measure, text)
    qtbot.keyClick(dialog.measure, Qt.Key.Key_Return)
    assert lines == [] and dialog.isVisible()
    assert "barcode" in dialog.error.text()
    assert "0,350 kg" in dialog.error.text()
    # A weight still goes in.
    dialog.measure.clear()
    qtbot.keyClicks(dialog.measure, "0,350")
    qtbot.keyClick(dialog.measure, Qt.Key.Key_Return)
    assert len(lines) == 1


@pytest.mark.parametrize(("site_id", "text"), [("MLA", "2000201003501"), ("MLB", "1.250")])
def test_the_message_is_shown_whole(qtbot: QtBot, site_id: str, text: str) -> None:
    """The dialog (238 px wide) kept its height when a message of two lines or more came: the
    words were cut to a line and a half (the two readings of 1.250 as well)."""
    saffron = Product("AZ", "Azafrán", Decimal("15.00"), sale_unit=SaleUnit.G)
    dialog = WeightDialog(saffron, site_for(site_id))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.measure, text)
    qtbot.keyClick(dialog.measure, Qt.Key.Key_Return)
    error = dialog.error
    qtbot.waitUntil(lambda: error.height() >= error.heightForWidth(error.width()), timeout=2000)
    assert error.geometry().bottom() < dialog.keys.geometry().top()
