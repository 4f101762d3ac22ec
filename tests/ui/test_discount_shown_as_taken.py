"""An amount off that a line (or the sale) shrank under is shown as what it takes. Three
empanadas with $ 3.000 off, then "-" twice: the line is $ 1.200 and its discount takes $ 1.200,
but the cart said "−$ 3.000,00" beside it (and "Sale discount −$ 5.000,00" beside a total that
lost the lines it came from). The money was right (clamped); what the cashier read was not."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pos_app.domain.cart import Cart, CartLine
from pos_app.domain.money import site_for
from pos_app.domain.pricing import Discount, DiscountKind
from pos_app.ui.counter.cart_model import COL_UNIT_PRICE, CartTableModel
from pos_app.ui.counter.price_text import sale_discount_text

pytestmark = pytest.mark.gui

ARS = site_for("MLA")
EMPANADA = CartLine("E1", "Empanada", Decimal("1200.00"), 3)


def test_a_line_discount_after_the_quantity_went_down(qapp: object) -> None:
    model = CartTableModel(ARS)
    model.add_line(EMPANADA)
    model.set_line_discount(0, Discount(DiscountKind.AMOUNT, Decimal(3000)))
    assert "−$ 3.000,00" in model.index(0, COL_UNIT_PRICE).data()
    model.change_quantity(0, -2)
    shown = model.index(0, COL_UNIT_PRICE).data()
    assert "−$ 1.200,00" in shown and "3.000" not in shown
    assert model.cart.total() == 0


def test_a_sale_discount_after_a_line_went(qapp: object) -> None:
    cart = Cart(ARS)
    cart.add(EMPANADA)
    cart.add(CartLine("Y", "Yerba", Decimal("4890.00")))
    cart.sale_discount = Discount(DiscountKind.AMOUNT, Decimal(5000))
    assert sale_discount_text(cart) == "−$ 5.000,00"
    cart.remove(1)
    assert sale_discount_text(cart) == "−$ 3.600,00"
    cart.sale_discount = Discount(DiscountKind.PERCENT, Decimal(10), "jubilado")
    assert sale_discount_text(cart) == "−10 % (jubilado)"
