"""A price list with fewer columns than the catalog (``sku,title,unit_price``: the three the
import requires) changes what it names and nothing else. Until 2026-12-02 a product already in
the catalog took the defaults for every column the file did not have: its barcode and category
were wiped, a cheese sold by the kg became sold by the unit (at its price per kg), and a
Colombian product's IVA went to 0 — through ``catalog import`` and the Products window alike."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from pos_app.domain.catalog import Product
from pos_app.domain.money import site_for
from pos_app.domain.pricing import SaleUnit
from pos_app.ledger.store import Ledger

CHEESE = Product(
    "QUE", "Queso", Decimal("5990"), barcode="7702000000017", category="Fiambres",
    iva_rate=Decimal(19), sale_unit=SaleUnit.KG,
)  # fmt: skip
PRICES = "sku,title,unit_price\nQUE,Queso,6490\nNEW,Pan,900\n"


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    ledger = Ledger(tmp_path / "ledger.sqlite3")
    ledger.catalog.upsert([CHEESE])
    yield ledger
    ledger.close()


def _kept_but_the_price(ledger: Ledger) -> None:
    cheese = ledger.catalog.get("QUE")
    assert cheese is not None and cheese.unit_price == Decimal(6490)
    assert cheese == Product(**{**CHEESE.__dict__, "unit_price": Decimal(6490)})
    new = ledger.catalog.get("NEW")
    assert new is not None and (new.barcode, new.sale_unit, new.iva_rate) == (
        "",
        SaleUnit.UNIT,
        Decimal(0),
    )


def test_the_command_keeps_the_columns_the_file_does_not_have(
    ledger: Ledger, tmp_path: Path
) -> None:
    path = tmp_path / "precios.csv"
    path.write_text(PRICES, encoding="utf-8")
    report = ledger.catalog.import_csv(path, site_for("MCO"))
    assert (report.errors, report.imported) == ([], 2)
    _kept_but_the_price(ledger)


def test_a_column_the_file_has_empty_still_empties_it(ledger: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "full.csv"
    path.write_text("sku,barcode,title,unit_price,category\nQUE,,Queso,6490,\n", encoding="utf-8")
    ledger.catalog.import_csv(path, site_for("MCO"))
    cheese = ledger.catalog.get("QUE")
    assert cheese is not None and (cheese.barcode, cheese.category) == ("", "")
    assert cheese.sale_unit is SaleUnit.KG and cheese.iva_rate == Decimal(19)
