"""Fuzzing the day's close and its check against Mercado Pago (the logic, not the parsers:
tests/mercadopago/test_fuzz_responses.py fuzzes those).

1. :func:`reconcile_day` on generated days that agree with Mercado Pago (sales crossing
   midnight, dates written in any offset, a sale paid twice, payments refunded in part or in
   full, pages that repeat a payment, empty days): all match; then one change at a time (a
   payment behind the app's back, a payment Mercado Pago lost) is found, and only it.
2. :func:`compute_close` split at any instant adds up to the unsplit period, whatever the
   zones the facts were written in; 10,000 sales at each currency's ceiling add up exactly.
3. Against the sandbox: a sale refunded in part, then in full, still matches its payment.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pos_app.checkout.day import payment_of
from pos_app.domain.day import (
    RefundFact,
    SaleFact,
    compute_close,
    day_bounds,
    report_from_json,
    report_to_json,
    site_zone,
)
from pos_app.domain.money import SITES, site_for
from pos_app.domain.reconciliation import MpPayment, reconcile_day
from pos_app.domain.records import SaleSnapshot
from pos_app.domain.sale import SaleStatus, Tender
from pos_app.mercadopago.errors import UnexpectedResponseError
from pos_app.mercadopago.models import FoundPayment
from tests.checkout.test_cli import cli_json
from tests.day.test_cli_day import _charge
from tests.thread_sandbox import ThreadSandbox

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Offsets a date may be written in: UTC, the sites' own, and odd ones (+05:45, -09:30, +14).
OFFSETS = [timedelta(minutes=m) for m in (0, -180, -240, -300, -360, 345, -570, 840, 60)]


def somewhere(moment: datetime, pick: int) -> datetime:
    """The same instant written in another offset."""
    return moment.astimezone(timezone(OFFSETS[pick % len(OFFSETS)]))


@st.composite
def days(draw: st.DrawFn) -> tuple[datetime, datetime, list[SaleSnapshot], list[MpPayment]]:
    """A site's day (DST days included) and a ledger and a payments search that agree."""
    site = site_for(draw(st.sampled_from(sorted(SITES))))
    day = date(2026, draw(st.sampled_from([4, 9, 12])), draw(st.integers(1, 28)))
    begin, end = day_bounds(day, site_zone(site.site_id))
    sales: list[SaleSnapshot] = []
    payments: list[MpPayment] = []
    next_id = 9_000_000_000
    for n in range(draw(st.integers(0, 12))):
        # From three hours before the day to three after it: neighbours the ledger also lists.
        created = begin + timedelta(seconds=draw(st.integers(-3 * 3600, 27 * 3600)))
        kind = draw(st.sampled_from(["qr", "twice", "cash", "canceled", "open"]))
        amount = draw(st.sampled_from([site.max_amount, site.quantum, Decimal(1000)]))
        ids: tuple[int, ...] = ()
        if kind in ("qr", "twice"):
            parts = [amount] if kind == "qr" else [amount, site.quantum]
            ids = tuple(range(next_id, next_id + len(parts)))
            next_id += len(parts)
            for pid, part in zip(ids, parts, strict=True):
                # Paid up to two hours later: past midnight, within the search's margin.
                paid = created + timedelta(seconds=draw(st.integers(0, 7200)))
                status = draw(st.sampled_from(["approved", "refunded"]))
                at = somewhere(paid, draw(st.integers(0, 99)))
                payments.append(MpPayment(pid, status, f"R{n}", part, at))
            amount = sum(parts, Decimal(0))
        status = {
            "qr": SaleStatus.PAID,
            "twice": SaleStatus.PAID,
            "cash": SaleStatus.PAID,
            "canceled": SaleStatus.CANCELED,
            "open": SaleStatus.PENDING,
        }[kind]
        sales.append(
            SaleSnapshot(
                id=n,
                external_reference=f"R{n}",
                box_external_id="CAJA01",
                site_id=site.site_id,
                currency=site.currency,
                status=status,
                total=amount,
                created_at=created,
                updated_at=created,
                expires_at=None,
                payment_ids=ids,
                paid_amount=amount if status is SaleStatus.PAID else Decimal(0),
                tender=Tender.CASH if kind == "cash" else Tender.QR if ids else None,
            )
        )
    # Payments that are no sale's business: rejected, pending, in another box's day.
    payments.append(MpPayment(1, "rejected", "X", Decimal(5), begin + timedelta(hours=1)))
    # Pages overlap: a payment may come twice; any order.
    payments += draw(st.lists(st.sampled_from(payments), max_size=3))
    random.Random(draw(st.integers(0, 999))).shuffle(payments)
    return begin, end, sales, payments


@FAST
@given(days(), st.integers(0, 99), st.sampled_from(["approved", "refunded"]))
def test_a_day_that_agrees_matches_and_each_difference_is_found(world, pick, foreign_status):
    begin, end, sales, payments = world
    result = reconcile_day(begin=begin, end=end, payments=payments, sales=sales)
    assert result.all_match, result
    known = {pid for s in sales for pid in s.payment_ids}
    assert result.matched == len(known)  # each payment once, refunded ones too

    # A payment made behind the app's back, inside the day (written in any offset), is missing;
    # one fully refunded left no money and is not.
    at = somewhere(begin + (end - begin) * (pick / 100), pick)
    stranger = MpPayment(77, foreign_status, "OTHER", Decimal(10), at)
    result = reconcile_day(begin=begin, end=end, payments=[*payments, stranger], sales=sales)
    expected = [stranger] if foreign_status == "approved" else []
    assert list(result.missing_in_ledger) == expected
    assert not result.not_at_mercadopago and not result.amount_differences

    # Mercado Pago lost every payment of one QR sale of the day: that sale, and only it.
    ours = [s for s in sales if s.payment_ids and begin <= s.created_at < end]
    if ours:
        lost = ours[pick % len(ours)]
        kept = [p for p in payments if p.id not in lost.payment_ids]
        result = reconcile_day(begin=begin, end=end, payments=kept, sales=sales)
        assert [s.external_reference for s in result.not_at_mercadopago] == [
            lost.external_reference
        ]
        assert not result.missing_in_ledger and not result.amount_differences


def test_a_refunded_payment_matches_its_sale_and_a_repeated_one_counts_once():
    begin = datetime(2026, 12, 1, 3, tzinfo=UTC)
    sale = SaleSnapshot(
        id=1,
        external_reference="R1",
        box_external_id="CAJA01",
        site_id="MLA",
        currency="ARS",
        status=SaleStatus.PAID,
        total=Decimal(1500),
        created_at=begin + timedelta(hours=5),
        updated_at=begin + timedelta(hours=5),
        expires_at=None,
        payment_ids=(55,),
        paid_amount=Decimal(1500),
        tender=Tender.QR,
    )
    payment = MpPayment(55, "refunded", "R1", Decimal(1500), begin + timedelta(hours=5))
    end = begin + timedelta(days=1)
    # It was "not at Mercado Pago" once refunded in full.
    assert reconcile_day(begin=begin, end=end, payments=[payment], sales=[sale]).all_match
    again = reconcile_day(begin=begin, end=end, payments=[payment, payment], sales=[sale])
    assert again.all_match and again.matched == 1  # it was an amount difference of 3000


def _found(created: str, approved: str = "") -> FoundPayment:
    return FoundPayment(7, "approved", "R", Decimal(1), created, approved, 0, 0, None)


def test_a_payment_date_without_offset_or_unreadable():
    bogota = site_zone("MCO")
    # No offset: read in the site's zone (comparing it with the day's bounds raised TypeError).
    moment = payment_of(_found("2026-12-01T23:30:00"), bogota).created_at
    assert moment == datetime(2026, 12, 2, 4, 30, tzinfo=UTC)
    assert payment_of(_found("2026-12-01T23:30:00Z")).created_at.utcoffset() == timedelta(0)
    # No date_created: its approval's (it was a ValueError and a traceback).
    assert payment_of(_found("", "2026-12-01T10:00:00-05:00"), bogota).created_at.hour == 10
    with pytest.raises(UnexpectedResponseError, match="payment 7"):
        payment_of(_found("garbage", ""), bogota)


moments = st.integers(-7200, 26 * 3600)
facts = st.lists(
    st.tuples(
        st.sampled_from([SaleStatus.PAID, SaleStatus.CANCELED, SaleStatus.EXPIRED]),
        st.sampled_from([Tender.QR, Tender.CASH]),
        st.sampled_from(["1", "0.01", "5000000000"]),
        moments,
        st.integers(0, 99),
        st.integers(0, 20 * 3600),  # a cash sale's cash taken this long before it last ended
    ),
    max_size=20,
)


@FAST
@given(facts, st.lists(st.tuples(moments, st.integers(0, 99)), max_size=5), st.integers(0, 86400))
def test_a_day_split_at_any_instant_adds_up_in_any_zone(sales, refunds, split):
    site = site_for("MCO")
    start = datetime(2026, 12, 1, 5, tzinfo=UTC)
    end = start + timedelta(days=1)
    middle = somewhere(start + timedelta(seconds=split), split)
    sale_facts = [
        SaleFact(
            f"R{n}",
            status,
            tender,
            Decimal(amount),
            Decimal(amount) if status is SaleStatus.PAID else Decimal(0),
            somewhere(start + timedelta(seconds=at), pick),
            # Paid by QR after it ended in cash (perhaps in the period before): each payment
            # counts in its own period, the sale once.
            cash_at=start + timedelta(seconds=at - earlier) if status is SaleStatus.PAID else None,
        )
        for n, (status, tender, amount, at, pick, earlier) in enumerate(sales)
    ]
    refund_facts = [
        RefundFact(Decimal(1), somewhere(start + timedelta(seconds=at), pick), Tender.CASH)
        for at, pick in refunds
    ]

    def close(a: datetime, b: datetime):  # type: ignore[no-untyped-def]
        return compute_close(
            number=1, site=site, opened_at=a, closed_at=b, sales=sale_facts, refunds=refund_facts
        )

    whole, first, second = close(start, end), close(start, middle), close(middle, end)
    for name in ("gross", "refunds_total", "net", "expected_cash"):
        assert getattr(whole, name) == getattr(first, name) + getattr(second, name), name
    for name in ("sales_count", "canceled_count", "expired_count", "refunds_count"):
        assert getattr(whole, name) == getattr(first, name) + getattr(second, name), name
    for tender in whole.totals:
        assert whole.totals[tender] == first.totals[tender] + second.totals[tender], tender


@pytest.mark.parametrize("site_id", ["MLA", "MLC"])  # two decimals; integers
def test_ten_thousand_sales_at_the_ceiling_add_up_exactly(site_id):
    site = site_for(site_id)
    start = datetime(2026, 12, 1, 5, tzinfo=UTC)
    top = site.max_amount - site.quantum  # every digit used: 999999999.99, 4999999999
    sales = [
        SaleFact(f"R{n}", SaleStatus.PAID, Tender.QR, top, top, start + timedelta(seconds=n))
        for n in range(10_000)
    ]
    report = compute_close(
        number=1,
        site=site,
        opened_at=start,
        closed_at=start + timedelta(days=1),
        sales=sales,
        refunds=[RefundFact(site.quantum, start, Tender.QR)],
        counted_cash=Decimal(0),
    )
    assert report.gross == top * 10_000 and report.net == top * 10_000 - site.quantum
    assert report_from_json(report_to_json(report, site)) == report


def test_an_empty_day_closes_to_zero_and_matches():
    site = site_for("MLA")
    start = datetime(2026, 12, 1, 3, tzinfo=UTC)
    report = compute_close(
        number=1, site=site, opened_at=start, closed_at=start + timedelta(days=1), sales=()
    )
    assert report.net == 0 and report.sales_count == 0 and report.expected_cash == 0
    assert reconcile_day(begin=start, end=start, payments=(), sales=()).all_match


def test_a_sale_refunded_in_part_then_in_full_still_matches_mercado_pago(
    configured: ThreadSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    ref = _charge(capsys, "Yerba:1:1500")
    configured.control("POST", "/_sandbox/boxes/CAJA01/pay", {"outcome": "approved"})
    assert cli_json(capsys, "status", ref, "--json")[1]["status"] == "paid"
    assert cli_json(capsys, "refund", ref, "--amount", "500", "--json")[0] == 0
    code, result = cli_json(capsys, "reconcile", "--json")
    assert code == 0 and result["matched"] == 1
    assert cli_json(capsys, "refund", ref, "--json")[0] == 0
    assert [p.status for p in configured.state.payments.values()] == ["refunded"]
    # Refunded in full, Mercado Pago lists it "refunded": it was "not at Mercado Pago" (exit 3).
    code, result = cli_json(capsys, "reconcile", "--json")
    assert code == 0 and result["all_match"] and result["matched"] == 1
    code, report = cli_json(capsys, "close", "--json")
    assert code == 0 and Decimal(report["net"]) == 0
