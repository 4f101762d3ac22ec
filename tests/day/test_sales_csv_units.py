"""The sales CSV says what a line's quantity counts: ``0.350`` of ham is kilograms, ``350`` of
saffron grams, ``2`` empanadas units. The file gave the number alone (the unit was only in
``--json``), so 350 g at $ 15,00 read as 350 of something, and 0,350 l of oil as 0,350 kg."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from pos_app.domain.cart import CartLine, UnitMeasure
from pos_app.domain.pricing import SaleUnit
from pos_app.domain.sales_csv import COLUMNS, sales_csv
from tests.receipts.conftest import make_sale

LINES = (
    CartLine(
        "201", "Jamón cocido", Decimal(14500), sale_unit=SaleUnit.KG, measure=Decimal("0.350")
    ),
    CartLine("AZ", "Azafrán", Decimal(15), sale_unit=SaleUnit.G, measure=Decimal(350)),
    CartLine("AC", "Aceite suelto", Decimal(3000), sale_unit=SaleUnit.L, measure=Decimal("0.350")),
    CartLine("E1", "Empanada", Decimal(1200), 2),
    CartLine("HU", "Huevos", Decimal(4000), 1, unit_measure=UnitMeasure.PACK),
)


def test_each_line_says_its_unit() -> None:
    sale = make_sale("MLC", LINES)
    head, *lines = csv.DictReader(io.StringIO(sales_csv([sale])))
    assert head["unit"] == ""
    assert [(row["quantity"], row["unit"]) for row in lines] == [
        ("0.350", "kg"),
        ("350", "g"),
        ("0.350", "l"),
        ("2", "unit"),
        ("1", "pack"),
    ]
    # The columns before keep their places; the unit comes last.
    assert COLUMNS[-1] == "unit" and COLUMNS[-2] == "ledger_status"
    excel = list(csv.reader(io.StringIO(sales_csv([sale], excel_comma=True)), delimiter=";"))
    assert (
        excel[0][-1] == "unit" and excel[3][-1] == "g"
    )  # the header, the sale, the ham, the saffron
