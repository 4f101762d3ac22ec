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
