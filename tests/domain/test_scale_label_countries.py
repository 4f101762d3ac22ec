"""Scale labels per country and at their limits: Brazil's and Mexico's own layouts (they read
Argentina's), a weight printed finer than the gram, and labels whose weight a line cannot sell."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pos_app.domain.catalog import Product
from pos_app.domain.money import site_for
from pos_app.domain.pricing import SaleUnit
from pos_app.domain.scale_label import (
    PRESETS,
    ScaleLabelError,
    label_line,
    layouts_for,
    layouts_problem,
    read_layout,
    read_scale_label,
)

BRL = site_for("MLB")
MXN = site_for("MLM")
ARS = site_for("MLA")

# Printed by a Toledo scale in Brazil set to "code 4 digits + total": product 0149, R$ 2,84
# (autocom3's worked example of a Toledo label; its check digit is 0).
TOLEDO_PRICE = "2014900002840"
PAO_DE_QUEIJO = Product("149", "Pão de queijo", Decimal("13.90"), sale_unit=SaleUnit.KG)


def test_a_brazilian_toledo_price_label_charges_its_price() -> None:
    """Brazil read Argentina's layouts: ``2 0149 0000284 0`` was taken as ``20`` + PLU 14900 +
    0,284 kg (no such product, or the wrong one). Brazil's default is now Toledo's and
    Filizola's ``2`` + code 4 + total 7 (2 decimals)."""
    label = read_scale_label(TOLEDO_PRICE, layouts_for("", "MLB"))
    assert label is not None
    assert (label.code, label.price, label.weight) == ("0149", Decimal("2.84"), None)
    line = label_line(PAO_DE_QUEIJO, label, BRL)
    assert line.total(BRL) == Decimal("2.84")  # 0,204 kg x R$ 13,90 = R$ 2,8356 -> 2,84
    assert line.measure == Decimal("0.204")


def test_brazilian_weight_layout_reads_kilograms_with_a_four_digit_code() -> None:
    layout = read_layout("br-weight")
    text = layout.label("149", Decimal("1.250"))
    assert text.startswith("20149")
    label = read_scale_label(text, (layout,))
    assert label is not None and label.weight == Decimal("1.250")
    assert label_line(PAO_DE_QUEIJO, label, BRL).total(BRL) == Decimal("17.38")  # 17,375


def test_mexican_price_label_has_centavos() -> None:
    """Mexico read Argentina's ``ar-weight`` for every ``20`` label: a scale set to print the
    amount (``20`` + PLU 5 + pesos with 2 decimals, eleventa's layout) was sold as a weight,
    $ 45,50 read as 4,550 kg. ``mx-price`` reads the amount; ``mx-weight`` is the default."""
    ham = Product("123", "Jamón de pavo", Decimal("189.00"), sale_unit=SaleUnit.KG)
    text = PRESETS["mx-price"].label("123", Decimal("45.50"))
    label = read_scale_label(text, layouts_for("mx-price", "MLM"))
    assert label is not None and label.price == Decimal("45.50")
    assert label_line(ham, label, MXN).total(MXN) == Decimal("45.50")
    assert [lay.name for lay in layouts_for("", "MLM")] == ["mx-weight"]
    weight = read_scale_label(
        PRESETS["mx-weight"].label("123", Decimal("0.350")), layouts_for("", "MLM")
    )
    assert weight is not None
    assert label_line(ham, weight, MXN).total(MXN) == Decimal("66.15")


def test_a_weight_finer_than_the_gram_is_not_a_layout() -> None:
    """``20-4-weight-6-4`` read ``1,2345 kg`` as 1,234 kg (rounded half-even, never said): the
    till sells grams, so such a layout is refused where it is set, not rounded at each scan."""
    with pytest.raises(ValueError, match="gram"):
        read_layout("20-4-weight-6-4")
    assert layouts_problem(["20-4-weight-6-4"]) is not None
    assert layouts_problem(["20-4-price-6-4"]) is None  # a price may have 4 decimals written


def test_a_weight_label_more_than_a_line_sells_is_said_plainly() -> None:
    """99,999 kg of a product priced per gram is 99.999 g, more than one line sells (9.999,999):
    the check's ValidationError escaped the window's scan (only ScaleLabelError was caught)."""
    saffron = Product("123", "Azafrán", Decimal("15.00"), sale_unit=SaleUnit.G)
    label = read_scale_label(PRESETS["ar-weight"].label("123", Decimal("99.999")), ALL_AR)
    assert label is not None
    with pytest.raises(ScaleLabelError, match="Azafrán"):
        label_line(saffron, label, ARS)
    # In kilograms the same label sells: 99,999 kg is within a line.
    cheese = Product("123", "Queso", Decimal("8000.00"), sale_unit=SaleUnit.KG)
    assert label_line(cheese, label, ARS).measure == Decimal("99.999")


def test_a_price_label_whose_weight_a_line_cannot_sell_charges_the_label() -> None:
    """$ 9.999,99 of a product at $ 0,01 per gram would be 999.999 g: the weight it stands for
    cannot be a line, so the label's price is charged as one unit (what the label says), not a
    ValidationError out of the scan."""
    cheap = Product("205", "Semillas", Decimal("0.01"), sale_unit=SaleUnit.G)
    label = read_scale_label(PRESETS["ar-price-cents"].label("205", Decimal("9999.99")), ALL_AR)
    assert label is not None
    line = label_line(cheap, label, ARS)
    assert line.measure is None and line.total(ARS) == Decimal("9999.99")


ALL_AR = layouts_for("", "MLA")


SODA = Product("149", "Gaseosa 2,25 l", Decimal("3.50"))


def test_a_price_label_on_a_unit_product_sells_its_pieces_or_is_refused() -> None:
    """A price label whose code is a product sold by the unit was charged as one unit at any
    price it said. A scale pricing pieces prints n x the price: sold as n units at the price;
    another amount is not this product's (a label of another layout read as this one: Argentina's
    ``20 00149 00102`` read as ``br-price`` is code 0001 and R$ 49.001,02) and is refused."""
    layouts = layouts_for("br-price", "MLB")
    three = read_scale_label(PRESETS["br-price"].label("149", Decimal("10.50")), layouts)
    assert three is not None
    line = label_line(SODA, three, BRL)
    assert (line.quantity, line.unit_price, line.measure) == (3, Decimal("3.50"), None)
    one = read_scale_label(PRESETS["br-price"].label("149", Decimal("3.50")), layouts)
    assert one is not None and label_line(SODA, one, BRL).quantity == 1
    odd = read_scale_label(PRESETS["br-price"].label("149", Decimal("49001.02")), layouts)
    assert odd is not None
    with pytest.raises(ScaleLabelError, match="Gaseosa 2,25 l"):
        label_line(SODA, odd, BRL)
