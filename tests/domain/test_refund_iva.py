"""The IVA each refund of a Colombian sale gives back (:mod:`pos_app.domain.refund_iva`):
never below zero at a rate, never more than the sale stated, and the refunds of a whole sale,
by line, by amount or mixed, give back exactly the IVA its ticket stated, rate by rate."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import example, given, settings
from hypothesis import strategies as st

from pos_app.domain.cart import Cart, CartLine
from pos_app.domain.money import quantize, site_for
from pos_app.domain.order_lines import charged_amounts
from pos_app.domain.pricing import Discount, DiscountKind
from pos_app.domain.refund_iva import GivenBack, refunds_iva

MCO = site_for("MCO")
D = Decimal


def sale(specs: list[tuple[int, int, int]], off: int) -> tuple[list[CartLine], Discount | None]:
    lines = [
        CartLine(f"S{i}", f"Item {i}", D(price), qty, iva_rate=D(rate))
        for i, (price, qty, rate) in enumerate(specs)
    ]
    return lines, Discount(DiscountKind.PERCENT, D(off)) if off else None


def stated(lines: list[CartLine], discount: Discount | None) -> dict[Decimal, Decimal]:
    cart = Cart(MCO)
    cart.restore(lines)
    cart.sale_discount = discount
    return dict(cart.iva_by_rate())


def total_of(lines: list[CartLine], discount: Discount | None) -> Decimal:
    cart = Cart(MCO)
    cart.restore(lines)
    cart.sale_discount = discount
    return cart.total()


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=1, max_value=90_000),
            st.integers(min_value=1, max_value=5),
            st.sampled_from([0, 5, 19]),
        ),
        min_size=1,
        max_size=5,
    ),
    st.integers(min_value=0, max_value=60),
    st.lists(st.tuples(st.booleans(), st.integers(0, 4), st.integers(1, 99)), max_size=6),
)
@example([(50, 1, 5), (51, 1, 5)], 1, [(True, 0, 1)])
@example([(3333, 3, 19), (1001, 1, 5), (2999, 2, 0)], 7, [(True, 0, 1), (False, 0, 31)])
def test_refunds_of_a_whole_sale_give_back_its_stated_iva(
    specs: list[tuple[int, int, int]],
    off: int,
    plan: list[tuple[bool, int, int]],
) -> None:
    lines, discount = sale(specs, off)
    total = total_of(lines, discount)
    charged = charged_amounts(_cart(lines, discount))
    done: dict[int, int] = {}
    given: list[GivenBack] = []
    refunded = D(0)
    for by_line, position, size in plan:
        left = total - refunded
        if left <= 0:
            break
        if by_line:  # as the refund service computes a refund by line: by units
            position %= len(lines)
            units, before = lines[position].quantity, done.get(position, 0)
            quantity = min(units - before, 1 + size % units)
            if quantity <= 0:
                continue
            amount = quantize(charged[position] * (before + quantity) / units, MCO) - quantize(
                charged[position] * before / units, MCO
            )
            if amount <= 0 or amount > left:
                continue
            done[position] = before + quantity
            given.append(GivenBack(amount, ((position, quantity),)))
        else:
            amount = max(D(1), quantize(left * size / 100, MCO))
            given.append(GivenBack(min(amount, left)))
        refunded += given[-1].amount
    if total - refunded > 0:
        given.append(GivenBack(total - refunded))  # the rest, by amount
    tickets = refunds_iva(MCO, lines, discount, total, given)
    assert len(tickets) == len(given)
    want = stated(lines, discount)
    so_far: dict[Decimal, Decimal] = {}
    for ticket in tickets:
        for rate, amount in ticket:
            assert rate and amount >= 0
            so_far[rate] = so_far.get(rate, D(0)) + amount
            assert so_far[rate] <= want[rate]
    assert {r: a for r, a in so_far.items() if a} == {r: a for r, a in want.items() if a}


def _cart(lines: list[CartLine], discount: Discount | None) -> Cart:
    cart = Cart(MCO)
    cart.restore(lines)
    cart.sale_discount = discount
    return cart


LINES = [
    CartLine("C1", "Cafe", D(3333), 3, iva_rate=D(19)),
    CartLine("P1", "Pan", D(1001), 1, iva_rate=D(5)),
    CartLine("L1", "Leche", D(2999), 2),
]


def test_hostile_rows_never_give_back_more_than_was_stated() -> None:
    # Places the sale does not have, a quantity past the line's, an amount of zero, a negative
    # one and one far past what was paid: counted by amount, capped at what is left.
    given = [
        GivenBack(D(100), ((-1, 1), (99, 1))),
        GivenBack(D(3333), ((0, 7),)),
        GivenBack(D(0)),
        GivenBack(D(-50)),
        GivenBack(D(10**9)),
        GivenBack(D(500)),
    ]
    tickets = refunds_iva(MCO, LINES, None, D(16998), given)
    assert tickets[2] == () and tickets[3] == () and tickets[5] == ()
    totals: dict[Decimal, Decimal] = {}
    for ticket in tickets:
        for rate, amount in ticket:
            assert amount >= 0
            totals[rate] = totals.get(rate, D(0)) + amount
    assert totals == stated(LINES, None) == {D(19): D(1596), D(5): D(48)}


def test_a_payment_beyond_the_total_carries_no_iva() -> None:
    """Paid twice over (cash taken and the QR paid too): the first amount given back is the
    payment beyond the total, with no IVA; then the goods', with theirs, once."""
    extra, half, rest = refunds_iva(
        MCO, LINES, None, D(33996), [GivenBack(D(16998)), GivenBack(D(8499)), GivenBack(D(8499))]
    )
    assert extra == ()
    assert half == ((D(19), D(798)), (D(5), D(24)))
    assert rest == ((D(19), D(798)), (D(5), D(24)))
    # By line, the goods' IVA whatever was paid beyond.
    (coffee,) = refunds_iva(MCO, LINES, None, D(33996), [GivenBack(D(9999), ((0, 3),))])
    assert coffee == ((D(19), D(1596)),)


def test_no_iva_outside_colombia_and_a_line_given_away() -> None:
    assert refunds_iva(site_for("MLA"), LINES, None, D(16998), [GivenBack(D(10))]) == [()]
    gift = Discount(DiscountKind.PERCENT, D(100))
    free = [*LINES, CartLine("R1", "Regalo", D(500), 1, iva_rate=D(19), discount=gift)]
    (ticket,) = refunds_iva(MCO, free, None, D(16998), [GivenBack(D(0), ((3, 1),))])
    assert ticket == ()
