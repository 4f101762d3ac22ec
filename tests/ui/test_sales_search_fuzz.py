"""Hostile input in the sales history (F3): its search box (reference, amount, product) and
its filters, whatever is typed or pasted, never raise and only ever narrow the list."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from pytestqt.qtbot import QtBot

from pos_app.domain.money import site_for
from pos_app.domain.sale import SaleStatus, Tender
from pos_app.ui.counter.sales_view import TodaySalesDialog, matches_search
from tests.receipts.test_discounts import discounted_sale
from tests.ui.fuzz_input import key_in, put, seeds, typed

pytestmark = pytest.mark.gui

MLA = site_for("MLA")


def _sales() -> list:  # type: ignore[type-arg]
    base = discounted_sale()  # $ 9.100,00
    return [
        replace(base, external_reference="A-QR", status=SaleStatus.PAID, tender=Tender.QR),
        replace(base, external_reference="B-CASH", status=SaleStatus.CANCELED, tender=Tender.CASH),
        replace(base, external_reference="C-OPEN", status=SaleStatus.PENDING, paid_amount=None),
    ]


@seeds
def test_sales_search_and_filters_take_anything(qtbot: QtBot, seed: int) -> None:
    rng = random.Random(seed)
    sales = _sales()
    dialog = TodaySalesDialog(
        MLA,
        sales_since=lambda _start: sales,
        get_sale=lambda ref: next((s for s in sales if s.external_reference == ref), None),
        sale_events=lambda _ref: [],
    )
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.refresh()
    for step in range(100):
        roll = rng.random()
        if roll < 0.15:
            dialog.status_filter.setCurrentIndex(rng.randrange(dialog.status_filter.count()))
        elif roll < 0.25:
            dialog.tender_filter.setCurrentIndex(rng.randrange(dialog.tender_filter.count()))
        text = rng.choice(["", "A-", "9100", "9.100,00", "yerba"]) + typed(rng) * rng.randint(0, 1)
        if rng.random() < 0.2:
            dialog.search.clear()
            key_in(dialog.search, text[:40])
        else:
            put(qtbot, rng, dialog.search, text)
        shown = dialog.visible_sales()
        assert all(s in sales for s in shown), step
        assert len(shown) <= len(sales)
        assert dialog.summary.text()
    dialog.status_filter.setCurrentIndex(0)
    dialog.tender_filter.setCurrentIndex(0)
    dialog.search.setText("9.100,00")
    assert len(dialog.visible_sales()) == len(sales)


@pytest.mark.parametrize("text", ["sNaN", "-sNaN", " sNaN ", "NaN", "Infinity", "1e999999"])
def test_a_search_for_a_signalling_nan_finds_nothing_and_does_not_crash(text: str) -> None:
    """A search for "sNaN" read as ``Decimal("sNaN")``, and comparing it with a sale's
    total raised ``decimal.InvalidOperation`` inside the keystroke's slot."""
    for sale in _sales():
        assert not matches_search(sale, text, MLA)
