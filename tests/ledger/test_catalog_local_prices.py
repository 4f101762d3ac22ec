"""Catalog prices as each country's spreadsheet saves them.

Excel and LibreOffice save a CSV with the cells *as shown*: a price column formatted with
thousands (``#,##0.00``) or as currency comes out ``"1.234,50"`` and ``R$ 1.234,50`` on a
Brazilian PC, ``"1,234.50"`` and ``$1,234.50`` on a Mexican one, ``S/ 1,234.50`` on a Peruvian
one. Until 2026-12-02 every such price was refused ("write digits with a dot for the
decimals"): a catalog whose prices pass a thousand lost those products, and a currency column
lost all of them. What is read now is what the country's writing says without doubt: the
site's own grouping with its decimal mark (or two groups or more), its symbol before the
amount. What could be read two ways stays refused: ``2.899`` in Brazil (two thousand, or
a fuel price of R$ 2,899?), ``1,500`` in Mexico, another country's writing
(``1.234,50`` on a Mexican till).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from pos_app.domain.money import site_for
from pos_app.domain.validation import ValidationError, read_spreadsheet_amount
from pos_app.ledger.store import Ledger


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    ledger = Ledger(tmp_path / "ledger.sqlite3")
    yield ledger
    ledger.close()


BRAZIL_CSV = (
    "\ufeffsku;barcode;title;unit_price;category;unit_measure\r\n"
    "CAFE;7891000100103;Café Pilão 500g;18,90;Mercearia;unit\r\n"
    'TV;7890000000017;TV 50" Samsung;2.899,00;Eletro;unit\r\n'
    "ARROZ;7896006711117;Arroz 5kg;R$ 27,99;Mercearia;unit\r\n"
    "GELADEIRA;;Geladeira Frost Free;R$\u00a03.499,90;Eletro;unit\r\n"
    "PICANHA;;Picanha;1.234,5;Açougue;kg\r\n"
    "CARRO;;Carrinho;1.234.567;Brinquedos;unit\r\n"
)


def test_a_brazilian_spreadsheets_prices(ledger: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "produtos.csv"
    path.write_bytes(BRAZIL_CSV.encode("utf-8"))
    report = ledger.catalog.import_csv(path, site_for("MLB"))
    assert report.errors == []
    prices = {sku: ledger.catalog.get(sku).unit_price for sku in ("CAFE", "TV", "ARROZ")}  # type: ignore[union-attr]
    assert prices == {"CAFE": Decimal("18.90"), "TV": Decimal("2899.00"), "ARROZ": Decimal("27.99")}
    assert ledger.catalog.get("GELADEIRA").unit_price == Decimal("3499.90")  # type: ignore[union-attr]
    assert ledger.catalog.get("PICANHA").unit_price == Decimal("1234.5")  # type: ignore[union-attr]
    assert ledger.catalog.get("CARRO").unit_price == Decimal("1234567")  # type: ignore[union-attr]


def test_a_mexican_spreadsheets_prices_in_windows_1252(ledger: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "productos.csv"
    path.write_bytes(
        (
            "sku,title,unit_price\r\n"
            'TALADRO,Taladro percutor,"1,234.50"\r\n'
            'REFRI,Refrigerador,"$12,999.00"\r\n'
            "FOCO,Foco LED,$45.90\r\n"
            '"PANTALLA","Pantalla 65""","$ 1,234,567.00"\r\n'
        ).encode("cp1252")
    )
    report = ledger.catalog.import_csv(path, site_for("MLM"))
    assert [str(e) for e in report.errors] == [], report.errors
    got = {p.sku: p.unit_price for p in ledger.catalog.list_page()}
    assert got == {
        "TALADRO": Decimal("1234.50"),
        "REFRI": Decimal("12999.00"),
        "FOCO": Decimal("45.90"),
        "PANTALLA": Decimal("1234567.00"),
    }


def test_a_peruvian_price_in_soles(ledger: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "productos.csv"
    path.write_text(
        'sku,title,unit_price\nCEVICHE,Ceviche,S/ 35.00\nOLLA,Olla,"S/ 1,250.00"\n',
        encoding="utf-8",
    )
    report = ledger.catalog.import_csv(path, site_for("MPE"))
    assert report.errors == []
    got = {p.sku: p.unit_price for p in ledger.catalog.list_page()}
    assert got == {"CEVICHE": Decimal("35.00"), "OLLA": Decimal("1250.00")}


@pytest.mark.parametrize(
    ("site_id", "text", "meaning"),
    [
        ("MLB", "2.899", "R$ 2,899 or two thousand: three decimals are refused"),
        ("MLB", "1,234.50", "a Mexican's writing on a Brazilian till"),
        ("MLM", "1.234,50", "a Brazilian's writing on a Mexican till"),
        ("MLM", "1,500", "fifteen hundred or 1.50"),
        ("MLM", "$1,500", "fifteen hundred or 1.50, as currency"),
        ("MPE", "1,234", "a thousand and more, or 1.234"),
        ("MLB", "R$ 1.23.4,50", "irregular grouping"),
        ("MLB", "1.2345,00", "irregular grouping"),
        ("MLB", "01.234,50", "a leading zero in the first group"),
        ("MLB", "1.234,567", "three decimals"),
        ("MLB", "1.234,", "a decimal mark without decimals"),
        ("MLB", "US$ 1.234,50", "another currency"),
        ("MLB", "$ 1.234,50", "another country's symbol"),
        ("MLM", "R$ 1,234.50", "another country's symbol"),
        ("MLB", "R$ -1.234,50", "a sign"),
        ("MLB", "-R$ 1.234,50", "a sign"),
        ("MLB", "(R$ 1.234,50)", "an accountant's negative"),
        ("MLB", "R$ 1.234,50 R$", "two symbols"),
        ("MLB", "R$", "no amount"),
        ("MLB", "1.234,5O", "a letter O"),
        ("MLB", "１.２３４,５０", "full-width digits"),
        ("MLB", "1 234,50 x", "text after"),
        ("MLB", "10.000.000,01", "above the currency's ceiling"),
        ("MLC", "12.000", "Chilean pesos: refused as before (a thousand or twelve)"),
        ("MCO", "$ 12.000", "Colombian pesos with a symbol: the same"),
        ("MCO", "1.234,00", "pesos have no decimals"),
    ],
)
def test_what_could_be_read_two_ways_stays_refused(site_id: str, text: str, meaning: str) -> None:
    with pytest.raises(ValidationError):
        read_spreadsheet_amount(text, site_for(site_id))


@pytest.mark.parametrize(
    ("site_id", "text", "value"),
    [
        ("MLB", "1234.50", "1234.50"),  # what a program writes: as before
        ("MLB", "1234,50", "1234.50"),
        ("MLA", "$ 1.234,50", "1234.50"),
        ("MLU", "$ 1.234.567", "1234567"),
        ("MCO", "1.234.567", "1234567"),  # two groups: a grouping, never decimals
        ("MCO", "$ 12.345.678", "12345678"),
        ("MLC", "$1.234.567", "1234567"),
        ("MLM", "MXN 1,234.50", None),  # the code is not the symbol
        ("MPE", "S/1,234.50", "1234.50"),
        ("MPE", "S/. 1,234.50", "1234.50"),  # the nuevo sol's "S/.", older Windows' symbol
        ("MPE", "S/.1,234.50", "1234.50"),
    ],
)
def test_other_sites_and_plain_amounts(site_id: str, text: str, value: str | None) -> None:
    site = site_for(site_id)
    if value is None:
        with pytest.raises(ValidationError):
            read_spreadsheet_amount(text, site)
        return
    amount = read_spreadsheet_amount(text, site)
    assert amount == Decimal(value)
    assert str(amount) == value  # the decimals as written, never more


@pytest.mark.parametrize(
    ("site_id", "text", "said"),
    [
        ("MLB", "2.899", "“2.899” could be 2899 or a price with three decimals: write 2.899,00"),
        ("MLM", "$1,500", "“$1,500” could be 1500 or a price with three decimals: write 1,500.00"),
        ("MPE", "S/ 5,899", "could be 5899"),
    ],
)
def test_a_lone_thousand_says_both_readings(site_id: str, text: str, said: str) -> None:
    with pytest.raises(ValidationError) as refused:
        read_spreadsheet_amount(text, site_for(site_id))
    assert said in str(refused.value)


def test_the_refusal_quotes_what_the_file_says(ledger: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "produtos.csv"
    path.write_text("sku;title;unit_price\nX;Coisa;R$ 2.899\n", encoding="utf-8")
    report = ledger.catalog.import_csv(path, site_for("MLB"))
    [problem] = report.errors
    assert "R$ 2.899" in str(problem)
    assert ledger.catalog.count() == 0
