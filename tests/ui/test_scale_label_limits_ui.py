"""A scale label at the limits, scanned at the counter: said in plain words, nothing added."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pos_app.domain.catalog import Product
from pos_app.domain.pricing import SaleUnit
from pos_app.domain.scale_label import PRESETS
from pos_app.ui.counter.main_window import MainWindow

pytestmark = pytest.mark.gui


def test_a_label_heavier_than_a_line_is_refused_in_words(window: MainWindow, qtbot: QtBot) -> None:
    """99,999 kg of a product priced per gram (99.999 g, past a line's 9.999,999): the check's
    ValidationError escaped the scan's slot (only ScaleLabelError was caught) and nothing was
    said at the counter."""
    window.rt.ledger.catalog.upsert(
        [Product("205", "Azafrán en hebras", Decimal("15.00"), sale_unit=SaleUnit.G)]
    )
    qtbot.keyClicks(window.scan, PRESETS["ar-weight"].label("205", Decimal("99.999")))
    qtbot.keyClick(window.scan, Qt.Key.Key_Return)
    assert window.model.is_empty()
    assert window.feedback.property("state") == "error"
    assert "Azafrán en hebras" in window.feedback.text()
    assert "99999 g" in window.feedback.text()


@pytest.mark.parametrize("code", ["2000150000002", "2000201000012"])
def test_an_in_store_code_in_the_catalog_is_its_product(
    window: MainWindow, qtbot: QtBot, code: str
) -> None:
    """A shop's own EAN-13 starting with 2 (GS1 leaves 20-29 to the shop), registered as a
    product's barcode, was read as a scale label first: ``2000150000002`` refused as "the
    label says 0", ``2000201000012`` sold as 0,001 kg of Jamón cocido (PLU 00201). The exact
    barcode in the catalog is that product."""
    window.rt.ledger.catalog.upsert([Product("BOLO", "Bolo caseiro", Decimal(2500), barcode=code)])
    qtbot.keyClicks(window.scan, code)
    qtbot.keyClick(window.scan, Qt.Key.Key_Return)
    [line] = window.model.lines()
    assert (line.title, line.quantity, line.measure) == ("Bolo caseiro", 1, None)
    assert window.feedback.property("state") == "ok"
