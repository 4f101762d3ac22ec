"""The assertion every refund fault scenario ends with: the ledger's refunds agree with
Mercado Pago's (the sandbox's own payments), nothing refunded twice, nothing beyond what was
paid, nothing left unconfirmed once the faults are over."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from pos_app.ledger.refunds import RefundStatus, RefundStore
from pos_app.ledger.store import Ledger
from pos_app.sandbox.state import SandboxState


def check_refunds(ledger: Ledger, state: SandboxState, refs: Iterable[str]) -> Decimal:
    """Returns the total refunded over ``refs``."""
    store = RefundStore(ledger)
    total = Decimal(0)
    for ref in refs:
        sale = ledger.get_sale(ref)
        assert sale is not None
        rows = store.for_sale(ref)
        assert not [r for r in rows if r.status is RefundStatus.PENDING], rows
        made = {
            str(refund.id): refund.amount
            for pid in sale.payment_ids
            for refund in state.payments[pid].refunds
        }
        recorded = [r for r in rows if r.status is RefundStatus.REFUNDED and r.payment_id]
        ids = [r.mp_refund_id for r in recorded]
        assert len(ids) == len(set(ids)), f"{ref}: a refund recorded twice"
        # Every refund Mercado Pago made is in the ledger once, with its amount, and no more.
        assert {r.mp_refund_id: r.amount for r in recorded} == made, (rows, made)
        refunded = sum(made.values(), Decimal(0))
        assert refunded <= sale.paid_amount, f"{ref}: refunded beyond what was paid"
        paid_back = sum(
            (p.amount_refunded for pid in sale.payment_ids for p in [state.payments[pid]]),
            Decimal(0),
        )
        assert paid_back == refunded
        total += refunded
    return total
