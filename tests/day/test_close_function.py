"""The close is a pure function of the ledger's facts: any mix adds up."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from pos_app.domain.cart import CartLine
from pos_app.domain.day import (
    CashMovement,
    MovementKind,
    RefundFact,
    SaleFact,
    ShiftFact,
    compute_close,
    day_bounds,
    report_from_json,
    report_to_json,
)
from pos_app.domain.money import site_for
from pos_app.domain.sale import SaleStatus, Tender

ARS = site_for("MLA")
COP = site_for("MCO")
START = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)
END = START + timedelta(days=1)

amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(100000), places=2)
moments = st.integers(min_value=-3600, max_value=90000).map(lambda s: START + timedelta(seconds=s))


# Built once, not at every draw (hypothesis validates each new strategy object).
statuses = st.sampled_from(list(SaleStatus))
tenders = st.sampled_from([None, Tender.QR, Tender.CASH])
references = st.text(max_size=5)


@st.composite
def sale_facts(draw: st.DrawFn) -> SaleFact:
    status = draw(statuses)
    tender = draw(tenders)
    total = draw(amounts)
    settled = None if status in (SaleStatus.CREATING, SaleStatus.PENDING) else draw(moments)
    paid = total if status is SaleStatus.PAID else Decimal(0)
    return SaleFact(draw(references), status, tender, total, paid, settled)


movements = st.builds(
    CashMovement, st.sampled_from(list(MovementKind)), amounts, st.text(max_size=10), moments
)
refunds = st.builds(RefundFact, amounts, moments, st.sampled_from(list(Tender)))
shifts = st.builds(ShiftFact, st.text(max_size=10), amounts, moments)


def inside(t: datetime | None) -> bool:
    return t is not None and START <= t < END


@settings(max_examples=300, deadline=None)
@given(
    st.lists(sale_facts(), max_size=40),
    st.lists(refunds, max_size=10),
    st.lists(movements, max_size=10),
    st.lists(shifts, max_size=3),
    st.none() | amounts,
)
def test_any_mix_adds_up(sales, refund_list, moves, shift_list, counted) -> None:
    r = compute_close(
        number=7,
        site=ARS,
        opened_at=START,
        closed_at=END,
        sales=sales,
        refunds=refund_list,
        movements=moves,
        shifts=shift_list,
        counted_cash=counted,
    )
    mine = [s for s in sales if inside(s.settled_at)]
    qr = sum((s.paid_amount for s in mine if s.status is SaleStatus.PAID), Decimal(0))
    cash = sum(
        (
            s.total
            for s in mine
            if s.tender is Tender.CASH and s.status in (SaleStatus.PAID, SaleStatus.CANCELED)
        ),
        Decimal(0),
    )
    assert r.totals == {"mercadopago_qr": qr, "cash": cash}
    assert r.gross == qr + cash
    assert r.net == r.gross - r.refunds_total
    assert r.refunds_total == sum((x.amount for x in refund_list if inside(x.at)), Decimal(0))
    assert r.refunds_total == r.refunds["cash"] + r.refunds["mercadopago_qr"]
    floats = sorted((s for s in shift_list if inside(s.opened_at)), key=lambda s: s.opened_at)
    float_ = floats[0].starting_float if floats else Decimal(0)
    ins = sum((m.amount for m in moves if inside(m.at) and m.kind is MovementKind.IN), Decimal(0))
    outs = sum((m.amount for m in moves if inside(m.at) and m.kind is MovementKind.OUT), Decimal(0))
    assert r.expected_cash == float_ + cash + ins - outs - r.refunds["cash"]
    assert len(r.movements) == sum(1 for m in moves if inside(m.at))
    # Every sale settled in the period is counted exactly once somewhere.
    counted_somewhere = r.sales_count + r.canceled_count + r.expired_count + r.failed_count
    assert counted_somewhere == len(mine)
    assert r.open_count == sum(1 for s in sales if s.settled_at is None)
    if counted is None:
        assert r.difference is None
    else:
        assert r.difference == counted - r.expected_cash
    # The frozen JSON gives the same report back.
    assert report_from_json(report_to_json(r, ARS)) == r


def _sale(status: SaleStatus, tender: Tender | None, total: str, at: datetime) -> SaleFact:
    amount = Decimal(total)
    paid = amount if status is SaleStatus.PAID else Decimal(0)
    return SaleFact("R", status, tender, amount, paid, at)


def test_midnight_boundary_belongs_to_the_next_day() -> None:
    zone = ZoneInfo("America/Argentina/Buenos_Aires")
    start, end = day_bounds(date(2026, 12, 1), zone)
    assert end - start == timedelta(hours=24)
    last_second = end - timedelta(microseconds=1)
    sales = [
        _sale(SaleStatus.PAID, Tender.QR, "100", start),
        _sale(SaleStatus.PAID, Tender.QR, "10", last_second),
        _sale(SaleStatus.PAID, Tender.QR, "1", end),  # 00:00:00 of the next day
    ]
    day1 = compute_close(number=1, site=ARS, opened_at=start, closed_at=end, sales=sales)
    day2 = compute_close(
        number=2, site=ARS, opened_at=end, closed_at=end + timedelta(days=1), sales=sales
    )
    assert day1.totals["mercadopago_qr"] == Decimal("110.00")
    assert day2.totals["mercadopago_qr"] == Decimal("1.00")


def test_dst_day_in_santiago_has_23_hours_and_loses_no_sale() -> None:
    zone = ZoneInfo("America/Santiago")
    # Chile moves its clocks from 00:00 to 01:00 on the first Sunday of September 2026.
    start, end = day_bounds(date(2026, 9, 6), zone)
    assert end - start == timedelta(hours=23)
    before, _ = day_bounds(date(2026, 9, 5), zone)
    after_start, after_end = day_bounds(date(2026, 9, 7), zone)
    assert after_start == end
    # One sale per hour across three days: each lands in exactly one day.
    sales = [_sale(SaleStatus.PAID, Tender.QR, "1", before + timedelta(hours=h)) for h in range(71)]
    totals = [
        compute_close(number=n, site=ARS, opened_at=a, closed_at=b, sales=sales).sales_count
        for n, (a, b) in enumerate([(before, start), (start, end), (end, after_end)])
    ]
    assert totals == [24, 23, 24]
    # Back to winter time in April: a 25-hour day.
    s, e = day_bounds(date(2026, 4, 4), zone)
    assert e - s == timedelta(hours=25)


def test_colombian_iva_per_rate_from_the_lines() -> None:
    lines = (
        CartLine(sku="a", title="A", unit_price=Decimal(11900), quantity=1, iva_rate=Decimal(19)),
        CartLine(sku="b", title="B", unit_price=Decimal(10500), quantity=2, iva_rate=Decimal(5)),
        CartLine(sku="c", title="C", unit_price=Decimal(5000), quantity=1),
    )
    sale = SaleFact("R", SaleStatus.PAID, Tender.QR, Decimal(37900), Decimal(37900), START, lines)
    cash = SaleFact(
        "S", SaleStatus.CANCELED, Tender.CASH, Decimal(11900), Decimal(0), START, lines[:1]
    )
    r = compute_close(number=1, site=COP, opened_at=START, closed_at=END, sales=[sale, cash])
    assert r.iva == {"19": Decimal(3800), "5": Decimal(1000)}
    assert report_to_json(r, COP)["iva"] == {"19": "3800", "5": "1000"}


def test_late_payment_is_counted_when_it_arrives() -> None:
    sale = SaleFact("R", SaleStatus.PAID, Tender.QR, Decimal(50), Decimal(50), END, (), True)
    day1 = compute_close(number=1, site=ARS, opened_at=START, closed_at=END, sales=[sale])
    day2 = compute_close(
        number=2, site=ARS, opened_at=END, closed_at=END + timedelta(days=1), sales=[sale]
    )
    assert day1.sales_count == 0 and day2.sales_count == 1
    assert day2.late_payments == ("R",)


def test_report_text_fits_a_receipt_printer() -> None:
    from pos_app.domain.day_report import report_rows, report_text

    moves = [CashMovement(MovementKind.OUT, Decimal("250.50"), "proveedor de hielo " * 4, START)]
    sale = _sale(SaleStatus.PAID, Tender.QR, "3450.50", START)
    r = compute_close(
        number=3, site=ARS, opened_at=START, closed_at=END, sales=[sale], movements=moves
    )
    for width in (32, 42, 48):
        text = report_text(report_rows(r, ARS), lambda m: m.source.format(**m.params), width)
        assert all(len(line) <= width for line in text.splitlines())
        assert "$ 3.450,50" in text and "−$ 250,50" in text


def test_colombian_iva_is_on_the_discounted_prices_the_order_reported() -> None:
    from pos_app.domain.cart import Cart
    from pos_app.domain.pricing import Discount, DiscountKind

    lines = (
        CartLine(sku="a", title="A", unit_price=Decimal(11900), quantity=1, iva_rate=Decimal(19)),
        CartLine(sku="b", title="B", unit_price=Decimal(10500), quantity=2, iva_rate=Decimal(5)),
    )
    off = Discount(DiscountKind.PERCENT, Decimal(10), "promo QR")
    cart = Cart(COP)
    cart.restore(list(lines))
    cart.sale_discount = off
    paid = cart.total()
    sale = SaleFact("R", SaleStatus.PAID, Tender.QR, paid, paid, START, lines, sale_discount=off)
    r = compute_close(number=1, site=COP, opened_at=START, closed_at=END, sales=[sale])
    assert r.iva == {_k(rate): amount for rate, amount in cart.iva_by_rate()}
    assert sum(r.iva.values()) == cart.iva_total() < 3800 + 1000  # less than undiscounted


def _k(rate: Decimal) -> str:
    return str(rate.normalize())
