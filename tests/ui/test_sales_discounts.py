"""Issue 20 in the sales history: the detail shows each line's discount and the sale's, and the
CSV export carries them per line and per sale (what each line was charged adds up to the
sale's total)."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from pos_app.domain.money import site_for
from pos_app.domain.sales_csv import sales_csv
from pos_app.ui.counter.sales_view import TodaySalesDialog
from tests.receipts.test_discounts import discounted_sale


def test_csv_has_the_discounts_per_line_and_per_sale() -> None:
    sale = discounted_sale()  # yerba 2 × 4500 -10 %, alfajor 1250.50, sale -250.50
    rows = list(csv.DictReader(io.StringIO(sales_csv([sale]))))
    head, yerba, alfajor = rows
    assert head["row"] == "sale" and head["sale_discount"] == "250.50"
    assert head["charged"] == "9100.00" and head["line_discount"] == ""
    assert yerba["line_discount"] == "900.00" and alfajor["line_discount"] == "0.00"
    shares = [Decimal(r["sale_discount"]) for r in (yerba, alfajor)]
    assert sum(shares) == Decimal("250.50") and all(s > 0 for s in shares)
    charged = [Decimal(r["charged"]) for r in (yerba, alfajor)]
    assert sum(charged) == sale.total
    assert Decimal(yerba["charged"]) == Decimal(yerba["line_total"]) - shares[0]


@pytest.mark.gui
def test_the_detail_shows_the_line_and_sale_discounts(qtbot: Any, tmp_path: Path) -> None:
    sale = discounted_sale()
    site = site_for("MLA")
    dialog = TodaySalesDialog(
        site,
        sales_since=lambda _start: [sale],
        get_sale=lambda ref: sale if ref == sale.external_reference else None,
        sale_events=lambda _ref: [],
    )
    qtbot.addWidget(dialog)
    dialog.refresh()
    dialog.select_reference(sale.external_reference)
    headers = [dialog.lines.horizontalHeaderItem(c).text() for c in range(5)]
    assert headers[3] == "Discount"
    assert dialog.lines.item(0, 3).text() == "−$ 900,00 (10\u00a0%)"  # wraps before "("
    assert dialog.lines.item(0, 4).text() == "$ 8.100,00"
    assert dialog.lines.item(1, 3).text() == ""
    assert not dialog.lines.isColumnHidden(3)
    # Wrapped by the label, never between "$" and its number: a non-breaking space.
    assert "Sale discount: $\u00a0250,50" in dialog.heading.text()
    plain = replace(sale, sale_discount=None)
    dialog._show_detail(plain)
    assert "Sale discount" not in dialog.heading.text()
    # No line discount at all: the empty column would only squeeze the item names.
    bare = replace(plain, lines=tuple(replace(line, discount=None) for line in plain.lines))
    dialog._show_detail(bare)
    assert dialog.lines.isColumnHidden(3) and dialog.lines.item(0, 3).text() == ""
