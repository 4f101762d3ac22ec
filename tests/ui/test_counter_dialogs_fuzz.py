"""Hostile input in the counter's dialogs: the custom amount bar (F2), the weight dialog of a
product sold by measure, the line (F7) and sale (F8) discount dialogs.

Seeded fuzz (:mod:`tests.ui.fuzz_input`), in Argentine pesos (cents) and Chilean pesos (none):
whatever is typed, pasted or set and then entered never raises (pytest-qt fails a test on an
exception inside a Qt callback); what reaches the cart is finite, positive money in the site's
decimals and a clean one-line text; a refused input shows why and keeps the dialog open."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest
from pytestqt.qtbot import QtBot

from pos_app.domain import text_fields as tf
from pos_app.domain.catalog import Product
from pos_app.domain.money import site_for
from pos_app.domain.pricing import MAX_MEASURE, Discount, DiscountKind, SaleUnit
from pos_app.domain.validation import ValidationError, read_amount
from tests.ui.fuzz_input import SITES, assert_clean, assert_money, enter, put, seeds, typed

pytestmark = pytest.mark.gui


@seeds
@pytest.mark.parametrize("site_id", SITES)
def test_custom_amount_bar_takes_only_money(qtbot: QtBot, seed: int, site_id: str) -> None:
    from pos_app.ui.counter.custom_amount import CustomAmountBar

    site = site_for(site_id)
    rng = random.Random(seed)
    bar = CustomAmountBar(site)
    qtbot.addWidget(bar)
    bar.show()
    lines: list[object] = []
    bar.lineReady.connect(lines.append)
    accepted = 0
    for step in range(80):
        bar.open_bar()
        if rng.random() < 0.5:
            put(qtbot, rng, bar.description, typed(rng))
        put(qtbot, rng, bar.amount, typed(rng))
        text = bar.amount.text()
        try:
            expected: Decimal | None = read_amount(text, site)
        except ValidationError:
            expected = None
        before = len(lines)
        enter(qtbot, bar.amount)
        if len(lines) > before:
            line = lines[-1]
            accepted += 1
            assert expected is not None and line.unit_price == expected, (step, text)  # type: ignore[attr-defined]
            assert_money(line.unit_price, site)  # type: ignore[attr-defined]
            assert line.quantity == 1 and line.total(site) == line.unit_price  # type: ignore[attr-defined]
            assert_clean(line.title, tf.ITEM_DESCRIPTION.limit)  # type: ignore[attr-defined]
            assert line.title  # type: ignore[attr-defined]
            assert not bar.error.isVisibleTo(bar)
        else:
            assert bar.error.isVisibleTo(bar) and bar.error.text(), (step, text)
            assert bar.isVisible()
        assert len(bar.amount.text()) <= bar.amount.maxLength()
    assert accepted  # the fuzz reached the accepting path too


def _weighed(site_id: str) -> Product:
    return Product(
        sku="QUESO",
        title="Queso por kilo",
        unit_price=Decimal(8000),
        sale_unit=SaleUnit.KG,
    )


@seeds
@pytest.mark.parametrize("site_id", SITES)
def test_weight_dialog_takes_only_a_measure(qtbot: QtBot, seed: int, site_id: str) -> None:
    from pos_app.ui.counter.price_dialogs import WeightDialog

    site = site_for(site_id)
    rng = random.Random(seed)
    product = _weighed(site_id)
    accepted = 0
    dialog = None
    for step in range(60):
        if dialog is None or not dialog.isVisible():
            dialog = WeightDialog(product, site)
            qtbot.addWidget(dialog)
            dialog.show()
            lines: list[object] = []
            dialog.lineReady.connect(lines.append)
        put(qtbot, rng, dialog.measure, typed(rng))
        text = dialog.measure.text()
        enter(qtbot, dialog.measure)
        if lines:
            accepted += 1
            line = lines.pop()
            measure = line.measure  # type: ignore[attr-defined]
            assert isinstance(measure, Decimal) and measure.is_finite(), (step, text)
            assert Decimal(0) < measure <= MAX_MEASURE, (step, text)
            assert_money(line.total(site), site, zero_ok=True)  # type: ignore[attr-defined]
            assert not dialog.isVisible()
        else:
            assert dialog.isVisible(), (step, text)
            assert dialog.error.isVisibleTo(dialog) and dialog.error.text(), (step, text)
    assert accepted


@seeds
@pytest.mark.parametrize("site_id", SITES)
@pytest.mark.parametrize("on_line", [True, False])
def test_discount_dialogs_take_only_sane_discounts(
    qtbot: QtBot, seed: int, site_id: str, on_line: bool
) -> None:
    from pos_app.ui.counter.price_dialogs import DiscountDialog

    site = site_for(site_id)
    rng = random.Random(seed)
    gross = Decimal("12345.50") if site.decimals else Decimal(12345)
    measure = Decimal(3)
    accepted = 0
    for step in range(50):
        dialog = DiscountDialog(
            site,
            what="Yerba",
            gross=gross,
            measure=measure,
            on_line=on_line,
            current=None,
            limit=100,  # no PIN in this test: the value is what is fuzzed
            pin_hash="",
        )
        qtbot.addWidget(dialog)
        dialog.show()
        applied: list[Discount | None] = []
        dialog.applied.connect(applied.append)
        dialog.kind.setCurrentIndex(rng.randrange(dialog.kind.count()))
        if rng.random() < 0.6:
            put(qtbot, rng, dialog.reason, typed(rng) if rng.random() < 0.5 else "dañado")
        put(qtbot, rng, dialog.value, typed(rng))
        text = dialog.value.text()
        enter(qtbot, dialog.value)
        if applied:
            accepted += 1
            discount = applied[-1]
            assert discount is not None
            assert_clean(discount.reason, tf.DISCOUNT_REASON.limit)
            value = discount.value
            assert isinstance(value, Decimal) and value.is_finite() and value > 0, (step, text)
            if discount.kind is DiscountKind.PERCENT:
                assert value <= 100
            else:
                assert_money(value, site)
            if not on_line:
                assert discount.kind is not DiscountKind.PRICE
            off = discount.amount_off(gross, measure, site)
            assert_money(off, site, zero_ok=True)
            assert off <= gross
            assert not dialog.isVisible()
        elif not text.strip():
            assert not dialog.isVisible()  # nothing typed and nothing to remove: closes
        else:
            assert dialog.isVisible(), (step, text)
            assert dialog.error.isVisibleTo(dialog) and dialog.error.text(), (step, text)
        dialog.close()
    assert accepted
