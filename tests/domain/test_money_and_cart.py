"""Money per site and the cart: unit and property tests."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos_app.domain.cart import Cart, CartLine
from pos_app.domain.money import SITES, format_money, parse_money, quantize, site_for, to_api_number
from pos_app.domain.reference import is_valid_reference, new_reference
from pos_app.domain.sale import SaleStatus, can_transition
from pos_app.domain.validation import ValidationError, check_chargeable

ARS, CLP, MXN, BRL, COP = (site_for(s) for s in ("MLA", "MLC", "MLM", "MLB", "MCO"))


@pytest.mark.parametrize(
    ("site", "amount", "text"),
    [
        (ARS, "1234.5", "$ 1.234,50"),
        (BRL, "1234.5", "R$ 1.234,50"),
        (MXN, "1234.5", "$ 1,234.50"),
        (CLP, "1234.5", "$ 1.235"),
        (COP, "1234567", "$ 1.234.567"),
        (ARS, "-5", "−$ 5,00"),
    ],
)
def test_format_money_per_country(site, amount, text) -> None:  # type: ignore[no-untyped-def]
    assert format_money(Decimal(amount), site) == text


@pytest.mark.parametrize(
    ("site", "text", "value"),
    [
        (ARS, "1.234,50", "1234.50"),
        (ARS, "12,5", "12.5"),
        (ARS, "12.5", "12.5"),
        (ARS, "1.234", "1234"),
        (MXN, "1,234.50", "1234.50"),
        (MXN, "12,5", "12.5"),
        (CLP, "$ 1.235", "1235"),
        (ARS, "abc", None),
        (ARS, "", None),
        (ARS, "1,2,3", None),
    ],
)
def test_parse_money_accepts_local_separators(site, text, value) -> None:  # type: ignore[no-untyped-def]
    parsed = parse_money(text, site)
    assert parsed == (Decimal(value) if value is not None else None)


def test_api_numbers_are_integers_for_clp_and_cop() -> None:
    assert to_api_number(Decimal("1500"), CLP) == 1500
    assert isinstance(to_api_number(Decimal("1500"), COP), int)
    assert to_api_number(Decimal("1725.25"), ARS) == 1725.25


def test_cart_merges_and_validates() -> None:
    cart = Cart(ARS)
    cart.add(CartLine("A1", "  Yerba   1kg ", Decimal("1725.25")))
    cart.add(CartLine("A1", "Yerba 1kg", Decimal("1725.25"), quantity=2))
    assert len(cart) == 1 and cart[0].quantity == 3 and cart[0].title == "Yerba 1kg"
    assert cart.total() == Decimal("5175.75")
    cart.change_quantity(0, -10)
    assert cart[0].quantity == 1
    with pytest.raises(ValidationError, match="between 1 and 9999"):
        cart.set_quantity(0, 10_000)
    with pytest.raises(ValidationError, match="at most 2 decimals"):
        cart.add(CartLine("B", "X", Decimal("1.005")))
    with pytest.raises(ValidationError, match="no decimals"):
        Cart(CLP).add(CartLine("B", "X", Decimal("1.5")))
    with pytest.raises(ValidationError, match="greater than zero"):
        cart.add(CartLine("B", "X", Decimal("0")))
    with pytest.raises(ValidationError, match="needs a name"):
        cart.add(CartLine("B", "   ", Decimal("1")))
    cart.remove(0)
    with pytest.raises(ValidationError, match="empty"):
        check_chargeable(cart.total(), len(cart), ARS, Decimal(100))
    with pytest.raises(ValidationError, match="above this till's limit"):
        check_chargeable(Decimal(101), 1, ARS, Decimal(100))


def test_colombian_iva_contained_is_an_integer_total() -> None:
    cart = Cart(COP)
    cart.add(CartLine("A", "Gaseosa", Decimal(11900), iva_rate=Decimal(19)))  # 1900 IVA
    cart.add(CartLine("B", "Arroz", Decimal(4200), iva_rate=Decimal(5)))  # 200 IVA
    cart.add(CartLine("C", "Huevos", Decimal(9000)))  # exempt
    assert cart.iva_total() == Decimal(2100)


prices = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(prices, st.integers(1, 50)), min_size=1, max_size=30))
def test_totals_never_drift(items: list[tuple[Decimal, int]]) -> None:
    cart = Cart(ARS)
    for n, (price, qty) in enumerate(items):
        cart.add(CartLine(f"S{n}", f"P{n}", price, quantity=qty))
    assert cart.total() == sum(p * q for p, q in items)
    assert cart.total() == sum(line.total(ARS) for line in cart)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(SITES)), st.decimals(min_value=0, max_value=10**9, places=4))
def test_quantize_fits_the_site_and_round_trips_through_format(
    site_id: str, amount: Decimal
) -> None:
    site = site_for(site_id)
    q = quantize(amount, site)
    assert -q.as_tuple().exponent <= site.decimals  # type: ignore[operator]
    assert abs(q - amount) <= site.quantum / 2
    assert parse_money(format_money(q, site), site) == q


def test_references_fit_the_orders_api() -> None:
    refs = {new_reference("CAJA-01", n) for n in range(1, 200)}
    assert len(refs) == 199
    assert all(is_valid_reference(r) and len(r) <= 64 for r in refs)


def test_transitions_are_monotonic() -> None:
    assert can_transition(SaleStatus.CREATING, SaleStatus.PENDING)
    assert can_transition(SaleStatus.PENDING, SaleStatus.PAID)
    for terminal in (SaleStatus.PAID, SaleStatus.CANCELED, SaleStatus.EXPIRED, SaleStatus.FAILED):
        assert not any(can_transition(terminal, other) for other in SaleStatus)
    assert not can_transition(SaleStatus.PENDING, SaleStatus.CREATING)
