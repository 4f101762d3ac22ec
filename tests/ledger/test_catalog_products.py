"""Managing products one at a time (the Products window): add, edit (also the SKU), delete,
list in pages, export; the same validation as the CSV import; past sales never change."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from pos_app.domain.catalog import Product
from pos_app.domain.money import site_for
from pos_app.ledger.catalog import page_key, product_from_fields
from pos_app.ledger.store import Ledger

ARS = site_for("MLA")


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    ledger = Ledger(tmp_path / "ledger.sqlite3")
    yield ledger
    ledger.close()


def test_product_from_fields_uses_the_import_rules() -> None:
    product = product_from_fields(ARS, sku="A1", title="  Yerba   1 kg ", unit_price="1725,5")
    assert product.title == "Yerba 1 kg" and product.unit_price == Decimal("1725.5")
    with pytest.raises(ValueError, match="sku is empty"):
        product_from_fields(ARS, sku=" ", title="X", unit_price="1")
    with pytest.raises(ValueError, match="greater than zero"):
        product_from_fields(ARS, sku="A", title="X", unit_price="0")
    with pytest.raises(ValueError, match="no decimals"):
        product_from_fields(site_for("MCO"), sku="A", title="X", unit_price="10.5")
    with pytest.raises(ValueError, match="0, 5 or 19"):
        product_from_fields(ARS, sku="A", title="X", unit_price="1", iva_rate="7")


def test_add_edit_rename_delete(ledger: Ledger) -> None:
    catalog = ledger.catalog
    catalog.save_product(Product("A1", "Yerba 1 kg", Decimal("100"), barcode="779001"))
    assert catalog.lookup_code("779001") == catalog.get("A1")
    catalog.save_product(
        Product("A2", "Yerba 1 kg", Decimal("120"), barcode="779001"), replacing="A1"
    )
    assert catalog.get("A1") is None and catalog.count() == 1
    assert catalog.search("yerba")[0].sku == "A2"  # the search index followed the rename
    assert catalog.barcode_owner("779001") == "A2"
    assert catalog.delete("A2") and not catalog.delete("A2")
    assert catalog.count() == 0 and catalog.search("yerba") == []


def test_pages_walk_the_whole_catalog_in_name_order(ledger: Ledger) -> None:
    products = [Product(f"S{n:04d}", f"Item {n % 7}", Decimal(n + 1)) for n in range(1000)]
    ledger.catalog.upsert(products)
    seen: list[str] = []
    after = None
    while page := ledger.catalog.list_page(after, 64):
        seen += [p.sku for p in page]
        after = page_key(page[-1])
    expected = sorted(products, key=lambda p: (p.title.lower(), p.sku))
    assert seen == [p.sku for p in expected]


def test_export_reimports_to_the_same_catalog(ledger: Ledger, tmp_path: Path) -> None:
    ledger.catalog.upsert(
        [
            Product("A1", 'Café, molido "fuerte"', Decimal("10.50"), barcode="1", category="x"),
            Product("B2", "Ñoquis", Decimal("3"), iva_rate=Decimal(19)),
        ]
    )
    path = tmp_path / "out.csv"
    assert ledger.catalog.export_csv(path) == 2
    rows = list(csv.DictReader(path.open(encoding="utf-8-sig", newline="")))
    assert rows[0]["title"] == 'Café, molido "fuerte"' and rows[0]["unit_price"] == "10.50"
    other = Ledger(tmp_path / "other.sqlite3")
    try:
        report = other.catalog.import_csv(path, site_for("MCO"))
        assert [(n, str(why)) for n, why in report.errors] == [
            (2, "unit_price '10.50': Prices in COP have no decimals.")
        ]
        report = other.catalog.import_csv(path, ARS)
        assert not report.errors and report.imported == 2
        assert other.catalog.get("B2") == ledger.catalog.get("B2")
        assert other.catalog.get("A1") == ledger.catalog.get("A1")
    finally:
        other.close()


def test_a_new_price_never_touches_past_sales(ledger: Ledger) -> None:
    catalog = ledger.catalog
    catalog.save_product(Product("A1", "Yerba", Decimal("100.00")))
    product = catalog.get("A1")
    assert product is not None
    now = datetime.now(UTC)
    sale = ledger.create_sale(
        user_id=1,
        store_external_id="S",
        box_external_id="B",
        site=ARS,
        title="t",
        lines=[product.to_line(2)],
        total=Decimal("200.00"),
        iva_total=None,
        now=now,
        expires_at=now + timedelta(minutes=5),
    )
    catalog.save_product(Product("A1", "Yerba", Decimal("150.00")), replacing="A1")
    again = ledger.get_sale(sale.external_reference)
    assert again is not None and again.lines[0].unit_price == Decimal("100.00")
    assert again.total == Decimal("200.00")


def test_the_export_never_hands_a_spreadsheet_a_formula_and_reimports_the_same(
    ledger: Ledger, tmp_path: Path
) -> None:
    """CSV injection: a product name from a supplier's file that starts with =, +, - or @ would
    run as a formula when the store owner opens the export in Excel or LibreOffice. It is
    written with the spreadsheets' text mark (a leading apostrophe), and read back without it."""
    formula = '=HYPERLINK("http://example.invalid/x","Ver precio")'
    products = [
        Product("A1", formula, Decimal("10.50"), barcode="+5491100", category="@promo"),
        Product("-B2", "-20% Yerba", Decimal("3")),
        Product("C3", "'Quoted' tea", Decimal("4")),  # an apostrophe of its own stays
    ]
    ledger.catalog.upsert(products)
    path = tmp_path / "out.csv"
    assert ledger.catalog.export_csv(path) == 3
    rows = {r["sku"]: r for r in csv.DictReader(path.open(encoding="utf-8-sig", newline=""))}
    assert rows["A1"]["title"] == "'" + formula
    assert rows["A1"]["barcode"] == "'+5491100" and rows["A1"]["category"] == "'@promo"
    assert rows["'-B2"]["title"] == "'-20% Yerba"
    assert rows["C3"]["title"] == "'Quoted' tea"
    for row in rows.values():
        assert all(not cell.startswith(("=", "+", "-", "@")) for cell in row.values())
    other = Ledger(tmp_path / "other.sqlite3")
    try:
        report = other.catalog.import_csv(path, ARS)
        assert not report.errors and report.imported == 3
        for product in products:
            assert other.catalog.get(product.sku) == ledger.catalog.get(product.sku)
    finally:
        other.close()


def test_an_export_of_prices_stored_with_extra_zeros_reimports(
    ledger: Ledger, tmp_path: Path
) -> None:
    """Older releases stored a price as its file wrote it (``1500.00`` pesos, ``1725.250``);
    the import now refuses decimals the currency lacks even as zeros (``1.000`` is a Chilean
    thousand), so the export drops those zeros and the file still comes back whole."""
    ledger.catalog.upsert(
        [
            Product("C1", "Empanada", Decimal("1500.00")),
            Product("C2", "Pan", Decimal("990")),
            Product("A1", "Yerba", Decimal("1725.250")),
            Product("A2", "Mate", Decimal("10.50")),
        ]
    )
    path = tmp_path / "out.csv"
    ledger.catalog.export_csv(path)
    prices = {r["sku"]: r["unit_price"] for r in csv.DictReader(path.open(encoding="utf-8-sig"))}
    assert prices == {"C1": "1500", "C2": "990", "A1": "1725.25", "A2": "10.50"}
    other = Ledger(tmp_path / "other.sqlite3")
    try:
        report = other.catalog.import_csv(path, site_for("MLC"))
        assert [(n, str(why)) for n, why in report.errors] == [
            (3, "unit_price '10.50': Prices in CLP have no decimals."),  # Mate
            (5, "unit_price '1725.25': Prices in CLP have no decimals."),  # Yerba
        ]
        assert other.catalog.get("C1") is not None
        assert other.catalog.get("C1").unit_price == Decimal(1500)  # type: ignore[union-attr]
        assert other.catalog.import_csv(path, ARS).errors == []
    finally:
        other.close()
