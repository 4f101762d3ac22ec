"""Hostile input through the counter window itself: the custom amount bar (F2), the line (F7)
and sale (F8) discounts and the weight dialog, mixed with the keys that change the cart
(+, -, Delete) so discounts outlive the lines they were typed for. The cart never holds a
negative, non-finite or over-precise amount, and its total always adds up."""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pos_app.domain.catalog import Product
from pos_app.domain.pricing import SaleUnit
from pos_app.ui.counter.main_window import MainWindow
from tests.ui.fuzz_input import assert_money, enter, put, typed
from tests.ui.test_counter_fuzz import _check_cart

pytestmark = pytest.mark.gui

CHEESE = Product(
    sku="QKG", title="Queso por kilo", unit_price=Decimal("8000.50"), sale_unit=SaleUnit.KG
)


def _check_money(window: MainWindow) -> None:
    _check_cart(window)
    site, cart = window.site, window.model.cart
    for line in cart.lines:
        assert_money(line.unit_price, site)
        assert_money(line.total(site), site, zero_ok=True)
    assert_money(cart.total(), site, zero_ok=True)


@pytest.mark.parametrize("seed", [1])
def test_counter_dialogs_through_the_window_keep_the_cart_sane(
    window: MainWindow, qtbot: QtBot, seed: int, monkeypatch: Any
) -> None:
    rng = random.Random(seed)
    for _step in range(60):
        roll = rng.random()
        if roll < 0.3:
            window.open_custom_amount()
            bar = window.custom_bar
            put(qtbot, rng, bar.amount, rng.choice(["1500", "99,99", typed(rng)]))
            enter(qtbot, bar.amount)
            bar.close_bar()
        elif roll < 0.55:
            dialog = (
                window.open_line_discount() if rng.random() < 0.5 else window.open_sale_discount()
            )
            if dialog is not None:
                dialog.kind.setCurrentIndex(rng.randrange(dialog.kind.count()))
                put(qtbot, rng, dialog.value, rng.choice(["10", "500", "100", typed(rng)]))
                put(qtbot, rng, dialog.reason, rng.choice(["dañado", typed(rng)]))
                enter(qtbot, dialog.value)
                if dialog.isVisible():
                    dialog.reject()
        elif roll < 0.7:
            dialog = window.open_weight_entry(CHEESE)
            put(qtbot, rng, dialog.measure, rng.choice(["0,350", "2", typed(rng)]))
            enter(qtbot, dialog.measure)
            if dialog.isVisible():
                dialog.reject()
        else:
            window.scan.clear()
            qtbot.keyClick(
                window.scan, rng.choice([Qt.Key.Key_Plus, Qt.Key.Key_Minus, Qt.Key.Key_Delete])
            )
        _check_money(window)
    assert not window.in_payment
