"""Issue 20 in the ledger: the product's sale unit, measured lines and discounts stored, and a
ledger written before them read and migrated."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from pos_app.domain.cart import CartLine
from pos_app.domain.catalog import Product
from pos_app.domain.money import site_for
from pos_app.domain.pricing import Discount, DiscountKind, SaleUnit
from pos_app.ledger.migrations import MIGRATIONS
from pos_app.ledger.store import Ledger

MLA = site_for("MLA")
NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def _sale(ledger: Ledger, lines: list[CartLine], discount: Discount | None = None):  # type: ignore[no-untyped-def]
    return ledger.create_sale(
        user_id=1,
        store_external_id="SUC001",
        box_external_id="CAJA01",
        site=MLA,
        title="T",
        lines=lines,
        total=Decimal(0),
        iva_total=None,
        now=NOW,
        expires_at=NOW + timedelta(minutes=10),
        sale_discount=discount,
    )


def test_measured_and_discounted_lines_round_trip(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "ledger.sqlite3")
    try:
        cheese = CartLine(
            "QC1",
            "Queso",
            Decimal(8000),
            sale_unit=SaleUnit.KG,
            measure=Decimal("0.350"),
            discount=Discount(DiscountKind.PRICE, Decimal(7000), "vence hoy"),
        )
        yerba = CartLine("Y1", "Yerba", Decimal("100.00"), quantity=3)
        sale = _sale(ledger, [cheese, yerba], Discount(DiscountKind.PERCENT, Decimal(10)))
        assert sale.lines == (cheese, yerba)
        assert sale.sale_discount == Discount(DiscountKind.PERCENT, Decimal(10))
        charged = ledger.charged_amounts(sale.external_reference)
        # 2450 + 300 = 2750, minus 275 shared: 2205 + 270
        assert charged == (Decimal("2205.00"), Decimal("270.00"))
    finally:
        ledger.close()


def test_catalog_keeps_the_sale_unit_and_the_csv_reads_kg(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "ledger.sqlite3")
    try:
        csv_file = tmp_path / "c.csv"
        csv_file.write_text(
            "sku,title,unit_price,unit_measure\n"
            'QC1,Queso cremoso,"8000,00",kg\n'
            "AC1,Aceite suelto,2500,L\n"
            "Y1,Yerba,1725.25,unit\n"
            "X1,Raro,10,oz\n",
            encoding="utf-8",
        )
        report = ledger.catalog.import_csv(csv_file, MLA)
        assert report.imported == 3
        cheese = ledger.catalog.lookup_code("QC1")
        assert cheese is not None and cheese.sale_unit is SaleUnit.KG
        oil = ledger.catalog.lookup_code("AC1")
        assert oil is not None and oil.sale_unit is SaleUnit.L
        yerba = ledger.catalog.lookup_code("Y1")
        assert yerba is not None and yerba.sale_unit is SaleUnit.UNIT
        ledger.catalog.upsert([Product("G1", "Granola", Decimal(9), sale_unit=SaleUnit.G)])
        found = ledger.catalog.lookup_code("G1")
        assert found is not None and found.sale_unit is SaleUnit.G
    finally:
        ledger.close()


def test_a_ledger_from_before_is_migrated_and_read(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0] + "\nPRAGMA user_version = 1;")
    conn.execute(
        "INSERT INTO sales (external_reference, user_id, store_external_id, box_external_id, "
        "site_id, currency, status, title, total, created_at, updated_at) VALUES "
        "('R1', 1, 'S', 'CAJA01', 'MLA', 'ARS', 'paid', 'T', '200.00', ?, ?)",
        (NOW.isoformat(), NOW.isoformat()),
    )
    conn.execute(
        "INSERT INTO sale_lines VALUES (1, 0, 'Y1', '', 'Yerba', '100.00', 2, '', 'unit', '0')"
    )
    conn.execute("INSERT INTO catalog VALUES ('Y1', '', 'Yerba', 'yerba', '100', '', 'unit', '0')")
    conn.commit()
    conn.close()
    ledger = Ledger(path)
    try:
        sale = ledger.get_sale("R1")
        assert sale is not None
        assert sale.lines[0].measure is None and sale.lines[0].discount is None
        assert sale.sale_discount is None
        assert ledger.charged_amounts("R1") == (Decimal("200.00"),)
        product = ledger.catalog.lookup_code("Y1")
        assert product is not None and product.sale_unit is SaleUnit.UNIT
    finally:
        ledger.close()
