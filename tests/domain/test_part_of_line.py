"""A line given back in parts (:func:`pos_app.domain.refund_iva.part_of_line`): each part's
price less its shares of the discounts is exactly its money (the refund's amount for it, by
:func:`part_of_charge`), no share is negative, and the parts of the whole line add up to the
line's price, its own discount, its share of the sale's and its charge, to the peso or cent."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from hypothesis import example, given, settings
from hypothesis import strategies as st

from pos_app.domain.cart import Cart, CartLine
from pos_app.domain.money import site_for
from pos_app.domain.order_lines import charged_amounts
from pos_app.domain.pricing import Discount, DiscountKind, SaleUnit
from pos_app.domain.refund_iva import part_of_charge, part_of_line, sold_amount

D = Decimal


@settings(max_examples=300, deadline=None)
@given(
    site_id=st.sampled_from(["MLC", "MCO", "MLA"]),
    price=st.integers(min_value=1, max_value=50_000),
    units=st.integers(min_value=1, max_value=7),
    grams=st.one_of(st.none(), st.integers(min_value=1, max_value=5000)),
    own=st.one_of(
        st.none(),
        st.tuples(st.sampled_from(["percent", "amount"]), st.integers(min_value=1, max_value=99)),
    ),
    sale_off=st.integers(min_value=0, max_value=40),
    other=st.integers(min_value=0, max_value=30_000),
    cuts=st.lists(st.integers(min_value=1, max_value=1000), min_size=1, max_size=5),
)
@example("MLC", 1000, 2, None, ("amount", 50), 0, 0, [1, 1])  # "$ 500 off" of $ 1.000 × 2
def test_the_parts_of_a_line_add_up(
    site_id: str,
    price: int,
    units: int,
    grams: int | None,
    own: tuple[str, int] | None,
    sale_off: int,
    other: int,
    cuts: list[int],
) -> None:
    site = site_for(site_id)
    measure = D(grams) / 1000 if grams is not None else None
    line = CartLine(
        "X",
        "Item",
        D(price),
        1 if measure is not None else units,
        sale_unit=SaleUnit.KG if measure is not None else SaleUnit.UNIT,
        measure=measure,
    )
    gross = line.gross(site)
    if own is not None:
        kind, value = own
        off = (
            Discount(DiscountKind.PERCENT, D(value))
            if kind == "percent"
            else Discount(DiscountKind.AMOUNT, min(gross, gross * value // 100))
        )
        line = replace(line, discount=off)
    lines = [line] + ([CartLine("O", "Other", D(other), 1)] if other else [])
    cart = Cart(site)
    cart.restore(lines)
    if sale_off:
        cart.sale_discount = Discount(DiscountKind.PERCENT, D(sale_off))
    charged = charged_amounts(cart)[0]
    sold = sold_amount(line)
    quantum = D("0.001") if measure is not None else D(1)
    # Given back in pieces of the weight or units, the last one what is left.
    pieces: list[Decimal] = []
    before = D(0)
    for cut in cuts:
        now = min(sold - before, max(quantum, (sold * cut / 1000).quantize(quantum)))
        if now <= 0:
            break
        pieces.append(now)
        before += now
    if before < sold:
        pieces.append(sold - before)
    totals = [D(0)] * 4
    before = D(0)
    for now in pieces:
        part = part_of_line(line, charged, before, now, site)
        assert part.charged == part_of_charge(charged, sold, before, now, site)
        assert part.gross - part.own_off - part.sale_off == part.charged
        assert part.own_off >= 0 and part.sale_off >= 0 and part.charged >= 0
        if line.discount is None:
            assert part.own_off == 0
        if not sale_off:
            assert part.sale_off == 0
        for i, value in enumerate((part.gross, part.own_off, part.sale_off, part.charged)):
            totals[i] += value
        before += now
    own_total = line.discount_amount(site)
    assert totals == [gross, own_total, line.total(site) - charged, charged]
