"""The sales history's CSV says what was given back, as the list does.

Until 2026-12-02 a sale refunded in part was exported as ``paid`` with its whole total and no
word of the refund: the list said *Partly refunded*, the close counted the refund, and a shop
summing the export over the day counted the money given back as takings.
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from pos_app.domain.money import site_for
from pos_app.domain.sale import SaleStatus, Tender
from pos_app.ui.counter.sales_view import TodaySalesDialog
from tests.receipts.test_discounts import discounted_sale

pytestmark = pytest.mark.gui


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


def test_the_export_has_each_sales_refunds(qtbot: Any, tmp_path: Path) -> None:
    base = replace(discounted_sale(), site_id="MLB")  # R$ 9.100,00
    refunded = replace(base, external_reference="A-REFUNDED", status=SaleStatus.PAID)
    whole = replace(base, external_reference="B-WHOLE", status=SaleStatus.PAID)
    cash = replace(
        base, external_reference="C-CASH", status=SaleStatus.CANCELED, tender=Tender.CASH
    )
    sales = [refunded, whole, cash]
    given_back = {"A-REFUNDED": Decimal("1234.50")}
    dialog = TodaySalesDialog(
        site_for("MLB"),
        sales_since=lambda _start: sales,
        get_sale=lambda ref: next((s for s in sales if s.external_reference == ref), None),
        sale_events=lambda _ref: [],
        refunded_totals=lambda refs: {r: given_back[r] for r in refs if r in given_back},
    )
    qtbot.addWidget(dialog)
    dialog.refresh()
    out = tmp_path / "vendas.csv"
    assert dialog.export_csv(out) == 3
    rows = _rows(out)
    heads = {r["external_reference"]: r for r in rows if r["row"] == "sale"}
    assert {ref: r["refunded"] for ref, r in heads.items()} == {
        "A-REFUNDED": "1234.50",
        "B-WHOLE": "0.00",
        "C-CASH": "0.00",
    }
    assert all(r["refunded"] == "" for r in rows if r["row"] == "line")
    takings = sum(Decimal(r["charged"]) - Decimal(r["refunded"]) for r in heads.values())
    assert takings == 3 * Decimal("9100.00") - Decimal("1234.50")
