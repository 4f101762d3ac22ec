"""The weight dialog reads a weight as the country writes it, and never guesses.

Either mark is the decimal mark at the counter (``0,350`` and ``0.350``), but the site's own
thousands grouping is a thousand there: a Brazilian's ``1.250`` g of a product priced per gram
is twelve hundred and fifty grams, a Mexican's ``1,250`` g too. Until 2026-12-02 both were read
as 1,25 g (a thousandth of the price: R$ 18,75 for R$ 18.750,00 of saffron). Such a text is now
refused with both readings named; a leading zero (``0.350``), the site's decimal mark or four
digits say which one is meant. The limits in the refusal are written the local way too
(``0.001`` in Mexico: "0,001" read as one there).
"""

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

SAFFRON = Product(sku="AZAF", title="Açafrão", unit_price=Decimal("15.00"), sale_unit=SaleUnit.G)
CHEESE = Product(sku="QJ", title="Queijo", unit_price=Decimal("42.50"), sale_unit=SaleUnit.KG)


def _enter(qtbot: QtBot, product: Product, site_id: str, text: str) -> tuple[object, WeightDialog]:
    dialog = WeightDialog(product, site_for(site_id))
    qtbot.addWidget(dialog)
    dialog.show()
    lines: list[object] = []
    dialog.lineReady.connect(lines.append)
    qtbot.keyClicks(dialog.measure, text)
    qtbot.keyClick(dialog.measure, Qt.Key.Key_Return)
    return (lines[0] if lines else None), dialog


@pytest.mark.parametrize(
    ("site_id", "product", "text", "both"),
    [
        ("MLB", SAFFRON, "1.250", ("1250", "1,250")),
        ("MLM", SAFFRON, "1,250", ("1250", "1.250")),
        ("MPE", SAFFRON, "12,500", ("12500", "12.500")),
        ("MLB", CHEESE, "2.500 kg", ("2500", "2,500")),
    ],
)
def test_a_weight_in_the_sites_grouping_is_refused_with_both_readings(
    qtbot: QtBot, site_id: str, product: Product, text: str, both: tuple[str, str]
) -> None:
    line, dialog = _enter(qtbot, product, site_id, text)
    assert line is None and dialog.isVisible()
    assert dialog.preview.text() == ""  # no total shown for a guess
    said = dialog.error.text()
    assert all(reading in said for reading in both), said


@pytest.mark.parametrize(
    ("site_id", "product", "text", "measure", "total"),
    [
        ("MLB", SAFFRON, "1250", "1250", "R$ 18.750,00"),
        ("MLB", SAFFRON, "1,250", "1.250", "R$ 18,75"),
        ("MLB", SAFFRON, "0.350", "0.350", "R$ 5,25"),  # a leading zero: a decimal mark
        ("MLB", CHEESE, "0.350", "0.350", "R$ 14,88"),
        ("MLB", CHEESE, "1,5", "1.5", "R$ 63,75"),
        ("MLB", CHEESE, "1.5", "1.5", "R$ 63,75"),  # not three digits: no grouping
        ("MLM", SAFFRON, "1.250", "1.250", "$ 18.75"),
        ("MLM", CHEESE, "0,350", "0.350", "$ 14.88"),
        ("MLA", CHEESE, "0,350", "0.350", "$ 14,88"),
    ],
)
def test_what_reads_one_way_is_taken(
    qtbot: QtBot, site_id: str, product: Product, text: str, measure: str, total: str
) -> None:
    line, _dialog = _enter(qtbot, product, site_id, text)
    assert line is not None
    assert line.measure == Decimal(measure)  # type: ignore[attr-defined]
    from pos_app.domain.money import format_money

    assert format_money(line.total(site_for(site_id)), site_for(site_id)) == total  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("site_id", "low", "high"),
    [("MLM", "0.001", "9999.999"), ("MPE", "0.001", "9999.999"), ("MLB", "0,001", "9999,999")],
)
def test_the_limits_are_written_the_local_way(
    qtbot: QtBot, site_id: str, low: str, high: str
) -> None:
    line, dialog = _enter(qtbot, CHEESE, site_id, "0")
    assert line is None
    said = dialog.error.text()
    assert low in said and high in said, said


@pytest.mark.parametrize(
    ("product", "placeholder", "example"),
    [(SAFFRON, "350", "350 g"), (CHEESE, "0,350", "0,350 kg")],
)
def test_the_example_is_a_weight_of_the_products_unit(
    qtbot: QtBot, product: Product, placeholder: str, example: str
) -> None:
    """A product priced per gram is weighed in grams: its field suggested "0,350" (a third of a
    gram, a thousandth of the 350 g meant: what a scale label did until 2026-12-02)."""
    line, dialog = _enter(qtbot, product, "MLB", "x")
    assert line is None
    assert dialog.measure.placeholderText() == placeholder
    assert example in dialog.error.text(), dialog.error.text()
