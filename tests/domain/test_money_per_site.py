"""Issue 7: money written and read the way each country does; Colombian IVA contained."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos_app.domain.cart import IVA_RATES, Cart, CartLine
from pos_app.domain.money import (
    SITES,
    format_for_entry,
    format_money,
    parse_money,
    site_for,
)
from pos_app.domain.validation import ValidationError, read_amount

MLA, MLB, MLM, MLC, MCO, MLU, MPE = (
    site_for(s) for s in ("MLA", "MLB", "MLM", "MLC", "MCO", "MLU", "MPE")
)


@pytest.mark.parametrize(
    ("site", "written"),
    [
        (MLA, "$ 1.234,50"),
        (MLB, "R$ 1.234,50"),
        (MLM, "$ 1,234.50"),
        (MLC, "$ 1.235"),
        (MCO, "$ 1.235"),
        (MLU, "$ 1.234,50"),
        (MPE, "S/ 1,234.50"),
    ],
)
def test_each_site_writes_1234_50_its_own_way(site, written) -> None:  # type: ignore[no-untyped-def]
    assert format_money(Decimal("1234.50"), site) == written


@pytest.mark.parametrize(
    ("site", "amount", "written"),
    [
        (MLA, "0", "$ 0,00"),
        (MLA, "1234567.8", "$ 1.234.567,80"),
        (MLM, "999.999", "$ 1,000.00"),  # display rounds half-up
        (MCO, "1234.49", "$ 1.234"),
        (MLC, "999999.5", "$ 1.000.000"),
        (MPE, "-12.5", "\u2212S/ 12.50"),
        (MLB, "7", "R$ 7,00"),
    ],
)
def test_format_money_rounds_half_up_for_display(site, amount, written) -> None:  # type: ignore[no-untyped-def]
    assert format_money(Decimal(amount), site) == written


@pytest.mark.parametrize(
    ("site", "amount", "written"),
    [
        (MLA, "1234.5", "1.234,50"),
        (MLM, "1234.5", "1,234.50"),
        (MCO, "1234", "1.234"),
        (MCO, "1234.00", "1.234"),  # the same number: nothing to refuse
        (MCO, "1234.5", "1.234,5"),  # never rounded into a valid-looking 1.235
        (MLA, "1.005", "1,005"),
    ],
)
def test_format_for_entry_never_rounds(site, amount, written) -> None:  # type: ignore[no-untyped-def]
    assert format_for_entry(Decimal(amount), site) == written


@pytest.mark.parametrize(
    ("site", "text", "value"),
    [
        # every example from the issue, read back
        (MLA, "$ 1.234,50", "1234.50"),
        (MLB, "R$ 1.234,50", "1234.50"),
        (MLM, "$ 1,234.50", "1234.50"),
        (MLC, "$ 1.235", "1235"),
        (MCO, "$ 1.235", "1235"),
        (MLU, "$ 1.234,50", "1234.50"),
        (MPE, "S/ 1,234.50", "1234.50"),
        # the local decimal mark, with and without grouping
        (MLB, "1234,5", "1234.5"),
        (MLB, "12.5", "12.5"),
        (MPE, "12,5", "12.5"),
        (MLA, "1 234,50", "1234.50"),
        (MLA, "1\u00a0234,50", "1234.50"),  # a non-breaking space pasted from a document
        (MLA, "0.500", "0.500"),  # a leading zero is never a thousands group
        (MLA, ",5", "0.5"),
        (MCO, "1.234.567", "1234567"),
        (MCO, "2.500", "2500"),
        (MCO, "1,000", "1.000"),  # kept as written: validation refuses it
        (MLB, "$ 10", "10"),
        # not amounts
        (MLA, "1.234.5", None),
        (MLA, "1.23.456", None),
        (MLA, "1,234.50", None),  # Mexican writing in Argentina is ambiguous: refuse
        (MLM, "1.234,50", None),
        (MLA, "12,", None),
        (MLA, "-5", None),
        (MLA, "1e3", None),
        (MLA, "$", None),
        (MCO, "1,234,567", None),
    ],
)
def test_parse_money_reads_each_countrys_writing(site, text, value) -> None:  # type: ignore[no-untyped-def]
    parsed = parse_money(text, site)
    if value is None:
        assert parsed is None
    else:
        assert parsed == Decimal(value) and str(parsed) == value


@pytest.mark.parametrize(
    ("site", "text", "value"),
    [
        (MLA, "1.234,50", Decimal("1234.50")),
        (MLM, "1,234.5", Decimal("1234.5")),
        (MCO, "12.000", Decimal(12000)),
        (MLC, "$ 1.235", Decimal(1235)),
    ],
)
def test_read_amount_accepts_local_writing(site, text, value) -> None:  # type: ignore[no-untyped-def]
    assert read_amount(text, site) == value


@pytest.mark.parametrize(
    ("site", "text", "words"),
    [
        (MCO, "1.234,50", "Amounts in COP have no decimals: write 1.235."),
        (MCO, "12,000", "Amounts in COP have no decimals"),  # never 12 pesos
        (MCO, "1.234,00", "Amounts in COP have no decimals"),
        (MLC, "1500,5", "Amounts in CLP have no decimals"),
        (MLC, "12.5", "Amounts in CLP have no decimals"),
        (MLA, "12,345", "Amounts in ARS can have at most 2 decimals."),
        (MLA, "12,500", "at most 2 decimals"),  # 12.5, or twelve thousand five hundred?
        (MLM, "1.000", "Amounts in MXN can have at most 2 decimals."),  # one, or a thousand?
        (MLA, "0", "greater than zero"),
        (MLA, "doce", "“doce” is not an amount. Write it like 1.234,50."),
        (MLM, "doce", "Write it like 1,234.50."),
        (MLA, "  ", "Type the amount."),
    ],
)
def test_read_amount_refuses_with_a_reason(site, text, words) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        read_amount(text, site)
    assert words in str(caught.value)
    assert caught.value.msg.context == "Validation"


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(SITES)), st.decimals(min_value=0, max_value=10**9, places=2))
def test_entry_text_reads_back_to_the_same_amount(site_id: str, amount: Decimal) -> None:
    site = site_for(site_id)
    if site.decimals == 0:
        amount = amount.to_integral_value()
    assert parse_money(format_for_entry(amount, site), site) == amount


# == Colombian IVA ================================================================================
def _line(sku: str, price: int, rate: int, quantity: int = 1) -> CartLine:
    return CartLine(sku, f"P {sku}", Decimal(price), quantity=quantity, iva_rate=Decimal(rate))


def test_iva_of_a_mixed_rate_cart_is_summed_then_rounded_once() -> None:
    cart = Cart(MCO)
    cart.add(_line("A", 3500, 19, 3))  # 10500 × 19/119 = 1676.47...
    cart.add(_line("B", 2300, 5, 2))  # 4600 / 21 = 219.047...
    cart.add(_line("C", 1800, 0, 4))  # exempt
    cart.add(_line("D", 990, 19))  # 158.06...
    assert cart.total() == Decimal(23290)
    # 1676.470 + 219.048 + 158.067 = 2053.585 → 2054; per-line rounding would give 1676+219+158
    assert cart.iva_total() == Decimal(2054)
    assert cart.iva_by_rate() == ((Decimal(19), Decimal(1835)), (Decimal(5), Decimal(219)))


def test_exempt_only_cart_contains_no_iva() -> None:
    cart = Cart(MCO)
    cart.add(_line("C", 1800, 0, 4))
    assert cart.iva_total() == 0 and cart.iva_by_rate() == ()


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(50, 2_000_000), st.integers(1, 30), st.sampled_from(IVA_RATES)),
        min_size=1,
        max_size=25,
    )
)
def test_iva_matches_exact_arithmetic_and_the_breakdown_adds_up(
    lines: list[tuple[int, int, Decimal]],
) -> None:
    cart = Cart(MCO)
    for n, (price, quantity, rate) in enumerate(lines):
        cart.add(_line(f"S{n}", price, int(rate), quantity))
    exact = sum(
        (Fraction(p * q) * Fraction(int(r), 100 + int(r)) for p, q, r in lines), Fraction(0)
    )
    assert exact.denominator != 2  # never half a peso: half-up vs half-even never matters
    assert cart.iva_total() == Decimal(int(exact + Fraction(1, 2)))  # half-up on the exact value
    assert sum((amount for _, amount in cart.iva_by_rate()), Decimal(0)) == cart.iva_total()
    assert all(amount == amount.to_integral_value() for _, amount in cart.iva_by_rate())
