"""The catalog export as Excel opens it where the decimal mark is a comma (Argentina, Brazil,
Chile, Colombia, Uruguay): semicolons and decimal commas, the sales export's kind. Until
2026-12-02 the catalog had only the standard file, which Excel there opens in one column (every
price as text); and neither kind had the byte-order mark Excel needs to read UTF-8 (``Café``
showed as ``CafÃ©``). Both kinds read back into the same catalog, every country's money rules."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from pos_app.cli import main as cli_main
from pos_app.domain.catalog import Product
from pos_app.domain.money import site_for
from pos_app.domain.pricing import SaleUnit
from pos_app.ledger.store import Ledger

COMMA_SITES = ("MLA", "MLB", "MLC", "MCO", "MLU")


def _products(site_id: str) -> list[Product]:
    cents = site_for(site_id).decimals > 0
    return [
        Product(
            "A1",
            'Café, molido; "fuerte"',  # both delimiters and a quote in one text
            Decimal("1234.50") if cents else Decimal("1234"),
            barcode="7790000000017",
            category="Almacén",
            iva_rate=Decimal(19) if site_id == "MCO" else Decimal(0),
        ),
        Product(
            "QUE",
            "Queso (kg)",
            Decimal("5990.90") if cents else Decimal("5990"),
            sale_unit=SaleUnit.KG,
        ),
        Product("=X", "-20% Yerba", Decimal("3.05") if cents else Decimal("3")),
        Product("00123", "Galletitas", Decimal("990"), barcode="3-12"),
        Product("BIG", "Heladera", Decimal("1250000.99") if cents else Decimal("1250000")),
    ]


@pytest.mark.parametrize("site_id", COMMA_SITES)
def test_the_excel_kind_reimports_unchanged_in_every_comma_country(
    tmp_path: Path, site_id: str
) -> None:
    site = site_for(site_id)
    source = Ledger(tmp_path / "source.sqlite3")
    other = Ledger(tmp_path / "other.sqlite3")
    try:
        products = _products(site_id)
        source.catalog.upsert(products)
        path = tmp_path / "excel.csv"
        assert source.catalog.export_csv(path, excel_comma=True) == len(products)
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with its mark
        rows = list(csv.DictReader(path.open(encoding="utf-8-sig", newline=""), delimiter=";"))
        by_sku = {r["sku"]: r for r in rows}
        assert set(by_sku) == {"A1", "QUE", "'=X", "BIG", '="00123"'}
        assert by_sku["A1"]["unit_price"] == ("1234,50" if site.decimals else "1234")
        assert by_sku["BIG"]["unit_price"] == ("1250000,99" if site.decimals else "1250000")
        assert by_sku["A1"]["title"] == 'Café, molido; "fuerte"'
        assert by_sku["QUE"]["unit_measure"] == "kg"
        # Codes Excel would read as numbers (7,79E+12) are text formulas there
        assert by_sku["A1"]["barcode"] == '="7790000000017"'
        assert by_sku['="00123"']["title"] == "Galletitas"
        assert "." not in "".join(r["unit_price"] for r in rows)
        report = other.catalog.import_csv(path, site)
        assert (report.errors, report.warnings, report.imported) == ([], [], len(products))
        for product in products:
            assert other.catalog.get(product.sku) == source.catalog.get(product.sku)
    finally:
        source.close()
        other.close()


def test_the_standard_kind_has_the_byte_order_mark_and_still_reimports(tmp_path: Path) -> None:
    source = Ledger(tmp_path / "source.sqlite3")
    other = Ledger(tmp_path / "other.sqlite3")
    try:
        source.catalog.upsert(_products("MLM"))
        path = tmp_path / "standard.csv"
        source.catalog.export_csv(path)
        assert path.read_bytes().startswith(b"\xef\xbb\xbfsku,barcode,title,unit_price")
        assert "1234.50" in path.read_text(encoding="utf-8-sig")
        report = other.catalog.import_csv(path, site_for("MLM"))
        assert (report.errors, report.imported) == ([], len(_products("MLM")))
        assert other.catalog.get("A1") == source.catalog.get("A1")
    finally:
        source.close()
        other.close()


def test_the_command_writes_the_excel_kind_when_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("POS_APP_HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    from pos_app.settings import paths

    ledger = Ledger(paths.ledger_path())
    try:
        ledger.catalog.upsert(_products("MLB"))
    finally:
        ledger.close()
    out = tmp_path / "produtos.csv"
    assert cli_main(["catalog", "export", str(out), "--excel"]) == 0
    assert "exported 5 products" in capsys.readouterr().out
    text = out.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == "sku;barcode;title;unit_price;category;unit_measure;iva_rate"
    assert ";1234,50;" in text


def test_the_file_as_excel_saves_it_back_keeps_every_code(tmp_path: Path) -> None:
    """Opened in Excel, a price changed, saved as CSV: Excel writes each ``="…"`` code as its
    text and the prices with commas; the import reads it into the same products."""
    source = Ledger(tmp_path / "source.sqlite3")
    other = Ledger(tmp_path / "other.sqlite3")
    try:
        products = _products("MLA")
        source.catalog.upsert(products)
        path = tmp_path / "excel.csv"
        source.catalog.export_csv(path, excel_comma=True)
        rows = list(csv.reader(path.open(encoding="utf-8-sig", newline=""), delimiter=";"))
        for row in rows:  # Excel shows (and saves) a text formula's value
            row[:] = [c[2:-1] if c.startswith('="') else c for c in row]
            row[:] = [c.replace("1234,50", "1300,00") for c in row]
        saved = tmp_path / "saved.csv"  # Excel's "CSV (delimitado por punto y coma)"
        with saved.open("w", encoding="cp1252", newline="") as handle:
            csv.writer(handle, delimiter=";").writerows(rows)
        assert "7790000000017;" in saved.read_text(encoding="cp1252")
        report = other.catalog.import_csv(saved, site_for("MLA"))
        assert (report.errors, report.imported) == ([], len(products))
        changed = other.catalog.get("A1")
        assert changed is not None and changed.unit_price == Decimal("1300.00")
        assert changed.barcode == "7790000000017"
        again = other.catalog.get("00123")
        assert again is not None and again.barcode == "3-12"
    finally:
        source.close()
        other.close()


def test_a_code_a_spreadsheet_turned_into_a_number_is_refused_saying_so(tmp_path: Path) -> None:
    """A file Excel saved with its codes as numbers (``7,79E+12``): the first such row was
    imported with that "barcode" and every other refused as repeating it; now each is refused
    with what happened and what to do, and the rest of the file imported."""
    path = tmp_path / "lista.csv"
    path.write_text(
        "sku;barcode;title;unit_price\n"
        "A1;7,79E+12;Yerba;10,50\n"
        "A2;7,79E+12;Mate;11\n"
        "7.79001E+12;;Bombilla;12\n"
        "A4;7790000000017;Termo;13\n"
        "3E5;;Code that only looks like one;14\n",
        encoding="utf-8",
    )
    ledger = Ledger(tmp_path / "ledger.sqlite3")
    try:
        report = ledger.catalog.import_csv(path, site_for("MLA"))
        said = {line: str(problem) for line, problem in report.errors}
        assert sorted(said) == [2, 3, 4] and report.imported == 2
        assert "barcode '7,79E+12'" in said[2] and "format the column as text" in said[2]
        assert "sku '7.79001E+12'" in said[4]
        assert ledger.catalog.get("A4") is not None and ledger.catalog.get("3E5") is not None
    finally:
        ledger.close()
