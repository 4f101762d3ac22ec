"""Scale labels (variable-measure EAN-13): every preset, bad check digits, catalog codes."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from pos_app.domain.cart import Cart
from pos_app.domain.catalog import Product
from pos_app.domain.money import site_for
from pos_app.domain.order_lines import order_lines
from pos_app.domain.pricing import SaleUnit
from pos_app.domain.scale_label import (
    PRESETS,
    LabelValue,
    ScaleLabelError,
    ScaleLayout,
    code_candidates,
    ean13_check_digit,
    label_line,
    layouts_problem,
    read_layout,
    read_scale_label,
)

ARS = site_for("MLA")
COP = site_for("MCO")
ALL = tuple(PRESETS.values())


def test_check_digit_of_a_real_ean13() -> None:
    # 4006381333931 is GS1's own example
    assert ean13_check_digit("400638133393") == 1


@pytest.mark.parametrize("layout", ALL, ids=lambda lay: lay.name)
def test_every_preset_reads_the_labels_it_prints(layout: ScaleLayout) -> None:
    values = (
        [Decimal("0.350"), Decimal("1.005"), Decimal("12.000"), Decimal("0.001")]
        if layout.value is LabelValue.WEIGHT
        else [Decimal(2800), Decimal(99), Decimal(1)]
    )
    if layout.value is LabelValue.PRICE and layout.value_decimals:
        values += [Decimal("2800.55"), Decimal("0.01")]
    # What the layout's digits hold (mx-price: 5 with 2 decimals, $ 999.99 at most).
    most = Decimal(10) ** (layout.value_digits - layout.value_decimals)
    values = [value for value in values if value < most] + [most - layout.quantum]
    for code in ("1", "123", "9" * layout.code_digits):
        for value in values:
            text = layout.label(code, value)
            assert len(text) == 13 and text.startswith(layout.prefix)
            label = read_scale_label(text, (layout,))
            assert label is not None
            assert int(label.code) == int(code)
            assert (label.weight if layout.value is LabelValue.WEIGHT else label.price) == value
            # every single wrong check digit is refused, never read
            for wrong in "0123456789":
                if wrong != text[-1]:
                    with pytest.raises(ScaleLabelError) as err:
                        read_scale_label(text[:-1] + wrong, (layout,))
                    assert "check digit" in str(err.value)


def test_ordinary_barcodes_are_not_labels() -> None:
    assert read_scale_label("7790001000122", ALL) is None
    assert read_scale_label("20123", ALL) is None
    assert read_scale_label("２０１２３４５６７８９０１", ALL) is None


def test_longest_prefix_wins() -> None:
    text = PRESETS["ar-price-cents"].label("12", Decimal("15.50"))
    label = read_scale_label(text, (PRESETS["co-price"], PRESETS["ar-price-cents"]))
    assert label is not None and label.layout.name == "ar-price-cents"


def test_zero_label_refused() -> None:
    with pytest.raises(ScaleLabelError):
        read_scale_label(PRESETS["ar-weight"].label("1", Decimal(0)), ALL)


def test_custom_layouts_and_config_check() -> None:
    layout = read_layout("22-4-price-6-2")
    assert layout.prefix == "22" and layout.value_decimals == 2
    assert read_layout("AR-WEIGHT") is PRESETS["ar-weight"]
    assert layouts_problem(["ar-weight", "22-4-price-6-2"]) is None
    assert layouts_problem(["20-5-weight-6-3"]) is not None  # 14 digits
    assert layouts_problem(["19-5-weight-5-3"]) is not None  # not a scale prefix
    assert layouts_problem("ar-weight") is not None
    with pytest.raises(ValueError):
        ScaleLayout("x", "20", 5, LabelValue.WEIGHT, 5, 6)


def test_code_candidates() -> None:
    assert code_candidates("00123") == ("00123", "123")
    assert code_candidates("123") == ("123",)
    assert code_candidates("00000") == ("00000", "0")


CHEESE = Product("123", "Queso cremoso", Decimal(8000), sale_unit=SaleUnit.KG)


def test_weight_label_adds_the_weight() -> None:
    label = read_scale_label(PRESETS["ar-weight"].label("123", Decimal("0.350")), ALL)
    assert label is not None
    line = label_line(CHEESE, label, ARS)
    assert line.measure == Decimal("0.350") and line.total(ARS) == Decimal(2800)
    cart = Cart(ARS)
    cart.add(line)
    assert order_lines(cart)[0].title == "Queso cremoso 0,350 kg x $ 8.000,00/kg"


def test_price_label_recovers_the_weight_or_charges_the_price() -> None:
    co = (PRESETS["co-price"],)
    label = read_scale_label(PRESETS["co-price"].label("123", Decimal(2800)), co)
    assert label is not None
    line = label_line(CHEESE, label, COP)
    assert line.measure == Decimal("0.350") and line.total(COP) == Decimal(2800)
    odd = read_scale_label(PRESETS["co-price"].label("123", Decimal(2803)), co)
    assert odd is not None
    line = label_line(CHEESE, odd, COP)  # no gram gives 2803: the label's price as one unit
    assert line.measure is None and line.total(COP) == Decimal(2803)


def test_weight_label_on_a_unit_product_refused() -> None:
    label = read_scale_label(PRESETS["ar-weight"].label("123", Decimal("0.350")), ALL)
    assert label is not None
    with pytest.raises(ScaleLabelError):
        label_line(Product("123", "Yerba", Decimal(10)), label, ARS)


def test_a_price_label_with_cents_is_refused_in_pesos_without_cents() -> None:
    """A Chilean till reads Argentina's layouts unless set (``ar-price-cents``: 21 + PLU 4 +
    amount with 2 decimals): a label for $ 12.500 read as $ 125,00 charged $ 125, a hundredth.
    Where the currency has no cents, such a label is refused with what to do."""
    from pos_app.domain.scale_label import layouts_for

    clp = site_for("MLC")
    chilean = layouts_for("", "MLC")
    digits = PRESETS["ar-price-cents"].label("123", Decimal(125))  # the digits 012500
    label = read_scale_label(digits, chilean)
    assert label is not None and label.price == Decimal("125.00")
    for product in (CHEESE, Product("123", "Torta", Decimal(12500))):
        with pytest.raises(ScaleLabelError, match="decimals in the price, which CLP has not"):
            label_line(product, label, clp)
    # The same label in Argentina, and a layout without cents in Chile, charge the label.
    assert label_line(Product("123", "Torta", Decimal(125)), label, ARS).total(ARS) == 125
    whole = read_scale_label(
        PRESETS["co-price"].label("123", Decimal(12500)), (PRESETS["co-price"],)
    )
    assert whole is not None
    # (a Torta of $ 12.500: a price label on a unit product sells whole units of its price)
    assert label_line(Product("123", "Torta", Decimal(12500)), whole, clp).total(clp) == 12500
    # Weight labels are kilograms in any currency.
    weight = read_scale_label(PRESETS["ar-weight"].label("123", Decimal("0.350")), chilean)
    assert weight is not None
    assert label_line(replace(CHEESE, unit_price=Decimal(8000)), weight, clp).total(clp) == 2800


def test_a_weight_label_on_a_product_priced_per_gram_sells_grams() -> None:
    """A scale weighs in kilograms: 350 g of saffron at $ 15,00/g is $ 5.250,00. It was sold
    as 0,350 g, $ 5,25 (a thousandth); a product by the litre or the metre is not weighed."""
    label = read_scale_label(PRESETS["ar-weight"].label("123", Decimal("0.350")), ALL)
    assert label is not None
    saffron = Product("123", "Azafrán", Decimal(15), sale_unit=SaleUnit.G)
    line = label_line(saffron, label, ARS)
    assert line.measure == Decimal(350) and line.total(ARS) == Decimal("5250.00")
    cart = Cart(ARS)
    cart.add(line)
    assert order_lines(cart)[0].title == "Azafrán 350 g x $ 15,00/g"
    for unit in (SaleUnit.L, SaleUnit.M):
        with pytest.raises(ScaleLabelError, match="not sold by weight"):
            label_line(Product("123", "Soga", Decimal(1000), sale_unit=unit), label, ARS)


def _label(layout_name: str, code: str, value: str) -> str:
    layout = PRESETS[layout_name]
    body = layout.prefix + code + value
    return body + str(ean13_check_digit(body))


@pytest.mark.parametrize("unit", [SaleUnit.KG, SaleUnit.UNIT])
@pytest.mark.parametrize("layout", ["ar-price-cents", "ar-weight"])
def test_a_label_of_a_product_whose_price_cannot_be_read_is_refused_in_words(
    unit: SaleUnit, layout: str
) -> None:
    """A damaged catalog price is held as 0: a price label divided by it (DivisionByZero, a
    traceback from ``pos-app charge --sku``) instead of naming the product's problem."""
    code = _label(layout, "0001", "001500")
    label = read_scale_label(code, (PRESETS[layout],))
    assert label is not None
    damaged = Product(
        "0001",
        "Queso",
        Decimal(0),
        sale_unit=unit,
        damaged_column="unit_price",
        damaged_value="1,2,3",
    )
    with pytest.raises(ScaleLabelError) as refused:
        label_line(damaged, label, ARS)
    assert "Queso (0001) cannot be sold" in str(refused.value.msg)


@pytest.mark.parametrize("unit", [SaleUnit.KG, SaleUnit.UNIT])
def test_a_price_label_of_a_product_without_a_price_never_divides_by_it(unit: SaleUnit) -> None:
    label = read_scale_label(
        _label("ar-price-cents", "0001", "001500"), (PRESETS["ar-price-cents"],)
    )
    assert label is not None and label.price == Decimal("15.00")
    free = Product("0001", "Queso", Decimal(0), sale_unit=unit)
    if unit is SaleUnit.UNIT:
        with pytest.raises(ScaleLabelError):  # not n times a price of 0: not this product's
            label_line(free, label, ARS)
    else:  # no price per kg to find a weight with: the label's price, as one unit
        line = label_line(free, label, ARS)
        assert line.unit_price == Decimal("15.00") and line.measure is None
