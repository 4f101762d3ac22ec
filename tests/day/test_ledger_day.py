"""The day book in the ledger: refunds read from a refunds table, adopted payments, periods."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from pos_app.domain.cart import CartLine
from pos_app.domain.day import MovementKind
from pos_app.domain.money import site_for
from pos_app.domain.sale import SaleStatus, Tender
from pos_app.ledger.day import PeriodClosedError
from pos_app.ledger.refunds import RefundStatus
from pos_app.ledger.store import Ledger

ARS = site_for("MLA")
# After the day book started (the local midnight of the day the ledger was made).
T0 = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=1)


def _paid_sale(ledger: Ledger, total: str, at: datetime) -> str:
    sale = ledger.create_sale(
        user_id=1,
        store_external_id="SUC001",
        box_external_id="CAJA01",
        site=ARS,
        title="t",
        lines=[CartLine(sku="", title="Yerba", unit_price=Decimal(total), quantity=1)],
        total=Decimal(total),
        iva_total=None,
        now=at,
        expires_at=at + timedelta(minutes=10),
    )
    ledger.update_sale(
        sale.external_reference,
        {"status": SaleStatus.PAID, "paid_amount": Decimal(total), "tender": Tender.QR},
        now=at,
        kind="status",
        cause="poll",
        old_status=SaleStatus.CREATING,
        new_status=SaleStatus.PAID,
    )
    return sale.external_reference


def test_refunds_come_from_a_refunds_table_and_belong_to_the_day_they_are_made(
    ledger: Ledger,
) -> None:
    ref = _paid_sale(ledger, "1000", T0)
    first = ledger.day.close(ARS, now=T0 + timedelta(hours=1))
    assert first.refunds_total == 0 and first.net == Decimal("1000.00")
    # Rows of the refunds table (pos_app.ledger.refunds): only confirmed ones moved money.
    sale_id = ledger.get_sale(ref).id  # type: ignore[union-attr]
    for key, amount, status, minutes in (
        ("k1", "300", "refunded", 10),
        ("k2", "50", "refused", 20),
        ("k3", "20", "pending", 30),
    ):
        at = (T0 + timedelta(hours=2, minutes=minutes)).isoformat()
        ledger._conn.execute(
            "INSERT INTO refunds (sale_id, idempotency_key, amount, tender, status, created_at, "
            "updated_at) VALUES (?,?,?,?,?,?,?)",
            (sale_id, key, amount, "mercadopago_qr", status, at, at),
        )
    second = ledger.day.close(ARS, now=T0 + timedelta(hours=3))
    assert second.sales_count == 0
    assert second.refunds_total == Decimal("300.00") and second.refunds_count == 1
    assert second.net == Decimal("-300.00")
    assert [r.amount for r in ledger.day.refunds_of(ref)] == [Decimal(300)]
    # The first day never changed.
    assert ledger.day.closes()[0] == first


def test_an_adopted_payment_is_a_paid_sale_that_is_never_open(ledger: Ledger) -> None:
    ref = ledger.day.adopt_payment(
        payment_id=99,
        merchant_order_id=7,
        external_reference="OTRO-1",
        amount=Decimal("777"),
        site=ARS,
        user_id=1,
        store_external_id="SUC001",
        box_external_id="CAJA01",
        paid_at=T0,
        now=T0,
    )
    sale = ledger.get_sale(ref)
    assert sale is not None and sale.status is SaleStatus.PAID and sale.payment_ids == (99,)
    assert ledger.open_sales() == []
    # Same reference again (another payment of the same order): its own sale, MP-<id>.
    again = ledger.day.adopt_payment(
        payment_id=100,
        merchant_order_id=7,
        external_reference="OTRO-1",
        amount=Decimal("1"),
        site=ARS,
        user_id=1,
        store_external_id="SUC001",
        box_external_id="CAJA01",
        paid_at=T0,
        now=T0,
    )
    assert again == "MP-100"
    assert ledger.day.close(ARS, now=T0 + timedelta(seconds=1)).sales_count == 2


def test_nothing_is_written_into_a_closed_period(ledger: Ledger) -> None:
    ledger.day.open_shift("Ana", Decimal(100), now=T0)
    ledger.day.close(ARS, now=T0 + timedelta(hours=1))
    with pytest.raises(PeriodClosedError):
        ledger.day.add_movement(MovementKind.OUT, Decimal(5), "x", now=T0 + timedelta(minutes=5))
    with pytest.raises(PeriodClosedError):
        ledger.day.open_shift("Bea", Decimal(1), now=T0)
    # A sale settled just after the close belongs to the next period.
    _paid_sale(ledger, "10", T0 + timedelta(hours=1))
    report = ledger.day.close(ARS, now=T0 + timedelta(hours=2))
    assert report.number == 2 and report.sales_count == 1 and report.starting_float == 0


def test_close_numbers_are_never_reused(ledger: Ledger) -> None:
    ledger.day.close(ARS, now=T0)
    ledger.day.close(ARS, now=T0 + timedelta(seconds=1))
    with pytest.raises(Exception, match="never changes"):
        ledger._conn.execute("DELETE FROM closes WHERE number = 2")
    assert ledger.day.close(ARS, now=T0 + timedelta(seconds=2)).number == 3


def test_the_first_close_leaves_out_the_history_before_the_day_book(tmp_path: Path) -> None:
    # A shop with months of sales gets the new version: its first close is about today.
    led = Ledger(tmp_path / "old.sqlite3")
    try:
        _paid_sale(led, "999", T0 - timedelta(days=90))
        _paid_sale(led, "10", T0)
        report = led.day.close(ARS, now=T0 + timedelta(minutes=1))
        assert report.sales_count == 1 and report.net == Decimal("10.00")
        assert report.opened_at <= datetime.now(UTC)
        assert report.opened_at > T0 - timedelta(days=2)
    finally:
        led.close()


def test_a_clock_set_back_past_the_last_close_never_hides_a_fact(ledger: Ledger) -> None:
    """The till closed at 20:00, then its clock was put back an hour: a sale paid and a refund
    confirmed at "19:10" still land in the next close, dated at the close's own moment (the
    first instant of the open period). What a cashier types is refused with "check the clock"."""
    from pos_app.ledger.refunds import RefundStore

    first_ref = _paid_sale(ledger, "1000", T0)
    closed_at = T0 + timedelta(hours=2)
    first = ledger.day.close(ARS, now=closed_at)
    assert first.net == Decimal("1000.00")
    back = closed_at - timedelta(minutes=50)  # the clock, set back
    ref = _paid_sale(ledger, "700", back)
    with pytest.raises(PeriodClosedError, match="clock"):
        ledger.day.add_movement(MovementKind.IN, Decimal("50"), "change", now=back)
    refunds = RefundStore(ledger)
    pending = refunds.add(
        first_ref,
        key="k-back",
        amount=Decimal("200"),
        tender=Tender.QR,
        payment_id=None,
        now=back,
        limit=Decimal("1000"),
    )
    refunds.settle(pending.id, RefundStatus.REFUNDED, now=back, mp_refund_id="R1")
    second = ledger.day.close(ARS, now=back + timedelta(minutes=5))
    assert second.sales_count == 1 and second.totals[Tender.QR.value] == Decimal("700.00")
    assert second.refunds_total == Decimal("200.00")
    assert second.opened_at == closed_at
    events = ledger.sale_events(ref)
    assert min(e.at for e in events) >= closed_at  # dated at the close, never before it
    assert ledger.day.closes()[0] == first  # the frozen day never changes


def test_a_refund_pending_across_a_close_counts_when_it_is_confirmed(ledger: Ledger) -> None:
    """Money leaves when Mercado Pago confirms the refund: one sent at 19:59 and confirmed
    after the 20:00 close belongs to the next period (it was in neither before)."""
    from pos_app.ledger.refunds import RefundStore

    ref = _paid_sale(ledger, "1000", T0)
    refunds = RefundStore(ledger)
    pending = refunds.add(
        ref,
        key="k-late",
        amount=Decimal("300"),
        tender=Tender.QR,
        payment_id=None,
        now=T0 + timedelta(minutes=59),
        limit=Decimal("1000"),
    )
    first = ledger.day.close(ARS, now=T0 + timedelta(hours=1))
    assert first.refunds_total == 0  # pending: no money had moved yet
    refunds.settle(
        pending.id, RefundStatus.REFUNDED, now=T0 + timedelta(hours=1, minutes=2), mp_refund_id="R"
    )
    second = ledger.day.close(ARS, now=T0 + timedelta(hours=2))
    assert second.refunds_total == Decimal("300.00") and second.refunds_count == 1
