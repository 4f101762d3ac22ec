"""What Mercado Pago says about one sale, for either API. Pure: no I/O, no clock.

Instore v2 (:func:`evaluate`):

Each scan of the box's QR creates a new merchant order for the same external reference, so a
sale is judged on all of them: paid when *any* is ``closed`` with approved payments covering the
sale's total. A rejected card leaves its merchant order ``opened``: the customer may try again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from pos_app.mercadopago.models import MerchantOrder, QrOrder, amount_sum


@dataclass(frozen=True)
class Verdict:
    paid: bool
    paid_amount: Decimal
    merchant_order_ids: tuple[int, ...]
    approved_payment_ids: tuple[int, ...]
    last_attempt_rejected: bool
    partially_paid: Decimal | None
    paid_orders: int  # more than one = the customer paid twice: someone must refund
    all_expired: bool  # every merchant order expired: Mercado Pago ended the order
    # The Orders API's order exists and is alive (no scan needed to know that).
    seen: bool = False
    # Whether the order can still be paid at the box, when the answer already says so
    # (None: ask the gateway, as instore v2 must).
    offered: bool | None = None
    payment_refs: tuple[str, ...] = ()  # the Orders API's ``PAY…`` ids of money received
    # The Orders API's order ended ``failed`` (its ``status_detail``, else "failed"): it can no
    # longer be paid, unlike a failed *payment* on a ``created`` order, which may be retried.
    order_failed: str = ""

    @property
    def seen_by_customer(self) -> bool:
        return self.seen or bool(self.merchant_order_ids)


def evaluate(orders: Iterable[MerchantOrder], reference: str, total: Decimal) -> Verdict:
    mine = sorted(
        {mo.id: mo for mo in orders if mo.external_reference == reference}.values(),
        key=lambda mo: mo.id,
    )
    paid_orders = [mo for mo in mine if mo.is_paid and mo.approved_amount >= total]
    # Each approved payment once, even when an answer lists it twice (or in two orders).
    approved_ids = tuple(dict.fromkeys(p.id for mo in mine for p in mo.approved_payments))
    # Paid twice only by money of its own: a paid order whose payments another paid order
    # already holds is the same payment listed again (an alert saying "refund the extra
    # payment" would send money back that was received once), and counts once in the amount.
    received: dict[int, Decimal] = {}
    paid_times = 0
    for mo in paid_orders:
        ids = {p.id for p in mo.approved_payments}
        if not ids <= received.keys():
            paid_times += 1
        for payment in mo.approved_payments:
            received.setdefault(payment.id, payment.transaction_amount)
    open_orders = [mo for mo in mine if mo.status == "opened"]
    rejected = False
    partial: Decimal | None = None
    if not paid_orders and open_orders:
        latest = open_orders[-1]
        rejected = bool(latest.payments) and latest.payments[-1].status == "rejected"
        approved = max(mo.approved_amount for mo in open_orders)
        partial = approved if 0 < approved < total else None
    return Verdict(
        paid=bool(paid_orders),
        paid_amount=amount_sum(received.values()),
        merchant_order_ids=tuple(mo.id for mo in mine),
        approved_payment_ids=approved_ids,
        last_attempt_rejected=rejected,
        partially_paid=partial,
        paid_orders=paid_times,
        all_expired=bool(mine) and all(mo.status == "expired" for mo in mine),
    )


def evaluate_order(order: QrOrder | None, reference: str, total: Decimal) -> Verdict:
    """One Orders API order (None: not created, or its id is not known yet).

    Paid only when ``processed`` (or refunded since) with payments covering the total;
    ``expired`` and ``canceled`` end it; anything else (``created``, ``action_required``,
    ``failed``...) is never paid. A failed payment attempt on a ``created`` order is a
    rejection the customer may retry; an order itself ``failed`` is no longer on offer (only a
    ``created`` order can be paid, and the notes list ``failed`` for other products' orders,
    never as a state that comes back): ``order_failed`` says so, so the sale ends at once.
    """
    if order is None or order.external_reference != reference:
        return Verdict(
            paid=False,
            paid_amount=Decimal(0),
            merchant_order_ids=(),
            approved_payment_ids=(),
            last_attempt_rejected=False,
            partially_paid=None,
            paid_orders=0,
            all_expired=False,
            offered=False if order is None else None,
        )
    paid = order.is_paid and order.paid_amount >= total
    money = order.paid_amount
    failed = not paid and order.status == "failed"
    rejected = failed or (
        not paid and bool(order.payments) and order.payments[-1].status == "failed"
    )
    return Verdict(
        paid=paid,
        paid_amount=money if paid else Decimal(0),
        merchant_order_ids=(),
        approved_payment_ids=(),
        last_attempt_rejected=rejected,
        partially_paid=money if not paid and 0 < money < total else None,
        paid_orders=1 if paid else 0,
        all_expired=not paid and order.status in ("expired", "canceled"),
        seen=order.status not in ("expired", "canceled"),
        offered=order.status == "created",
        payment_refs=tuple(p.id for p in order.paid_payments),
        order_failed=(order.status_detail or "failed") if failed else "",
    )
