"""Weighed products, discounts and the order lines sent to Mercado Pago (issue 20)."""

from __future__ import annotations

import functools
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pos_app.domain.cart import Cart, CartLine
from pos_app.domain.money import SITES, quantize, site_for
from pos_app.domain.order_lines import charged_amounts, order_lines, share_out
from pos_app.domain.pricing import (
    Discount,
    DiscountKind,
    SaleUnit,
    check_discount,
    check_measure,
    format_measure,
    iva_contained,
    parse_measure,
    parse_percent,
)
from pos_app.domain.validation import IVA_RATES, ValidationError

ARS = site_for("MLA")
COP = site_for("MCO")


def cheese(measure: str = "0.350", price: str = "8000") -> CartLine:
    return CartLine(
        sku="QC1",
        title="Queso cremoso",
        unit_price=Decimal(price),
        sale_unit=SaleUnit.KG,
        measure=Decimal(measure),
    )


def test_measured_line_total_is_rounded_once_and_sent_as_quantity_one() -> None:
    cart = Cart(ARS)
    cart.add(cheese("0.357", "7999.99"))  # 2855.99643 -> 2856.00
    assert cart.total() == Decimal("2856.00")
    [item] = order_lines(cart)
    assert item.quantity == 1
    assert item.unit_price == Decimal("2856.00")
    assert item.title == "Queso cremoso 0,357 kg x $ 7.999,99/kg"


def test_measured_title_the_brief_example() -> None:
    cart = Cart(ARS)
    cart.add(cheese())
    assert order_lines(cart)[0].title == "Queso cremoso 0,350 kg x $ 8.000,00/kg"
    cart_cop = Cart(COP)
    cart_cop.add(cheese())
    assert order_lines(cart_cop)[0].title == "Queso cremoso 0,350 kg x $ 8.000/kg"


def test_long_name_is_cut_never_the_weight() -> None:
    cart = Cart(ARS)
    cart.add(CartLine("X", "Q" * 200, Decimal("10"), sale_unit=SaleUnit.KG, measure=Decimal("1")))
    title = order_lines(cart)[0].title
    assert len(title) <= 150 and title.endswith("1,000 kg x $ 10,00/kg")


def test_measured_lines_never_merge_and_ignore_quantity_keys() -> None:
    cart = Cart(ARS)
    cart.add(cheese())
    cart.add(cheese())
    assert len(cart) == 2
    assert cart.change_quantity(0, +1).quantity == 1


def test_measure_format_and_parse() -> None:
    assert format_measure(Decimal("0.35"), SaleUnit.KG, ARS) == "0,350 kg"
    assert format_measure(Decimal("1.5"), SaleUnit.L, site_for("MLM")) == "1.500 l"
    assert format_measure(Decimal("250"), SaleUnit.G, ARS) == "250 g"
    assert parse_measure("0,350", ARS) == Decimal("0.350")
    assert parse_measure("0.35 kg", ARS) == Decimal("0.35")
    assert parse_measure(",5", ARS) == Decimal("0.5")
    for bad in ("", "1,2,3", "abc", "1.", "-1", "1e3"):
        assert parse_measure(bad, ARS) is None
    with pytest.raises(ValidationError):
        check_measure(Decimal("0.3501"))
    with pytest.raises(ValidationError):
        check_measure(Decimal(0))


def test_a_percentage_is_a_number_with_at_most_one_percent_sign_and_no_unit() -> None:
    for text, value in (("10", "10"), ("12,5", "12.5"), (" 12.5 % ", "12.5"), ("7%", "7")):
        assert parse_percent(text) == Decimal(value), text
    # parse_measure takes a unit after the number: "10kg" was a 10 % discount
    for bad in ("10kg", "10 g", "10 L", "10m", "10 u", "10%%", "%", "", "1,2,3", "1e3", "٣"):
        assert parse_percent(bad) is None, bad


def test_line_discounts_of_each_kind() -> None:
    line = CartLine("Y", "Yerba", Decimal("1000"), quantity=3)
    pct = Discount(DiscountKind.PERCENT, Decimal("10"), "QR")
    amount = Discount(DiscountKind.AMOUNT, Decimal("250"))
    price = Discount(DiscountKind.PRICE, Decimal("800"), "dañado")
    assert CartLine("Y", "Yerba", Decimal("1000"), 3, discount=pct).total(ARS) == Decimal("2700")
    assert CartLine("Y", "Yerba", Decimal("1000"), 3, discount=amount).total(ARS) == 2750
    assert CartLine("Y", "Yerba", Decimal("1000"), 3, discount=price).total(ARS) == 2400
    assert line.total(ARS) == 3000
    # never below zero
    big = Discount(DiscountKind.AMOUNT, Decimal("5000"))
    assert CartLine("Y", "Yerba", Decimal("1000"), 3, discount=big).total(ARS) == 0


def test_check_discount_refuses_nonsense() -> None:
    for bad in (Decimal(0), Decimal(101), Decimal("10.555")):
        with pytest.raises(ValidationError):
            check_discount(Discount(DiscountKind.PERCENT, bad), ARS, on_line=True)
    with pytest.raises(ValidationError) as refused:
        check_discount(Discount(DiscountKind.AMOUNT, Decimal("10.5")), COP, on_line=False)
    # Said as the amount fields say it, never "can have at most 0 decimals".
    assert str(refused.value) == "Amounts in COP have no decimals: write 1.235."
    with pytest.raises(ValueError):
        check_discount(Discount(DiscountKind.PRICE, Decimal(10)), ARS, on_line=False)


def test_sale_discount_split_into_items_exactly() -> None:
    cart = Cart(ARS)
    cart.add(CartLine("A", "Alfajor", Decimal("100.00"), quantity=3))
    cart.add(CartLine("B", "Yerba", Decimal("1725.25")))
    cart.sale_discount = Discount(DiscountKind.PERCENT, Decimal("10"))
    items = order_lines(cart)
    assert cart.total() == Decimal("1822.72")  # 2025.25 - 202.53 (202.525 rounded half-up)
    assert sum(i.total for i in items) == cart.total()
    # 300 - 30.00 share of the discount = 270.00 -> 3 x 90.00
    alfajores = [i for i in items if i.sku == "A"]
    assert sum(i.total for i in alfajores) == sum(charged_amounts(cart)[:1])


def test_uneven_line_is_two_items_of_the_same_product() -> None:
    cart = Cart(COP)
    cart.add(CartLine("A", "Arepa", Decimal("1000"), quantity=3))
    cart.add(CartLine("B", "Café", Decimal("1"), quantity=1))
    cart.sale_discount = Discount(DiscountKind.AMOUNT, Decimal("1"))
    items = order_lines(cart)
    assert sum(i.total for i in items) == cart.total() == Decimal("3000")
    # the arepas take the peso (largest remainder): 2999 over 3 units = 1 x 999 + 2 x 1000
    assert [(i.quantity, i.unit_price) for i in items if i.sku == "A"] == [
        (1, Decimal(999)),
        (2, Decimal(1000)),
    ]


def test_iva_computed_on_discounted_prices() -> None:
    cart = Cart(COP)
    cart.add(CartLine("A", "Gaseosa", Decimal("11900"), iva_rate=Decimal(19)))
    assert cart.iva_total() == Decimal(1900)
    cart.sale_discount = Discount(DiscountKind.PERCENT, Decimal(50))
    assert cart.total() == Decimal(5950)
    assert cart.iva_total() == Decimal(950)
    cart.set_line_discount(0, Discount(DiscountKind.PRICE, Decimal(2380)))
    assert cart.total() == Decimal(1190)
    assert cart.iva_total() == Decimal(190)


def test_share_out_largest_remainder() -> None:
    q = Decimal(1)
    assert share_out(Decimal(10), [Decimal(1)] * 3, q) == [Decimal(4), Decimal(3), Decimal(3)]
    assert share_out(Decimal(0), [Decimal(5)], q) == [Decimal(0)]
    assert share_out(Decimal(5), [Decimal(0), Decimal(0)], q) == [Decimal(0), Decimal(0)]


# -- properties --------------------------------------------------------------------------------
# The strategies are built once per site's decimals, not at every draw: hypothesis validates
# each new strategy object, and building them inside ``carts`` made that most of the run.
@functools.cache
def _price(site_decimals: int) -> st.SearchStrategy[Decimal]:
    return st.integers(min_value=1, max_value=5_000_000).map(
        lambda n: Decimal(n).scaleb(-site_decimals)
    )


_PERCENT = st.builds(
    Discount,
    st.just(DiscountKind.PERCENT),
    st.integers(1, 10000).map(lambda n: Decimal(n).scaleb(-2)),
)


@functools.cache
def _line_discount(site_decimals: int) -> st.SearchStrategy[Discount | None]:
    return st.one_of(
        st.none(),
        _PERCENT,
        st.builds(Discount, st.just(DiscountKind.AMOUNT), _price(site_decimals)),
        st.builds(Discount, st.just(DiscountKind.PRICE), _price(site_decimals)),
    )


@functools.cache
def _sale_discount(site_decimals: int) -> st.SearchStrategy[Discount | None]:
    return st.one_of(
        st.none(),
        _PERCENT,
        st.builds(Discount, st.just(DiscountKind.AMOUNT), _price(site_decimals)),
    )


_SITES = st.sampled_from(sorted(SITES))
_MEASURED_UNITS = st.sampled_from([u for u in SaleUnit if u.is_measured])
_IVA = st.sampled_from(IVA_RATES)


@st.composite
def carts(draw: st.DrawFn) -> Cart:
    site = SITES[draw(_SITES)]
    cart = Cart(site)
    for n in range(draw(st.integers(min_value=1, max_value=8))):
        price = draw(_price(site.decimals))
        measured = draw(st.booleans())
        discount = draw(_line_discount(site.decimals))
        iva = draw(_IVA) if site.reports_iva else Decimal(0)
        if measured:
            measure = Decimal(draw(st.integers(1, 99_999))).scaleb(-3)
            line = CartLine(
                f"S{n}",
                "Queso",
                price,
                sale_unit=draw(_MEASURED_UNITS),
                measure=measure,
                discount=discount,
                iva_rate=iva,
            )
        else:
            qty = draw(st.integers(1, 50))
            line = CartLine(f"S{n}", "Yerba", price, quantity=qty, discount=discount, iva_rate=iva)
        cart.add(line)
    cart.sale_discount = draw(_sale_discount(site.decimals))
    return cart


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(carts())
def test_items_add_up_to_the_total_never_negative_iva_consistent(cart: Cart) -> None:
    site = cart.site
    items = order_lines(cart)
    total = cart.total()
    assert total >= 0
    assert total == cart.subtotal() - cart.sale_discount_amount()
    assert sum((i.total for i in items), Decimal(0)) == total
    for item in items:
        assert item.unit_price > 0
        assert quantize(item.unit_price, site) == item.unit_price
        assert isinstance(item.quantity, int) and item.quantity >= 1
        assert len(item.title) <= 150
    charged = charged_amounts(cart)
    assert all(c >= 0 for c in charged)
    assert sum(charged, Decimal(0)) == total
    for line, amount in zip(cart, charged, strict=True):
        assert amount <= line.total(site) <= line.gross(site)
    # IVA: the same rule on the items as sent (each item's rate) gives the cart's figure
    on_items = quantize(sum((iva_contained(i.total, i.iva_rate) for i in items), Decimal(0)), site)
    assert on_items == cart.iva_total()
    assert sum(amount for _rate, amount in cart.iva_by_rate()) == cart.iva_total()
    assert cart.iva_total() <= total


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(sorted(SITES)),
    st.integers(min_value=1, max_value=10**7),
    st.integers(min_value=0, max_value=100),
    st.integers(min_value=1, max_value=10_000),
)
def test_a_discount_at_the_limit_needs_no_pin_and_one_peso_more_does(
    site_id: str, gross_units: int, limit: int, percent_hundredths: int
) -> None:
    """The supervisor limit is compared in money: a percentage at or under the limit never
    asks for the PIN, even when the currency's rounding makes it take a little more than that
    percentage (20 % of $ 999 in pesos is $ 200: 20.02 %, and was refused as above 20 %); an
    amount off is within the limit exactly when it takes no more than that percentage would."""
    site = site_for(site_id)
    gross = Decimal(gross_units) * site.quantum
    one = Decimal(1)
    typed = Decimal(percent_hundredths) / 100
    percent = Discount(DiscountKind.PERCENT, typed)
    assert percent.above_limit(gross, one, site, limit) == (
        quantize(gross * typed / 100, site) > quantize(gross * limit / 100, site)
    )
    if typed <= limit:
        assert not percent.above_limit(gross, one, site, limit)
    at_limit = quantize(gross * limit / 100, site)
    if at_limit:
        assert not Discount(DiscountKind.AMOUNT, at_limit).above_limit(gross, one, site, limit)
    if at_limit + site.quantum <= gross:
        more = Discount(DiscountKind.AMOUNT, at_limit + site.quantum)
        assert more.above_limit(gross, one, site, limit)
