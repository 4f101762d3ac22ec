"""What Mercado Pago's merchant orders say about one sale. Pure: no I/O, no clock.

Each scan of the box's QR creates a new merchant order for the same external reference, so a
sale is judged on all of them: paid when *any* is ``closed`` with approved payments covering the
sale's total. A rejected card leaves its merchant order ``opened``: the customer may try again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from pos_app.mercadopago.models import MerchantOrder


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

    @property
    def seen_by_customer(self) -> bool:
        return bool(self.merchant_order_ids)


def evaluate(orders: Iterable[MerchantOrder], reference: str, total: Decimal) -> Verdict:
    mine = sorted(
        {mo.id: mo for mo in orders if mo.external_reference == reference}.values(),
        key=lambda mo: mo.id,
    )
    paid_orders = [mo for mo in mine if mo.is_paid and mo.approved_amount >= total]
    approved_ids = tuple(p.id for mo in mine for p in mo.payments if p.approved)
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
        paid_amount=sum((mo.approved_amount for mo in paid_orders), Decimal(0)),
        merchant_order_ids=tuple(mo.id for mo in mine),
        approved_payment_ids=approved_ids,
        last_attempt_rejected=rejected,
        partially_paid=partial,
        paid_orders=len(paid_orders),
        all_expired=bool(mine) and all(mo.status == "expired" for mo in mine),
    )
