"""A sale paid by a payment the books already count on a sale of its own (``MP-<id>``,
recorded from Mercado Pago's list while the sale could not take it) keeps no payment and a
paid amount of 0: nothing of it is refundable by QR (``qr_paid`` took the 0 for "unknown" and
offered its whole total). The CLI path: tests/hostile/test_damaged_waiting_sale.py."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from pos_app.domain.records import amount_paid, counted_elsewhere, qr_paid
from pos_app.domain.sale import SaleStatus
from tests.receipts.test_discounts import discounted_sale


def test_a_payment_counted_on_another_sale_is_not_this_ones_to_refund() -> None:
    paid = replace(discounted_sale(), merchant_order_ids=(7001,))  # 9,100.00, one payment
    assert qr_paid(paid) == Decimal("9100.00") and not counted_elsewhere(paid)
    elsewhere = replace(paid, payment_ids=(), paid_amount=Decimal(0))
    assert counted_elsewhere(elsewhere)
    assert qr_paid(elsewhere) == 0 and amount_paid(elsewhere) == 0
    # Neither payment nor amount recorded, and no order either (a test's, an older ledger's):
    # paid its total, as before.
    unknown = replace(elsewhere, merchant_order_ids=())
    assert qr_paid(unknown) == Decimal("9100.00") and not counted_elsewhere(unknown)
    # The Orders API keeps its payments apart: one of them, its own.
    orders = replace(elsewhere, api="orders", order_payment_ids=("PAY01",))
    assert not counted_elsewhere(orders) and qr_paid(orders) == Decimal("9100.00")
    assert not counted_elsewhere(replace(elsewhere, status=SaleStatus.CANCELED))


def test_the_history_s_row_of_such_a_sale_reads_as_the_sale() -> None:
    """The sales history's rows (:mod:`pos_app.domain.sale_rows`) carry no payment ids: the
    row says whether the payment is counted elsewhere, and what it paid is the sale's."""
    from pos_app.domain import sale_rows as rows_

    paid = replace(discounted_sale(), merchant_order_ids=(7001,))
    elsewhere = replace(paid, payment_ids=(), paid_amount=Decimal(0))
    unknown = replace(elsewhere, merchant_order_ids=())
    orders = replace(elsewhere, api="orders", order_payment_ids=("PAY01",))
    canceled = replace(elsewhere, status=SaleStatus.CANCELED)
    for sale in (paid, elsewhere, unknown, orders, canceled):
        row = rows_.sale_row(sale)
        assert rows_.is_counted_elsewhere(row) == counted_elsewhere(sale)
        assert rows_.qr_paid(row) == qr_paid(sale)
        assert rows_.amount_paid(row) == amount_paid(sale)
