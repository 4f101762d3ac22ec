"""Every write the engine makes: the ledger first, then the event that tells the world.

A status change is committed to the ledger (with its history line) before anyone hears of it,
and never goes backwards unless the truth demands it (a payment found after the sale was shown
canceled). The connection state (online, the last problem) is published from here too.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import Any

from pos_app.checkout.events import ConnectionChanged, EventBus, SaleChanged, SaleSetAside
from pos_app.checkout.options import CheckoutSettings
from pos_app.domain.cart import Cart
from pos_app.domain.history import Cause, HistoryKind
from pos_app.domain.history_words import stored_message
from pos_app.domain.records import SaleSnapshot
from pos_app.domain.sale import SaleStatus, Tender, can_transition
from pos_app.domain.validation import MAX_ORDER_TITLE, clean_text
from pos_app.i18n import Message
from pos_app.ledger.amounts import UnreadableSale
from pos_app.ledger.store import Ledger
from pos_app.mercadopago.verdict import Verdict

log = logging.getLogger(__name__)


def new_key() -> str:
    """An X-Idempotency-Key: made once per write, stored before the write is sent."""
    return uuid.uuid4().hex


def flags(verdict: Verdict) -> dict[str, Any]:
    """What a look that found no payment leaves on a sale (and clears its trouble)."""
    return {
        "merchant_order_ids": verdict.merchant_order_ids,
        "last_attempt_rejected": verdict.last_attempt_rejected,
        "partially_paid": verdict.partially_paid,
        "trouble": "",
        "trouble_since": None,
    }


class Recorder:
    def __init__(self, ledger: Ledger, bus: EventBus, clock: Callable[[], datetime]) -> None:
        self.ledger = ledger
        self.bus = bus
        self.clock = clock
        self.online: bool | None = None
        self.problem: Message | None = None  # why Mercado Pago was unreachable, while it is
        # Waiting sales this run could not read (:meth:`set_aside`), by reference.
        self.unreadable: dict[str, UnreadableSale] = {}

    def set_aside(self, sale: UnreadableSale) -> None:
        """A sale whose amounts cannot be read, left out of what the engine follows: nothing
        is written (the ledger stays as support will find it). One waiting for payment is
        logged and told once per run; any other (an ended sale the start-up would watch for a
        late payment) is only logged: it keeps no box busy."""
        if sale.reference in self.unreadable:
            return
        if not sale.waiting:
            log.info("sale %s not watched: %s", sale.reference, sale.problem)
            return
        self.unreadable[sale.reference] = sale
        log.info("sale %s set aside: %s", sale.reference, sale.problem)  # told once, not twice
        self.bus.publish(SaleSetAside(sale.reference, sale.problem.msg))

    def create(self, s: CheckoutSettings, cart: Cart, *, api: str) -> SaleSnapshot:
        """Write a new sale for the configured box (``creating``), its keys with it."""
        now = self.clock()
        sale = self.ledger.create_sale(
            user_id=s.user_id,
            store_external_id=s.store_external_id,
            box_external_id=s.box_external_id,
            site=s.site,
            title=clean_text(s.order_title)[:MAX_ORDER_TITLE].rstrip() or s.box_external_id,
            lines=cart.lines,
            total=cart.total(),
            iva_total=cart.iva_total() if s.site.reports_iva else None,
            now=now,
            expires_at=now + s.ttl,
            sale_discount=cart.sale_discount,
            api=api,
            qr_mode=s.qr_mode if api == "orders" else "",
            create_key=new_key(),
            cancel_key=new_key(),
        )
        self.publish(sale, None, Cause.CHARGE)
        return sale

    def cancel_requested(self, sale: SaleSnapshot, *, cash: bool) -> SaleSnapshot:
        """The cashier's cancel, on disk (with its key) before the box is touched."""
        changes: dict[str, Any] = {"cancel_requested": True}
        if not sale.cancel_key:
            changes["cancel_key"] = new_key()
        if cash:
            changes["tender"] = Tender.CASH
        kind, detail = HistoryKind.CANCEL_REQUESTED, "cash" if cash else ""
        return self.update(sale, changes, kind=kind, cause=Cause.CANCEL, detail=detail)

    def update(
        self,
        sale: SaleSnapshot,
        changes: dict[str, Any],
        *,
        kind: HistoryKind,
        cause: Cause,
        detail: str = "",
    ) -> SaleSnapshot:
        return self.ledger.update_sale(
            sale.external_reference,
            changes,
            now=self.clock(),
            kind=kind,
            cause=cause,
            detail=detail,
        )

    def note(self, sale: SaleSnapshot, kind: HistoryKind, cause: Cause, detail: str = "") -> None:
        """A history line without a change to the sale (the box was cleared)."""
        self.ledger.record_event(
            sale.external_reference, now=self.clock(), kind=kind, cause=cause, detail=detail
        )

    def changed(
        self,
        sale: SaleSnapshot,
        changes: dict[str, Any],
        *,
        kind: HistoryKind,
        cause: Cause,
        detail: str = "",
    ) -> SaleSnapshot:
        """Write ``changes`` (status unchanged) and tell everyone."""
        updated = self.update(sale, changes, kind=kind, cause=cause, detail=detail)
        self.publish(updated, sale.status, cause)
        return updated

    def transition(
        self,
        sale: SaleSnapshot,
        new: SaleStatus,
        cause: Cause,
        changes: dict[str, Any],
        *,
        detail: str = "",
        force: bool = False,
    ) -> SaleSnapshot:
        """Commit a status change, then tell everyone. Refuses to move backwards."""
        if sale.status is new:
            if not changes:
                return sale
            return self.changed(sale, changes, kind=HistoryKind.CHECKED, cause=cause)
        if not force and not can_transition(sale.status, new):
            log.error(
                "refused transition %s -> %s for %s", sale.status, new, sale.external_reference
            )
            return sale
        updated = self.ledger.update_sale(
            sale.external_reference,
            {**changes, "status": new},
            now=self.clock(),
            kind=HistoryKind.STATUS,
            cause=cause,
            detail=detail,
            old_status=sale.status,
            new_status=new,
        )
        log.info("sale %s: %s -> %s (%s)", sale.external_reference, sale.status, new, cause)
        self.publish(updated, sale.status, cause)
        return updated

    def paid(self, sale: SaleSnapshot, verdict: Verdict, cause: Cause) -> SaleSnapshot:
        changes: dict[str, Any] = {
            "merchant_order_ids": verdict.merchant_order_ids,
            "payment_ids": verdict.approved_payment_ids,
            "order_payment_ids": verdict.payment_refs,
            "paid_amount": verdict.paid_amount,
            "last_attempt_rejected": False,
            "partially_paid": None,
            "trouble": "",
            "trouble_since": None,
        }
        detail = f"merchant orders {list(verdict.merchant_order_ids)}"
        if verdict.paid_orders > 1:
            detail += f"; PAID {verdict.paid_orders} TIMES: refund the extra payments"
        detail += self._counted_once(sale, verdict, changes)
        if sale.is_open:
            if sale.tender is Tender.CASH:
                # A cash cancel overtaken by the payment: the window said "Canceling… making
                # sure nobody paid it" and never "Take {amount} in cash", so no cash was taken
                # (a cashier who took it early gives it back: nothing to record either way).
                # Recording the cash would make the close expect it in the drawer.
                detail += "; paid while the cash cancel was under way: no cash taken"
            changes["tender"] = Tender.QR
            return self.transition(sale, SaleStatus.PAID, cause, changes, detail=detail)
        # Canceled or expired, and yet Mercado Pago has a closed, approved order: the customer
        # did pay. The truth wins over what we showed; the cashier must be told loudly.
        changes["late_payment"] = True
        if sale.tender is Tender.CASH and sale.status is SaleStatus.CANCELED:
            # Taken in cash when it ended ("Customer pays cash"), perhaps counted by a close
            # since: both payments are facts. The cash stays the sale's (the close that
            # counted it keeps it; it goes back as a cash refund), the QR payment counts now.
            detail += "; also recorded as cash: refund one"
        else:
            changes["tender"] = Tender.QR
        return self.transition(
            sale,
            SaleStatus.PAID,
            cause,
            changes,
            detail=detail + "; after it was closed here",
            force=True,
        )

    def _counted_once(self, sale: SaleSnapshot, verdict: Verdict, changes: dict[str, Any]) -> str:
        """A payment the books already hold as a sale of its own (recorded from Mercado Pago's
        list while this sale could not take it: set aside unreadable, or partly paid then) is
        counted there, not here again: it leaves this sale's payments and amount paid. Returns
        what the history line adds."""
        booked = self.ledger.adopted_payments(
            [p for p in verdict.approved_payment_ids if p not in sale.payment_ids]
        )
        if not booked:
            return ""
        changes["payment_ids"] = tuple(p for p in verdict.approved_payment_ids if p not in booked)
        elsewhere = sum((amount for _, amount in booked.values()), Decimal(0))
        changes["paid_amount"] = max(Decimal(0), verdict.paid_amount - elsewhere)
        # One part per payment, in the form the history's words know (domain.history_words).
        parts = [
            f"payment {p} already in the books as sale {ref}: counted there, not twice"
            for p, (ref, _) in sorted(booked.items())
        ]
        log.warning("sale %s paid; %s", sale.external_reference, "; ".join(parts))
        return "".join(f"; {part}" for part in parts)

    def looked(self, sale: SaleSnapshot, verdict: Verdict, cause: Cause) -> SaleSnapshot:
        """A look found no payment: record what changed (rejected, partly paid, trouble over)."""
        changes = flags(verdict)
        if changes == {name: getattr(sale, name) for name in changes}:
            return sale  # nothing new: no history line, no event
        if verdict.last_attempt_rejected and not sale.last_attempt_rejected:
            kind = HistoryKind.REJECTED
        elif verdict.partially_paid != sale.partially_paid:
            kind = HistoryKind.PARTIALLY_PAID
        else:
            kind = HistoryKind.CHECKED
        return self.changed(sale, changes, kind=kind, cause=cause)

    def trouble(self, sale: SaleSnapshot, cause: Cause, problem: Message) -> SaleSnapshot:
        """Mercado Pago did not answer (``NETWORK``) or refused the credentials (``AUTH``)."""
        self.set_online(False, problem, auth=cause is Cause.AUTH)
        if sale.trouble == cause:
            return sale
        changes: dict[str, Any] = {"trouble": cause.value}
        if sale.trouble_since is None:
            changes["trouble_since"] = self.clock()
        updated = self.update(
            sale, changes, kind=HistoryKind.TROUBLE, cause=cause, detail=stored_message(problem)
        )
        self.publish(updated, sale.status, Cause.TROUBLE)
        return updated

    def publish(self, sale: SaleSnapshot, previous: SaleStatus | None, cause: Cause) -> None:
        self.bus.publish(SaleChanged(sale, previous, cause))

    def set_online(
        self, online: bool, problem: Message | None = None, *, auth: bool = False
    ) -> None:
        if online:
            self.problem = None  # Mercado Pago answers again: the old reason no longer holds
        elif problem is not None:
            self.problem = problem
        if self.online is online and online:
            return
        self.online = online
        self.bus.publish(ConnectionChanged(online, self.clock(), problem, auth_problem=auth))
