"""The sales export as Excel opens it where the decimal mark is a comma (Argentina, Brazil,
Chile, Colombia, Uruguay): semicolons and decimal commas. Until 2026-12-02 only the standard
file was written, which Excel there opens in one column, every amount as text."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from pos_app.domain.cart import CartLine
from pos_app.domain.money import site_for
from pos_app.domain.sale import SaleStatus
from pos_app.domain.sales_csv import sales_csv
from pos_app.ui.counter.sales_view import TodaySalesDialog
from tests.receipts.test_discounts import discounted_sale
from tests.ui.asking import choose_file

pytestmark = pytest.mark.gui


def _sales() -> list[Any]:
    base = replace(discounted_sale(), site_id="MLB", status=SaleStatus.PAID)
    weighed = CartLine(
        sku="QUEIJO",
        title="Queijo; minas (kg)",  # the new delimiter inside a text: quoted, kept whole
        unit_price=Decimal("59.90"),
        quantity=1,
        measure=Decimal("0.350"),
        unit_measure="kg",
    )
    return [
        replace(base, external_reference="A-ONE"),
        replace(base, external_reference="B-TWO", lines=(*base.lines, weighed)),
    ]


def _dialog(qtbot: Any, site_id: str, sales: list[Any]) -> TodaySalesDialog:
    dialog = TodaySalesDialog(
        site_for(site_id),
        sales_since=lambda _start: sales,
        get_sale=lambda ref: next((s for s in sales if s.external_reference == ref), None),
        sale_events=lambda _ref: [],
        refunded_totals=lambda refs: {"A-ONE": Decimal("1234.50")} if "A-ONE" in refs else {},
    )
    qtbot.addWidget(dialog)
    dialog.refresh()
    return dialog


def test_the_excel_kind_is_the_standard_table_with_semicolons_and_commas() -> None:
    sales = _sales()
    refunded = {"A-ONE": Decimal("1234.50")}
    standard = list(csv.reader(io.StringIO(sales_csv(sales, refunded))))
    excel = list(
        csv.reader(io.StringIO(sales_csv(sales, refunded, excel_comma=True)), delimiter=";")
    )
    assert len(excel) == len(standard) > 3 and excel[0] == standard[0]
    when = excel[0].index("created_at")  # Excel's kind writes it as Excel reads a date
    for ours, theirs in zip(excel[1:], standard[1:], strict=True):
        ours[when] = theirs[when]
        assert ours == [cell.replace(".", ",") if _numeric(cell) else cell for cell in theirs]
    heads = [dict(zip(excel[0], row, strict=True)) for row in excel[1:]]
    assert heads[0]["refunded"] == "1234,50" and heads[0]["total"].count(",") == 1
    weighed = next(r for r in heads if r["sku"] == "QUEIJO")
    assert weighed["quantity"] == "0,350" and weighed["title"] == "Queijo; minas (kg)"


def _numeric(cell: str) -> bool:
    try:
        Decimal(cell)
    except ArithmeticError:
        return False
    return "." in cell


def test_the_window_offers_excels_kind_first_where_the_comma_is_the_decimal_mark(
    qtbot: Any, tmp_path: Path
) -> None:
    sales = _sales()
    brazil = _dialog(qtbot, "MLB", sales)
    filters = brazil.export_filters()
    assert len(filters) == 2 and "Excel" in filters[0] and filters[1] == "CSV files (*.csv)"
    assert _dialog(qtbot, "MLM", sales).export_filters() == ["CSV files (*.csv)"]  # 1,234.50

    for index, file in ((0, "excel.csv"), (1, "standard.csv")):
        choose_file(brazil._export_clicked(), tmp_path / file, filters[index])
        qtbot.waitUntil(
            lambda f=file: "exported" in brazil.summary.text() and f in brazil.summary.text()
        )
    excel = (tmp_path / "excel.csv").read_text(encoding="utf-8-sig")
    standard = (tmp_path / "standard.csv").read_text(encoding="utf-8-sig")
    assert excel.splitlines()[0].count(";") == standard.splitlines()[0].count(",") > 10
    assert "1234,50" in excel and "1234.50" in standard and ";" not in standard.splitlines()[0]


def test_the_excel_kind_writes_the_time_as_a_date_excel_reads() -> None:
    """``2026-12-02T10:22:40-03:00`` (the standard kind's ISO time, for programs) is text to
    Excel: an accountant could not sort or group the month by day. Excel's kind writes the
    shop's local time as Excel reads a date and time in any language: ``2026-12-02 10:22:40``."""
    sales = _sales()
    excel = list(csv.reader(io.StringIO(sales_csv(sales, {}, excel_comma=True)), delimiter=";"))
    standard = list(csv.reader(io.StringIO(sales_csv(sales, {}))))
    column = excel[0].index("created_at")
    local = sales[0].created_at.astimezone()
    assert excel[1][column] == f"{local:%Y-%m-%d %H:%M:%S}"
    assert standard[1][column] == local.isoformat(timespec="seconds")


def test_the_excel_kind_keeps_codes_as_codes() -> None:
    """A barcode Excel would show as 7,79E+12 (and a SKU like 00123 as 123) is a text formula
    in Excel's kind; the standard kind writes it as it is."""
    base = _sales()[0]
    line = CartLine(sku="00123", title="Yerba", unit_price=Decimal("10"), barcode="7790000000017")
    sale = replace(base, lines=(line,))
    excel = list(csv.DictReader(io.StringIO(sales_csv([sale], excel_comma=True)), delimiter=";"))
    standard = list(csv.DictReader(io.StringIO(sales_csv([sale]))))
    assert (excel[1]["sku"], excel[1]["barcode"]) == ('="00123"', '="7790000000017"')
    assert (standard[1]["sku"], standard[1]["barcode"]) == ("00123", "7790000000017")
